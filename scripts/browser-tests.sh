#!/usr/bin/env bash
# folio's browser tests: the demo site in real headless Chromium (tests/browser/).
#
#   scripts/browser-tests.sh
#
# 1. Copies the committed real-Zola output of the demo site (tests/fixtures/demo) to a temp dir
#    and runs `folio rewrite` on it (this checkout's target/debug/folio, built by cargo).
# 2. When `zola` is on PATH (or $ZOLA is set), also builds the demo site fresh into a temp dir and
#    rewrites that too.
# 3. Runs tests/browser/site.test.mjs, search.test.mjs, zola-only.test.mjs (the fixture site
#    without `folio rewrite`, against the rewritten one) and services.test.mjs (comments on
#    tests/fixtures/giscus, responsive images) with Node's test runner; they serve each site on 127.0.0.1 and
#    drive Debian's Chromium with playwright-core. Screenshots of the about page (fixture site)
#    go to docs/screenshots/. Then Lighthouse over the about page prints its scores.
#
# Installs nothing but the npm packages (`npm ci` in tests/browser when node_modules is missing).
# Environment:
#   CHROMIUM         the Chromium binary (default /usr/bin/chromium; Debian: apt-get install chromium)
#   FOLIO_BIN        the folio binary (default target/debug/folio)
#   ZOLA             a zola binary for the fresh build (default: zola from PATH, if any)
#   FOLIO_FIXTURES   the built site to test (default tests/fixtures/demo)
#   SCREENSHOTS      where the about-page screenshots go (default docs/screenshots)
#   BROWSER_TESTS_FRESH=0   skip the fresh zola build even when zola is found
#   TEST_NAME_PATTERN  run only the tests whose names match (node --test-name-pattern)
#   LIGHTHOUSE=0     skip the Lighthouse report; LIGHTHOUSE_STRICT=1 fails below its goals
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "browser-tests: Chromium not found at $CHROMIUM." >&2
  echo "  Install Debian's: apt-get update && apt-get install -y chromium" >&2
  echo "  or point CHROMIUM at a Chromium/Chrome binary." >&2
  exit 1
fi
export CHROMIUM
command -v node >/dev/null || { echo "browser-tests: node not found (Node.js >= 20 is needed)" >&2; exit 1; }

FIXTURES="${FOLIO_FIXTURES:-$ROOT/tests/fixtures/demo}"
if [ ! -f "$FIXTURES/index.html" ]; then
  echo "browser-tests: $FIXTURES/index.html is missing: run scripts/regen-fixtures.sh (needs zola)" >&2
  exit 1
fi

# npm packages (playwright-core, axe-core), from the lockfile.
NM="$ROOT/tests/browser/node_modules"
if [ ! -d "$NM/playwright-core" ] || [ ! -d "$NM/axe-core" ] || [ ! -d "$NM/lighthouse" ]; then
  echo "browser-tests: npm ci in tests/browser" >&2
  (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi

# This checkout's folio (cargo build: a no-op when it is up to date), unless FOLIO_BIN names one.
if [ -z "${FOLIO_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --quiet --bin folio)
  FOLIO_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/folio"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/folio-browser.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# The base_url the site is built for (config.toml); the test server maps it to its own origin.
BASE_URL="$(sed -n 's/^[[:space:]]*base_url[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/config.toml" | head -n1)"
BASE_URL="${BASE_URL%/}"
case "$BASE_URL" in
  http://*|https://*) ;;
  *) BASE_URL="" ;;   # a relative base_url ("/"): nothing to map
esac

rewrite() { # DIR [EXTRA FOLIO FLAGS...]
  local out dir=$1
  shift
  if ! out="$("$FOLIO_BIN" rewrite --site "$ROOT" "$dir" "$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "browser-tests: folio rewrite failed on $dir" >&2
    exit 1
  fi
  printf '  folio rewrite: %s\n' "$(printf '%s\n' "$out" | tail -n1)" >&2
}

SHOTS="${SCREENSHOTS:-$ROOT/docs/screenshots}"

