"""Writing to the terminal: UTF-8 always, JSON one object a line, human text in the user's language."""

from __future__ import annotations

import json
import sys
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
