"""The application layer the desktop screens use: a letter's draft (what is missing, nothing written),
letters covering chosen addresses, requests recorded without a file, the clocks, and the case history."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from victim_desk.app.requests import LetterSpec
from victim_desk.errors import LetterIncomplete, LetterOptionConflict
from victim_desk.storage.tables import requests as requests_table


def _case(desk) -> tuple[int, list[int]]:
    case = desk.cases.add("sample case")
    ids = [
        desk.sightings.add(case, "https://t.me/some_channel_5521/1", "telegram").id,
        desk.sightings.add(case, "https://t.me/some_channel_5521/2", "telegram").id,
        desk.sightings.add(case, "https://x.com/an_account_77/status/42", "x").id,
    ]
    return case, ids


def test_draft_names_what_is_missing_and_writes_nothing(desk, tmp_path: Path):
    case, ids = _case(desk)
    spec = LetterSpec("telegram", "EU", "en", case_id=case, sighting_ids=tuple(ids[:2]), voice="agent")
    draft = desk.requests.draft(spec)
    assert draft.missing == ("requester_name", "requester_email", "authority")
    assert draft.text == "" and not draft.complete and draft.needs_profile
    lines = dict(draft.missing_lines("en"))
    assert "Your details" in lines["the requester's name"]
    with pytest.raises(LetterIncomplete):  # the same rule refuses the letter itself
        desk.requests.letter(spec, tmp_path / "x.pdf")

    desk.profile.set("Jane Roe", "jane.roe@example.org")
    draft = desk.requests.draft(LetterSpec("telegram", "EU", "en", case_id=case, sighting_ids=tuple(ids[:2])))
    assert draft.complete and not draft.needs_profile and draft.addresses == 2
    assert "https://t.me/some_channel_5521/2" in draft.text and "x.com" not in draft.text
    assert "VD-1-1" in draft.text  # the reference the letter will get
    assert list(desk.requests.list()) == [] and not (tmp_path / "x.pdf").exists()
    assert {s.status for s in desk.sightings.list(case)} == {"found"}


def test_form_address_only_where_the_sources_give_one(desk):
    case, ids = _case(desk)
    desk.profile.set("Jane Roe", "jane.roe@example.org")
    x_us = desk.requests.draft(LetterSpec("x", "US", "en", case_id=case, sighting_ids=(ids[2],)))
    assert x_us.form_address == "https://help.x.com/en/rules-and-policies/us-tida"
    x_kr = desk.requests.draft(LetterSpec("x", "KR", "ko", case_id=case, sighting_ids=(ids[2],)))
    assert x_kr.form_address is None


def test_chosen_addresses_must_belong_to_the_case(desk):
    case, ids = _case(desk)
    other = desk.cases.add("other case")
    stranger = desk.sightings.add(other, "https://t.me/elsewhere_0042/9", "telegram").id
    desk.profile.set("Jane Roe", "jane.roe@example.org")
    with pytest.raises(LetterOptionConflict):
        desk.requests.draft(LetterSpec("telegram", "KR", "ko", case_id=case, sighting_ids=(ids[0], stranger)))


def test_recorded_without_a_file_keeps_the_text(desk):
    case, ids = _case(desk)
    desk.profile.set("Jane Roe", "jane.roe@example.org")
    result = desk.requests.letter(LetterSpec("x", "KR", "ko", case_id=case, sighting_ids=(ids[2],)), None)
    assert result.path is None and result.request is not None and result.request.platform == "x"
    assert "https://x.com/an_account_77/status/42" in result.text
    kept = list(requests_table.letter_texts(desk._vault.conn, case))
    assert kept == [(result.request.id, result.request.reference, result.text)]
    assert {s.id: s.status for s in desk.sightings.list(case)}[ids[2]] == "requested"


def test_clocks_and_board(desk):
    case, ids = _case(desk)
    desk.profile.set("Jane Roe", "jane.roe@example.org")
    kr = desk.requests.letter(
        LetterSpec("telegram", "KR", "ko", case_id=case, sighting_ids=tuple(ids[:2])), None
    )
    us = desk.requests.letter(LetterSpec("x", "US", "en", case_id=case, sighting_ids=(ids[2],)), None)
    at = kr.request.deadline + timedelta(minutes=1)
    clocks = desk.requests.clocks(case, at=at)
    assert [c.request.id for c in clocks] == [us.request.id, kr.request.id]  # newest first
    assert clocks[1].overdue and clocks[1].due == "follow_up" and clocks[1].remaining == timedelta(minutes=-1)
    assert clocks[0].running and clocks[0].due is None
    board = desk.requests.board(at=at)
    assert [c.request.id for c in board] == [kr.request.id, us.request.id]
    assert {c.case_title for c in board} == {"sample case"}
    assert [r.id for r in desk.requests.escalation_routes(kr.request.id)] == ["kcsc", "police"]
    assert desk.requests.escalation_routes(us.request.id) == []


def test_timeline_in_plain_words(desk):
    case, ids = _case(desk)
    desk.sightings.set_status(ids[0], "removed")
    timeline = desk.audit.timeline(case, "en")
    assert timeline.intact and timeline.problems == []
    newest = timeline.entries[0]
    assert (newest.what, newest.subject, newest.change) == (
        "Sighting status changed",
        "Sighting 1",
        "found → removed",
    )
    assert timeline.entries[-1].what == "Case opened"
    assert [e.seq for e in timeline.entries] == sorted((e.seq for e in timeline.entries), reverse=True)
