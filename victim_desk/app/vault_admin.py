"""Looking after the vault itself: where it is, its passphrase, the key-store copy, checks and backups.

The module-level functions work on a vault that is not open (is there one? does this computer remember
its key?); `VaultAdmin` works on an unlocked one and records each change in the vault-wide audit chain.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from victim_desk.core.audit import chain_problems
from victim_desk.storage.keywrap import MIN_PASSPHRASE as _MIN_PASSPHRASE
from victim_desk.storage.tables.audit import audit_events
from victim_desk.storage.vault import Finding, Vault

from .unit import record

MIN_PASSPHRASE = _MIN_PASSPHRASE


def default_vault_path() -> Path:
    """--vault, else VICTIM_DESK_VAULT, else the per-user data folder (the CLI applies the first)."""
    env = os.environ.get("VICTIM_DESK_VAULT")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("victim-desk", appauthor=False)) / "vault"


def vault_exists(path: Path) -> bool:
    """Anything of a vault there means "open it": a half-present vault is reported, never replaced."""
    return Vault.exists(Path(path))


def require_vault(path: Path) -> None:
    """Raise the plain error for a missing or half-present vault, before anyone is asked for a passphrase."""
    Vault.read_keyfile(Path(path))


def remembers_key(path: Path) -> bool:
    """Whether this computer's key store holds the vault's key (so no passphrase is needed)."""
    return Vault.remembers_key(Path(path))


@dataclass(frozen=True)
class VaultCheck:
    """What `vault check` found: damage (restore a backup) and notices (worth saying; the vault is sound).
    Each finding says itself with `.message(lang)`."""

    damage: list[Finding]
    notices: list[Finding]

    @property
    def sound(self) -> bool:
        return not self.damage


class VaultAdmin:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def change_passphrase(self, new_passphrase: str) -> None:
        self._vault.change_passphrase(new_passphrase)
        record(self._vault, "vault.passwd", "vault")

    def remember_on_this_computer(self, backend: Any = None) -> str:
        name = self._vault.remember_on_this_computer(backend)
        record(self._vault, "vault.remember", "vault", details={"backend": name})
        return name

    def forget_on_this_computer(self, backend: Any = None) -> None:
        self._vault.forget_on_this_computer(backend)
        record(self._vault, "vault.forget", "vault")

    def check(self) -> VaultCheck:
        """Page authentication, structure and foreign keys, then (only on a sound file: reading a damaged
        one would just repeat the damage) every audit chain."""
        findings = self._vault.integrity_findings()
        damage = [f for f in findings if f.damage]
        if not damage:
            for problem in chain_problems(audit_events(self._vault.conn, all_cases=True)):
                damage.append(Finding(f"vault.finding.audit_{problem.kind}", {"seq": problem.seq}))
        return VaultCheck(damage, [f for f in findings if not f.damage])

    def backup(self, out: Path, *, force: bool = False) -> None:
        self._vault.backup(Path(out), force=force)
        record(self._vault, "vault.backup", "vault")