echo "browser-tests: fixture site (tests/fixtures/demo, base_url ${BASE_URL:-relative})" >&2
cp -R "$FIXTURES" "$TMP/fixtures"
rewrite "$TMP/fixtures"
SITES="[{\"label\":\"fixtures\",\"dir\":\"$TMP/fixtures\",\"rebase\":\"$BASE_URL\",\"screenshots\":\"$SHOTS\"}"
# The same pages with the search index cut into parts of at most 64 KiB of HTML (a large site's
# index is in parts, merged in the browser): search.test.mjs only.
cp -R "$FIXTURES" "$TMP/parts"
rewrite "$TMP/parts" --search-part-kib 64
SITES="$SITES,{\"label\":\"fixtures, index in parts\",\"dir\":\"$TMP/parts\",\"rebase\":\"$BASE_URL\",\"searchOnly\":true}"
# The same real-Zola output left as `zola build` wrote it: the theme without the binary.
cp -R "$FIXTURES" "$TMP/zola-only"
export FOLIO_ZOLA_ONLY="{\"dir\":\"$TMP/zola-only\",\"finished\":\"$TMP/fixtures\",\"rebase\":\"$BASE_URL\"}"

# The giscus site (tests/sites/giscus, comments configured): services.test.mjs only.
if [ -f "$ROOT/tests/fixtures/giscus/index.html" ]; then
  cp -R "$ROOT/tests/fixtures/giscus" "$TMP/giscus"
  if ! out="$("$FOLIO_BIN" rewrite --site "$ROOT/tests/sites/giscus" "$TMP/giscus" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "browser-tests: folio rewrite failed on the giscus site" >&2
    exit 1
  fi
  export FOLIO_GISCUS="{\"dir\":\"$TMP/giscus\",\"rebase\":\"https://example.com\"}"
fi

ZOLA_BIN="${ZOLA:-$(command -v zola || true)}"
if [ "${BROWSER_TESTS_FRESH:-1}" != "0" ] && [ -n "$ZOLA_BIN" ] && [ -x "$ZOLA_BIN" ]; then
  echo "browser-tests: fresh build with $("$ZOLA_BIN" --version)" >&2
  if ! "$ZOLA_BIN" --root "$ROOT" build --output-dir "$TMP/fresh" >"$TMP/zola.log" 2>&1; then
    cat "$TMP/zola.log" >&2
    echo "browser-tests: zola build failed" >&2
    exit 1
  fi
  rewrite "$TMP/fresh"
  SITES="$SITES,{\"label\":\"fresh zola build\",\"dir\":\"$TMP/fresh\",\"rebase\":\"$BASE_URL\",\"screenshots\":\"$TMP/fresh-screenshots\"}"
else
  echo "browser-tests: zola not found, fresh build skipped (fixtures only)" >&2
fi
SITES="$SITES]"

cd "$ROOT/tests/browser"
status=0
filter=()
[ -n "${TEST_NAME_PATTERN:-}" ] && filter=(--test-name-pattern="$TEST_NAME_PATTERN")
FOLIO_SITES="$SITES" node --test "${filter[@]}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TMP/results.tap" \
  site.test.mjs search.test.mjs zola-only.test.mjs services.test.mjs || status=$?
echo "browser-tests: screenshots in ${SHOTS#"$ROOT"/}/" >&2

# Lighthouse over the about page (report only; LIGHTHOUSE_STRICT=1 makes missed goals fail).
if [ "${LIGHTHOUSE:-1}" != "0" ]; then
  lh=0
  timeout 180 node lighthouse.mjs "$TMP/fixtures" "$BASE_URL" / || lh=$?
  if [ "$lh" != 0 ]; then
    echo "browser-tests: lighthouse exited $lh" >&2
    [ "${LIGHTHOUSE_STRICT:-0}" = 1 ] && status=1
  fi
fi
pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$TMP/results.tap" | tail -n1)"
fail="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$TMP/results.tap" | tail -n1)"
skip="$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$TMP/results.tap" | tail -n1)"
echo "browser-tests: ${pass:-0} passed, ${fail:-0} failed, ${skip:-0} skipped"
exit $status
