"""The names and icon the app shows the world, in one place: window title, launchers and installers.

A launcher entry, a Start-menu folder, a task bar or a window title is seen by anyone who uses the same
computer, so the name people see is neutral: it says nothing about images, victims or abuse, and the icon
is a plain notebook. The installers and the Linux launcher files carry the same values (packaging/ reads
them here; tests/unit/test_packaging_recipes.py checks the static files agree). A person can choose
another window name in the settings (`app.preferences`). The command name `victim-desk` stays as the
developers' and scripts' name.
"""

from __future__ import annotations

from victim_desk.i18n import Lang

# The default name of the window, the task bar and the launcher entry, per language.
DISPLAY_NAMES: dict[Lang, str] = {"ko": "메모", "en": "Memo Pad"}
# Where one name must serve every language (the Windows Start menu, the macOS Applications folder, the
# launcher's default Name= line, which carries the Korean one as Name[ko]).
DISPLAY_NAME = DISPLAY_NAMES["en"]
# The windowed program the Windows Start-menu entry starts, and the macOS .app's name (without ".app").
GUI_EXECUTABLE = "MemoPad"
# The command-line program (also the Linux bundle's one executable).
CLI_EXECUTABLE = "victim-desk"
# Reverse-DNS id for AppStream, Flatpak and the macOS bundle (a placeholder until the project has a domain).
APP_ID = "io.github.victim_desk.VictimDesk"

# Icons under resources/icons: the neutral one by default; the app's own only when the person asks.
NEUTRAL_ICON = "notes.svg"
APP_ICON = "victim-desk.svg"
ICONS: dict[str, str] = {"neutral": NEUTRAL_ICON, "app": APP_ICON}
DEFAULT_ICON = "neutral"


def default_display_name(lang: Lang) -> str:
    """The neutral name in `lang` (Korean when the language is unknown)."""
    return DISPLAY_NAMES.get(lang, DISPLAY_NAMES["ko"])
