#!/usr/bin/env bash
# scripts/bench.sh --real [N] — `folio rewrite` on real Zola output (run through scripts/bench.sh).
# Not a test.
#
# Sites, each replicated (copies side by side in one output tree) to about N HTML pages
# (default 10000):
#   - demo: the demo site at the repository root, built with zola when it is found ($ZOLA, else
#     `zola` on PATH), else its committed real-Zola output tests/fixtures/demo;
#   - zola-docs: Zola's own documentation site, when ZOLA_DOCS names its directory (the docs/
#     folder of Zola's source) and zola is found; built with zola.
# For each site, in the same run and on the same filesystem, BENCH_REPS times (default 5):
# `cp -r` of the tree (the yardstick), a first `folio rewrite --jobs 2` on a fresh copy, a second
# one (nothing to change), `folio rewrite --check` and `folio audit` of the finished tree; and
# once, the first run again with --parse-every-page (every page parsed, nothing spliced: the
# figure before the splice) with a check that it wrote the same bytes. It prints medians and
# bests as MB/s of HTML, the ratio to `cp -r`, CPU time and peak RSS, then a README block.
#
# Environment: BENCH_REPS, BENCH_TMPDIR (default $TMPDIR, else /tmp; /dev/shm for tmpfs), FOLIO (a
# folio binary instead of this checkout's release build), ZOLA, ZOLA_DOCS, KEEP=1.
# shellcheck disable=SC2016 # backquotes in single quotes are Markdown
set -euo pipefail
export LC_ALL=C

N=${1:-10000}
REPS=${BENCH_REPS:-5}
case $N in '' | *[!0-9]* | 0) echo "usage: scripts/bench.sh --real [N]   (N: pages per site, default 10000)" >&2; exit 2 ;; esac
case $REPS in '' | *[!0-9]* | 0) echo "error: BENCH_REPS must be a positive number" >&2; exit 2 ;; esac
die() { echo "error: $*" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f '%M' -o /dev/null true 2>/dev/null; then
    die "cannot measure peak RSS: GNU time is missing at $TIME. Install it (Debian/Ubuntu: apt-get install time) and run again."
fi
if [ -z "${FOLIO:-}" ]; then
    echo "== building folio (release)"
    cargo build --quiet --release --bin folio
    FOLIO=${CARGO_TARGET_DIR:-$root/target}/release/folio
fi
[ -x "$FOLIO" ] || die "no folio binary at $FOLIO"
zola=${ZOLA:-$(command -v zola || true)}

work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/folio-bench-real.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { tr ' ' '\n' | grep . | sort -g | head -n 1; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n 1; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
html_size() { find "$1" -type f -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }'; }

declare -A WALLS CPUS RSSES
# measure SERIES CMD...: wall time, CPU time and peak RSS of CMD appended to SERIES. Exit codes
# 0 and 1 (a --check that found changes, an audit with problems) both count as a run.
measure() {
    local series=$1
    shift
    sync
    local t0=$EPOCHREALTIME status=0
    "$TIME" -f '%M %U %S' -o "$work/$series.time" "$@" >"$work/$series.out" 2>"$work/$series.err" || status=$?
    local t1=$EPOCHREALTIME
    if [ "$status" -gt 1 ]; then
        echo "error: command failed ($status): $*" >&2
        tail -n 20 "$work/$series.err" >&2
        exit 1
    fi
    local line
    line=$(tail -n 1 "$work/$series.time")
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
    WALLS[$series]+=" $WALL"
    CPUS[$series]+=" $(echo "$line" | awk '{ printf "%.2f", $2 + $3 }')"
    RSSES[$series]+=" ${line%% *}"
}

# replicate SRC DEST: copies of SRC under DEST/c001/, DEST/c002/, … to about N pages.
replicate() {
    local src=$1 dest=$2 pages copies
    pages=$(find "$src" -type f -name '*.html' | wc -l)
    copies=$(((N + pages - 1) / pages))
    mkdir -p "$dest"
    for i in $(seq -w 1 "$copies"); do cp -r "$src" "$dest/c$i"; done
}

results=()
# with_search SITE_DIR ON|OFF DEST: a copy of the site's config.toml in DEST with
# [extra.folio.search] set (the rewriter's rows are measured with search off, as before the
# search existed; the search's own row with it on).
with_search() {
    local site=$1 on=$2 dest=$3
    mkdir -p "$dest"
    if [ "$site" != "$dest" ]; then
        for entry in "$site"/*; do [ "${entry##*/}" = config.toml ] || ln -s "$entry" "$dest/"; done
    fi
    if grep -q '^\[extra\.folio\.search\]' "$site/config.toml"; then
        die "$site/config.toml has its own [extra.folio.search]: remove it to benchmark"
    fi
    { cat "$site/config.toml"; printf '\n[extra.folio.search]\nenabled = %s\n' "$on"; } >"$dest/config.toml.new"
    mv "$dest/config.toml.new" "$dest/config.toml"
}

bench_site() { # bench_site NAME SITE_DIR BUILT_OUTPUT
    local name=$1 site=$work/$1-site-off built=$3 searching=$work/$1-site-on
    with_search "$2" false "$site"
    with_search "$2" true "$searching"
    local tree=$work/$name
    echo "== $name: replicating $built"
    replicate "$built" "$tree"
    local bytes files
    bytes=$(html_size "$tree")
    files=$(find "$tree" -type f -name '*.html' | wc -l)
    echo "  $files HTML files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of HTML"
    cp -r "$tree" "$work/$name-warm"
    for r in $(seq "$REPS"); do
        measure "$name-copy" cp -r "$tree" "$work/$name-c$r"
        local c=$WALL t=$work/$name-r$r
        cp -r "$tree" "$t"
        measure "$name-first" "$FOLIO" rewrite --site "$site" --jobs 2 "$t"
        local f=$WALL
        measure "$name-second" "$FOLIO" rewrite --site "$site" --jobs 2 "$t"
        local s=$WALL
        measure "$name-check" "$FOLIO" rewrite --site "$site" --jobs 2 --check "$t"
        local k=$WALL
        measure "$name-audit" "$FOLIO" audit --site "$site" --jobs 2 "$t"
        local a=$WALL
        cp -r "$tree" "$t-search"
        measure "$name-search" "$FOLIO" rewrite --site "$searching" --jobs 2 "$t-search"
        printf '  run %d: cp -r %.3f s; first %.3f s, second %.3f s, --check %.3f s, audit %.3f s; first with search %.3f s\n' "$r" "$c" "$f" "$s" "$k" "$a" "$WALL"
        rm -rf "$work/$name-c$r" "$t-search"
    done
    local p=$work/$name-parsed series="copy first parsed second check audit search"
    if "$FOLIO" rewrite --parse-every-page --help >/dev/null 2>&1; then
        for r in $(seq "$REPS"); do
            rm -rf "$p" && cp -r "$tree" "$p"
            measure "$name-parsed" "$FOLIO" rewrite --site "$site" --jobs 2 --parse-every-page "$p"
        done
        if ! diff -rq "$work/$name-r1" "$p" >/dev/null; then
            echo "  WARNING: the spliced and the parsed first runs wrote different bytes" >&2
        fi
    else
        series="copy first second check audit search"
        echo "  (this folio has no --parse-every-page: it parses every page anyway)"
    fi
    grep '^folio: ' "$work/$name-first.err" | tail -n 1 | sed 's/^/  folio said: /'
    local copy_med copy_best
    copy_med=$(echo "${WALLS[$name-copy]}" | median)
    copy_best=$(echo "${WALLS[$name-copy]}" | best)
    results+=("| **$name** ($files HTML files, $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB of HTML) | | | | |")
    for s in $series; do
        local what med bst
        case $s in
        copy) what='`cp -r` of the tree' ;;
        first) what='first `folio rewrite`' ;;
        parsed) what='first run, every page parsed (`--parse-every-page`: before the splice)' ;;
        second) what='second run (nothing to change)' ;;
        check) what='`folio rewrite --check` of the finished tree' ;;
        audit) what='`folio audit` of the finished tree' ;;
        search) what='first run with the search index (`[extra.folio.search]` on)' ;;
        esac
        med=$(echo "${WALLS[$name-$s]}" | median)
        bst=$(echo "${WALLS[$name-$s]}" | best)
        results+=("$(printf '| %s | %.2f s (%.2f s) | %s (%s) | %s× (%s×) | %.2f s | %.1f MB |' "$what" "$med" "$bst" \
            "$(mbps "$bytes" "$med")" "$(mbps "$bytes" "$bst")" "$(ratio "$med" "$copy_med")" "$(ratio "$bst" "$copy_best")" \
            "$(echo "${CPUS[$name-$s]}" | median)" "$(awk -v k="$(echo "${RSSES[$name-$s]}" | maxof)" 'BEGIN { printf "%.1f", k / 1024 }')")")
    done
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$zola" ] && [ -x "$zola" ]; then
    zver=$("$zola" --version)
    echo "== building the demo site with $zver"
    demo=$work/demo-site
    mkdir "$demo"
    for entry in "$root"/*; do
        case ${entry##*/} in target | tests | public | docs | src | examples | benches | scripts | licenses | fuzz) continue ;; esac
        cp -a "$entry" "$demo/"
    done
    "$zola" --root "$demo" build --output-dir "$work/demo-public" --force >/dev/null
    demo_from="the demo site built with $zver"
    bench_site demo "$demo" "$work/demo-public"
