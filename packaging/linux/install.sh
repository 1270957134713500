#!/bin/sh
# Installs the Linux bundle for the current user only (no administrator password), or removes it.
#
#   ./install.sh                          copy this folder to ~/.local/lib/victim-desk, add the launcher
#                                         entry "Memo Pad" and the command victim-desk (~/.local/bin)
#   ./install.sh --uninstall              remove the program; the vault and its log stay
#   ./install.sh --uninstall --delete-vault
#                                         also delete the vault and the log, after asking (cannot be undone)
#
# build.py puts this script, the launcher entry and the icon next to the program in dist/victim-desk/.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
STATE_HOME=${XDG_STATE_HOME:-$HOME/.local/state}
TARGET=$HOME/.local/lib/victim-desk
BIN=$HOME/.local/bin/victim-desk
DESKTOP=$DATA_HOME/applications/victim-desk.desktop
ICON=$DATA_HOME/icons/hicolor/scalable/apps/victim-desk.svg
# Where the app keeps its data (platformdirs, as in victim_desk/app/vault_admin.py and logs.py).
VAULT_DIR=$DATA_HOME/victim-desk
LOG_DIR=$STATE_HOME/victim-desk

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true
}

install_bundle() {
    if [ ! -x "$HERE/victim-desk" ]; then
        echo "Run this script from the unpacked victim-desk folder." >&2
        exit 1
    fi
    if [ "$HERE" != "$TARGET" ]; then
        rm -rf "$TARGET.new"
        mkdir -p "$(dirname "$TARGET")"
        cp -R "$HERE" "$TARGET.new"
        rm -rf "$TARGET"
        mv "$TARGET.new" "$TARGET"
    fi
    mkdir -p "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
    ln -sf "$TARGET/victim-desk" "$BIN"
    cp "$TARGET/victim-desk.svg" "$ICON"
    # The launcher starts the program by its full path: ~/.local/bin is not on every desktop's PATH.
    sed "s|^Exec=victim-desk\$|Exec=\"$TARGET/victim-desk\"|" "$TARGET/victim-desk.desktop" > "$DESKTOP"
    refresh_menus
    echo "Installed. Open \"Memo Pad\" from your applications menu, or run: $BIN"
}

uninstall_bundle() {
    rm -rf "$TARGET" "$TARGET.new"
    rm -f "$BIN" "$DESKTOP" "$ICON"
    refresh_menus
    echo "The program is removed."
}

delete_data() {
    if [ ! -e "$VAULT_DIR" ] && [ ! -e "$LOG_DIR" ]; then
        echo "There is no vault at $VAULT_DIR."
        return
    fi
    echo "This deletes the vault (every record in it) and the log:"
    echo "  $VAULT_DIR"
    echo "  $LOG_DIR"
    echo "It cannot be undone. Backups you made elsewhere are not touched."
    printf 'Type DELETE to delete them: '
    read -r answer || answer=""
    if [ "$answer" = "DELETE" ]; then
        rm -rf "$VAULT_DIR" "$LOG_DIR"
        echo "The vault and the log are deleted."
    else
        echo "Nothing was deleted. The vault stays at $VAULT_DIR/vault"
    fi
}

case "${1:-}" in
    "") install_bundle ;;
    --uninstall)
        uninstall_bundle
        if [ "${2:-}" = "--delete-vault" ]; then
            delete_data
        else
            echo "The vault stays at $VAULT_DIR/vault (add --delete-vault to delete it)."
        fi
        ;;
    *)
        echo "usage: $0 [--uninstall [--delete-vault]]" >&2
        exit 2
        ;;
esac
