#!/usr/bin/env bash
# Build postedit's disk image: the app beside a link to /Applications.
#
#   packaging/macos/build_dmg.sh [dist/postedit.app]
#
# Writes dist/postedit-<version>-macos-<arch>.dmg (compressed, UDZO) with dmgbuild
# (a build requirement on macOS, packaging/requirements-build.txt) and the layout in
# dmg_settings.py, and prints its path. Sign the app first (sign.sh APP) and the dmg
# after (sign.sh DMG). Written for the bash 3.2 that macOS ships.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
app="${1:-$root/dist/postedit.app}"
app="${app%/}"

if [[ ! -d "$app" ]]; then
    echo "build_dmg.sh: no app at $app; run 'make bundle' first" >&2
    exit 1
fi

version="$("$python" "$root/packaging/version.py")"
dmg="$root/dist/postedit-$version-macos-$(uname -m).dmg"
rm -f "$dmg"

dmgbuild_command=(dmgbuild)
if ! command -v dmgbuild >/dev/null 2>&1; then
    dmgbuild_command=("$python" -m dmgbuild)
fi
"${dmgbuild_command[@]}" -s "$here/dmg_settings.py" \
    -D app="$app" -D icon="$root/build/icons/postedit.icns" \
    "postedit $version" "$dmg" >&2

echo "$dmg"
