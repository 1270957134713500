"""Reading the hash-chained audit log (writing it is `unit.change`'s job)."""

from __future__ import annotations

from victim_desk.core.audit import AuditEvent
from victim_desk.storage.tables.audit import audit_events
from victim_desk.storage.vault import Vault


class AuditLog:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def events(self, case_id: int | None = None) -> list[AuditEvent]:
        """One case's chain, or the vault-wide chain when `case_id` is None."""
        return list(audit_events(self._vault.conn, case_id))
