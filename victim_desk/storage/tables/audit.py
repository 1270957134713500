"""The `audit` table: an append-only, per-case hash chain (the rules are in `core/audit.py`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from victim_desk.core.audit import GENESIS, AuditEvent, event_hash
from victim_desk.core.model import iso
from victim_desk.storage.tables.common import now


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


def last_seq(conn: Any) -> int:
    """The sequence number of the newest event (0 for an empty log): the integer primary key's maximum."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()[0])
