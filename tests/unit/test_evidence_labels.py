"""An evidence item goes by one neutral name (case and item number, never its file name) in every list
that leaves the computer: the hash list and a referral's hash attachment are the same rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import noise_photo
from victim_desk.core.fingerprint.hashlist import hash_list_rows, stored_hash_list_rows
from victim_desk.core.model import evidence_label
from victim_desk.storage.tables import evidence as evidence_table


def test_the_label_names_case_and_item_only() -> None:
    assert evidence_label(3, 14) == "case3-evidence14"


def test_hash_list_and_referral_attachment_share_rows_and_labels(desk: Any, tmp_path: Path) -> None:
    desk.profile.set("김하나", "hana@example.org")
    other = desk.cases.add("another case")
    list(desk.evidence.add(other, [noise_photo(tmp_path / "other-private-name.png", 7)]))
    case = desk.cases.add("the case")
    list(desk.evidence.add(case, [noise_photo(tmp_path / f"private-name-{i}.png", i) for i in range(2)]))
    items = desk.evidence.list(case)
    assert [item.label for item in items] == [f"case{case}-evidence2", f"case{case}-evidence3"]

    stored = list(evidence_table.evidence_fingerprints(desk._vault.conn, case))
    rows = stored_hash_list_rows(stored)
    assert rows == [row for e, c, obj in stored for row in hash_list_rows(obj, evidence_label(c, e))]
    assert [row[3] for row in rows] == [item.label for item in items]

    listed = tmp_path / "hashes.csv"
    assert desk.evidence.export_hash_list(case, listed) == 2
    desk.referrals.write(case, "d4u", ["fingerprints"], tmp_path / "referral.txt", lang="ko", fmt="txt")
    attachment = (tmp_path / "referral-hashes.csv").read_bytes()
    assert attachment == listed.read_bytes()
    assert b"private-name" not in attachment and f"case{case}-evidence3".encode() in attachment
