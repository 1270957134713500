"""The encrypted vault on disk: a folder holding the SQLCipher database and its wrapped key.

    <vault>/vault.db     SQLCipher 4, keyed with a raw random 256-bit key (WAL and SHM files beside it)
    <vault>/key.json     that key, wrapped by the passphrase (Argon2id) and optionally noted as kept in the
                         OS key store; never the key itself

Opening checks the passphrase against key.json before the database is touched, so a wrong passphrase
cannot change a byte of it. Every write runs in an IMMEDIATE transaction with synchronous=FULL, so a write
that reported success survives a crash or kill.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from victim_desk.errors import (
    CannotWrite,
    KeyringUnavailable,
    NoPassphrase,
    OutputExists,
    VaultBusy,
    VaultCorrupt,
    VaultExists,
    VaultNotFound,
)
from victim_desk.storage import migrations, os_keyring
from victim_desk.storage.keywrap import KdfParams, KeyFile, check_passphrase, new_database_key

DB_NAME = "vault.db"
KEY_NAME = "key.json"
_BUSY_TIMEOUT_MS = 5000


def _is_busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class Vault:
    """An open, unlocked vault. Use `Vault.create` or `Vault.open`; `close()` (or `with`) locks it."""

    def __init__(self, path: Path, conn: Any, keyfile: KeyFile, key: bytes) -> None:
        self.path = path
        self.conn = conn
        self._keyfile = keyfile
        self._key = bytearray(key)

    # --- life cycle -------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Vault:
        check_passphrase(passphrase)
        path = Path(path)
        if (path / KEY_NAME).exists() or (path / DB_NAME).exists():
            raise VaultExists(path=str(path))
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExists(path=str(path))
        key = new_database_key()
        keyfile = KeyFile.create(key, passphrase, kdf)
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            # Built in a sibling folder and renamed into place: a crash leaves no half-made vault.
            staging = Path(tempfile.mkdtemp(prefix=".victim-desk-new-", dir=parent))
            os.chmod(staging, 0o700)
            conn = _connect(staging / DB_NAME, key)
            migrations.migrate(conn)
            conn.close()
            keyfile.save(staging / KEY_NAME)
            if path.exists():
                path.rmdir()
            os.replace(staging, path)
        except OSError as exc:
            raise CannotWrite(path=str(path), reason=exc.strerror or str(exc)) from None
        return cls.open(path, passphrase=passphrase)

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, keyring_backend: Any = None) -> Vault:
        """Unlock with the passphrase, or, when none is given, with the key kept in the OS key store."""
        path = Path(path)
        keyfile = cls.read_keyfile(path)
        if passphrase is not None:
            key = keyfile.unlock(passphrase)
        elif keyfile.keyring_id:
            key = os_keyring.load_key(keyfile.keyring_id, keyring_backend)
        else:
            raise NoPassphrase()
        conn = _connect(path / DB_NAME, key)
        try:
            migrations.check_supported(conn)
            migrations.migrate(conn)
        except BaseException:
            conn.close()
            raise
        return cls(path, conn, keyfile, key)

    @staticmethod
    def read_keyfile(path: Path) -> KeyFile:
        if not (path / DB_NAME).is_file() and not (path / KEY_NAME).is_file():
            raise VaultNotFound(path=str(path))
        if not (path / DB_NAME).is_file() or not (path / KEY_NAME).is_file():
            raise VaultCorrupt()
        return KeyFile.load(path / KEY_NAME)

    @staticmethod
    def exists(path: Path) -> bool:
        """Anything of a vault there means "open it": a half-present vault is reported, never replaced."""
        path = Path(path)
        return (path / KEY_NAME).exists() or (path / DB_NAME).exists()

    @staticmethod
    def remembers_key(path: Path) -> bool:
        try:
            return Vault.read_keyfile(Path(path)).keyring_id is not None
        except (VaultNotFound, VaultCorrupt):
            return False

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlcipher3.Error):
                self.conn.close()
            self.conn = None
        # Best effort: Python cannot promise no copy remains, but this one is gone.
        for i in range(len(self._key)):
            self._key[i] = 0

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One atomic, durable write: all of it is saved or none of it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.OperationalError as exc:
            if _is_busy(exc):
                raise VaultBusy() from None
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- key management ---------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        self._keyfile = self._keyfile.rewrapped(bytes(self._key), new_passphrase)
        self._keyfile.save(self.path / KEY_NAME)

    def remember_on_this_computer(self, backend: Any = None) -> str:
        """Keep a copy of the key in the OS key store; returns the key store's name."""
        name, entry = os_keyring.store_key(bytes(self._key), backend)
        if self._keyfile.keyring_id:
            os_keyring.forget_key(self._keyfile.keyring_id, backend)
        self._keyfile = self._keyfile.with_keyring(name, entry)
        self._keyfile.save(self.path / KEY_NAME)
        return name

    def forget_on_this_computer(self, backend: Any = None) -> None:
        if not self._keyfile.keyring_id:
            raise KeyringUnavailable()
        os_keyring.forget_key(self._keyfile.keyring_id, backend)
        self._keyfile = self._keyfile.with_keyring(None, None)
        self._keyfile.save(self.path / KEY_NAME)

    @property
    def keyring_backend(self) -> str | None:
        return self._keyfile.keyring_backend

    # --- maintenance ------------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLCipher's page HMAC check, then SQLite's structural and foreign-key checks; empty when sound."""
        problems: list[str] = []
        for (row,) in self.conn.execute("PRAGMA cipher_integrity_check").fetchall():
            problems.append(f"cipher: {row}")
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        problems.extend(f"sqlite: {r}" for r in rows if r != "ok")
        for row in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"foreign key: {row[0]} row {row[1]}")
        return problems

    def backup(self, out: Path) -> None:
        """Write an encrypted copy: a ZIP of a fresh SQLCipher export and key.json (passphrase wrap only).

        Everything in it is ciphertext or a wrapped key, so the file is as safe as the vault itself and
        `vault restore` opens it with the same passphrase.
        """
        out = Path(out)
        if out.exists():
            raise OutputExists(path=str(out))
        staging = self.path / ".backup.db"
        staging.unlink(missing_ok=True)
        partial = out.with_name(out.name + ".partial")
        try:
            self.conn.execute(
                f"ATTACH DATABASE ? AS backup KEY \"x'{bytes(self._key).hex()}'\"", (str(staging),)
            )
            try:
                self.conn.execute("SELECT sqlcipher_export('backup')")
                version = migrations.current_version(self.conn)
                self.conn.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                self.conn.execute("DETACH DATABASE backup")
            portable = self._keyfile.with_keyring(None, None)
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as zf:
                zf.write(staging, DB_NAME)
                zf.writestr(KEY_NAME, portable.to_json())
            with open(partial, "rb") as f:
                os.fsync(f.fileno())
            os.replace(partial, out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CannotWrite(path=str(out), reason=exc.strerror or str(exc)) from None
        finally:
            staging.unlink(missing_ok=True)

    @staticmethod
    def restore(backup_file: Path, path: Path, passphrase: str) -> Vault:
        """Make a new vault at `path` from a backup, checking the passphrase first."""
        path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExists(path=str(path))
        try:
            with zipfile.ZipFile(backup_file) as zf:
                names = set(zf.namelist())
                if names != {DB_NAME, KEY_NAME}:
                    raise VaultCorrupt()
                keyfile = KeyFile.from_json(zf.read(KEY_NAME).decode("utf-8"))
                keyfile.unlock(passphrase)
                path.parent.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".victim-desk-restore-", dir=path.parent))
                try:
                    with zf.open(DB_NAME) as src, open(staging / DB_NAME, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    keyfile.save(staging / KEY_NAME)
                    if path.exists():
                        path.rmdir()
                    os.replace(staging, path)
                except BaseException:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
        except FileNotFoundError:
            raise VaultNotFound(path=str(backup_file)) from None
        except (zipfile.BadZipFile, UnicodeDecodeError, KeyError):
            raise VaultCorrupt() from None
        except OSError as exc:
            raise CannotWrite(path=str(path), reason=exc.strerror or str(exc)) from None
        return Vault.open(path, passphrase)


def _connect(db_path: Path, key: bytes) -> Any:
    """Open the database with the pragmas of the security model; wrong keys fail here, read-only."""
    try:
        conn = sqlcipher3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error:
        raise VaultCorrupt() from None
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = ON")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise VaultCorrupt()  # plain SQLite would store everything in the clear: never that
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if _is_busy(exc):
            raise VaultBusy() from None
        raise VaultCorrupt() from None
    except BaseException:
        conn.close()
        raise
    return conn
