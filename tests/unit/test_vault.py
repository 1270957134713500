"""The vault on disk: creation, unlocking, schema versions, passphrase change, backup, key store."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import keyring.backend
import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from victim_desk.desk import Desk
from victim_desk.errors import (
    KeyringRefused,
    OutputExists,
    PassphraseTooShort,
    VaultCorrupt,
    VaultExists,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
)
from victim_desk.storage import migrations, os_keyring
from victim_desk.storage.vault import DB_NAME, KEY_NAME, Vault


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_create_then_open_and_find_data(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("첫 사건")
        desk.sightings.add(case, "https://t.me/x")
    with Desk.open(tmp_path / "v", PASSPHRASE) as desk:
        assert [c.title for c in desk.cases.list()] == ["첫 사건"]
        assert [s.url for s in desk.sightings.list(case)] == ["https://t.me/x"]
        assert desk.admin.check().sound


def test_database_is_sqlcipher_with_the_security_pragmas(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", PASSPHRASE) as vault:
        conn = vault.conn
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # Without the key the file is noise: plain SQLite cannot read it and its header is not SQLite's.
    raw = (tmp_path / "v" / DB_NAME).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    plain = sqlcipher3.connect(str(tmp_path / "v" / DB_NAME))
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_key_file_holds_no_key_and_argon2id_parameters(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v", PASSPHRASE).close()
    body = json.loads((tmp_path / "v" / KEY_NAME).read_text())
    assert body["kdf"]["algorithm"] == "argon2id"
    assert body["kdf"]["memory_kib"] >= 19 * 1024 and body["kdf"]["time_cost"] >= 2
    assert set(body["passphrase_wrap"]) == {"nonce", "ciphertext"}
    assert (tmp_path / "v" / KEY_NAME).stat().st_mode & 0o077 == 0


def test_wrong_passphrase_changes_nothing(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        desk.cases.add("x")
    before = _snapshot(tmp_path / "v")
    with pytest.raises(WrongPassphrase):
        Desk.open(tmp_path / "v", "not the passphrase")
    assert _snapshot(tmp_path / "v") == before


def test_init_refuses_an_existing_vault_and_short_passphrases(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v", PASSPHRASE).close()
    before = _snapshot(tmp_path / "v")
    with pytest.raises(VaultExists):
        Vault.create(tmp_path / "v", PASSPHRASE)
    assert _snapshot(tmp_path / "v") == before
    with pytest.raises(PassphraseTooShort):
        Vault.create(tmp_path / "w", "short")
    assert not (tmp_path / "w").exists()


def test_missing_and_corrupt_vaults(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nowhere", PASSPHRASE)
    Vault.create(tmp_path / "v", PASSPHRASE).close()
    db = tmp_path / "v" / DB_NAME
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\x00" * (4096 - 100)  # destroy the first page's ciphertext
    db.write_bytes(bytes(data))
    with pytest.raises(VaultCorrupt):
        Vault.open(tmp_path / "v", PASSPHRASE)
    (tmp_path / "v" / KEY_NAME).write_text("{not json")
    with pytest.raises(VaultCorrupt):
        Vault.open(tmp_path / "v", PASSPHRASE)


def test_a_vault_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", PASSPHRASE) as vault:
        vault.conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    before = _snapshot(tmp_path / "v")
    with pytest.raises(VaultTooNew) as info:
        Vault.open(tmp_path / "v", PASSPHRASE)
    assert str(migrations.SCHEMA_VERSION + 1) in info.value.message("ko")
    assert _snapshot(tmp_path / "v") == before


def test_change_passphrase_rewraps_the_same_database(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        desk.cases.add("x")
        db_before = (tmp_path / "v" / DB_NAME).read_bytes()
        desk.admin.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Desk.open(tmp_path / "v", PASSPHRASE)
    with Desk.open(tmp_path / "v", "a brand new passphrase") as desk:
        assert [c.title for c in desk.cases.list()] == ["x"]
    assert len(db_before) > 0


def test_backup_and_restore(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("백업 사건 표식")
        desk.sightings.add(case, "https://t.me/backup")
        desk.admin.backup(tmp_path / "b.vdbackup")
        with pytest.raises(OutputExists):
            desk.admin.backup(tmp_path / "b.vdbackup")
    with zipfile.ZipFile(tmp_path / "b.vdbackup") as zf:
        assert sorted(zf.namelist()) == sorted([DB_NAME, KEY_NAME])
        assert "백업 사건 표식".encode() not in zf.read(DB_NAME)  # 20 bytes: never in ciphertext by chance
    with pytest.raises(WrongPassphrase):
        Desk.restore(tmp_path / "b.vdbackup", tmp_path / "r", "wrong passphrase!")
    assert not (tmp_path / "r").exists()
    with Desk.restore(tmp_path / "b.vdbackup", tmp_path / "r", PASSPHRASE) as restored:
        assert [s.url for s in restored.sightings.list(case)] == ["https://t.me/backup"]
        assert restored.admin.check().sound
        # The backup and the restore are part of the vault's own history.
        vault_chain = [(e.action, dict(e.details)) for e in restored.audit.events()]
        assert vault_chain[-1] == ("vault.restore", {"from": "b.vdbackup"})


def test_audit_log_is_append_only_and_chained(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("x")
        sighting = desk.sightings.add(case, "https://t.me/a")
        desk.sightings.set_status(sighting.id, "requested")
        actions = [e.action for e in desk.audit.events(case)]
        assert actions == ["case.add", "sighting.add", "sighting.status"]
        with pytest.raises(sqlcipher3.DatabaseError):
            desk._vault.conn.execute("UPDATE audit SET details = '{}' WHERE seq = 2")
        with pytest.raises(sqlcipher3.DatabaseError):
            desk._vault.conn.execute("DELETE FROM audit")
        assert desk.admin.check().sound


class _FakeTrustedStore(keyring.backend.KeyringBackend):
    """Stands in for the OS key store, which a headless test machine does not have."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_remember_on_this_computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _FakeTrustedStore()
    monkeypatch.setattr(os_keyring, "_TRUSTED_MODULES", (__name__,))
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        desk.cases.add("x")
        name = desk.admin.remember_on_this_computer(store)
    assert name.endswith("_FakeTrustedStore")
    assert json.loads((tmp_path / "v" / KEY_NAME).read_text())["keyring"]["backend"] == name
    with Desk.open(tmp_path / "v", None, keyring_backend=store) as desk:
        assert len(desk.cases.list()) == 1
        desk.admin.forget_on_this_computer(store)
    assert store.secrets == {}


def test_plaintext_and_fail_key_stores_are_refused(tmp_path: Path) -> None:
    import keyring.backends.fail
    import keyring.backends.null

    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        for backend in (
            keyring.backends.fail.Keyring(),
            keyring.backends.null.Keyring(),
            _FakeTrustedStore(),
        ):
            with pytest.raises(KeyringRefused) as info:
                desk.admin.remember_on_this_computer(backend)
            assert type(backend).__name__ in info.value.message("en")
    assert json.loads((tmp_path / "v" / KEY_NAME).read_text())["keyring"]["backend"] is None


def test_fast_json_listing_equals_the_model_form(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("x")
        desk.sightings.add(
            case, "https://t.me/a", None, "2026-11-20T10:00+09:00", '메모 "따옴표" \\ 와 줄\n바꿈'
        )
        desk.sightings.add(case, "https://x.com/b?q=1&r=2", "x")
        desk.sightings.set_status(2, "removed")
        fast = [json.loads(line) for line in desk.sightings.json_lines(case)]
        assert fast == [s.to_json() for s in desk.sightings.list(case)]
