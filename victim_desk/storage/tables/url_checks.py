"""The `url_checks` table: every re-check of a sighting's address, and the sighting's status it changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from victim_desk.core.model import SightingStatus, iso
from victim_desk.core.rechecks import Outcome, Reason, RecordedCheck
from victim_desk.storage.tables.audit import AuditEntry, AuditWriter
from victim_desk.storage.tables.common import moment, now


def statuses(conn: Any, sighting_ids: Iterable[int]) -> dict[int, tuple[int, SightingStatus]]:
    """sighting id -> (its case, its status now), read inside the caller's transaction."""
    out: dict[int, tuple[int, SightingStatus]] = {}
    for sid in sighting_ids:
        row = conn.execute("SELECT case_id, status FROM sightings WHERE id = ?", (sid,)).fetchone()
        if row is not None:
            out[sid] = (int(row[0]), SightingStatus(row[1]))
    return out


def record_checks(conn: Any, audit: AuditWriter, checks: Iterable[tuple[int, RecordedCheck]]) -> None:
    """Save (case id, check) pairs: a history row, the sighting's status and last_checked, an audit event."""
    rows = list(checks)
    if not rows:
        return
    stamp = now()
    conn.executemany(
        "INSERT INTO url_checks (sighting_id, case_id, checked_at, fetch_url, outcome, reason, http_status,"
        " status_before, status_after, via_proxy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (c.sighting_id, case_id, iso(c.checked_at), c.fetch_url, str(c.outcome), str(c.reason),
             c.http_status, str(c.status_before), str(c.status_after), int(c.via_proxy))
            for case_id, c in rows
        ],
    )  # fmt: skip
    conn.executemany(
        "UPDATE sightings SET last_checked = ?, status = ?,"
        " updated_at = CASE WHEN status = ? THEN updated_at ELSE ? END WHERE id = ?",
        [(iso(c.checked_at), str(c.status_after), str(c.status_after), iso(stamp), c.sighting_id)
         for _, c in rows],
    )  # fmt: skip
    events = []
    for case_id, c in rows:
        details = c.to_json()
        del details["id"]
        events.append(AuditEntry("sighting.check", "sighting", c.sighting_id, case_id, details))
    audit.append_many(events, at=stamp)


def latest_checks(conn: Any, case_id: int) -> dict[int, RecordedCheck]:
    """The most recent check of each sighting of the case that has been checked."""
    cursor = conn.execute(
        "SELECT k.sighting_id, s.url, k.fetch_url, k.outcome, k.reason, k.http_status, k.checked_at,"
        " k.status_before, k.status_after, k.via_proxy"
        " FROM url_checks k JOIN sightings s ON s.id = k.sighting_id"
        " WHERE k.id IN (SELECT max(id) FROM url_checks WHERE case_id = ? GROUP BY sighting_id)",
        (case_id,),
    )
    out: dict[int, RecordedCheck] = {}
    for sid, url, fetch_url, outcome, reason, code, at, before, after, proxy in cursor:
        checked_at = moment(at)
        assert checked_at is not None
        out[int(sid)] = RecordedCheck(
            int(sid), url, fetch_url, Outcome(outcome), Reason(reason), code, checked_at,
            SightingStatus(before), SightingStatus(after), bool(proxy),
        )  # fmt: skip
    return out
