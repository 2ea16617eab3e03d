#!/usr/bin/env bash
# Runs each of folio's fuzz targets (fuzz/, cargo-fuzz and libFuzzer on the nightly toolchain)
# for a bounded time and prints, per target, the executions, the time and what was found.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 60 s for each of the six targets)
#
# Unattended: libFuzzer runs in fork mode and goes on after a crash, a timeout (an input taking
# more than 10 s) or an out-of-memory (2 GB); each such input is kept in
# fuzz/artifacts/<target>/ (minimise it with `cargo +nightly fuzz tmin <target> FILE`, commit
# it under tests/regressions/<target>/: tests/it/fuzz_regressions.rs runs it). New inputs that
# reach new code are kept in fuzz/corpus/<target>/ (not committed; seeded by
# scripts/fuzz-corpus.py from the demo's output and the import fixtures).
#
# Environment: FUZZ_JOBS (parallel fuzzing processes per target, default 1), FUZZ_NICE (nice
# level, default 10). Logs: fuzz/logs/<target>.log. Exit 1 if anything was found.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
all=(rewrite_page import bibtex config math css)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
jobs="${FUZZ_JOBS:-1}"
nice_level="${FUZZ_NICE:-10}"

case "$seconds" in
'' | *[!0-9]*)
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...] (targets: ${all[*]})" >&2
    exit 2
    ;;
esac

declare -A dict=([rewrite_page]=html [import]=import [bibtex]=tex [config]=toml [math]=tex [css]=css)
declare -A max_len=([rewrite_page]=65536 [import]=16384 [bibtex]=8192 [config]=8192 [math]=4096 [css]=16384)
for t in "${targets[@]}"; do
    if [ -z "${dict[$t]:-}" ]; then
        echo "fuzz.sh: no target $t (targets: ${all[*]})" >&2
        exit 2
    fi
done

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs cargo-fuzz and the nightly toolchain:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz --locked" >&2
    exit 2
fi

cd "$repo/fuzz"
export CARGO_TARGET_DIR="$repo/fuzz/target"
python3 "$repo/scripts/fuzz-corpus.py" "$repo" >/dev/null
echo "fuzz.sh: building the targets (cargo +nightly fuzz build)" >&2
nice -n "$nice_level" cargo +nightly fuzz build >"$repo/fuzz/build.log" 2>&1 || {
    tail -30 "$repo/fuzz/build.log" >&2
    exit 2
}
mkdir -p logs

found=0
rows=()
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t" "corpus/$t"
    before=$(find "artifacts/$t" -type f | wc -l)
    log="logs/$t.log"
    echo "fuzz.sh: $t for $seconds s ..." >&2
    start=$(date +%s)
    # -fork: the parent restarts a worker after a crash and goes on (-ignore_*).
    nice -n "$nice_level" cargo +nightly fuzz run "$t" -- \
        -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="${max_len[$t]}" -dict="dict/${dict[$t]}.dict" \
        -print_final_stats=1 >"$log" 2>&1 || true
    elapsed=$(($(date +%s) - start))
    # Fork mode's status lines: "#EXECS: cov: .. corp: .. exec/s: .. oom/timeout/crash: O/T/C time: ..".
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
    corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
    rate=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$last")
    otc=$(sed -nE 's/.* oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<<"$last")
    IFS=/ read -r ooms timeouts crashes <<<"${otc:-0/0/0}"
    new=$(($(find "artifacts/$t" -type f | wc -l) - before))
    if [ -z "$last" ] && grep -qE 'ERROR|panicked|error:' "$log"; then
        echo "fuzz.sh: $t did not run; see fuzz/$log:" >&2
        tail -15 "$log" >&2
        crashes="?"
        found=1
    fi
    [ "$((ooms + timeouts))" -gt 0 ] 2>/dev/null && found=1
    [ "$crashes" != 0 ] && found=1
    [ "$new" -gt 0 ] && found=1
    rows+=("$(printf '| %-12s | %6s | %12s | %7s | %6s | %6s | %7s | %8s | %4s | %9s |' \
        "$t" "$elapsed" "${execs:-0}" "${rate:-0}" "${cov:-0}" "${corp:-0}" \
        "${crashes:-0}" "${timeouts:-0}" "${ooms:-0}" "$new")")
done

echo
echo "fuzz.sh: $seconds s per target, $jobs job(s), $(date -u +%Y-%m-%d) on $(nproc) cores"
echo "| target       | time s |   executions |  exec/s |  edges | corpus | crashes | timeouts | ooms | new files |"
echo "|--------------|-------:|-------------:|--------:|-------:|-------:|--------:|---------:|-----:|----------:|"
printf '%s\n' "${rows[@]}"
if [ "$found" -ne 0 ]; then
    echo "fuzz.sh: inputs kept in fuzz/artifacts/<target>/ (see the README, Fuzzing)"
fi
exit "$found"
