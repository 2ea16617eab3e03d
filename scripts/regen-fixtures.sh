#!/usr/bin/env bash
# Regenerates tests/fixtures/demo/: the demo site's real Zola output, the input
# of the rewriter's snapshot tests. Needs Zola 0.22.1 on PATH (or ZOLA=/path/to/zola).
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

dest="$root/tests/fixtures/demo"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$tmp/public/." "$dest/"
echo "tests/fixtures/demo: $(find "$dest" -type f | wc -l | tr -d ' ') files from $("$zola" --version)"
