"""Korean-first message catalogue for everything outside the Qt screens.

Errors, CLI output and anything the application layer says to a person come from the catalogue files in
resources/i18n/ (`messages.json`, plus one `messages-<area>.json` per capability: letters, referrals, ...),
one entry per message with its Korean and English text; a key defined twice is refused at load. The Qt
screens use Qt's own tr() with .ts files; docs/architecture.md says why there are two catalogues.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Literal

from victim_desk.resources_path import resource

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

# Characters that change how the text around them is shown rather than being shown themselves: bidi
# embeddings, overrides, isolates and marks (U+202E makes "gpj.exe" read "exe.jpg").
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class Message(str):
    """A catalogue message with its data filled in. Its own line breaks are meant (the catalogue wrote
    them); the terminal writer keeps them, while any other string has every control character escaped."""

    __slots__ = ()


def is_hidden_control(char: str) -> bool:
    """Whether `char` acts on the display instead of being a visible character: C0/C1 controls (ESC, CR,
    newline, ...), bidi controls, line/paragraph separators, and lone surrogates from undecodable names."""
    return char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


def visible(text: str) -> str:
    """`text` with every hidden control shown as an escape (ESC -> \\x1b, newline -> \\n, U+202E ->
    \\u202e), so data can never clear a screen, fake a line or reverse what follows. Hangul, emoji and
    other ordinary text are left alone; backslashes are not doubled, to keep Windows paths readable."""
    if not any(is_hidden_control(c) for c in text):
        return text
    out = []
    for c in text:
        if not is_hidden_control(c):
            out.append(c)
        elif c in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[c])
        elif ord(c) <= 0xFF:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(f"\\u{ord(c):04x}")
    return "".join(out)


CATALOGUE_PREFIX = "messages"


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = {}
    names = [f.name for f in resource("i18n").iterdir()]
    files = sorted(n for n in names if n.startswith(CATALOGUE_PREFIX) and n.endswith(".json"))
    for name in files:
        part: dict[str, dict[str, str]] = json.loads(resource("i18n", name).read_text(encoding="utf-8"))
        repeated = data.keys() & part.keys()
        if repeated:
            # One key, one meaning: a second definition would silently win or lose depending on file order.
            raise ValueError(f"message keys defined twice ({name}): {sorted(repeated)}")
        data.update(part)
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


def t(key: str, lang: Lang, /, **params: object) -> Message:
    """The message `key` in `lang`, with {placeholders} filled from params.

    Params are data (titles, addresses, file names, reasons): their hidden controls are made visible, so
    a title holding ESC[2J or U+202E reads as written wherever the message is shown, terminal or window.
    Numbers stay numbers, so format specs like {count:>6} keep working. A message that needs two lines
    writes the line break in its catalogue text.
    """
    entry = _catalogue().get(key)
    safe = {
        name: value if isinstance(value, int | float) else visible(str(value))
        for name, value in params.items()
    }
    if entry is None:
        # A missing message is a bug, but a person must still read something sensible.
        return Message(key if not params else f"{key} {safe}")
    template = entry.get(lang) or entry["en"]
    try:
        return Message(template.format(**safe))
    except (KeyError, IndexError, ValueError):
        return Message(template)


def has_message(key: str) -> bool:
    return key in _catalogue()
