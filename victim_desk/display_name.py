"""The neutral name and icon the app shows to the outside world, in one place.

On a shared computer the app's own name in a window title, a task bar or a launcher is itself revealing,
so by default the window and the launcher entry say only "Notes" ("메모") with a plain notebook icon. The
desktop app and the packaging (launcher entries) both read these constants; a person can choose another
name in the settings (kept in `app.preferences`), never one that has to mention this app.
"""

from __future__ import annotations

from victim_desk.i18n import Lang

# The default name shown for the window, the task bar and the launcher entry, per language.
DEFAULT_DISPLAY_NAMES: dict[Lang, str] = {"ko": "메모", "en": "Notes"}

# Icons under resources/icons: the neutral one by default; the app's own only when the person asks.
NEUTRAL_ICON = "notes.svg"
APP_ICON = "victim-desk.svg"
ICONS: dict[str, str] = {"neutral": NEUTRAL_ICON, "app": APP_ICON}
DEFAULT_ICON = "neutral"


def default_display_name(lang: Lang) -> str:
    """The neutral name in `lang` (Korean when the language is unknown)."""
    return DEFAULT_DISPLAY_NAMES.get(lang, DEFAULT_DISPLAY_NAMES["ko"])
