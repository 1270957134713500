"""Plain text to safe rich text: every value shown here came from data (the directory, a package), so it
is escaped before Qt renders it, and nothing becomes a clickable link (numbers and addresses stay plain,
selectable text a person can copy, never something that opens a browser by accident)."""

from __future__ import annotations

import html


def esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def heading(text: str) -> str:
    return f'<p style="font-size: large; font-weight: 600; margin-top: 14px;">{esc(text)}</p>'


def para(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def rows(pairs: list[tuple[str, str]]) -> str:
    label = '<td style="padding-right: 12px; vertical-align: top;">'
    cells = "".join(f"<tr>{label}<b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in pairs)
    return f"<table>{cells}</table>"


def bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
