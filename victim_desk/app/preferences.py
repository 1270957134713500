"""What this computer remembers before any vault is open: language, window name and icon, auto-lock delay.

These must be known before unlocking (the unlock screen is already in the chosen language, under the
chosen name), so they cannot live in the encrypted vault. They are kept in one small JSON file in the
per-user config folder (platformdirs; VICTIM_DESK_CONFIG_DIR overrides it), written atomically with mode
0600 in a 0700 folder. The file holds no case data and nothing secret: only the fields of `Preferences`.
Whether the vault's key is remembered by the OS key store is not repeated here: the vault's own key.json
already says so before unlocking (`vault_admin.remembers_key`), and two records could disagree.

Everything about the vault's content (network consent, proxy, victim or counselor mode) stays inside the
vault. An unreadable or hand-edited file never stops the app: unknown values fall back to the defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

import platformdirs

from victim_desk.errors import InvalidPreference
from victim_desk.i18n import LANGS, Lang, detect_language
from victim_desk.identity import DEFAULT_ICON, ICONS, default_display_name
from victim_desk.safe_output import write_new_file

FILE_NAME = "settings.json"
FORMAT = 1
DEFAULT_AUTO_LOCK_MINUTES = 5
AUTO_LOCK_RANGE = (1, 120)  # minutes; shorter is unusable, longer leaves an open vault on a shared desk
MAX_DISPLAY_NAME = 40


@dataclass(frozen=True)
class Preferences:
    lang: Lang | None = None  # None: follow the system's language
    display_name: str | None = None  # None: the neutral name in the current language
    icon: str = DEFAULT_ICON  # a key of identity.ICONS
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES

    def language(self, environ: dict[str, str] | None = None) -> Lang:
        """The language to use: the chosen one, else the system's."""
        return self.lang or detect_language(environ)

    def title(self, lang: Lang) -> str:
        """What the window, task bar and notifications are called."""
        return self.display_name or default_display_name(lang)

    @property
    def auto_lock_ms(self) -> int:
        return self.auto_lock_minutes * 60 * 1000

    def with_changes(self, **changes: Any) -> Preferences:
        """A copy with `changes` checked; raises InvalidPreference naming the field."""
        changed = replace(self, **changes)
        if changed.display_name is not None and not isinstance(changed.display_name, str):
            raise InvalidPreference(field="display_name")
        minutes = changed.auto_lock_minutes
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            raise InvalidPreference(field="auto_lock_minutes")
        if changed.lang is not None and changed.lang not in LANGS:
            raise InvalidPreference(field="lang")
        if changed.icon not in ICONS:
            raise InvalidPreference(field="icon")
        low, high = AUTO_LOCK_RANGE
        if not low <= changed.auto_lock_minutes <= high:
            raise InvalidPreference(field="auto_lock_minutes")
        name = (changed.display_name or "").strip()
        if len(name) > MAX_DISPLAY_NAME or any(not ch.isprintable() for ch in name):
            raise InvalidPreference(field="display_name")
        return replace(changed, display_name=name or None)


def config_dir() -> Path:
    env = os.environ.get("VICTIM_DESK_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("victim-desk", appauthor=False))


class PreferencesStore:
    """Reads and writes the preferences file; `path=None` keeps them in memory only (tests, demos)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory = Preferences()

    @classmethod
    def default(cls) -> PreferencesStore:
        return cls(config_dir() / FILE_NAME)

    def load(self) -> Preferences:
        if self.path is None:
            return self._memory
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Preferences()  # none yet, or unreadable: the defaults, never a refusal to start
        return _from_json(raw)

    def save(self, prefs: Preferences) -> None:
        """Write `prefs` (atomically, 0600); raises CannotWrite when the folder cannot be written."""
        prefs = Preferences().with_changes(**asdict(prefs))
        if self.path is None:
            self._memory = prefs
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        body = {"format": FORMAT, **asdict(prefs)}

        def write(f: IO[str]) -> None:
            json.dump(body, f, ensure_ascii=False, indent=2)
            f.write("\n")

        write_new_file(self.path, write, force=True)
        os.chmod(self.path, 0o600)  # mkstemp already made it 0600; said again for file systems that differ


def _from_json(raw: object) -> Preferences:
    """Each field on its own: one bad value falls back to its default without losing the others."""
    prefs = Preferences()
    if not isinstance(raw, dict):
        return prefs
    for name in ("lang", "display_name", "icon", "auto_lock_minutes"):
        if name not in raw:
            continue
        try:
            prefs = prefs.with_changes(**{name: raw[name]})
        except (InvalidPreference, TypeError):
            continue
    return prefs
