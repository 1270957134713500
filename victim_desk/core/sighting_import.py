"""Bulk entry of sightings from a file: one URL a line, or a CSV with url/platform/seen/note columns.

Counselors paste hundreds of addresses from monitoring sheets, saved by Korean Excel as CP949 CSV, as UTF-8,
or as Excel's "Unicode Text" (UTF-16 with a BOM, tab-separated). Every good row is kept; every bad row is
reported with its line number and the reason, so nothing is silently dropped and nothing good is lost
because of one broken line.

The file is untrusted and may not be a file at all: a device or a pipe claims size 0 and never ends. So only
regular files are read, and the cap is on the bytes actually read, not on the size the file claims.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from victim_desk.core.model import NewSighting
from victim_desk.core.sightings import new_sighting
from victim_desk.errors import (
    DeskError,
    FileIsFolder,
    FileNotRegular,
    ImportFieldTooLong,
    ImportFileEmpty,
    ImportFileEncoding,
    ImportFileNotText,
    ImportFileTooLarge,
    ImportFileUnreadable,
    ImportRowBroken,
    ImportRowNul,
    file_error,
)

_MAX_BYTES = 64 * 1024 * 1024
# Bytes looked at to tell a text file from a picture, a program or a zipped workbook (.xlsx).
_SNIFF_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes other than tab, line breaks and form feed; text has almost none, binary formats many.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")
_COLUMN_NAMES = {
    "url": ("url", "link", "address", "주소", "링크", "url주소", "url 주소"),
    "platform": ("platform", "site", "플랫폼", "사이트"),
    "seen": ("seen", "date", "found", "seen_at", "발견일", "발견일시", "발견 일시", "발견 날짜", "날짜"),
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
    """The file's text: UTF-16 with a BOM (Excel's "Unicode Text"), UTF-8 (with or without BOM), else
    CP949 as Korean spreadsheets save it. ImportFileUnreadable (or a subclass) says why it cannot be."""
    data = _read_capped(Path(path))
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileEncoding(path=str(path)) from None
    sample = data[:_SNIFF_BYTES]
    # A stray NUL in one note must not cost the whole list (parse() refuses just that row), so binary is
    # told by how much of the start is control bytes, not by any single one.
    if sum(sample.count(b) for b in _CONTROL_BYTES) > max(8, len(sample) // 32):
        raise ImportFileNotText(path=str(path))
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileEncoding(path=str(path))


def _read_capped(path: Path) -> bytes:
    """At most _MAX_BYTES of a regular file; anything else (a device, a pipe, a folder) is refused."""
    try:
        # Checked before opening: opening a FIFO for reading waits for a writer, possibly forever.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular(path)
        # O_NONBLOCK: should it have been swapped for a FIFO since, opening still returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise _not_regular(path)
            data = fh.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise ImportFileUnreadable(path=str(path), cause=file_error(exc)) from None
    if len(data) > _MAX_BYTES:
        raise ImportFileTooLarge(path=str(path), limit=_MAX_BYTES // (1024 * 1024))
    return data


def _not_regular(path: Path) -> ImportFileUnreadable:
    cause = FileIsFolder() if path.is_dir() else FileNotRegular()
    return ImportFileUnreadable(path=str(path), cause=cause)


def parse(text: str, source: str = "") -> ParsedImport:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), None)
    if first is None:
        raise ImportFileEmpty(path=source)
    delimiter = _delimiter(first)
    header = _header(first, delimiter)
    records = _csv_records(text, header, delimiter) if header is not None else _url_lines(lines)
    rows: list[tuple[int, NewSighting]] = []
    errors: list[RowError] = []
    for line, fields in records:
        try:
            if isinstance(fields, DeskError):
                raise fields
            if any("\x00" in value for value in fields.values() if value):
                raise ImportRowNul()
            rows.append(
                (
                    line,
                    new_sighting(
                        fields["url"] or "", fields.get("platform"), fields.get("seen"), fields.get("note")
                    ),
                )
            )
        except DeskError as exc:
            errors.append(RowError(line, exc))
    if not rows and not errors:
        raise ImportFileEmpty(path=source)
    return ParsedImport(rows, errors)


def _delimiter(header_line: str) -> str:
    """Tab (Excel's Unicode Text), semicolon (European Excel) or comma: whichever the header uses most.

    Decided from the header alone: csv.Sniffer guesses from a sample and often fails on Hangul or on a
    sheet whose notes are full of commas, silently splitting every row at the wrong place.
    """
    return max("\t,;", key=header_line.count)


def _header(first_line: str, delimiter: str) -> dict[str, int] | None:
    """Column positions when the first line is a CSV header naming a url column."""
    try:
        cells = next(csv.reader([first_line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        cells = first_line.split(delimiter)
    names = [c.strip().strip('"').lower() for c in cells]
    positions: dict[str, int] = {}
    for field, accepted in _COLUMN_NAMES.items():
        for i, name in enumerate(names):
            if name in accepted:
                positions[field] = i
                break
    return positions if "url" in positions else None


def _csv_records(
    text: str, header: dict[str, int], delimiter: str
) -> Iterator[tuple[int, dict[str, str | None] | DeskError]]:
    # strict: a quote left open must be reported, not allowed to swallow every row after it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        next(reader)  # the header
        while True:
            # A quoted field may span lines: a row is named by the line it starts on.
            start = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                return
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            fields = {f: (cells[i] if i < len(cells) else None) for f, i in header.items()}
            fields["url"] = fields["url"] or ""
            yield start, fields
    except csv.Error as exc:
        # Both usually mean a quotation mark never closed, which swallows the rest of the file: the row
        # where it starts is named and reading stops there (what follows cannot be trusted to be split
        # into the right rows).
        if "field larger than field limit" in str(exc):
            yield start, ImportFieldTooLong(limit=csv.field_size_limit())
        else:
            yield start, ImportRowBroken()


def _url_lines(lines: list[str]) -> Iterator[tuple[int, dict[str, str | None] | DeskError]]:
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            yield number, {"url": text}
