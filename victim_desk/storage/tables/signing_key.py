"""The `signing_key` table: the vault's Ed25519 key that signs its evidence packages.

The private key never leaves the encrypted vault; only its public half goes into a package (key.pem) and
its fingerprint is what a counselor reads out to the recipient by another channel.
"""

from __future__ import annotations

from typing import Any

from victim_desk.core.model import iso
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now


def load_signing_key(conn: Any) -> tuple[bytes, bytes] | None:
    """(raw 32-byte private key, raw 32-byte public key), or None before the first package."""
    row = conn.execute("SELECT private_key, public_key FROM signing_key WHERE id = 1").fetchone()
    return None if row is None else (bytes(row[0]), bytes(row[1]))


def store_signing_key(
    conn: Any, audit: AuditWriter, private_key: bytes, public_key: bytes, fingerprint: str
) -> None:
    """Keep a new key (there is at most one); its fingerprint goes into the vault-wide audit chain."""
    conn.execute(
        "INSERT INTO signing_key (id, algorithm, private_key, public_key, created_at)"
        " VALUES (1, 'ed25519', ?, ?, ?)",
        (private_key, public_key, iso(now())),
    )
    audit.append("signing_key.create", "signing_key", None, None, {"fingerprint": fingerprint})
