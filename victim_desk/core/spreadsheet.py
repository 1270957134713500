"""The sightings list as a CSV that Korean Excel opens correctly and never runs as formulas.

Shared by every file that leaves the computer with a list of sightings (a referral's `-sightings.csv`, an
evidence package's `sightings.csv`), so the protections are written once: UTF-8 with a BOM (without it
Korean Excel reads the file as CP949 and shows mojibake), CRLF line ends, and any cell that starts with
= + - @ (or tab, CR) prefixed with a quote so a spreadsheet shows it as text instead of evaluating it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Protocol

from victim_desk.core.model import Sighting, iso

UTF8_BOM = "\ufeff"


class TextSink(Protocol):
    def write(self, text: str, /) -> int: ...


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab and CR too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading = + - @ (or tab, CR) gets a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def iter_sightings_csv_rows(sightings: Iterable[Sighting], *, with_notes: bool) -> Iterator[list[str]]:
    """Header, then one row per sighting (the note column only when notes go with it), lazily."""
    yield ["id", "url", "platform", "seen", "status"] + (["note"] if with_notes else [])
    for s in sightings:
        row = [str(s.id), s.url, s.platform, iso(s.seen) or "", str(s.status)]
        if with_notes:
            row.append(s.note)
        yield [neutralise_cell(cell) for cell in row]


def sightings_csv_rows(sightings: Iterable[Sighting], *, with_notes: bool) -> list[list[str]]:
    return list(iter_sightings_csv_rows(sightings, with_notes=with_notes))


def write_sightings_csv(f: TextSink, rows: Iterable[list[str]]) -> int:
    """Write the BOM and `rows` with CRLF line ends; returns the number of data rows (header excluded)."""
    f.write(UTF8_BOM)
    writer = csv.writer(f, lineterminator="\r\n")
    count = -1
    for row in rows:
        writer.writerow(row)
        count += 1
    return max(count, 0)
