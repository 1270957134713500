"""The vault's files as an attacker or a bad disk leaves them: a damaged key.json says so (not "wrong
passphrase"), absurd Argon2 costs are refused before any derivation, and every file is owner-only."""

from __future__ import annotations

import base64
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from victim_desk.desk import Desk
from victim_desk.errors import (
    BackupDamaged,
    KdfParamsRefused,
    KeyFileDamaged,
    WrongPassphrase,
)
from victim_desk.storage import keywrap
from victim_desk.storage.keywrap import KdfParams, KeyFile
from victim_desk.storage.vault import DB_NAME, KEY_NAME, WAL_NAME, Vault

# Cheap on purpose: these tests open a vault hundreds of times.
_CHEAP = KdfParams(
    time_cost=1, memory_kib=64, parallelism=1, salt=base64.b64encode(b"sixteen byte salt").decode()
)


@pytest.fixture
def cheap_vault(tmp_path: Path) -> Path:
    Vault.create(tmp_path / "v", PASSPHRASE, kdf=_CHEAP).close()
    return tmp_path / "v"


def test_every_flipped_byte_in_key_json_reads_as_damage_never_as_wrong_passphrase(cheap_vault: Path) -> None:
    key_file = cheap_vault / KEY_NAME
    original = key_file.read_bytes()
    for offset in range(len(original)):
        damaged = bytearray(original)
        damaged[offset] ^= 0x01
        key_file.write_bytes(bytes(damaged))
        with pytest.raises(KeyFileDamaged):
            Vault.open(cheap_vault, PASSPHRASE)
    key_file.write_bytes(original)
    Vault.open(cheap_vault, PASSPHRASE).close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: "{not json",
        lambda body: json.dumps({k: v for k, v in body.items() if k not in ("passphrase_wrap", "checksum")}),
        lambda body: json.dumps(
            {**body, "checksum": None} | {"passphrase_wrap": {"nonce": "%%%", "ciphertext": "x"}}
        ),
        lambda body: json.dumps(
            {k: v for k, v in body.items() if k != "checksum"} | {"kdf": {"algorithm": "argon2id"}}
        ),
        lambda body: "\udcff",
    ],
    ids=["not-json", "missing-wrap", "bad-base64", "missing-kdf-fields", "not-utf8"],
)
def test_broken_key_files_say_the_key_file_is_damaged(cheap_vault: Path, damage: object) -> None:
    body = json.loads((cheap_vault / KEY_NAME).read_text(encoding="utf-8"))
    text = damage(body)  # type: ignore[operator]
    (cheap_vault / KEY_NAME).write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(KeyFileDamaged) as info:
        Vault.open(cheap_vault, PASSPHRASE)
    assert "key.json" in info.value.message("en") and "not a wrong passphrase" in info.value.message("en")


