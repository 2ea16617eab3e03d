#!/usr/bin/env bash
# Regenerates tests/fixtures/demo/: the demo site's real Zola output, the input
# of the rewriter's snapshot tests; and tests/fixtures/giscus/, the output of the small
# site in tests/sites/giscus (comments configured) for the browser test of comments. Needs Zola 0.22.1 on PATH (or ZOLA=/path/to/zola).
#
#   scripts/regen-fixtures.sh            # build with `zola`
#   ZOLA=~/bin/zola scripts/regen-fixtures.sh
#
# Fails (and leaves the fixtures alone) if zola prints any warning or error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zola="${ZOLA:-zola}"
if ! command -v "$zola" >/dev/null 2>&1; then
  echo "error: zola not found; put Zola 0.22.1 on PATH or set ZOLA=/path/to/zola" >&2
  exit 1
fi

version="$("$zola" --version 2>&1 | awk '{print $2}')"
if [ "$version" != "0.22.1" ]; then
  echo "warning: fixtures are meant to come from Zola 0.22.1, this is $version" >&2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if ! (cd "$root" && "$zola" build --output-dir "$tmp/public") >"$tmp/log" 2>&1; then
  cat "$tmp/log" >&2
  echo "error: zola build failed" >&2
  exit 1
fi
cat "$tmp/log"
if grep -qiE 'warn|error' "$tmp/log"; then
  echo "error: zola printed warnings or errors; fixtures not updated" >&2
  exit 1
fi

# The giscus site (tests/sites/giscus, on this checkout's theme): the browser test of comments.
giscus="$tmp/giscus-site"
cp -R "$root/tests/sites/giscus" "$giscus"
mkdir -p "$giscus/themes"
ln -s "$root/theme" "$giscus/themes/folio"
if ! (cd "$giscus" && "$zola" build --output-dir "$tmp/giscus") >"$tmp/giscus.log" 2>&1 \
  || grep -qiE 'warn|error' "$tmp/giscus.log"; then
  cat "$tmp/giscus.log" >&2
  echo "error: zola build of tests/sites/giscus failed or warned; fixtures not updated" >&2
  exit 1
fi

dest="$root/tests/fixtures/demo"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$tmp/public/." "$dest/"
echo "tests/fixtures/demo: $(find "$dest" -type f | wc -l | tr -d ' ') files from $("$zola" --version)"
rm -rf "$root/tests/fixtures/giscus"
mkdir -p "$root/tests/fixtures/giscus"
cp -R "$tmp/giscus/." "$root/tests/fixtures/giscus/"
echo "tests/fixtures/giscus: $(find "$root/tests/fixtures/giscus" -type f | wc -l | tr -d ' ') files"
