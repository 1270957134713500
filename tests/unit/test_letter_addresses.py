"""What a letter covering many addresses reads: the open addresses of a case in one light query, and the
chosen sightings fetched a few hundred per query, in the order asked, a wrong id still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from victim_desk.app.requests import LetterSpec
from victim_desk.desk import Desk
from victim_desk.errors import LetterOptionConflict, SightingNotFound
from victim_desk.storage.tables import sightings as table


def _case_with(desk: Desk, tmp_path: Path, count: int) -> int:
    case = desk.cases.add("many addresses")
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(f"https://t.me/sample_room_{n}/{n}" for n in range(count)), encoding="utf-8")
    desk.sightings.import_file(case, listing)
    return case


def test_open_addresses_leave_out_the_removed_ones(desk: Desk, tmp_path: Path) -> None:
    case = _case_with(desk, tmp_path, 5)
    ids = [s.id for s in desk.sightings.list(case)]
    desk.sightings.set_status(ids[1], "removed")
    assert desk.sightings.open_addresses(case) == [
        (sid, "telegram", f"https://t.me/sample_room_{n}/{n}") for n, sid in enumerate(ids) if n != 1
    ]


def test_get_sightings_keeps_the_order_across_chunks_and_refuses_a_missing_id(
    desk: Desk, tmp_path: Path
) -> None:
    case = _case_with(desk, tmp_path, 1_203)
    ids = [s.id for s in desk.sightings.list(case)]
    wanted = [*reversed(ids[::2]), ids[0]]  # more than two chunks of 500, one id twice
    got = table.get_sightings(desk._vault.conn, wanted)
    assert [s.id for s in got] == wanted and got[-1].url == "https://t.me/sample_room_0/0"
    with pytest.raises(SightingNotFound):
        table.get_sightings(desk._vault.conn, [ids[0], 987_654_321])


def test_a_letter_over_thousands_of_addresses_and_a_foreign_one_refused(desk: Desk, tmp_path: Path) -> None:
    case = _case_with(desk, tmp_path, 1_200)
    ids = tuple(s.id for s in desk.sightings.list(case))
    desk.profile.set("Sample Person", "person@example.org")
    draft = desk.requests.draft(LetterSpec("telegram", "KR", "en", case_id=case, sighting_ids=ids))
    assert draft.complete and "https://t.me/sample_room_1199/1199" in draft.text
    other = desk.cases.add("another case")
    foreign = desk.sightings.add(other, "https://x.com/someone_else/status/42", "x").id
    with pytest.raises(LetterOptionConflict):
        desk.requests.draft(
            LetterSpec("telegram", "KR", "en", case_id=case, sighting_ids=(*ids[:3], foreign))
        )
