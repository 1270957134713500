"""A document as plain blocks (headings, paragraphs, lists, tables), before it becomes a PDF or text.

Referral letters and the guide are composed once, here in pure code, and then laid out twice: as a PDF by
`render.blocks.write_pdf` and as plain text by `to_text`. Both read the same blocks, so the text file and
the PDF of one letter say exactly the same things, and a test can check what a letter contains without a
PDF reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class KeyValues:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width, one per column


@dataclass(frozen=True)
class Mono:
    text: str


Block = Heading | Para | Bullets | KeyValues | Table | Mono


@dataclass
class Document:
    title: str
    footer: str = ""
    lang: str = "ko"
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def to_text(doc: Document) -> str:
    """The document as UTF-8 plain text: readable in any editor, e-mail body or terminal."""
    out: list[str] = [doc.title, "=" * text_width(doc.title), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            line = "-" if block.level <= 1 else "·"
            out.extend([block.text, line * text_width(block.text)])
        elif isinstance(block, Para):
            out.extend([block.text, ""])
        elif isinstance(block, Bullets):
            out.extend(f"  • {_indent(item)}" for item in block.items)
            out.append("")
        elif isinstance(block, KeyValues):
            width = max((text_width(k) for k, _ in block.pairs), default=0)
            out.extend(f"{k}{' ' * (width - text_width(k))}  {_indent(v, width + 2)}" for k, v in block.pairs)
            out.append("")
        elif isinstance(block, Table):
            out.append(" | ".join(block.header))
            out.extend(" | ".join(cell.replace("\n", " ") for cell in row) for row in block.rows)
            out.append("")
        elif isinstance(block, Mono):
            out.extend([block.text, ""])
    if doc.footer:
        out.extend(["", doc.footer])
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str, by: int = 4) -> str:
    return text.replace("\n", "\n" + " " * by)


def text_width(text: str) -> int:
    """How many columns `text` takes in a terminal or a monospaced editor: Hangul and other wide
    characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def plain_rows(rows: Sequence[Sequence[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple("" if v is None else str(v) for v in row) for row in rows)
