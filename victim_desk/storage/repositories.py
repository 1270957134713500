"""SQL for each table, and the audit entry that goes with every change.

Functions here take an open connection inside the caller's transaction (see `Vault.transaction`): a change
and its audit event are written together or not at all. Nothing here decides policy; that is `desk.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

from victim_desk.core.audit import GENESIS, AuditEvent, event_hash
from victim_desk.core.model import (
    Case,
    EvidenceItem,
    NewSighting,
    Profile,
    Role,
    Sighting,
    SightingStatus,
    iso,
)
from victim_desk.errors import CaseNotFound, EvidenceNotFound, SightingNotFound


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# --- audit ----------------------------------------------------------------------------------------


class AuditEntry(NamedTuple):
    """One change to record: what was done, to which entity, in which case's chain."""

    action: str
    entity: str
    entity_id: int | None
    case_id: int | None
    details: Mapping[str, Any]


class AuditWriter:
    """Appends events to one chain per case, remembering chain heads and the next sequence number within
    a transaction, so a bulk change costs one insert per event and nothing more."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._heads: dict[int | None, str] = {}
        self._next_seq: int | None = None

    def _head(self, case_id: int | None) -> str:
        if case_id not in self._heads:
            row = self.conn.execute(
                "SELECT hash FROM audit WHERE case_id IS ? ORDER BY seq DESC LIMIT 1", (case_id,)
            ).fetchone()
            self._heads[case_id] = row[0] if row else GENESIS
        return self._heads[case_id]

    def _row(self, event: AuditEntry, at: str) -> tuple[Any, ...]:
        if self._next_seq is None:
            self._next_seq = int(
                self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM audit").fetchone()[0]
            )
        body = {
            "seq": self._next_seq,
            "at": at,
            "action": event.action,
            "entity": event.entity,
            "entity_id": event.entity_id,
            "case_id": event.case_id,
            "details": dict(event.details),
            "prev_hash": self._head(event.case_id),
        }
        digest = event_hash(body)
        self._heads[event.case_id] = digest
        self._next_seq += 1
        details_text = json.dumps(body["details"], ensure_ascii=False, sort_keys=True)
        return (body["seq"], at, *event[:4], details_text, body["prev_hash"], digest)

    def append(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        case_id: int | None,
        details: Mapping[str, Any],
        at: datetime | None = None,
    ) -> None:
        self.append_many([AuditEntry(action, entity, entity_id, case_id, details)], at)

    def append_many(self, events: Iterable[AuditEntry], at: datetime | None = None) -> None:
        stamp = iso(at or now())
        assert stamp is not None
        rows = [self._row(event, stamp) for event in events]
        self.conn.executemany(
            "INSERT INTO audit (seq, at, action, entity, entity_id, case_id, details, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def audit_events(conn: Any, case_id: int | None = None, *, all_cases: bool = False) -> Iterator[AuditEvent]:
    if all_cases:
        cursor = conn.execute("SELECT * FROM audit ORDER BY seq")
    else:
        cursor = conn.execute("SELECT * FROM audit WHERE case_id IS ? ORDER BY seq", (case_id,))
    for seq, at, action, entity, entity_id, case, details, prev_hash, digest in cursor:
        yield AuditEvent(seq, at, action, entity, entity_id, case, json.loads(details), prev_hash, digest)


# --- profile --------------------------------------------------------------------------------------


def save_profile(conn: Any, audit: AuditWriter, profile: Profile) -> None:
    conn.execute(
        "INSERT INTO profile (id, name, email, phone, role, organization, updated_at)"
        " VALUES (1, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,"
        " phone = excluded.phone, role = excluded.role, organization = excluded.organization,"
        " updated_at = excluded.updated_at",
        (profile.name, profile.email, profile.phone, str(profile.role), profile.organization, iso(now())),
    )
    audit.append("profile.set", "profile", 1, None, profile.to_json())


def load_profile(conn: Any) -> Profile | None:
    row = conn.execute("SELECT name, email, phone, role, organization FROM profile WHERE id = 1").fetchone()
    if row is None:
        return None
    return Profile(name=row[0], email=row[1], phone=row[2], role=Role(row[3]), organization=row[4])


# --- cases ----------------------------------------------------------------------------------------


def add_case(conn: Any, audit: AuditWriter, title: str) -> int:
    stamp = iso(now())
    cursor = conn.execute(
        "INSERT INTO cases (title, created_at, updated_at) VALUES (?, ?, ?)", (title, stamp, stamp)
    )
    case_id = int(cursor.lastrowid)
    audit.append("case.add", "case", case_id, case_id, {"title": title})
    return case_id


def list_cases(conn: Any) -> list[Case]:
    rows = conn.execute(
        "SELECT c.id, c.title, c.created_at,"
        " (SELECT count(*) FROM sightings s WHERE s.case_id = c.id),"
        " (SELECT count(*) FROM evidence e WHERE e.case_id = c.id)"
        " FROM cases c ORDER BY c.id"
    ).fetchall()
    return [Case(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4]) for r in rows]


def require_case(conn: Any, case_id: int) -> None:
    if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
        raise CaseNotFound(case_id=case_id)


# --- sightings ------------------------------------------------------------------------------------

_SIGHTING_COLUMNS = "id, case_id, url, platform, seen_at, status, last_checked, note"


def _sighting(row: tuple[Any, ...]) -> Sighting:
    return Sighting(
        id=row[0],
        case_id=row[1],
        url=row[2],
        platform=row[3],
        seen=_moment(row[4]),
        status=SightingStatus(row[5]),
        last_checked=_moment(row[6]),
        note=row[7],
    )


def add_sightings(
    conn: Any, audit: AuditWriter, case_id: int, sightings: Iterable[NewSighting], source: str = "manual"
) -> list[int]:
    stamp = now()
    stamp_text = iso(stamp)
    items = list(sightings)
    # Ids are given explicitly (inside the caller's IMMEDIATE transaction nobody else can take them), so
    # rows and their audit events go in with two bulk inserts instead of a round trip per row.
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sightings").fetchone()[0])
    ids = list(range(first, first + len(items)))
    conn.executemany(
        "INSERT INTO sightings (id, case_id, url, platform, seen_at, note, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'found', ?, ?)",
        [
            (sid, case_id, item.url, item.platform, iso(item.seen), item.note, stamp_text, stamp_text)
            for sid, item in zip(ids, items, strict=True)
        ],
    )
    events = []
    for sid, item in zip(ids, items, strict=True):
        details = {"url": item.url, "platform": item.platform, "seen": iso(item.seen), "note": item.note}
        events.append(AuditEntry("sighting.add", "sighting", sid, case_id, {**details, "source": source}))
    audit.append_many(events, at=stamp)
    return ids


def list_sightings(conn: Any, case_id: int) -> Iterator[Sighting]:
    cursor = conn.execute(
        f"SELECT {_SIGHTING_COLUMNS} FROM sightings WHERE case_id = ? ORDER BY id", (case_id,)
    )
    for row in cursor:
        yield _sighting(row)


def sighting_json_lines(conn: Any, case_id: int) -> Iterator[str]:
    """The case's sightings as ready-made JSON Lines, built by SQLite itself.

    This is `Sighting.to_json()` computed in C: listing 100,000 sightings is a counselor's daily command,
    and building a dataclass and a dict per row in Python costs four times the database read. A test keeps
    the two forms identical.
    """
    cursor = conn.execute(
        "SELECT json_object('id', id, 'case', case_id, 'url', url, 'platform', platform, 'seen', seen_at,"
        " 'status', status, 'last_checked', last_checked, 'note', note)"
        " FROM sightings WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    for (line,) in cursor:
        yield line


def get_sighting(conn: Any, sighting_id: int) -> Sighting:
    row = conn.execute(f"SELECT {_SIGHTING_COLUMNS} FROM sightings WHERE id = ?", (sighting_id,)).fetchone()
    if row is None:
        raise SightingNotFound(sighting_id=sighting_id)
    return _sighting(row)


def set_sighting_status(
    conn: Any, audit: AuditWriter, sighting_id: int, status: SightingStatus, checked: bool = False
) -> Sighting:
    before = get_sighting(conn, sighting_id)
    stamp = iso(now())
    conn.execute(
        "UPDATE sightings SET status = ?, updated_at = ?,"
        " last_checked = CASE WHEN ? THEN ? ELSE last_checked END WHERE id = ?",
        (str(status), stamp, checked, stamp, sighting_id),
    )
    audit.append(
        "sighting.status",
        "sighting",
        sighting_id,
        before.case_id,
        {"from": str(before.status), "to": str(status), "checked": checked},
    )
    return get_sighting(conn, sighting_id)


# --- evidence -------------------------------------------------------------------------------------

_EVIDENCE_COLUMNS = (
    "id, case_id, file_name, kind, size, sha256, md5, pdq, pdq_quality, phash, added_at,"
    " preview IS NOT NULL, original IS NOT NULL"
)


def _evidence(row: tuple[Any, ...]) -> EvidenceItem:
    return EvidenceItem(*row[:10], datetime.fromisoformat(row[10]), bool(row[11]), bool(row[12]))


def add_evidence(
    conn: Any,
    audit: AuditWriter,
    case_id: int,
    fingerprint: Mapping[str, Any],
    preview: bytes | None,
    original: bytes | None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO evidence (case_id, file_name, kind, size, sha256, md5, pdq, pdq_quality, phash,"
        " fingerprint, preview, original, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            fingerprint["file"],
            fingerprint["kind"],
            fingerprint["size"],
            fingerprint["sha256"],
            fingerprint["md5"],
            fingerprint.get("pdq"),
            fingerprint.get("pdq_quality"),
            fingerprint.get("phash"),
            json.dumps(fingerprint, ensure_ascii=False),
            preview,
            original,
            iso(now()),
        ),
    )
    evidence_id = int(cursor.lastrowid)
    summary = {k: fingerprint.get(k) for k in ("file", "kind", "size", "sha256", "md5", "pdq")}
    audit.append(
        "evidence.add",
        "evidence",
        evidence_id,
        case_id,
        {**summary, "preview_kept": preview is not None, "original_kept": original is not None},
    )
    return evidence_id


def list_evidence(conn: Any, case_id: int | None = None) -> list[EvidenceItem]:
    if case_id is None:
        rows = conn.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM evidence ORDER BY id").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_EVIDENCE_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()
    return [_evidence(r) for r in rows]


def get_evidence(conn: Any, evidence_id: int) -> EvidenceItem:
    row = conn.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceNotFound(evidence_id=evidence_id)
    return _evidence(row)


def evidence_fingerprints(conn: Any, case_id: int | None = None) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(evidence id, case id, the stored fingerprint JSON) for matching and hash-list export."""
    if case_id is None:
        cursor = conn.execute("SELECT id, case_id, fingerprint FROM evidence ORDER BY id")
    else:
        cursor = conn.execute(
            "SELECT id, case_id, fingerprint FROM evidence WHERE case_id = ? ORDER BY id", (case_id,)
        )
    for evidence_id, case, text in cursor:
        yield evidence_id, case, json.loads(text)


def evidence_preview(conn: Any, evidence_id: int) -> bytes | None:
    row = conn.execute("SELECT preview FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceNotFound(evidence_id=evidence_id)
    return None if row[0] is None else bytes(row[0])


# --- known hash lists -----------------------------------------------------------------------------


def add_known_hashes(
    conn: Any, audit: AuditWriter, source: str, rows: Iterable[tuple[str, str | None, str | None, str | None]]
) -> int:
    """Store an imported hash list (label, pdq, md5, sha256 per row); returns how many rows."""
    stamp = iso(now())
    cursor = conn.executemany(
        "INSERT INTO known_hashes (source, label, pdq, md5, sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
        ((source, label, pdq, md5, sha256, stamp) for label, pdq, md5, sha256 in rows),
    )
    count = int(cursor.rowcount)
    audit.append("hashlist.import", "hashlist", None, None, {"source": source, "rows": count})
    return count


def known_hashes(conn: Any) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    yield from conn.execute("SELECT label, pdq, md5, sha256 FROM known_hashes ORDER BY id")
