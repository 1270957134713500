"""Writing to the terminal: UTF-8 always, JSON one object a line, human text in the user's language.

Everything printed carries data someone else chose: a case title, an address copied from a chat room, a
file name. A terminal obeys the control characters inside them (ESC[2J clears the screen, a newline fakes a
line, U+202E reverses what follows), so human-readable output shows them as visible escapes instead. Only a
catalogue message's own line breaks (`i18n.Message`) are kept; JSON keeps its escaping, extended to the
characters JSON itself would let through raw.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from victim_desk.i18n import BIDI_CONTROLS, Message, visible

# JSON lets these through unescaped, yet a terminal acts on them: C1 controls (U+009B is a CSI on some
# terminals), bidi controls and the Unicode line/paragraph separators. json.loads reads the escapes back.
_JSON_HIDDEN = {
    c: f"\\u{ord(c):04x}" for c in [*map(chr, range(0x7F, 0xA0)), *BIDI_CONTROLS, "\u2028", "\u2029"]
}
_JSON_TABLE = str.maketrans(_JSON_HIDDEN)


def configure_streams() -> None:
    # Hangul must survive a C/POSIX locale and Windows consoles; JSON output is always UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def emit_json(obj: Any, out: TextIO | None = None) -> None:
    text = json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    (out or sys.stdout).write(text.translate(_JSON_TABLE) + "\n")


def safe(text: object) -> str:
    """What a terminal may show of `text`: catalogue line breaks kept, every other control made visible."""
    if isinstance(text, Message):
        # Its params were made visible when it was filled in; only the catalogue's own breaks are left.
        return "\n".join(visible(line) for line in text.split("\n"))
    return visible(str(text))


def echo(text: str = "", out: TextIO | None = None) -> None:
    (out or sys.stdout).write(safe(text) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(safe(text) + "\n")


def terminal_progress(label: str) -> Callable[[int, int], None] | None:
    """A one-line "label done/total" counter on stderr, when a person watches a terminal but the results go
    elsewhere (on the terminal itself each result's line already shows the progress)."""
    if not sys.stderr.isatty() or sys.stdout.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if total and done >= total else ""
        sys.stderr.write(f"\r{label} {done}/{total or '?'}{end}")
        sys.stderr.flush()

    return show
