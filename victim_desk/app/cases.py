"""Cases: one per person or incident, holding its sightings, evidence and (soon) requests."""

from __future__ import annotations

from victim_desk.core.model import Case
from victim_desk.errors import EmptyTitle
from victim_desk.storage.tables import cases as table
from victim_desk.storage.vault import Vault

from .unit import change


class Cases:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, title: str) -> int:
        title = title.strip()
        if not title:
            raise EmptyTitle()
        with change(self._vault) as c:
            return table.add_case(c.conn, c.audit, title)

    def list(self) -> list[Case]:
        return table.list_cases(self._vault.conn)

    def get(self, case_id: int) -> Case:
        """One case with its counts; `CaseNotFound` when it does not exist."""
        return table.get_case(self._vault.conn, case_id)

    def require(self, case_id: int) -> None:
        """Raise `CaseNotFound` unless the case exists."""
        table.require_case(self._vault.conn, case_id)
