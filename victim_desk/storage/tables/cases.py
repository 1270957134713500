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


# A case with how many sightings and fingerprints it holds (what the case list and a package show).
_CASE_SELECT = (
    "SELECT c.id, c.title, c.created_at,"
    " (SELECT count(*) FROM sightings s WHERE s.case_id = c.id),"
    " (SELECT count(*) FROM evidence e WHERE e.case_id = c.id)"
    " FROM cases c"
)


def _case(row: tuple[Any, ...]) -> Case:
    return Case(row[0], row[1], datetime.fromisoformat(row[2]), row[3], row[4])


def list_cases(conn: Any) -> list[Case]:
    return [_case(r) for r in conn.execute(f"{_CASE_SELECT} ORDER BY c.id").fetchall()]


def get_case(conn: Any, case_id: int) -> Case:
    """One case; `CaseNotFound` when there is none with this id."""
    row = conn.execute(f"{_CASE_SELECT} WHERE c.id = ?", (case_id,)).fetchone()
    if row is None:
        raise CaseNotFound(case_id=case_id)
    return _case(row)


def require_case(conn: Any, case_id: int) -> None:
    if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
        raise CaseNotFound(case_id=case_id)
