"""The `settings` table: the vault's own preferences (key/value), such as whether it may use the network.

They live in the encrypted vault rather than in a settings file, so a choice like "never go online" travels
with the vault and reveals nothing to someone looking at the computer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from victim_desk.storage.tables.audit import AuditWriter


def get_setting(conn: Any, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(
    conn: Any, audit: AuditWriter, key: str, value: str, *, shown: Callable[[str], str] | None = None
) -> str | None:
    """Store `value` under `key` (audited in the vault-wide chain, through `shown` if given, which hides
    what must not be repeated, e.g. a proxy's password); returns the previous value."""
    before = get_setting(conn, key)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
    show = shown or (lambda v: v)
    audit.append(
        "setting.set",
        "setting",
        None,
        None,
        {"key": key, "from": None if before is None else show(before), "to": show(value)},
    )
    return before
