"""The encrypted vault on disk: a folder holding the SQLCipher database and its wrapped key.

    <vault>/vault.db     SQLCipher 4, keyed with a raw random 256-bit key (WAL and SHM files beside it)
    <vault>/key.json     that key, wrapped by the passphrase (Argon2id) and optionally noted as kept in the
                         OS key store; never the key itself

Opening checks the passphrase against key.json before the database is touched, so a wrong passphrase
cannot change a byte of it; a key.json without its database is refused rather than answered with a new,
empty vault. Every write runs in an IMMEDIATE transaction with synchronous=FULL, so a write that reported
success survives a crash or kill. Everything in the folder is readable by its owner only.

Threads: each thread gets its own connections, opened on first use with the key already held (no second
key derivation). SQLite then isolates them: a reader sees only committed batches, and a writer waits
(busy_timeout) for another's transaction instead of failing. `close()` closes them all, from any thread.

Damage: SQLCipher authenticates every page. Everything that goes through `Vault.conn` and
`Vault.transaction()` turns a damaged page into `VaultDamaged` and a held lock into `VaultBusy` (see
connection.py), so no raw sqlcipher3 error reaches a person; `integrity_findings` says where the damage is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import threading
import weakref
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import sqlcipher3

from victim_desk.errors import (
    BackupDamaged,
    CannotWrite,
    DeskError,
    KeyFileDamaged,
    KeyringUnavailable,
    NoPassphrase,
    OutputExists,
    VaultBusy,
    VaultCorrupt,
    VaultExists,
    VaultFileMissing,
    VaultFileTruncated,
    VaultLocked,
    VaultNotFound,
)
from victim_desk.i18n import Lang, t
from victim_desk.safe_output import write_new_file
from victim_desk.storage import connection, migrations, os_keyring
from victim_desk.storage.connection import (
    FairLock,
    GuardedConnection,
    NestedTransaction,
    checkpoint,
    connect,
    translated,
)
from victim_desk.storage.keywrap import KdfParams, KeyFile, check_passphrase, new_database_key

DB_NAME = "vault.db"
KEY_NAME = "key.json"
WAL_NAME = DB_NAME + "-wal"
_FILE_MODE = 0o600
_SMALLEST_DATABASE = 512  # bytes: SQLite's smallest page size (the vault's pages are 4,096)
_FOLDER_MODE = 0o700
# Each thread's connections: one to read, one to write in, so a reading cursor left open (which holds
# an old snapshot) never makes a later write on the same thread fail at once with "database is locked".
_SLOTS = ("reader", "writer")


@dataclass(frozen=True)
class Finding:
    """One thing `vault check` found, in plain words; `str()` is the neutral English line."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    damage: bool = True  # False for a notice: worth saying, but the vault is sound

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class Vault:
    """An open, unlocked vault. Use `Vault.create` or `Vault.open`; `close()` (or `with`) locks it."""

    def __init__(self, path: Path, keyfile: KeyFile, key: bytes, *, leftover_wal: bool = False) -> None:
        self.path = path
        self._keyfile = keyfile
        self._key = bytearray(key)
        self._leftover_wal = leftover_wal
        self._closed = False
        self._lock = threading.Lock()
        self._writers = FairLock()
        self._local = threading.local()
        # Every connection of every thread, for close(). Weak: a thread that ends drops its own.
        self._conns: weakref.WeakSet[GuardedConnection] = weakref.WeakSet()

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
            os.chmod(staging, _FOLDER_MODE)
            _new_private_file(staging / DB_NAME)
            conn = connect(staging / DB_NAME, key)
            migrations.migrate(conn)
            conn.close()
            keyfile.save(staging / KEY_NAME)
            if path.exists():
                path.rmdir()
            os.replace(staging, path)
        except OSError as exc:
            raise CannotWrite.from_os(exc, path=str(path)) from None
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
        # Recorded before our own connection makes a -wal of its own: content there means the last
        # session did not close cleanly (or another window has the vault open).
        leftover_wal = _size(path / WAL_NAME) > 0
        _make_private(path)
        conn = connect(path / DB_NAME, key)
        try:
            migrations.check_supported(conn)
            migrations.migrate(conn)
        except sqlcipher3.Error as exc:
            conn.close()
            raise translated(exc) or VaultCorrupt() from None
        except BaseException:
            conn.close()
            raise
        vault = cls(path, keyfile, key, leftover_wal=leftover_wal)
        vault._adopt(GuardedConnection(conn), "reader")
        return vault

    @staticmethod
    def read_keyfile(path: Path) -> KeyFile:
        has_db, has_key = (path / DB_NAME).is_file(), (path / KEY_NAME).is_file()
        if not has_db and not has_key:
            raise VaultNotFound(path=str(path))
        if not has_key:
            raise VaultCorrupt()
        if not has_db or _size(path / DB_NAME) == 0:
            # SQLCipher would happily start a new, empty database here and call it sound.
            raise VaultFileMissing()
        if _size(path / DB_NAME) < _SMALLEST_DATABASE:
            # Shorter than SQLite's smallest page: what is left is no database, and SQLite would start a
            # new one over it (found by tests/security/damage.py: a vault.db cut to one byte "opened").
            raise VaultFileTruncated()
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

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Lock: checkpoint, close every thread's connections and forget the key. Safe from any thread.

        Closing a connection another thread is inside a transaction on rolls that transaction back.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            mine = [c for c in (getattr(self._local, s, None) for s in _SLOTS) if c is not None]
            others = [c for c in self._conns if c not in mine]
            self._conns.clear()
            for slot in _SLOTS:
                setattr(self._local, slot, None)
        for conn in others:
            with contextlib.suppress(sqlcipher3.Error):
                conn.raw.close()
        for conn in mine:
            checkpoint(conn)  # the other threads' connections are closed: nothing holds the WAL back
            with contextlib.suppress(sqlcipher3.Error):
                conn.raw.close()
        # Best effort: Python cannot promise no copy remains, but this one is gone.
        for i in range(len(self._key)):
            self._key[i] = 0

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- connections and transactions -------------------------------------------------------------

    @property
    def conn(self) -> Any:
        """The calling thread's connection (opened on first use); None once the vault is locked.

        Inside `transaction()` it is that transaction's connection, so reads see the writes before them.
        Outside, it is the thread's reading connection: a cursor left open on it (a list filled as the
        person scrolls) never stands in the way of a later write. Reads through it, and through the
        cursors it returns, raise VaultDamaged / VaultBusy rather than raw sqlcipher3 errors.
        """
        if self._closed:
            return None
        return getattr(self._local, "active", None) or self._thread_conn("reader")

    def _thread_conn(self, slot: str) -> GuardedConnection | None:
        """This thread's connection for `slot`, opened with the held key (no key derivation)."""
        current: GuardedConnection | None = getattr(self._local, slot, None)
        if current is not None and not current.damaged:
            return current
        with self._lock:
            if self._closed:
                return None
            key = bytes(self._key)
        fresh = GuardedConnection(connect(self.path / DB_NAME, key))
        if not self._adopt(fresh, slot):
            fresh.raw.close()
            return None
        if current is not None:
            with contextlib.suppress(sqlcipher3.Error):
                current.raw.close()  # a damaged one: its error state would fail every later read
        return fresh

    def _adopt(self, conn: GuardedConnection, slot: str) -> bool:
        with self._lock:
            if self._closed:
                return False
            old = getattr(self._local, slot, None)
            if old is not None:
                self._conns.discard(old)
            self._conns.add(conn)
            setattr(self._local, slot, conn)
            return True

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One atomic, durable write on the calling thread's own connection: all of it saved, or none.

        IMMEDIATE: the write lock is taken at the start. Writers of this process queue for it in turn
        (see FairLock); each waits up to the busy timeout for another thread's or program's transaction
        to end, then VaultBusy. Not re-entrant: a nested use on the same thread raises
        NestedTransaction (a bug in the caller). Never wait on the network (or on a person) inside it:
        fetch first, then open the transaction to save, or every other writer waits on the wait.
        """
        if getattr(self._local, "active", None) is not None:
            raise NestedTransaction("Vault.transaction() entered again on the same thread")
        conn = self._thread_conn("writer")
        if conn is None:
            raise VaultLocked()
        if not self._writers.acquire(connection.BUSY_TIMEOUT_MS / 1000):
            raise VaultBusy()
        try:
            conn.execute("BEGIN IMMEDIATE")
            self._local.active = conn
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.raw.in_transaction:
                    with contextlib.suppress(sqlcipher3.Error):
                        conn.raw.execute("ROLLBACK")
                raise
        finally:
            self._local.active = None
            self._writers.release()

    def checkpoint(self) -> bool:
        """Move what the WAL holds into vault.db (best effort); True when it all went.

        Until a checkpoint, rows reported saved live in vault.db-wal: safe, but a copy of vault.db alone
        would miss them. Call after a large batch (an import, evidence) and on close.
        """
        conn = self.conn
        return conn is not None and checkpoint(conn)

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

    def integrity_findings(self) -> list[Finding]:
        """What is wrong with the vault, in plain words: damaged pages, which tables they hit, SQLite's
        structural and foreign-key findings, and a leftover WAL. Empty when all is sound.

        Each probe runs on its own fresh connection: SQLCipher refuses every read on a connection once
        it has met a damaged page, which would make one damaged table look like all of them.
        """
        with self._lock:
            if self._closed:
                raise VaultLocked()
            key = bytes(self._key)
        findings = _integrity_findings(self.path / DB_NAME, key)
        if self._leftover_wal:
            findings.append(Finding("vault.finding.leftover_wal", damage=False))
        return findings

    def integrity_problems(self) -> list[str]:
        """The damage among `integrity_findings`, as neutral English lines (notices left out)."""
        return [str(f) for f in self.integrity_findings() if f.damage]

    def backup(self, out: Path, *, force: bool = False) -> None:
        """Write an encrypted copy: a ZIP of a fresh SQLCipher export and key.json (passphrase wrap only).

        Everything in it is ciphertext or a wrapped key, so the file is as safe as the vault itself and
        `vault restore` opens it with the same passphrase. Written through `safe_output`: whole or not at
        all, never replacing a file unless `force`.
        """
        out = Path(out)
        if not force and os.path.lexists(out):
            raise OutputExists(path=str(out))  # before the export, which can take a while
        conn = self.conn
        if conn is None:
            raise VaultLocked()
        staging = self.path / ".backup.db"
        staging.unlink(missing_ok=True)
        try:
            _new_private_file(staging)  # SQLite would create it world-readable under a usual umask
            conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{bytes(self._key).hex()}'\"", (str(staging),))
            try:
                conn.execute("SELECT sqlcipher_export('backup')")
                version = migrations.current_version(conn)
                conn.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                conn.execute("DETACH DATABASE backup")
            portable = self._keyfile.with_keyring(None, None)

            def write(f: IO[Any]) -> None:
                with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as zf:
                    zf.write(staging, DB_NAME)
                    zf.writestr(KEY_NAME, portable.to_json())

            write_new_file(out, write, binary=True, force=force)
        except OSError as exc:
            raise CannotWrite.from_os(exc, path=str(out)) from None
        finally:
            staging.unlink(missing_ok=True)

    @staticmethod
    def restore(backup_file: Path, path: Path, passphrase: str) -> Vault:
        """Make a new vault at `path` from a backup, checking the passphrase first and the database's
        every page before it is put in place. Writes no audit event (the caller does). A damaged backup
        raises BackupDamaged and leaves nothing behind."""
        path = Path(path)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExists(path=str(path))
        try:
            with zipfile.ZipFile(backup_file) as zf:
                names = set(zf.namelist())
                if names != {DB_NAME, KEY_NAME}:
                    raise BackupDamaged()
                try:
                    keyfile = KeyFile.from_json(zf.read(KEY_NAME).decode("utf-8"))
                except KeyFileDamaged:
                    raise BackupDamaged() from None
                key = keyfile.unlock(passphrase)
                path.parent.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".victim-desk-restore-", dir=path.parent))
                try:
                    os.chmod(staging, _FOLDER_MODE)
                    with zf.open(DB_NAME) as src, open(_new_private_file(staging / DB_NAME), "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    if _integrity_findings(staging / DB_NAME, key):
                        raise BackupDamaged()
                    keyfile.save(staging / KEY_NAME)
                    if path.exists():
                        path.rmdir()
                    os.replace(staging, path)
                except BaseException:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
        except FileNotFoundError:
            raise VaultNotFound(path=str(backup_file)) from None
        except (zipfile.BadZipFile, UnicodeDecodeError, KeyError, EOFError, zipfile.LargeZipFile):
            raise BackupDamaged() from None
        except OSError as exc:
            raise CannotWrite.from_os(exc, path=str(path)) from None
        return Vault.open(path, passphrase)


# --- helpers --------------------------------------------------------------------------------------


def _integrity_findings(db_path: Path, key: bytes) -> list[Finding]:
    findings: list[Finding] = []
    try:
        conn = connect(db_path, key)
    except DeskError:
        return [Finding("vault.finding.unreadable")]
    try:
        pages = []
        for (row,) in conn.execute("PRAGMA cipher_integrity_check").fetchall():
            words = str(row).split()
            pages.append(words[-1] if words and words[-1].isdigit() else str(row))
        if pages:
            findings.append(Finding("vault.finding.pages_damaged", {"pages": ", ".join(pages)}))
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except sqlcipher3.Error:
        conn.close()
        return [*findings, Finding("vault.finding.unreadable")]
    conn.close()
    damaged = [name for name in tables if not _table_readable(db_path, key, name)]
    for name in damaged:
        findings.append(Finding("vault.finding.table_damaged", {"table": name}))
    findings.extend(_structure_findings(db_path, key))
    return findings


def _table_readable(db_path: Path, key: bytes, table: str) -> bool:
    try:
        conn = connect(db_path, key)
    except DeskError:
        return False
    try:
        quoted = '"' + table.replace('"', '""') + '"'
        for _ in conn.execute(f"SELECT * FROM {quoted}"):
            pass
        return True
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()


def _structure_findings(db_path: Path, key: bytes) -> list[Finding]:
    unfinished = [Finding("vault.finding.structure_unfinished")]
    try:
        conn = connect(db_path, key)
    except DeskError:
        return unfinished
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        # SQLite words each problem in English and may quote a value: only their number is said.
        problems = [r for r in rows if r != "ok"]
        findings = [Finding("vault.finding.structure", {"count": len(problems)})] if problems else []
        for row in conn.execute("PRAGMA foreign_key_check").fetchall():
            findings.append(Finding("vault.finding.foreign_key", {"table": row[0], "row": row[1]}))
        return findings
    except sqlcipher3.Error:
        return unfinished
    finally:
        conn.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _new_private_file(path: Path) -> Path:
    """Create an empty file readable by its owner only; SQLite then copies that mode to -wal and -shm."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE))
    return path


def _make_private(folder: Path) -> None:
    """Tighten a vault made by an older version: folder 0700, files 0600 (best effort)."""
    with contextlib.suppress(OSError):
        if stat.S_IMODE(folder.stat().st_mode) != _FOLDER_MODE:
            os.chmod(folder, _FOLDER_MODE)
        for name in (DB_NAME, WAL_NAME, DB_NAME + "-shm", KEY_NAME):
            target = folder / name
            if target.exists() and stat.S_IMODE(target.stat().st_mode) != _FILE_MODE:
                os.chmod(target, _FILE_MODE)
