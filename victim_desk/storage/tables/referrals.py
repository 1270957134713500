"""The `referrals` table: which organisation a case was referred to, with which consented fields."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from victim_desk.core.model import iso
from victim_desk.core.referral_letter import Referral
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now


def add_referral(
    conn: Any,
    audit: AuditWriter,
    case_id: int,
    org: str,
    fields: Sequence[str],
    details: Mapping[str, Any],
) -> Referral:
    """Record the referral and its audit event (what was shared, with whom; the event carries when)."""
    stamp = now()
    cursor = conn.execute(
        "INSERT INTO referrals (case_id, org, shared_fields, created_at) VALUES (?, ?, ?, ?)",
        (case_id, org, json.dumps(list(fields)), iso(stamp)),
    )
    referral_id = int(cursor.lastrowid)
    audit.append("referral.add", "referral", referral_id, case_id,
                 {"org": org, "shared": list(fields), **details}, at=stamp)  # fmt: skip
    return Referral(referral_id, case_id, org, tuple(fields), stamp)


def list_referrals(conn: Any, case_id: int) -> list[Referral]:
    rows = conn.execute(
        "SELECT id, case_id, org, shared_fields, created_at FROM referrals WHERE case_id = ? ORDER BY id",
        (case_id,),
    ).fetchall()
    return [Referral(r[0], r[1], r[2], tuple(json.loads(r[3])), datetime.fromisoformat(r[4])) for r in rows]


def next_referral_id(conn: Any) -> int:
    """The number the next referral will most likely get (for a preview; the insert decides)."""
    row = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM referrals").fetchone()
    return int(row[0])


def counts(conn: Any, case_id: int | None = None) -> dict[int, int]:
    """How many referrals each case has, counted by SQLite."""
    where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
    return dict(conn.execute(f"SELECT case_id, count(*) FROM referrals {where} GROUP BY case_id", params))
