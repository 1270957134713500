"""Korean-first message catalogue for everything outside the Qt screens.

Errors, CLI output and anything the application layer says to a person come from
resources/i18n/messages.json, one entry per message with its Korean and English text. The Qt screens use
Qt's own tr() with .ts files; see docs/architecture.md for why there are two catalogues and where each ends.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from typing import Literal

from victim_desk.resources_path import resource

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    text = resource("i18n", "messages.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def detect_language(environ: Mapping[str, str] | None = None) -> Lang:
    """The user's language from the POSIX locale variables; Korean when nothing says otherwise."""
    env = os.environ if environ is None else environ
    for name in ("VICTIM_DESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "").strip().lower()
        if not value or value in ("c", "posix") or value.startswith(("c.", "posix.")):
            continue
        return "en" if not value.startswith("ko") else "ko"
    return "ko"


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The message `key` in `lang`, with {placeholders} filled from params."""
    entry = _catalogue().get(key)
    if entry is None:
        # A missing message is a bug, but a person must still read something sensible.
        return key if not params else f"{key} {params}"
    template = entry.get(lang) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def has_message(key: str) -> bool:
    return key in _catalogue()
