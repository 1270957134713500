"""Bulk entry of sightings from a file: one URL a line, or a CSV with url/platform/seen/note columns.

Counselors paste hundreds of addresses from monitoring sheets, often saved by Korean Excel in CP949. Every
good row is kept; every bad row is reported with its line number and the reason, so nothing is silently
dropped and nothing good is lost because of one broken line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from victim_desk.core.model import NewSighting
from victim_desk.core.sightings import new_sighting
from victim_desk.errors import DeskError, ImportFileEmpty, ImportFileUnreadable

_MAX_BYTES = 64 * 1024 * 1024
_COLUMN_NAMES = {
    "url": ("url", "link", "address", "주소", "링크", "url주소"),
    "platform": ("platform", "site", "플랫폼", "사이트"),
    "seen": ("seen", "date", "found", "seen_at", "발견일", "발견일시", "날짜"),
    "note": ("note", "notes", "memo", "comment", "메모", "비고"),
}


@dataclass(frozen=True)
class RowError:
    line: int
    error: DeskError


@dataclass(frozen=True)
class ParsedImport:
    rows: list[tuple[int, NewSighting]]
    errors: list[RowError]


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else CP949 as Korean spreadsheets save it."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise ImportFileUnreadable(path=str(path), reason="> 64 MB")
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileUnreadable(path=str(path), reason="directory") from None
    except OSError as exc:
        raise ImportFileUnreadable(path=str(path), reason=exc.strerror or type(exc).__name__) from None
    if b"\x00" in data[:4096]:
        raise ImportFileUnreadable(path=str(path), reason="binary")
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileUnreadable(path=str(path), reason="encoding")


def parse(text: str, source: str = "") -> ParsedImport:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), None)
    if first is None:
        raise ImportFileEmpty(path=source)
    header = _header(first)
    records = _csv_records(text, header) if header is not None else _url_lines(lines)
    rows: list[tuple[int, NewSighting]] = []
    errors: list[RowError] = []
    for line, fields in records:
        try:
            rows.append((line, new_sighting(**fields)))
        except DeskError as exc:
            errors.append(RowError(line, exc))
    if not rows and not errors:
        raise ImportFileEmpty(path=source)
    return ParsedImport(rows, errors)


def _header(first_line: str) -> dict[str, int] | None:
    """Column positions when the first line is a CSV header naming a url column."""
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        cells = next(csv.reader([first_line], dialect))
    except (csv.Error, StopIteration):
        cells = first_line.split(",")
    names = [c.strip().strip('"').lower() for c in cells]
    positions: dict[str, int] = {}
    for field, accepted in _COLUMN_NAMES.items():
        for i, name in enumerate(names):
            if name in accepted:
                positions[field] = i
                break
    return positions if "url" in positions else None


def _csv_records(text: str, header: dict[str, int]) -> Iterator[tuple[int, dict[str, str | None]]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # strict: a quote left open must be reported, not allowed to swallow every row after it.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    try:
        next(reader)  # the header
        for cells in reader:
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            fields = {f: (cells[i] if i < len(cells) else None) for f, i in header.items()}
            fields["url"] = fields["url"] or ""
            yield reader.line_num, fields
    except csv.Error as exc:
        # A broken quote swallows the rest; report it at its line rather than failing the import.
        yield reader.line_num, {"url": f"<csv: {exc}>"}


def _url_lines(lines: list[str]) -> Iterator[tuple[int, dict[str, str | None]]]:
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            yield number, {"url": text}
