"""Writing to the terminal: UTF-8 always, JSON one object a line, human text in the user's language."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO


def configure_streams() -> None:
    # Hangul must survive a C/POSIX locale and Windows consoles; JSON output is always UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def emit_json(obj: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")) + "\n")


def echo(text: str = "", out: TextIO | None = None) -> None:
    (out or sys.stdout).write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")


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
