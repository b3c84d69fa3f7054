#!/usr/bin/env bash
# Sign postedit for macOS, inside out, and notarize it when Apple's secrets are set.
#
#   packaging/macos/sign.sh dist/postedit.app        # before build_dmg.sh
#   packaging/macos/sign.sh dist/postedit-X.Y.Z-macos-arm64.dmg   # after it
#
# With MACOS_CERTIFICATE (base64 .p12 holding a Developer ID Application
# certificate), MACOS_CERTIFICATE_PASSWORD and MACOS_SIGNING_IDENTITY set, the
# certificate goes into a throwaway keychain and every piece of code is signed with
# the hardened runtime and a timestamp: loose dylibs and Python extension modules
# first, then QtWebEngineProcess.app with its own entitlements
# (entitlements-webengine.plist), then each Qt framework, then the app itself with
# entitlements.plist. Never `codesign --deep`: it would give every nested piece the
# app's entitlements and sign in the wrong order. When APPLE_ID, APPLE_TEAM_ID and
# APPLE_APP_PASSWORD (an app-specific password) are set too, the result is
# notarized (`xcrun notarytool submit --wait`) and the ticket stapled.
#
# Without the certificate the app is signed ad hoc (`codesign -s -`), which Apple
# silicon needs to run it at all; Gatekeeper will then ask the writer to confirm the
# first start (README, "Install"). A dmg is left unsigned in that case.
#
# Written for the bash 3.2 that macOS ships.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: sign.sh PATH.app|PATH.dmg}"
target="${target%/}"
python="${PYTHON:-python3}"

keychain=""
scratch="$(mktemp -d "${TMPDIR:-/tmp}/postedit-sign.XXXXXX")"
cleanup() {
    if [[ -n "$keychain" ]]; then
        security delete-keychain "$keychain" >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

log() { printf 'sign.sh: %s\n' "$*" >&2; }

developer_id() {
    [[ -n "${MACOS_CERTIFICATE:-}" && -n "${MACOS_CERTIFICATE_PASSWORD:-}" &&
        -n "${MACOS_SIGNING_IDENTITY:-}" ]]
}

can_notarize() {
    developer_id && [[ -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" ]]
}

import_certificate() {
    local p12="$scratch/certificate.p12"
    local password
    password="$(uuidgen)"
    keychain="$scratch/postedit-signing.keychain-db"
    printf '%s' "$MACOS_CERTIFICATE" | base64 --decode >"$p12"
    security create-keychain -p "$password" "$keychain"
    security set-keychain-settings -lut 21600 "$keychain"
    security unlock-keychain -p "$password" "$keychain"
    security import "$p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" "$keychain" >/dev/null
    # codesign finds identities only in keychains on the user's search list.
    local searched=("$keychain") line
    while IFS= read -r line; do
        line="${line#"${line%%[![:space:]]*}"}"
        line="${line#\"}"
        searched+=("${line%\"}")
    done < <(security list-keychains -d user)
    security list-keychains -d user -s "${searched[@]}"
}

# sign PATH [ENTITLEMENTS]: one piece of code, with the hardened runtime when real.
sign() {
    local path="$1" entitlements="${2:-}"
    if developer_id; then
        local args=(--force --timestamp --options runtime --keychain "$keychain"
            --sign "$MACOS_SIGNING_IDENTITY")
        if [[ -n "$entitlements" ]]; then
            args+=(--entitlements "$entitlements")
        fi
        codesign "${args[@]}" "$path"
    else
        codesign --force --sign - "$path"
    fi
}

is_macho() {
    case "$(file -b "$1")" in
        *Mach-O*) return 0 ;;
        *) return 1 ;;
    esac
}

sign_app() {
    local app="$1"
    local executable
    executable="$("$python" -c 'import plistlib, sys
print(plistlib.load(open(sys.argv[1], "rb"))["CFBundleExecutable"])' "$app/Contents/Info.plist")"
    local count=0 path

    # 1. Loose code: dylibs, Python extension modules, helper executables. What lives
    #    inside a framework or the WebEngine helper is signed with its bundle below.
    while IFS= read -r -d '' path; do
        if is_macho "$path"; then
            sign "$path"
            count=$((count + 1))
        fi
    done < <(find "$app/Contents" -type f \
        ! -path "*.framework/*" ! -path "*.app/Contents/*.app/*" \
        ! -path "$app/Contents/MacOS/$executable" -print0)
    log "signed $count loose Mach-O files"

    # 2. Chromium's helper app, with the entitlements V8 needs.
    while IFS= read -r -d '' path; do
        log "signing $path"
        sign "$path" "$here/entitlements-webengine.plist"
    done < <(find "$app/Contents" -type d -name "QtWebEngineProcess.app" -print0)

    # 3. The Qt frameworks, deepest first (a framework may hold the helper app).
    while IFS= read -r path; do
        sign "$path"
    done < <(find "$app/Contents" -type d -name "*.framework" | awk '{ print length, $0 }' |
        sort -rn | cut -d' ' -f2-)

    # 4. The app itself, last.
    sign "$app" "$here/entitlements.plist"
    codesign --verify --strict --verbose=2 "$app"
}

# notarize PATH: submit to Apple, wait for the verdict, staple the ticket.
notarize() {
    local path="$1" upload="$1"
    if [[ "$path" == *.app ]]; then
        upload="$scratch/$(basename "$path" .app).zip"
        ditto -c -k --keepParent "$path" "$upload"
    fi
    local result="$scratch/notarization.json"
    xcrun notarytool submit "$upload" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait --output-format json >"$result"
    local status id
    status="$("$python" -c 'import json, sys; print(json.load(sys.stdin).get("status", ""))' <"$result")"
    if [[ "$status" != "Accepted" ]]; then
        id="$("$python" -c 'import json, sys; print(json.load(sys.stdin).get("id", ""))' <"$result")"
        log "notarization of $path: ${status:-no answer}"
        if [[ -n "$id" ]]; then
            xcrun notarytool log "$id" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
                --password "$APPLE_APP_PASSWORD" >&2 || true
        fi
        return 1
    fi
    xcrun stapler staple "$path"
    log "notarized and stapled $path"
}

if developer_id; then
    import_certificate
    log "signing with $MACOS_SIGNING_IDENTITY"
else
    log "no MACOS_CERTIFICATE: signing ad hoc, no notarization"
fi

case "$target" in
    *.app)
        sign_app "$target"
        if can_notarize; then
            notarize "$target"
        fi
        ;;
    *.dmg)
        if developer_id; then
            # A disk image holds no code of its own: no hardened runtime, no entitlements.
            codesign --force --timestamp --keychain "$keychain" \
                --sign "$MACOS_SIGNING_IDENTITY" "$target"
            if can_notarize; then
                notarize "$target"
            fi
        else
            log "leaving $target unsigned (ad hoc signing does not apply to a dmg)"
        fi
        ;;
    *)
        log "expected a .app or a .dmg, got $target"
        exit 2
        ;;
esac
