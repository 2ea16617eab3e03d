#!/usr/bin/env bash
# scripts/bench-blog.sh [N ...] — times `zola build` of a generated blog of N posts (default
# 300 1000 3000) on the folio theme, to check that the theme's blog, taxonomy and about-page
# templates grow linearly with the number of posts. Not a test.
#
# For each N: scripts/gen-blog.py writes the site (posts in transparent year sections, tags and
# categories, a paginated blog, news and latest posts on the about page; see its header), then
# `zola build` runs BENCH_REPS times (default 3) into a temporary directory. Printed: the best
# wall time, the best CPU time (user + system; steadier than the wall time on a busy machine),
# the peak RSS, the number of HTML files and their size. The output size is the first sign of
# per-page work over all pages: a listing that links every other page makes it grow as N².
#
# Environment: ZOLA (the zola binary; default `zola` on PATH), BENCH_REPS, BENCH_TMPDIR (where
# the temporary directory goes; default $TMPDIR, else /tmp), THEME_REV (a git revision: measure
# the theme as it was there, e.g. THEME_REV=HEAD~1, instead of the working tree's theme/),
# KEEP=1 (keep the temporary directory).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPS=${BENCH_REPS:-3}
case $REPS in '' | *[!0-9]* | 0) echo "error: BENCH_REPS must be a positive number" >&2; exit 2 ;; esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300 1000 3000)
for n in "${sizes[@]}"; do
    case $n in '' | *[!0-9]* | 0) echo "usage: scripts/bench-blog.sh [N ...]   (N: number of posts)" >&2; exit 2 ;; esac
done

die() { echo "error: $*" >&2; exit 1; }
zola=${ZOLA:-$(command -v zola || true)}
if [ -z "$zola" ] || ! [ -x "$zola" ]; then die "zola not found: put it on PATH or set ZOLA=/path/to/zola"; fi
TIME=/usr/bin/time
"$TIME" -f '%M' -o /dev/null true 2>/dev/null || die "GNU time is missing at $TIME (Debian: apt-get install time)"
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or later is needed (EPOCHREALTIME)"

work=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/folio-bench-blog.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

theme=$root/theme
label="theme/ of the working tree"
if [ -n "${THEME_REV:-}" ]; then
    mkdir -p "$work/rev"
    git -C "$root" archive "$THEME_REV" theme | tar -x -C "$work/rev"
    theme=$work/rev/theme
    label="theme/ at $THEME_REV ($(git -C "$root" rev-parse --short "$THEME_REV"))"
fi

echo "$("$zola" --version), $label; $(nproc) cores; best of $REPS runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%8s %10s %10s %10s %8s %10s\n' posts wall_s cpu_s rss_MB html html_MB
for n in "${sizes[@]}"; do
    site=$work/site-$n
    python3 "$root/scripts/gen-blog.py" "$n" "$site" 2>/dev/null
    ln -sfn "$theme" "$site/themes/folio"
    best_wall="" best_cpu="" rss=0
    for _ in $(seq "$REPS"); do
        out=$work/out-$n
        rm -rf "$out"
        t0=$EPOCHREALTIME
        "$TIME" -f '%M %U %S' -o "$work/time" "$zola" --root "$site" build --output-dir "$out" --force \
            >"$work/log" 2>&1 || { tail -n 20 "$work/log" >&2; die "zola build failed at N = $n"; }
        t1=$EPOCHREALTIME
        read -r m u s <"$work/time"
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
        if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then best_wall=$wall; fi
        if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
        [ "$m" -gt "$rss" ] && rss=$m
    done
    if grep -qi warn "$work/log"; then sed 's/^/  zola said: /' "$work/log" | grep -i warn | head -n 3; fi
    html=$(find "$out" -type f -name '*.html' | wc -l)
    bytes=$(find "$out" -type f -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
    printf '%8d %10s %10s %10.0f %8d %10s\n' "$n" "$best_wall" "$best_cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$html" "$bytes"
    rm -rf "$site" "$out"
done
