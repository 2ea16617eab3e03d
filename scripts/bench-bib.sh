#!/usr/bin/env bash
# Times `zola build` of the demo site with a generated N-entry bibliography (default 4000):
# the publications page renders every entry; the about page renders the selected ones.
#
#   ZOLA=/path/to/zola scripts/bench-bib.sh [N] [RUNS]
#
# Copies the demo site (config.toml, content/, sass/, static/, the theme) to a temp dir,
# writes scripts/gen-bib.py's N entries to its static/bibliography/papers.bib, builds RUNS
# times (default 3) and prints each wall time, then `folio rewrite` over the output
# (target/release/folio if built, else target/debug/folio, skipped when neither exists).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zola="${ZOLA:-zola}"
n="${1:-4000}"
runs="${2:-3}"
command -v "$zola" >/dev/null 2>&1 || { echo "error: zola not found (set ZOLA=/path/to/zola)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
site="$tmp/site"
mkdir -p "$site/themes"
cp -R "$root/config.toml" "$root/content" "$root/sass" "$root/static" "$site/"
cp -R "$root/theme" "$site/themes/folio"
python3 "$root/scripts/gen-bib.py" "$n" > "$site/static/bibliography/papers.bib"
echo "bench-bib: $n entries, $(wc -c < "$site/static/bibliography/papers.bib" | tr -d ' ') bytes of BibTeX; $(nproc 2>/dev/null || echo '?') cores; $("$zola" --version)"

for i in $(seq 1 "$runs"); do
  rm -rf "$site/public"
  start=$(date +%s.%N)
  "$zola" --root "$site" build --output-dir "$site/public" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
  end=$(date +%s.%N)
  printf 'zola build, run %s: %.2f s (zola says: %s)\n' "$i" "$(echo "$end - $start" | bc)" "$(grep -o 'Done in.*' "$tmp/log")"
done
pub="$site/public/publications/index.html"
echo "publications page: $(wc -c < "$pub" | tr -d ' ') bytes, $(grep -c '<li><div class="row">' "$pub") entries"

folio=""
for b in "$root/target/release/folio" "$root/target/debug/folio"; do
  if [ -x "$b" ]; then folio="$b"; break; fi
done
if [ -n "$folio" ]; then
  start=$(date +%s.%N)
  "$folio" rewrite --site "$site" "$site/public" | tail -n1
  end=$(date +%s.%N)
  printf 'folio rewrite (%s): %.2f s\n' "${folio#"$root/"}" "$(echo "$end - $start" | bc)"
fi
