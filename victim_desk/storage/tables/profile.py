"""The `profile` table: the one person who signs letters from this vault."""

from __future__ import annotations

from typing import Any

from victim_desk.core.model import Profile, Role, iso
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now


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
