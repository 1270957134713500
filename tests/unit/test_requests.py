"""Requests and their clocks on a real vault, with "now" pinned: a letter records one request covering
all of its sightings, the clock follows the jurisdiction and moves when the sending is re-dated, answers
are recorded (removed → sightings removed), every change is in the audit chain, and `next` says what is
due: a letter, a follow-up, escalation."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from victim_desk.app.requests import LetterSpec, Requests
from victim_desk.core.model import RequestStatus
from victim_desk.errors import (
    EscalationNotAvailable,
    InvalidRequestStatus,
    LetterIncomplete,
    OutputExists,
    RequestClosed,
    RequestNotFound,
)
from victim_desk.storage import migrations

T0 = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def board(desk: Any) -> tuple[Any, Clock, int]:
    clock = Clock(T0)
    desk.requests = Requests(desk._vault, desk.cases, clock=clock)
    desk.profile.set("김하나", "hana@example.org")
    case = desk.cases.add("사례 하나")
    for i in range(3):
        desk.sightings.add(case, f"https://t.me/room/{i + 100}", seen="2026-11-20T10:00:00+09:00")
    desk.sightings.add(case, "https://www.naver.com/blog/x1", platform="naver")
    return desk, clock, case


def spec(case: int, **changes: Any) -> LetterSpec:
    base: dict[str, Any] = dict(recipient="telegram", jurisdiction="US", lang="ko", case_id=case,
                                platform="telegram")  # fmt: skip
    base.update(changes)
    return LetterSpec(**base)


def test_a_letter_records_one_request_covering_all_its_sightings(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    result = desk.requests.letter(spec(case), tmp_path / "a.pdf")
    r = result.request
    assert r.sightings == (1, 2, 3) and r.recipient == "telegram" and r.jurisdiction == "US"
    assert r.reference == f"VD-{case}-{r.id}" and r.channel == "in_app"
    assert r.sent_at == T0 and r.deadline == T0 + timedelta(hours=48) and r.status == RequestStatus.SENT
    statuses = {s.id: str(s.status) for s in desk.sightings.list(case)}
    assert statuses == {1: "requested", 2: "requested", 3: "requested", 4: "found"}
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    actions = [e.action for e in desk.audit.events(case)]
    assert actions.count("request.add") == 1 and actions.count("sighting.status") == 3


def test_clocks_per_jurisdiction_and_eu_has_a_review_date_but_no_deadline(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    kr = desk.requests.letter(spec(case, jurisdiction="KR"), tmp_path / "kr.txt").request
    assert kr.deadline == T0 + timedelta(hours=24)
    eu = desk.requests.letter(spec(case, jurisdiction="EU"), tmp_path / "eu.txt").request
    assert eu.deadline is None and eu.review_at == T0 + timedelta(days=7)
    uk = desk.requests.letter(spec(case, jurisdiction="UK"), tmp_path / "uk.txt").request
    assert uk.deadline == T0 + timedelta(hours=48)


def test_re_dating_the_sending_moves_the_deadline(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    r = desk.requests.letter(spec(case), tmp_path / "a.txt").request
    moved = desk.requests.mark_sent(r.id, "2026-11-30T09:00:00+09:00")
    assert moved.sent_at == datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
    assert moved.deadline == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)


def test_answers_are_recorded_and_removed_marks_the_sightings(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    r = desk.requests.letter(spec(case), tmp_path / "a.txt").request
    assert desk.requests.update(r.id, "acknowledged", "ticket 55").note == "ticket 55"
    done = desk.requests.update(r.id, "removed")
    assert done.status == RequestStatus.REMOVED and done.note == "ticket 55"
    assert [str(s.status) for s in desk.sightings.list(case)] == ["removed", "removed", "removed", "found"]
    with pytest.raises(InvalidRequestStatus):
        desk.requests.update(r.id, "deleted")
    with pytest.raises(RequestNotFound):
        desk.requests.update(999, "closed")


def test_every_change_is_in_the_audit_chain(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    r = desk.requests.letter(spec(case), tmp_path / "a.txt").request
    desk.requests.mark_sent(r.id, "2026-11-30T09:00:00+09:00")
    desk.requests.update(r.id, "refused", "not illegal, they say")
    conn = desk._vault.conn
    rows = conn.execute("SELECT action, details FROM audit WHERE entity = 'request' ORDER BY seq").fetchall()
    assert [a for a, _ in rows] == ["request.add", "request.sent", "request.status"]
    assert json.loads(rows[0][1])["sightings"] == [1, 2, 3]
    assert json.loads(rows[2][1]) == {"from": "sent", "to": "refused", "note": "not illegal, they say"}
    assert desk.admin.check().sound  # the chains still verify


def test_overdue_listing_and_json_lines_match_the_model(board: Any, tmp_path: Path) -> None:
    desk, clock, case = board
    a = desk.requests.letter(spec(case), tmp_path / "a.txt").request
    desk.requests.letter(spec(case, sighting_id=4, case_id=None, platform=None, recipient="naver",
                              jurisdiction="KR"), tmp_path / "b.txt")  # fmt: skip
    assert [r.id for r in desk.requests.list(case, overdue=True)] == []
    later = T0 + timedelta(hours=30)  # KR's 24 h passed, US's 48 h not
    assert [r.id for r in desk.requests.list(case, overdue=True, at=later)] == [2]
    lines = [json.loads(x) for x in desk.requests.json_lines(case, at=later)]
    assert lines == [r.to_json(later) for r in desk.requests.list(case)]
    assert lines[0]["sighting"] == [1, 2, 3] and lines[1]["sighting"] == 4 and lines[1]["overdue"] is True
    assert (
        lines[0]["sent_at"] == "2026-12-01T00:00:00+00:00"
        and lines[0]["deadline"] == "2026-12-03T00:00:00+00:00"
    )
    clock.now = T0 + timedelta(hours=49)
    assert [r.id for r in desk.requests.list(overdue=True)] == [a.id, 2]


def test_next_goes_letter_then_follow_up_then_escalation(board: Any, tmp_path: Path) -> None:
    desk, clock, case = board
    due = desk.requests.next(case)
    assert [(d.action, d.platform, d.sightings) for d in due] == [
        ("letter", "naver", (4,)), ("letter", "telegram", (1, 2, 3))]  # fmt: skip
    first = desk.requests.letter(spec(case, jurisdiction="KR"), tmp_path / "a.txt").request
    assert [d.action for d in desk.requests.next(case)] == ["letter"]  # naver only
    clock.now = T0 + timedelta(hours=25)
    due = desk.requests.next(case)
    assert (due[0].action, due[0].request) == ("follow_up", first.id)
    follow = desk.requests.follow_up(first.id, tmp_path / "f.txt").request
    assert follow.follows == first.id and follow.deadline == clock.now + timedelta(hours=24)
    text = (tmp_path / "f.txt").read_text(encoding="utf-8")
    assert f"문서 번호 {first.reference}로" in text and "방송미디어통신심의위원회" in text
    assert [d.action for d in desk.requests.next(case)] == ["letter"]
    clock.now += timedelta(hours=25)
    due = desk.requests.next(case)
    assert (due[0].action, due[0].request) == ("escalate", follow.id)
    desk.requests.escalate(follow.id, "kcsc", tmp_path / "kcsc.txt")
    report = (tmp_path / "kcsc.txt").read_text(encoding="utf-8")
    assert first.reference in report and follow.reference in report and "https://t.me/room/101" in report
    assert [d.action for d in desk.requests.next(case)] == ["letter"]  # escalated: nothing more for telegram
    desk.requests.escalate(follow.id, "police", tmp_path / "police.txt")
    police = (tmp_path / "police.txt").read_text(encoding="utf-8")
    assert "ecrm.police.go.kr" in police and "첨부할 것" in police and "2026-11-20 10:00" in police
    desk.requests.update(first.id, "removed")
    assert [d.action for d in desk.requests.next(case)] == ["letter"]


def test_a_refusal_makes_escalation_due_at_once(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    r = desk.requests.letter(spec(case, jurisdiction="KR"), tmp_path / "a.txt").request
    desk.requests.update(r.id, "refused")
    assert ("escalate", r.id) in [(d.action, d.request) for d in desk.requests.next(case)]


def test_follow_up_and_escalation_refuse_what_does_not_apply(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    us = desk.requests.letter(spec(case), tmp_path / "a.txt").request
    with pytest.raises(EscalationNotAvailable) as caught:
        desk.requests.escalate(us.id, "kcsc", tmp_path / "k.txt")
    assert "US" in caught.value.message("en")
    desk.requests.update(us.id, "closed")
    with pytest.raises(RequestClosed) as closed:
        desk.requests.follow_up(us.id, tmp_path / "f.txt")
    assert closed.value.params["status"] == "closed"
    assert f"요청 {us.id}은(는) 이미 '종결' 상태라" in closed.value.message("ko")
    assert f"Request {us.id} is already 'closed'" in closed.value.message("en")
    assert not (tmp_path / "k.txt").exists() and not (tmp_path / "f.txt").exists()


def test_a_refused_letter_leaves_no_file_and_no_record(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(LetterIncomplete):
        desk.requests.letter(spec(case, voice="agent"), tmp_path / "a.pdf")  # no --authority
    existing = tmp_path / "b.pdf"
    existing.write_bytes(b"an earlier letter, kept as it was")
    with pytest.raises(OutputExists):
        desk.requests.letter(spec(case), existing)
    assert existing.read_bytes() == b"an earlier letter, kept as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf"]
    assert list(desk.requests.list(case)) == []
    assert {str(s.status) for s in desk.sightings.list(case)} == {"found"}


def test_a_file_that_cannot_be_written_records_nothing(board: Any, tmp_path: Path) -> None:
    desk, _, case = board
    from victim_desk.errors import CannotWrite

    with pytest.raises(CannotWrite):
        desk.requests.letter(spec(case), tmp_path / "no such folder" / "a.pdf")
    assert list(desk.requests.list(case)) == [] and {str(s.status) for s in desk.sightings.list(case)} == {
        "found"
    }


def test_v1_requests_rows_are_carried_into_the_new_tables() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for statement in migrations._statements(migrations.MIGRATIONS[0]):  # type: ignore[arg-type]
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO cases VALUES (1, 't', '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO sightings (id, case_id, url, platform, created_at, updated_at) VALUES"
                 " (5, 1, 'https://t.me/a/1', 'telegram', 'x', 'x')")  # fmt: skip
    conn.execute("INSERT INTO requests VALUES (3, 5, 'telegram', 'US', 'en', '2026-11-02T00:00:00+00:00',"
                 " '2026-11-04T00:00:00+00:00', 'sent', 'c', 'u')")  # fmt: skip
    migrations.migrate(conn)
    assert migrations.current_version(conn) == migrations.SCHEMA_VERSION
    row = conn.execute("SELECT id, case_id, recipient, sent_at, deadline, status FROM requests").fetchone()
    assert row == (3, 1, "telegram", "2026-11-02T00:00:00+00:00", "2026-11-04T00:00:00+00:00", "sent")
    assert conn.execute("SELECT request_id, sighting_id FROM request_sightings").fetchall() == [(3, 5)]
