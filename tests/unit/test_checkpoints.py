"""After an import or an evidence batch, what was saved is in vault.db itself, not only in its -wal file:
a person who copies only vault.db (or whose -wal file is lost) keeps it."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import PASSPHRASE
from victim_desk.desk import Desk
from victim_desk.storage.vault import DB_NAME, KEY_NAME


def _copy_without_wal(vault: Path, to: Path) -> Path:
    to.mkdir()
    for name in (DB_NAME, KEY_NAME):
        shutil.copy2(vault / name, to / name)
    return to


def test_an_import_is_in_vault_db_before_the_vault_closes(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("".join(f"https://t.me/room/{n}\n" for n in range(25)), encoding="utf-8")
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("체크포인트")
        assert len(desk.sightings.import_file(case, listing).added) == 25
        copy = _copy_without_wal(tmp_path / "v", tmp_path / "copy")  # while the vault is still open
    with Desk.open(copy, PASSPHRASE) as restored:
        assert len(list(restored.sightings.list(case))) == 25


def test_an_evidence_batch_is_in_vault_db_before_the_vault_closes(tmp_path: Path) -> None:
    rng = np.random.default_rng(20261201)
    photo = tmp_path / "synthetic.png"
    Image.fromarray(rng.integers(0, 255, (96, 128, 3), dtype=np.uint8)).save(photo)
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("증거")
        results = list(desk.evidence.add(case, [photo]))
        assert [type(r).__name__ for _, r in results] == ["EvidenceItem"]
        copy = _copy_without_wal(tmp_path / "v", tmp_path / "copy")
    with Desk.open(copy, PASSPHRASE) as restored:
        assert [e.file_name for e in restored.evidence.list(case)] == ["synthetic.png"]
