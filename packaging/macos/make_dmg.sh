#!/usr/bin/env bash
# macOS (Apple silicon, macOS 14+): sign, package and notarise "MemoPad.app" as dist/MemoPad-<v>.dmg.
#
#   export IDENTITY="Developer ID Application: NAME (TEAMID)"
#   VICTIM_DESK_CODESIGN_IDENTITY="$IDENTITY" python3 packaging/build.py
#       # dist/victim-desk/ (smoke-tested) and dist/MemoPad.app; PyInstaller signs every library, the
#       # executables and then the bundle, with the hardened runtime, a secure timestamp and
#       # packaging/macos/entitlements.plist
#   xcrun notarytool store-credentials victim-desk-notary --apple-id ID --team-id TEAMID   # once; asks
#   NOTARY_PROFILE=victim-desk-notary bash packaging/macos/make_dmg.sh
#
# Without IDENTITY it makes an unsigned .dmg for local testing only (Gatekeeper will refuse it elsewhere).
# Every step is reviewed in packaging/README.md ("macOS").
set -euo pipefail
cd "$(dirname "$0")/../.."

APP_NAME=$(python3 -c 'import sys; sys.path.insert(0, "."); from victim_desk.identity import GUI_EXECUTABLE as n; print(n)')
DISPLAY=$(python3 -c 'import sys; sys.path.insert(0, "."); from victim_desk.identity import DISPLAY_NAME as n; print(n)')
VERSION=$(python3 -c 'import sys; sys.path.insert(0, "."); from victim_desk import __version__ as v; print(v)')
APP="dist/${APP_NAME}.app"
DMG="dist/${APP_NAME}-${VERSION}.dmg"
ENTITLEMENTS="packaging/macos/entitlements.plist"

[ -d "$APP" ] || { echo "$APP is missing: run python3 packaging/build.py first" >&2; exit 1; }

if [ -n "${IDENTITY:-}" ]; then
  # The build signed it (see above); refuse to package an app signed otherwise: notarisation needs the
  # hardened runtime ("runtime" flag), and the entitlements must be exactly ours.
  codesign --verify --deep --strict --verbose=2 "$APP"
  INFO=$(codesign --display --verbose=4 "$APP" 2>&1)
  grep -q "Authority=${IDENTITY}" <<<"$INFO" || { echo "$APP is not signed by $IDENTITY: rebuild with VICTIM_DESK_CODESIGN_IDENTITY" >&2; exit 1; }
  grep -q "flags=.*runtime" <<<"$INFO" || { echo "$APP lacks the hardened runtime" >&2; exit 1; }
  codesign --display --entitlements :- "$APP" | plutil -convert xml1 -o - - | diff -q - <(plutil -convert xml1 -o - "$ENTITLEMENTS") >/dev/null ||
    { echo "$APP carries other entitlements than $ENTITLEMENTS" >&2; exit 1; }
fi

# The disk image: the app and a link to /Applications, so installing is one drag.
STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "$DISPLAY" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    # Apple scans the image and records the ticket; stapling puts the ticket inside the .dmg, so
    # Gatekeeper accepts it offline (the computer of someone who keeps it off the network).
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    echo "signed but NOT notarised (set NOTARY_PROFILE): Gatekeeper will warn on other Macs" >&2
  fi
fi
echo "$DMG"
