"""The `requests` and `request_sightings` tables: deletion requests, the sightings each covers, and
their clocks. Times are stored in UTC with the same ISO form, so "overdue" is a string comparison SQLite
can do over 10,000 requests at once."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from victim_desk.core.model import Request, RequestStatus, iso
from victim_desk.errors import RequestNotFound
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import moment, now

_COLUMNS = (
    "r.id, r.case_id, r.platform, r.recipient, r.channel, r.jurisdiction, r.lang, r.voice, r.reference,"
    " r.follows, r.sent_at, r.deadline, r.review_at, r.status, r.note, r.escalated_at, r.options,"
    " (SELECT group_concat(sighting_id) FROM"
    "   (SELECT sighting_id FROM request_sightings WHERE request_id = r.id ORDER BY sighting_id))"
)
_OPEN = "('sent', 'acknowledged', 'partly')"


def utc(moment_: datetime | None) -> str | None:
    """The stored form: UTC, seconds, with offset, so text order is time order."""
    return None if moment_ is None else iso(moment_.astimezone(UTC).replace(microsecond=0))


@dataclass(frozen=True)
class NewRequest:
    case_id: int
    platform: str
    recipient: str
    channel: str
    jurisdiction: str
    lang: str
    voice: str
    follows: int | None
    sent_at: datetime
    deadline: datetime | None
    review_at: datetime | None
    options: dict[str, Any]


def _request(row: tuple[Any, ...]) -> Request:
    return Request(
        id=row[0], case_id=row[1], platform=row[2], recipient=row[3], channel=row[4], jurisdiction=row[5],
        lang=row[6], voice=row[7], reference=row[8], follows=row[9], sent_at=moment(row[10]),  # type: ignore[arg-type]
        deadline=moment(row[11]), review_at=moment(row[12]), status=RequestStatus(row[13]), note=row[14],
        escalated_at=moment(row[15]), options=json.loads(row[16]),
        sightings=tuple(int(x) for x in (row[17] or "").split(",") if x),
    )  # fmt: skip


def next_id(conn: Any) -> int:
    """The id the next request will get; call inside the IMMEDIATE transaction that inserts it."""
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM requests").fetchone()[0])


def add_request(
    conn: Any, audit: AuditWriter, request_id: int, reference: str, new: NewRequest, sightings: Sequence[int],
    letter_text: str | None = None,
) -> None:  # fmt: skip
    """`letter_text` is the letter as produced (plain text), kept for the evidence package."""
    stamp = utc(now())
    conn.execute(
        "INSERT INTO requests (id, case_id, platform, recipient, channel, jurisdiction, lang, voice,"
        " reference, follows, sent_at, deadline, review_at, status, options, created_at, updated_at,"
        " letter_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?)",
        (request_id, new.case_id, new.platform, new.recipient, new.channel, new.jurisdiction, new.lang,
         new.voice, reference, new.follows, utc(new.sent_at), utc(new.deadline), utc(new.review_at),
         json.dumps(new.options, ensure_ascii=False, sort_keys=True), stamp, stamp, letter_text),
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO request_sightings (request_id, sighting_id) VALUES (?, ?)",
        [(request_id, sid) for sid in sightings],
    )
    audit.append(
        "request.add",
        "request",
        request_id,
        new.case_id,
        {"reference": reference, "recipient": new.recipient, "channel": new.channel,
         "jurisdiction": new.jurisdiction, "lang": new.lang, "voice": new.voice, "follows": new.follows,
         "sightings": list(sightings), "sent_at": utc(new.sent_at), "deadline": utc(new.deadline),
         "options": new.options},
    )  # fmt: skip


def get_request(conn: Any, request_id: int) -> Request:
    row = conn.execute(f"SELECT {_COLUMNS} FROM requests r WHERE r.id = ?", (request_id,)).fetchone()
    if row is None:
        raise RequestNotFound(id=request_id)
    return _request(row)


def _where(case_id: int | None, overdue_at: datetime | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if case_id is not None:
        clauses.append("r.case_id = ?")
        params.append(case_id)
    if overdue_at is not None:
        clauses.append(f"r.status IN {_OPEN} AND r.deadline IS NOT NULL AND r.deadline < ?")
        params.append(utc(overdue_at))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_requests(
    conn: Any, case_id: int | None = None, overdue_at: datetime | None = None
) -> Iterator[Request]:
    where, params = _where(case_id, overdue_at)
    for row in conn.execute(f"SELECT {_COLUMNS} FROM requests r{where} ORDER BY r.id", params):
        yield _request(row)


def request_json_lines(
    conn: Any, at: datetime, case_id: int | None = None, overdue_only: bool = False
) -> Iterator[str]:
    """`Request.to_json(at)` for each request, built by SQLite (a test keeps the two identical): a
    counselor's board of 10,000 clocks prints in well under a second."""
    where, params = _where(case_id, at if overdue_only else None)
    stamp = utc(at)
    sql = (
        "SELECT json_object('id', r.id, 'case', r.case_id, 'sighting',"
        " CASE WHEN (SELECT count(*) FROM request_sightings WHERE request_id = r.id) = 1"
        "  THEN (SELECT sighting_id FROM request_sightings WHERE request_id = r.id)"
        "  ELSE json((SELECT json_group_array(sighting_id) FROM (SELECT sighting_id FROM request_sightings"
        "   WHERE request_id = r.id ORDER BY sighting_id))) END,"
        " 'platform', r.platform, 'recipient', r.recipient, 'channel', r.channel,"
        " 'jurisdiction', r.jurisdiction, 'lang', r.lang, 'reference', r.reference, 'follows', r.follows,"
        " 'sent_at', r.sent_at, 'deadline', r.deadline, 'review_at', r.review_at, 'status', r.status,"
        f" 'overdue', json(CASE WHEN r.status IN {_OPEN} AND r.deadline IS NOT NULL AND r.deadline < ?"
        "  THEN 'true' ELSE 'false' END),"
        " 'escalated_at', r.escalated_at, 'note', r.note)"
        f" FROM requests r{where} ORDER BY r.id"
    )
    for (line,) in conn.execute(sql, [stamp, *params]):
        yield line


