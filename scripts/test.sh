#!/usr/bin/env bash
# Runs every test of folio: formatting and lints, the Rust tests (template render tests with
# Tera 1.20.1, rewrite snapshots, CLI and, when zola is on PATH, real Zola builds), then the
# browser tests in headless Chromium over the demo site.
#   FOLIO_SKIP_BROWSER=1 scripts/test.sh   skips the browser tests (they need /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked
if [ "${FOLIO_SKIP_BROWSER:-}" = 1 ]; then
  echo "== browser tests: skipped (FOLIO_SKIP_BROWSER=1)"
else
  echo "== browser tests"
  bash scripts/browser-tests.sh
fi
