"""The shipped Hangul font, registered with ReportLab once per process.

NanumGothic covers all 11,172 modern Hangul syllables and Latin, so a name, an address or a note in either
script renders without a fallback. It is read from the installed package's resources (never a system
path), so a PDF looks the same on every computer, and ReportLab embeds only the glyphs a document uses.
"""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from victim_desk.resources_path import resource

REGULAR = "NanumGothic"
BOLD = "NanumGothic-Bold"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make REGULAR and BOLD available to ReportLab (idempotent, safe from worker threads)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file in ((REGULAR, "NanumGothic-Regular.ttf"), (BOLD, "NanumGothic-Bold.ttf")):
            data = resource("fonts", file).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        # <b> inside a paragraph picks the bold face of the family.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
