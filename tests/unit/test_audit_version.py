"""`desk.audit.version()`: grows with every saved change, from this program or another, never on a read."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE
from victim_desk.desk import Desk


def test_the_version_grows_with_each_change_and_stays_on_reads(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "vault", PASSPHRASE) as desk:
        start = desk.audit.version()
        case_id = desk.cases.add("version case one")
        added = desk.audit.version()
        assert added > start
        desk.cases.list()
        desk.sightings.list(case_id)
        desk.workplace.overview()
        assert desk.audit.version() == added
        sighting = desk.sightings.add(case_id, "https://example.org/version-check/1")
        desk.sightings.set_status(sighting.id, "requested")
        assert desk.audit.version() > added


def test_a_change_saved_by_another_program_moves_the_version(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "vault", PASSPHRASE) as desk:
        before = desk.audit.version()
        with Desk.open(tmp_path / "vault", PASSPHRASE) as other:  # what the CLI does meanwhile
            other.cases.add("added by the command line")
        assert desk.audit.version() > before
