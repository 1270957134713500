"""The `cases` table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from victim_desk.core.model import Case, iso
from victim_desk.errors import CaseNotFound
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now


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
