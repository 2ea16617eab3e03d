#!/usr/bin/env bash
# scripts/bench.sh [N] — the benchmark of `folio rewrite` (issue 3, item 5). Not a test.
#
# Builds folio (release) and examples/gen_site.rs, generates a synthetic Zola-like site of N
# pages (default 10000, ~30 KB each) in a temporary directory, and in the same run times, on that
# one filesystem:
#   - `cp -r` of the whole output tree (the yardstick: the same bytes read and written);
#   - `folio rewrite` on a fresh copy (first run: every page changes and is written);
#   - `folio rewrite` again over the rewritten tree (second run: nothing changes, read-only cost);
# with `--jobs 2` and with the default thread count, BENCH_REPS times each (default 5). It prints
# the median and the best wall time, the CPU time (user + system), HTML MB/s (bytes of the *.html
# files / wall time; MB = 10^6 bytes), the ratio rewrite / copy, and the peak RSS (GNU time's
# maximum resident set size). When zola is found ($ZOLA, else `zola` on PATH) it also times
# `zola build` of the demo site at the repository root against `zola build && folio rewrite`
# (output into the temporary directory) and prints the added percentage. It ends with a block to
# paste into the README.
#
# Wall times depend on what else the machine runs: the load average is printed before and after,
# and the best of the runs is the figure least disturbed by other work.
#
# Environment: BENCH_REPS (runs per figure, default 5), ZOLA_REPS (runs of each zola timing,
# default 15: they are short), BENCH_TMPDIR (where the temporary
# directory goes; default $TMPDIR, else /tmp), GEN_FLAGS (extra gen_site flags, e.g.
# --code-heavy), FOLIO (a folio binary to measure instead of building this checkout's, e.g. a
# patched build), ZOLA (the zola binary), KEEP=1 (keep the temporary directory).
# BENCH_TMPDIR=/dev/shm measures on tmpfs: CPU cost only, no disk and no filesystem allocator.
# shellcheck disable=SC2016 # single-quoted backquotes and $ are Markdown and sh -c scripts
set -euo pipefail
export LC_ALL=C

N=${1:-10000}
REPS=${BENCH_REPS:-5}
ZOLA_REPS=${ZOLA_REPS:-15}
GEN_FLAGS=${GEN_FLAGS:-}
case $N in '' | *[!0-9]* | 0) echo "usage: scripts/bench.sh [N]   (N: number of pages, default 10000)" >&2; exit 2 ;; esac
case $REPS in '' | *[!0-9]* | 0) echo "error: BENCH_REPS must be a positive number" >&2; exit 2 ;; esac
case $ZOLA_REPS in '' | *[!0-9]* | 0) echo "error: ZOLA_REPS must be a positive number" >&2; exit 2 ;; esac