def test_a_key_file_from_before_the_checksum_still_opens(cheap_vault: Path) -> None:
    body = json.loads((cheap_vault / KEY_NAME).read_text(encoding="utf-8"))
    del body["checksum"]
    (cheap_vault / KEY_NAME).write_text(json.dumps(body, indent=2, sort_keys=True), encoding="utf-8")
    with pytest.raises(WrongPassphrase):
        Vault.open(cheap_vault, "not the passphrase at all")
    Vault.open(cheap_vault, PASSPHRASE).close()


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(cheap_vault: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.open(cheap_vault, "not the passphrase at all")


@pytest.fixture
def no_derivation(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a key was derived with parameters that should have been refused")

    monkeypatch.setattr(keywrap, "hash_secret_raw", refuse)
    yield


_ABSURD = [
    {"memory_kib": 4 * 1024 * 1024},  # 4 GiB
    {"time_cost": 1_000_000},
    {"parallelism": 64, "memory_kib": 1024},
    {"memory_kib": 1024 * 1024, "time_cost": 64},  # each bound alone holds, together hours of work
]


@pytest.mark.parametrize("params", _ABSURD, ids=["memory", "time", "parallelism", "work"])
def test_absurd_kdf_costs_are_refused_before_any_derivation(
    cheap_vault: Path, params: dict[str, int], no_derivation: None
) -> None:
    keyfile = KeyFile.load(cheap_vault / KEY_NAME)
    crafted = KeyFile(
        kdf=KdfParams(**{**keyfile.kdf.__dict__, **params}), passphrase_wrap=keyfile.passphrase_wrap
    )
    (cheap_vault / KEY_NAME).write_text(crafted.to_json(), encoding="utf-8")  # a valid checksum, even
    with pytest.raises(KdfParamsRefused) as info:
        Vault.open(cheap_vault, PASSPHRASE)
    assert "key.json" in info.value.message("en")


def test_a_backup_with_absurd_kdf_costs_is_refused_before_any_derivation(
    cheap_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Vault.open(cheap_vault, PASSPHRASE) as vault:
        vault.backup(tmp_path / "b.vdbackup")
    with zipfile.ZipFile(tmp_path / "b.vdbackup") as zf:
        db, keyfile = zf.read(DB_NAME), KeyFile.from_json(zf.read(KEY_NAME).decode())
    crafted = KeyFile(kdf=KdfParams(**{**keyfile.kdf.__dict__, "memory_kib": 64 * 1024 * 1024}),
                      passphrase_wrap=keyfile.passphrase_wrap)  # fmt: skip
    with zipfile.ZipFile(tmp_path / "crafted.vdbackup", "w") as zf:
        zf.writestr(DB_NAME, db)
        zf.writestr(KEY_NAME, crafted.to_json())
    monkeypatch.setattr(keywrap, "hash_secret_raw", lambda *a, **k: pytest.fail("derived"))
    with pytest.raises(BackupDamaged):
        Vault.restore(tmp_path / "crafted.vdbackup", tmp_path / "r", PASSPHRASE)
    assert not (tmp_path / "r").exists()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what most desktops use: files world-readable unless the app says otherwise
    yield
    os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_every_file_of_the_vault_is_owner_only(
    tmp_path: Path, usual_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged: list[int] = []
    real_write = zipfile.ZipFile.write

    def spying_write(self: zipfile.ZipFile, filename: str, *args: object, **kwargs: object) -> None:
        staged.append(_mode(Path(filename)))  # the backup's staging copy, inside the vault folder
        real_write(self, filename, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "write", spying_write)
    path = tmp_path / "v"
    with Desk.create(path, PASSPHRASE, kdf=_CHEAP) as desk:
        desk.sightings.add(desk.cases.add("권한"), "https://t.me/modes")
        names = {p.name for p in path.iterdir()}
        assert {DB_NAME, KEY_NAME, WAL_NAME, DB_NAME + "-shm"} <= names
        assert _mode(path) == 0o700
        assert {p.name: _mode(p) for p in path.iterdir()} == dict.fromkeys(names, 0o600)
        desk.admin.backup(tmp_path / "b.vdbackup")
        desk.admin.change_passphrase("another long passphrase")
        assert _mode(path / KEY_NAME) == 0o600
    assert staged == [0o600]
    assert _mode(tmp_path / "b.vdbackup") == 0o600
    with Vault.restore(tmp_path / "b.vdbackup", tmp_path / "r", PASSPHRASE) as restored:
        assert _mode(restored.path) == 0o700
        assert {p.name: _mode(p) for p in restored.path.iterdir()} == {
            p.name: 0o600 for p in restored.path.iterdir()
        }


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_vault_made_with_loose_modes_is_tightened_on_open(cheap_vault: Path, usual_umask: None) -> None:
    os.chmod(cheap_vault, 0o755)
    for p in cheap_vault.iterdir():
        os.chmod(p, 0o644)
    Vault.open(cheap_vault, PASSPHRASE).close()
    assert _mode(cheap_vault) == 0o700
    assert all(_mode(p) == 0o600 for p in cheap_vault.iterdir())
