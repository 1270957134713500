"""A composed letter (core.letters.document.Document) as a PDF through the shared PdfDocument:
text escaped, NanumGothic embedded, tables repeating their header on every page."""

from __future__ import annotations

from victim_desk.core.letters.document import Bullets, Document, Grid, Heading, Pairs, Paragraph
from victim_desk.render.document import PdfDocument


def letter_pdf(doc: Document) -> bytes:
    pdf = PdfDocument(title=doc.title, footer=doc.footer, lang=doc.lang)
    for block in doc.blocks:
        if isinstance(block, Heading):
            pdf.heading(block.text, level=2)
        elif isinstance(block, Paragraph):
            pdf.paragraph(block.text, bold=block.bold)
        elif isinstance(block, Bullets):
            pdf.bullets(block.items)
        elif isinstance(block, Pairs):
            pdf.key_values(block.rows)
        elif isinstance(block, Grid):
            pdf.table(block.header, block.rows, block.widths)
    return pdf.to_bytes()