def letter_texts(conn: Any, case_id: int) -> Iterator[tuple[int, str, str | None]]:
    """(request id, reference, the letter's text as produced or None when it was made before letters were
    kept) for each request of the case, oldest first."""
    cursor = conn.execute(
        "SELECT id, reference, letter_text FROM requests WHERE case_id = ? ORDER BY id", (case_id,)
    )
    for request_id, reference, text in cursor:
        yield int(request_id), str(reference), text


def case_requests_by_sighting(conn: Any, case_id: int) -> dict[int, list[int]]:
    """sighting id -> the ids of the requests covering it, for one case."""
    rows = conn.execute(
        "SELECT rs.sighting_id, rs.request_id FROM request_sightings rs"
        " JOIN requests r ON r.id = rs.request_id WHERE r.case_id = ? ORDER BY rs.request_id",
        (case_id,),
    )
    found: dict[int, list[int]] = {}
    for sid, rid in rows:
        found.setdefault(sid, []).append(rid)
    return found


def set_sent(
    conn: Any, audit: AuditWriter, request: Request, sent_at: datetime, deadline: datetime | None,
    review_at: datetime | None,
) -> None:  # fmt: skip
    conn.execute(
        "UPDATE requests SET sent_at = ?, deadline = ?, review_at = ?, updated_at = ? WHERE id = ?",
        (utc(sent_at), utc(deadline), utc(review_at), utc(now()), request.id),
    )
    audit.append(
        "request.sent",
        "request",
        request.id,
        request.case_id,
        {"from": utc(request.sent_at), "to": utc(sent_at), "deadline_from": utc(request.deadline),
         "deadline_to": utc(deadline)},
    )  # fmt: skip


def set_status(
    conn: Any, audit: AuditWriter, request: Request, status: RequestStatus, note: str | None
) -> None:
    new_note = request.note if note is None else note
    conn.execute(
        "UPDATE requests SET status = ?, note = ?, updated_at = ? WHERE id = ?",
        (str(status), new_note, utc(now()), request.id),
    )
    audit.append(
        "request.status",
        "request",
        request.id,
        request.case_id,
        {"from": str(request.status), "to": str(status), "note": new_note},
    )


def set_escalated(conn: Any, audit: AuditWriter, request: Request, route: str, at: datetime) -> None:
    conn.execute(
        "UPDATE requests SET escalated_at = ?, updated_at = ? WHERE id = ?", (utc(at), utc(now()), request.id)
    )
    audit.append("request.escalate", "request", request.id, request.case_id, {"route": route, "at": utc(at)})


def status_counts(conn: Any, case_id: int | None = None) -> dict[int, dict[str, int]]:
    """How many requests each case has per status, counted by SQLite (no rows decoded)."""
    where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
    counts: dict[int, dict[str, int]] = {}
    for case, status, n in conn.execute(
        f"SELECT case_id, status, count(*) FROM requests {where} GROUP BY case_id, status", params
    ):
        counts.setdefault(case, {})[status] = n
    return counts
