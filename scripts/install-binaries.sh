#!/usr/bin/env bash
# Installs pinned prebuilt Zola and folio binaries into one directory: what action.yml runs (on a
# cache miss), and what any CI or a new machine can run. Linux (x86_64, aarch64) and macOS.
#
#   ZOLA_VERSION=0.22.1 FOLIO_VERSION=0.1.0 scripts/install-binaries.sh DIR
#
# Zola's archive comes from Zola's GitHub releases, folio's from folio's; folio's is checked
# against its .sha256 before it is unpacked. Overrides (e.g. a mirror, or file:// URLs of local
# archives to time a deploy without the download):
#   ZOLA_DOWNLOAD   base URL of Zola's release files (default: https://github.com/getzola/zola/releases/download/vVERSION)
#   FOLIO_DOWNLOAD  base URL of folio's release files (default: https://github.com/folio-zola/folio/releases/download/vVERSION)
set -euo pipefail

DIR="${1:?usage: ZOLA_VERSION=… FOLIO_VERSION=… scripts/install-binaries.sh DIR}"
: "${ZOLA_VERSION:?set ZOLA_VERSION, e.g. 0.22.1}"
: "${FOLIO_VERSION:?set FOLIO_VERSION, e.g. 0.1.0}"
ZOLA_VERSION="${ZOLA_VERSION#v}"
FOLIO_VERSION="${FOLIO_VERSION#v}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) zola_target=x86_64-unknown-linux-gnu folio_target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) zola_target=aarch64-unknown-linux-gnu folio_target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) zola_target=x86_64-apple-darwin folio_target=x86_64-apple-darwin ;;
  Darwin-arm64) zola_target=aarch64-apple-darwin folio_target=aarch64-apple-darwin ;;
  *)
    echo "install-binaries: no prebuilt binaries for $(uname -s) $(uname -m);" \
      "install zola and folio yourself (cargo install folio --locked)" >&2
    exit 1
    ;;
esac
ZOLA_DOWNLOAD="${ZOLA_DOWNLOAD:-https://github.com/getzola/zola/releases/download/v$ZOLA_VERSION}"
FOLIO_DOWNLOAD="${FOLIO_DOWNLOAD:-https://github.com/folio-zola/folio/releases/download/v$FOLIO_VERSION}"

mkdir -p "$DIR"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # URL FILE
  curl -sSfL --retry 3 -o "$2" "$1" || { echo "install-binaries: could not download $1" >&2; exit 1; }
}

zola_archive="zola-v$ZOLA_VERSION-$zola_target.tar.gz"
fetch "$ZOLA_DOWNLOAD/$zola_archive" "$work/$zola_archive"
tar xzf "$work/$zola_archive" -C "$DIR" zola

folio_archive="folio-$folio_target.tar.gz"
fetch "$FOLIO_DOWNLOAD/$folio_archive" "$work/$folio_archive"
fetch "$FOLIO_DOWNLOAD/$folio_archive.sha256" "$work/$folio_archive.sha256"
(
  cd "$work"
  if command -v sha256sum >/dev/null; then
    sha256sum -c --status "$folio_archive.sha256"
  else
    shasum -a 256 -c -s "$folio_archive.sha256"
  fi
) || { echo "install-binaries: $folio_archive does not match its checksum" >&2; exit 1; }
tar xzf "$work/$folio_archive" -C "$DIR" folio

"$DIR/zola" --version
"$DIR/folio" --version
