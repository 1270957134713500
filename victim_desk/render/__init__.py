"""Printable documents (letters, referrals, the guide, the evidence report) as PDFs.

The only package that imports ReportLab (a test enforces it). Documents are built from plain text, never
from markup a person typed: `document.PdfDocument` escapes everything it is given, so a title such as
"<font size=99>" prints as those characters. Hangul comes from the NanumGothic font shipped in
`resources/fonts` (SIL OFL), embedded as a subset in every PDF so it reads the same on any computer.
"""