die() { echo "error: $*" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Peak RSS and CPU time come from GNU time (Debian package `time`); bash's `time` cannot give RSS.
TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f '%M' -o /dev/null true 2>/dev/null; then
    die "cannot measure peak RSS: GNU time is missing at $TIME. Install it (Debian/Ubuntu: apt-get install time) and run again."
fi
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or later is needed (EPOCHREALTIME) to time runs"

target_dir=${CARGO_TARGET_DIR:-$root/target}
if [ -n "${FOLIO:-}" ]; then
    echo "== building gen_site (release); measuring FOLIO=$FOLIO"
    cargo build --quiet --release --example gen_site
else
    echo "== building folio and gen_site (release)"
    cargo build --quiet --release --bin folio --example gen_site
    FOLIO=$target_dir/release/folio
fi
GEN=$target_dir/release/examples/gen_site
if ! [ -x "$FOLIO" ] || ! [ -x "$GEN" ]; then die "binaries not found: $FOLIO, $GEN"; fi

work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/folio-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# Numbers. Lists are space-separated strings.
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { tr ' ' '\n' | grep . | sort -g | head -n 1; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n 1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
sum_sizes() { find "$1" -type f "${@:2}" -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Series of measurements, by name.
declare -A WALLS CPUS RSSES CHANGED

# measure SERIES CMD...: runs CMD under GNU time after a sync, appends its wall time (s), CPU
# time (user + system, s) and peak RSS (KB) to SERIES; CMD's output goes to $work/SERIES.out and
# .err. Sets WALL. Fails the script if CMD fails.
measure() {
    local series=$1
    shift
    sync
    local t0=$EPOCHREALTIME
    if ! "$TIME" -f '%M %U %S' -o "$work/$series.time" "$@" >"$work/$series.out" 2>"$work/$series.err"; then
        echo "error: command failed: $*" >&2
        tail -n 20 "$work/$series.err" >&2
        exit 1
    fi
    local t1=$EPOCHREALTIME
    local line rss
    line=$(tail -n 1 "$work/$series.time")
    rss=${line%% *}
    case $rss in '' | *[!0-9]*) die "could not measure the peak RSS of: $* (GNU time wrote: $(cat "$work/$series.time"))" ;; esac
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
    WALLS[$series]+=" $WALL"
    CPUS[$series]+=" $(echo "$line" | awk '{ printf "%.2f", $2 + $3 }')"
    RSSES[$series]+=" $rss"
}

echo "== generating $N pages $GEN_FLAGS into $work/site"
# shellcheck disable=SC2086 # GEN_FLAGS is a list of flags
"$GEN" "$work/site" "$N" $GEN_FLAGS
src=$work/site/public
html_bytes=$(sum_sizes "$src" -name '*.html')
html_files=$(find "$src" -type f -name '*.html' | wc -l)
all_bytes=$(sum_sizes "$src")
all_files=$(find "$src" -type f | wc -l)
fs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cores=$(nproc)
commit=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
if [ "$FOLIO" != "$target_dir/release/folio" ]; then commit="$FOLIO"; fi
load_before=$(load)
echo "site: $html_files HTML files, $(mb "$html_bytes") MB of HTML; $all_files files, $(mb "$all_bytes") MB in all"
echo "machine: ${cpu:-unknown CPU}, $cores cores, ${fs:-unknown} filesystem; folio $commit; $REPS runs per figure; load average $load_before"

echo "== cp -r of the tree"
for r in $(seq "$REPS"); do
    rm -rf "$work/copy"
    measure copy cp -r "$src" "$work/copy"
    printf '  run %d: %.3f s\n' "$r" "$WALL"
done
copy_med=$(echo "${WALLS[copy]}" | median)
copy_best=$(echo "${WALLS[copy]}" | best)

# changed_count FILE: the "K changed" number in folio's summary line.
changed_count() { sed -n 's/^folio: [0-9]* files, \([0-9]*\) changed.*/\1/p' "$1" | tail -n 1; }

run_rewrite() { # run_rewrite KEY [folio flags...]: series KEY-first and KEY-second
    local key=$1
    shift
    echo "== folio rewrite $* (series $key)"
    for r in $(seq "$REPS"); do
        rm -rf "$work/copy"
        cp -r "$src" "$work/copy"
        measure "$key-first" "$FOLIO" rewrite --site "$work/site" "$work/copy" "$@"
        local w1=$WALL c1 c2
        c1=$(changed_count "$work/$key-first.err")
        measure "$key-second" "$FOLIO" rewrite --site "$work/site" "$work/copy" "$@"
        c2=$(changed_count "$work/$key-second.err")
        printf '  run %d: first %.3f s (%s changed), second %.3f s (%s changed)\n' "$r" "$w1" "$c1" "$WALL" "$c2"
        CHANGED[$key-first]=$c1
        CHANGED[$key-second]=$c2
        if [ "$c2" != 0 ]; then echo "  WARNING: the second run changed $c2 files: the rewrite is not idempotent" >&2; fi
    done
    # What folio reported besides its summary line (warnings), once.
    grep -v '^folio: ' "$work/$key-first.err" | sort -u | head -n 5 | sed 's/^/  folio said: /' || true
}
run_rewrite j2 --jobs 2
run_rewrite default

# The zola build overhead on the demo site at the repository root.
zola_line=""
pct=""
zola=${ZOLA:-$(command -v zola || true)}
if [ -z "$zola" ] || ! [ -x "$zola" ]; then
    zola_line="zola not found: skipped the zola build overhead"
    echo "$zola_line"
else
    zver=$("$zola" --version 2>/dev/null || echo zola)
    echo "== zola build of the demo site vs zola build && folio rewrite ($zver)"
    zout=$work/zola-public
    # zola build into the temporary directory: nothing is written in the repository.
    zb=("$zola" --root "$root" build --output-dir "$zout" --force)
    if ! "${zb[@]}" >"$work/zola.log" 2>&1; then
        zola_line="zola build failed on the demo site: skipped the zola build overhead"
        echo "$zola_line"
        tail -n 8 "$work/zola.log" | sed 's/^/  zola said: /'
    else
        for r in $(seq "$ZOLA_REPS"); do
            measure zola sh -c '"$@" >/dev/null' sh "${zb[@]}"
            wa=$WALL
            measure zolafolio env F="$FOLIO" S="$root" O="$zout" \
                sh -c '"$@" >/dev/null && "$F" rewrite --site "$S" "$O"' sh "${zb[@]}"
            printf '  run %d: zola build %.3f s, zola build && folio rewrite %.3f s\n' "$r" "$wa" "$WALL"
        done
        za=$(echo "${WALLS[zola]}" | median)
        zf=$(echo "${WALLS[zolafolio]}" | median)
        zpages=$(find "$zout" -type f -name '*.html' | wc -l)
        pct=$(awk -v a="$za" -v b="$zf" 'BEGIN { printf "%.1f", (b - a) / a * 100 }')
        zola_line=$(printf '`zola build` of the demo site (%d HTML files, %s): %.3f s; `zola build && folio rewrite public`: %.3f s, +%s %% (medians of %d runs)' \
            "$zpages" "$zver" "$za" "$zf" "$pct" "$ZOLA_REPS")
        echo "$zola_line"
    fi
fi
load_after=$(load)

# row LABEL SERIES: one line of the results table.
row() {
    local label=$1 s=$2 med bst
    med=$(echo "${WALLS[$s]}" | median)
    bst=$(echo "${WALLS[$s]}" | best)
    printf '| %s | %s | %.2f s (%.2f s) | %s (%s) | %s× (%s×) | %s s | %s MB |\n' "$label" "${CHANGED[$s]:--}" \
        "$med" "$bst" "$(mbps "$html_bytes" "$med")" "$(mbps "$html_bytes" "$bst")" \
        "$(ratio "$med" "$copy_med")" "$(ratio "$bst" "$copy_best")" \
        "$(echo "${CPUS[$s]}" | median)" "$(awk -v k="$(echo "${RSSES[$s]}" | maxof)" 'BEGIN { printf "%.1f", k / 1024 }')"
}

# The targets of issue 3: on 2 cores at N = 10000, >= 300 MB/s, within 4x of the copy, <= 64 MB
# peak RSS; and at most 20 % added to `zola build`. Judged on --jobs 2, first run, medians.
verdict() { awk -v x="$1" -v op="$2" -v y="$3" 'BEGIN { ok = (op == ">=") ? x >= y : x <= y; print ok ? "met" : "MISSED" }'; }
j2_med=$(echo "${WALLS[j2-first]}" | median)
t_mbps=$(mbps "$html_bytes" "$j2_med")
t_ratio=$(ratio "$j2_med" "$copy_med")
t_rss=$(awk -v k="$(echo "${RSSES[j2-first]} ${RSSES[j2-second]}" | maxof)" 'BEGIN { printf "%.1f", k / 1024 }')
echo
echo "== targets (--jobs 2, first run, medians; load average $load_before before, $load_after after)"
echo "throughput: $t_mbps MB/s of HTML (target >= 300): $(verdict "$t_mbps" ">=" 300)"
echo "rewrite / cp -r: ${t_ratio}x (target <= 4): $(verdict "$t_ratio" "<=" 4)"
echo "peak RSS: $t_rss MB (target <= 64): $(verdict "$t_rss" "<=" 64)"
if [ -n "$pct" ]; then echo "zola build overhead: +$pct % (target <= 20): $(verdict "$pct" "<=" 20)"; fi

echo
echo "== README block"
echo "----8<----"
printf '`scripts/bench.sh %s`%s: %d pages from `examples/gen_site.rs`, %d HTML files, %s MB of HTML (%d files, %s MB in all); %s, %d cores, %s; folio %s; %d runs, load average %s before and %s after.\n' \
    "$N" "${GEN_FLAGS:+ with GEN_FLAGS=$GEN_FLAGS}" "$N" "$html_files" "$(mb "$html_bytes")" "$all_files" "$(mb "$all_bytes")" \
    "${cpu:-unknown CPU}" "$cores" "${fs:-unknown}" "$commit" "$REPS" "$load_before" "$load_after"
echo
echo '| run | files changed | wall time, median (best) | HTML MB/s, median (best) | time / `cp -r`, median (best) | CPU time (user + sys) | peak RSS |'
echo '|---|---|---|---|---|---|---|'
row '`cp -r` of the tree' copy
row '`folio rewrite --jobs 2`, first run' j2-first
row '`folio rewrite --jobs 2`, second run' j2-second
row "\`folio rewrite\` ($cores threads), first run" default-first
row "\`folio rewrite\` ($cores threads), second run" default-second
echo
echo "$zola_line."
echo "----8<----"
