"""Sightings: where material was found, one at a time or hundreds from a file, and their status."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from victim_desk.core import sighting_import
from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.model import Sighting, SightingStatus
from victim_desk.core.sightings import new_sighting, parse_status, url_key
from victim_desk.errors import DuplicateSighting
from victim_desk.storage.tables import sightings as table
from victim_desk.storage.vault import Vault

from .cases import Cases
from .unit import change

_IMPORT_BATCH = 2000


@dataclass(frozen=True)
class Duplicate:
    """A row not saved because its address is already recorded: in the case (`existing` is that
    sighting's id) or on an earlier line of the same file (`first_line`)."""

    line: int
    existing: int | None = None
    first_line: int | None = None


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    errors: list[sighting_import.RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


class Sightings:
    def __init__(self, vault: Vault, cases: Cases) -> None:
        self._vault = vault
        self._cases = cases

    def add(
        self,
        case_id: int,
        url: str,
        platform: str | None = None,
        seen: str | None = None,
        note: str | None = None,
    ) -> Sighting:
        """Record one sighting; an address the case already has is refused with the existing id."""
        item = new_sighting(url, platform, seen, note)
        key = url_key(item.url)
        with change(self._vault) as c:
            self._cases.require(case_id)
            existing = table.existing_keys(c.conn, case_id, [key])
            if key in existing:
                raise DuplicateSighting(id=existing[key])
            (sighting_id,) = table.add_sightings(c.conn, c.audit, case_id, [(item, key)])
            return table.get_sighting(c.conn, sighting_id)

    def list(self, case_id: int) -> Iterator[Sighting]:
        self._cases.require(case_id)
        return table.list_sightings(self._vault.conn, case_id)

    def open_addresses(self, case_id: int) -> builtins.list[tuple[int, str, str]]:
        """(id, platform, url) of each sighting of the case not marked removed: the addresses a letter can
        cover, light enough to list 100,000 (the letter wizard)."""
        self._cases.require(case_id)
        return table.open_addresses(self._vault.conn, case_id)

    def json_lines(self, case_id: int) -> Iterator[str]:
        """Each sighting of the case as one JSON object (the form of `Sighting.to_json`), fast."""
        self._cases.require(case_id)
        return table.sighting_json_lines(self._vault.conn, case_id)

    def set_status(self, sighting_id: int, status: str) -> Sighting:
        value: SightingStatus = parse_status(status)
        with change(self._vault) as c:
            return table.set_sighting_status(c.conn, c.audit, sighting_id, value)

    def import_file(
        self,
        case_id: int,
        file: Path,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Add every valid row of `file`; bad rows are reported, never block the good ones.

        Rows are saved in batches, each its own transaction: a cancel or crash keeps the batches already
        saved, and the report says exactly which rows were added. An address the case already has, or
        one repeated within the file, is reported as a duplicate and the first is kept, so importing
        the same list twice adds nothing.
        """
        self._cases.require(case_id)
        parsed = sighting_import.parse(sighting_import.read_text(Path(file)), str(file))
        report = ImportReport(errors=list(parsed.errors))
        total = len(parsed.rows)
        source = f"import:{Path(file).name}"
        first_lines: dict[str, int] = {}  # key -> the line of the file where it first appeared
        for start in range(0, total, _IMPORT_BATCH):
            check(cancel)
            rows = [
                (line, item, url_key(item.url)) for line, item in parsed.rows[start : start + _IMPORT_BATCH]
            ]
            with change(self._vault) as c:
                existing = table.existing_keys(c.conn, case_id, (key for _, _, key in rows))
                batch = []
                for line, item, key in rows:
                    if key in existing:
                        report.duplicates.append(Duplicate(line, existing=existing[key]))
                    elif key in first_lines:
                        report.duplicates.append(Duplicate(line, first_line=first_lines[key]))
                    else:
                        first_lines[key] = line
                        batch.append((item, key))
                report.added.extend(table.add_sightings(c.conn, c.audit, case_id, batch, source))
            if progress:
                progress(min(start + _IMPORT_BATCH, total), total)
        # Saved rows live in the write-ahead file until a checkpoint; move them into vault.db now, so a
        # person who copies only vault.db (or loses the -wal file) keeps them.
        self._vault.checkpoint()
        return report
