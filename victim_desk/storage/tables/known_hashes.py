"""The `known_hashes` table: hash lists received from elsewhere, so `match` recognises their entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from victim_desk.core.model import iso
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now


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
