"""A letter as plain blocks (headings, paragraphs, label/value pairs, tables), and its plain-text form.

Composition produces this model once; the PDF (render/letter_pdf.py), the text a person pastes into a
web form and the e-mail draft are three renderings of the same blocks, so they cannot disagree. The text
form does not wrap lines: web forms reflow text themselves, and a hard-wrapped URL would break.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Pairs:
    """Label/value lines: who, to whom, when."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grid:
    """A table; `widths` are fractions of the text width, one per column. `mono` columns hold hashes."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


Block = Heading | Paragraph | Bullets | Pairs | Grid


@dataclass
class Document:
    title: str
    lang: str
    footer: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def as_text(doc: Document) -> str:
    """The letter as plain text for a web form or an e-mail body (UTF-8, LF line ends, no wrapping)."""
    out: list[str] = [doc.title, "=" * min(len(doc.title) * 2, 60), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [block.text, "-" * min(len(block.text) * 2, 60)]
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out += [f"- {item}" for item in block.items]
        elif isinstance(block, Pairs):
            out += [f"{label}: {value}" for label, value in block.rows]
        elif isinstance(block, Grid):
            out += _grid_lines(block.header, block.rows)
        out.append("")
    if doc.footer:
        out.append(doc.footer)
    return "\n".join(out).rstrip("\n") + "\n"


def _grid_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    # One line per row: a form field shows no columns. The first cell leads the line, the second (the
    # address, or the item's kind) follows it alone so it can be copied whole, the rest are labelled.
    lines = []
    for row in rows:
        rest = "; ".join(f"{h}: {v}" for h, v in zip(header[2:], row[2:], strict=True))
        lines.append(f"{row[0]}. {row[1]}" + (f"  ({rest})" if rest else ""))
    return lines
