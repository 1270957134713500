"""The front door of the application layer: an unlocked vault and one service per use case.

The command line and the desktop app hold a `Desk` and call `desk.cases.add(...)`,
`desk.sightings.import_file(...)`, `desk.evidence.add(...)` and so on; the use cases themselves live in
`victim_desk.app`, one module each. Opening, creating and restoring a vault happen here because they are
how a `Desk` comes to exist. Work that needs no vault (fingerprinting, matching against a list) is in
`victim_desk.app.matching`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from victim_desk.app.audit_log import AuditLog
from victim_desk.app.cases import Cases
from victim_desk.app.evidence import Evidence
from victim_desk.app.packages import Packages
from victim_desk.app.profiles import Profiles
from victim_desk.app.rechecks import Rechecks
from victim_desk.app.referrals import Referrals
from victim_desk.app.requests import Requests
from victim_desk.app.sightings import Sightings
from victim_desk.app.unit import record
from victim_desk.app.vault_admin import VaultAdmin
from victim_desk.app.workplace import Workplace
from victim_desk.storage.keywrap import KdfParams
from victim_desk.storage.vault import Vault


class Desk:
    """An unlocked vault and what can be done with it. `lock()` (or `with`) closes it."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._locked = False
        self.admin = VaultAdmin(vault)
        self.profile = Profiles(vault)
        self.cases = Cases(vault)
        self.sightings = Sightings(vault, self.cases)
        self.evidence = Evidence(vault, self.cases)
        self.audit = AuditLog(vault)
        self.requests = Requests(vault, self.cases)
        self.rechecks = Rechecks(vault, self.cases)
        self.referrals = Referrals(vault, self.cases, requests=self.requests)
        self.packages = Packages(vault, self.cases, self.rechecks)
        self.workplace = Workplace(vault, self.cases)

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Desk:
        desk = cls(Vault.create(Path(path), passphrase, kdf))
        record(desk._vault, "vault.init", "vault")
        return desk

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, keyring_backend: Any = None) -> Desk:
        """Unlock with the passphrase, or, when none is given, with the key kept in the OS key store."""
        return cls(Vault.open(Path(path), passphrase, keyring_backend=keyring_backend))

    @classmethod
    def restore(cls, backup_file: Path, path: Path, passphrase: str) -> Desk:
        """Make a new vault at `path` from a backup (checked before anything is created) and open it."""
        desk = cls(Vault.restore(Path(backup_file), Path(path), passphrase))
        record(desk._vault, "vault.restore", "vault", details={"from": Path(backup_file).name})
        return desk

    @property
    def path(self) -> Path:
        return self._vault.path

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        self._locked = True
        self._vault.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()
