"""A change to the vault and its audit record, written together or not at all.

Every use case that changes something does it inside `change(vault)`: one IMMEDIATE transaction on the
calling thread's connection, with an `AuditWriter` bound to it. A use case never opens a transaction any
other way, so no change can be saved without its audit event, and none is recorded without being saved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.vault import Vault


@dataclass(frozen=True)
class Change:
    """The connection of the open transaction and the writer of its audit events."""

    conn: Any
    audit: AuditWriter


@contextlib.contextmanager
def change(vault: Vault) -> Iterator[Change]:
    with vault.transaction() as conn:
        yield Change(conn, AuditWriter(conn))


def record(
    vault: Vault,
    action: str,
    entity: str,
    entity_id: int | None = None,
    case_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """A change made outside the database (a key rewrap, a file written) gets its audit event alone."""
    with change(vault) as c:
        c.audit.append(action, entity, entity_id, case_id, details or {})
