#!/usr/bin/env bash
# Packs one release archive of folio, as .github/workflows/release.yml attaches them to a release.
#
#   scripts/package-release.sh TARGET [BINARY] [OUT_DIR]
#
# TARGET  the Rust target triple, e.g. x86_64-unknown-linux-musl (names the archive)
# BINARY  the built folio binary (default: target/TARGET/dist/folio, .exe on Windows targets)
# OUT_DIR where the archive goes (default: dist/)
#
# Writes OUT_DIR/folio-TARGET.tar.gz (.zip for Windows targets) holding, at its root, the binary,
# LICENSE, README.md, CHANGELOG.md and licenses/ (the third-party licences of what the binary
# embeds), and OUT_DIR/folio-TARGET.tar.gz.sha256 in `sha256sum` format. The names carry no
# version, so that https://github.com/OWNER/REPO/releases/latest/download/folio-TARGET.tar.gz
# always points at the newest one. Runs with GNU or BSD tools (Linux, macOS, Git Bash on Windows).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${1:?usage: scripts/package-release.sh TARGET [BINARY] [OUT_DIR]}"
case "$TARGET" in
  *windows*) EXE=".exe" ;;
  *) EXE="" ;;
esac
BINARY="${2:-$ROOT/target/$TARGET/dist/folio$EXE}"
OUT="${3:-$ROOT/dist}"
[ -f "$BINARY" ] || { echo "package-release: no binary at $BINARY (build it first)" >&2; exit 1; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

cp "$BINARY" "$STAGE/folio$EXE"
cp "$ROOT/LICENSE" "$ROOT/README.md" "$ROOT/CHANGELOG.md" "$STAGE/"
mkdir "$STAGE/licenses"
cp "$ROOT"/licenses/* "$STAGE/licenses/"

NAME="folio-$TARGET"
cd "$STAGE"
if [ -n "$EXE" ]; then
  ARCHIVE="$NAME.zip"
  rm -f "$OUT/$ARCHIVE"
  if command -v 7z >/dev/null; then
    7z a -tzip -bso0 -bsp0 "$OUT/$ARCHIVE" "folio$EXE" LICENSE README.md CHANGELOG.md licenses
  else
    zip -qr "$OUT/$ARCHIVE" "folio$EXE" LICENSE README.md CHANGELOG.md licenses
  fi
else
  ARCHIVE="$NAME.tar.gz"
  chmod 755 "folio"
  tar -czf "$OUT/$ARCHIVE" folio LICENSE README.md CHANGELOG.md licenses
fi

cd "$OUT"
if command -v sha256sum >/dev/null; then
  sha256sum "$ARCHIVE" >"$ARCHIVE.sha256"
else
  shasum -a 256 "$ARCHIVE" >"$ARCHIVE.sha256"
fi
echo "$OUT/$ARCHIVE"
cat "$ARCHIVE.sha256"
