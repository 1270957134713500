"""Lays out a `core.blocks.Document` (a referral letter, the guide) as a PDF through `PdfDocument`."""

from __future__ import annotations

from pathlib import Path

from victim_desk.core.blocks import Bullets, Document, Heading, KeyValues, Mono, Para, Table
from victim_desk.render.document import PdfDocument


def pdf_of(doc: Document) -> PdfDocument:
    pdf = PdfDocument(title=doc.title, footer=doc.footer, lang=doc.lang)
    for block in doc.blocks:
        if isinstance(block, Heading):
            pdf.heading(block.text, block.level)
        elif isinstance(block, Para):
            pdf.paragraph(block.text, small=block.small, bold=block.bold)
        elif isinstance(block, Bullets):
            pdf.bullets(list(block.items))
        elif isinstance(block, KeyValues):
            pdf.key_values(list(block.pairs))
        elif isinstance(block, Table):
            pdf.table(list(block.header), [list(r) for r in block.rows], list(block.widths))
        elif isinstance(block, Mono):
            pdf.monospace(block.text)
    return pdf


def write_pdf(doc: Document, out: Path, *, force: bool = False) -> None:
    """Written whole or not at all, never over an existing file unless `force` (see safe_output)."""
    pdf_of(doc).write(Path(out), force=force)
