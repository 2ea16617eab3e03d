#!/usr/bin/env bash
# Publishes the theme at a repository root of its own: a commit whose tree is REF's theme/
# directory (theme.toml, templates/, sass/, static/, README.md, LICENSE, screenshot.png at its
# root), on top of the local `theme` branch when there is one. Zola users then add the theme with
#   git submodule add -b theme https://github.com/folio-zola/folio themes/folio
# and Zola's theme gallery reads the same root.
#
#   scripts/theme-branch.sh [REF]     (default HEAD)
#
# Moves refs/heads/theme to the new commit (nothing else in the checkout changes) and prints it;
# when theme/ is the same as in the branch's last commit, prints that commit and adds none.
# The release workflow pushes the printed commit to the `theme` branch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

REF="${1:-HEAD}"
tree="$(git rev-parse --verify "$REF:theme")"
for f in theme.toml README.md LICENSE screenshot.png templates/index.html; do
  git cat-file -e "$REF:theme/$f" 2>/dev/null || { echo "theme-branch: $REF has no theme/$f" >&2; exit 1; }
done
if parent="$(git rev-parse --verify -q refs/heads/theme)"; then
  if [ "$(git rev-parse "$parent^{tree}")" = "$tree" ]; then
    echo "$parent"
    exit 0
  fi
  set -- -p "$parent"
else
  set --
fi
source_commit="$(git rev-parse --verify "$REF^{commit}")"
describe="$(git describe --tags --always "$source_commit")"
commit="$(git commit-tree "$tree" "$@" -m "theme of folio $describe" -m "theme/ of $source_commit")"
git update-ref refs/heads/theme "$commit"
echo "$commit"
