"""A small, calm document model for every PDF the app makes: headings, paragraphs, lists and tables.

Callers give plain text; this module escapes it for ReportLab's paragraph markup and shows hidden control
characters as visible escapes, so nothing a person (or an attacker) typed can change the layout, hide
text or break the PDF. Line breaks in a text are kept. Long unbroken tokens (addresses, hashes) wrap
inside their cell. The PDF is written through `safe_output`, so it appears whole or not at all, and with
ReportLab's invariant mode, so the same content gives the same bytes (no creation time or random id
inside: the file says nothing about when or where it was made beyond what its text says).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from victim_desk.i18n import visible
from victim_desk.render.fonts import BOLD, REGULAR, register_fonts
from victim_desk.safe_output import write_new_file

_MARGIN = 20 * mm
_TEXT_WIDTH = A4[0] - 2 * _MARGIN
_INK = colors.HexColor("#222222")
_SOFT = colors.HexColor("#666666")
_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "base", fontName=REGULAR, fontSize=10.5, leading=15, textColor=_INK, alignment=TA_LEFT
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "title": style("title", fontName=BOLD, fontSize=16, leading=22, spaceAfter=8),
        "h1": style("h1", fontName=BOLD, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4),
        "h2": style("h2", fontName=BOLD, fontSize=11, leading=15, spaceBefore=6, spaceAfter=2),
        "body": style("body", spaceAfter=5),
        "small": style("small", fontSize=8.5, leading=11.5, textColor=_SOFT),
        "cell": style("cell", fontSize=8.5, leading=11),
        "cell_head": style("cell_head", fontName=BOLD, fontSize=8.5, leading=11),
        "mono": style("mono", fontSize=8, leading=10.5),
    }


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, hidden controls made visible, line breaks kept."""
    lines = str(text).split("\n")
    return "<br/>".join(escape(visible(line)) for line in lines)


class PdfDocument:
    """Blocks added in reading order, then `write()` or `to_bytes()`."""

    def __init__(self, *, title: str, footer: str = "", lang: str = "ko") -> None:
        register_fonts()
        self._title = title
        self._footer = footer
        self._lang = lang
        self._styles = _styles()
        self._story: list[Flowable] = [Paragraph(markup(title), self._styles["title"])]

    # --- blocks -------------------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        self._story.append(Paragraph(markup(text), self._styles["h1" if level <= 1 else "h2"]))

    def paragraph(self, text: str, *, small: bool = False, bold: bool = False) -> None:
        body = markup(text)
        if bold:
            body = f"<b>{body}</b>"
        self._story.append(Paragraph(body, self._styles["small" if small else "body"]))

    def bullets(self, items: Sequence[str]) -> None:
        entries = [ListItem(Paragraph(markup(item), self._styles["body"]), leftIndent=12) for item in items]
        self._story.append(
            ListFlowable(entries, bulletType="bullet", start="•", leftIndent=12, bulletFontName=REGULAR)
        )

    def key_values(self, pairs: Sequence[tuple[str, str]]) -> None:
        """A two-column block of labels and values (who, what, when)."""
        rows = [[self._cell(k, head=True), self._cell(v)] for k, v in pairs]
        table = Table(rows, colWidths=[0.28 * _TEXT_WIDTH, 0.72 * _TEXT_WIDTH], hAlign="LEFT")
        padding = [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        font = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), font, *padding]))
        self._story.append(table)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A ruled table; `widths` are fractions of the text width, one per column. Repeats its header
        on every page, so a 500-address list stays readable."""
        data = [[self._cell(h, head=True) for h in header]]
        data.extend([self._cell(str(value)) for value in row] for row in rows)
        table = Table(data, colWidths=[w * _TEXT_WIDTH for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # Table's own default would name Helvetica
                    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        self._story.append(table)

    def monospace(self, text: str) -> None:
        """Hashes and commands, wrapped anywhere they must be."""
        self._story.append(Paragraph(markup(text), self._styles["mono"]))

    def spacer(self, height_mm: float = 4) -> None:
        self._story.append(Spacer(1, height_mm * mm))

    def keep_together(self, build: list[Flowable]) -> None:
        self._story.append(KeepTogether(build))

    def page_break(self) -> None:
        self._story.append(PageBreak())

    # --- output -------------------------------------------------------------------------------------

    def write(self, out: Path, *, force: bool = False) -> None:
        write_new_file(Path(out), self._build_into, binary=True, force=force)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._build_into(buffer)
        return buffer.getvalue()

    def _cell(self, text: str, *, head: bool = False) -> Paragraph:
        return Paragraph(markup(text), self._styles["cell_head" if head else "cell"])

    def _build_into(self, target: IO[Any]) -> None:
        doc = SimpleDocTemplate(
            target,
            pagesize=A4,
            leftMargin=_MARGIN,
            rightMargin=_MARGIN,
            topMargin=_MARGIN,
            bottomMargin=_MARGIN,
            title=visible(self._title),
            author="",
            subject="",
            creator="victim_desk",
            lang=self._lang,
            invariant=True,
            initialFontName=REGULAR,  # else the canvas names Helvetica, a font the PDF would not embed
        )
        doc.build(list(self._story), onFirstPage=self._decorate, onLaterPages=self._decorate)

    def _decorate(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(_SOFT)
        bottom = _MARGIN / 2
        if self._footer:
            canvas.drawString(_MARGIN, bottom, visible(self._footer))
        canvas.drawRightString(A4[0] - _MARGIN, bottom, f"{doc.page}")
        canvas.restoreState()