else
    echo "zola not found: the demo's committed real-Zola output (tests/fixtures/demo) stands in for a build"
    demo_from="tests/fixtures/demo (the demo's committed real-Zola output)"
    bench_site demo "$root" "$root/tests/fixtures/demo"
fi
docs_from="not measured (set ZOLA_DOCS to the docs/ folder of Zola's source, with zola on PATH)"
if [ -n "${ZOLA_DOCS:-}" ] && [ -n "$zola" ] && [ -x "$zola" ]; then
    echo "== building Zola's documentation site ($ZOLA_DOCS)"
    "$zola" --root "$ZOLA_DOCS" build --output-dir "$work/docs-public" --force >/dev/null
    # Only the pages and their stylesheets: the docs' screenshots would make `cp -r` a copy of images.
    find "$work/docs-public" -type f ! -name '*.html' ! -name '*.css' ! -name '*.xml' -delete
    docs_from="Zola's documentation site built with $zver (HTML, CSS and XML files only)"
    bench_site zola-docs "$ZOLA_DOCS" "$work/docs-public"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
fs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
commit=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
echo
echo "== README block"
echo "----8<----"
printf '`scripts/bench.sh --real %s`: demo: %s; zola-docs: %s; each replicated to about %s pages; %s, %d cores, %s; folio %s; --jobs 2; %d runs per figure; load average %s before and %s after.\n' \
    "$N" "$demo_from" "$docs_from" "$N" "${cpu:-unknown CPU}" "$(nproc)" "${fs:-unknown}" "$commit" "$REPS" "$load_before" "$load_after"
echo
echo '| run | wall time, median (best) | HTML MB/s, median (best) | time / `cp -r`, median (best) | CPU time (user + sys) | peak RSS |'
echo '|---|---|---|---|---|---|'
printf '%s\n' "${results[@]}"
echo "----8<----"
