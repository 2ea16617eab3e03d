#!/usr/bin/env bash
# scripts/check-site.sh SITE [--no-zola-highlighting] — folio over any Zola site, checked.
#
# Copies the Zola site SITE to a temporary directory, builds it with zola, runs `folio audit` on
# Zola's output alone (expected to find work left), `folio rewrite`, `folio audit` again
# (expected: no problem), and `folio rewrite` a second time (expected: nothing changes). Prints
# each step's summary and time. With --no-zola-highlighting the copy's config loses its
# `[markdown.highlighting]` table and `highlight_code` key, so that folio highlights the code
# blocks instead of Zola (Zola then writes `<pre><code data-lang="x">`).
#
# Used on Zola's own documentation site (the docs/ directory of Zola's source) and on the demo.
# Exit status: 0 when the final audit finds no problem and the second run changes nothing.
# Environment: ZOLA (the zola binary, default `zola` on PATH), FOLIO (default: this checkout's
# release build, built first), KEEP=1 (keep the temporary directory).
set -euo pipefail

site="${1:?usage: scripts/check-site.sh SITE [--no-zola-highlighting]}"
mode="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zola="${ZOLA:-zola}"
command -v "$zola" >/dev/null 2>&1 || { echo "error: zola not found; set ZOLA=/path/to/zola" >&2; exit 2; }
if [ -z "${FOLIO:-}" ]; then
  (cd "$root" && cargo build --release --quiet --bin folio)
  FOLIO="$root/target/release/folio"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/folio-check.XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
cp -rL "$site" "$tmp/site"
cd "$tmp/site"
config=config.toml
[ -f zola.toml ] && config=zola.toml
if [ "$mode" = --no-zola-highlighting ]; then
  python3 - "$config" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path).read()
# Drop the [markdown.highlighting] table (up to the next table) and any highlight_* key.
text = re.sub(r"(?ms)^\[markdown\.highlighting\].*?(?=^\[|\Z)", "", text)
text = re.sub(r"(?m)^highlight_(code|theme)\s*=.*$", "", text)
open(path, "w").write(text)
EOF
fi

TIMEFORMAT='   (%R s)'
exec 2>&1
echo "== zola build ($("$zola" --version))"
time { "$zola" build 2>&1 | grep -E 'Creating|Done|Error|Warn' || true; }
echo "== folio audit, Zola's output alone"
time { "$FOLIO" audit | tail -7 || true; }
echo "== folio rewrite"
time { "$FOLIO" rewrite 2>&1 | grep -v 'no grammar for code blocks' | tail -3; }
echo "== folio audit, after the rewrite"
status=0
time { "$FOLIO" audit | tail -12 || status=1; }
echo "== folio rewrite, a second time"
second="$("$FOLIO" rewrite 2>&1 | tail -1)"
echo "$second"
case "$second" in *" 0 changed,"*) ;; *) status=1 ;; esac
exit "$status"
