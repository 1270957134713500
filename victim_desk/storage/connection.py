"""Connections to the vault's database: how each is opened, and how SQLCipher's errors become calm ones.

Everything the app reads or writes goes through a `GuardedConnection` (see `Vault.conn`): it, and the
cursors it returns, turn SQLCipher's "file is not a database" / "database disk image is malformed" (a page
that fails authentication or structure) into `VaultDamaged`, "database is locked" into `VaultBusy`, and
use after the vault was locked from another thread into `VaultLocked`.
Constraint errors and bugs pass through unchanged. SQLCipher's own log lines are silenced for good: damage
is reported by these errors and by `vault check`, not by lines on the terminal.
"""

from __future__ import annotations

import shutil
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from victim_desk.errors import (
    DeskError,
    DiskFull,
    VaultBusy,
    VaultCorrupt,
    VaultDamaged,
    VaultFileMissing,
    VaultLocked,
)

BUSY_TIMEOUT_MS = 5000
# SQLite's own words for a page that fails authentication (SQLITE_NOTADB) or structure (SQLITE_CORRUPT).
_DAMAGE_WORDS = ("file is not a database", "database disk image is malformed", "hmac")
_BUSY_WORDS = ("database is locked", "database table is locked", "busy")


class NestedTransaction(RuntimeError):
    """A programming error: `Vault.transaction()` was entered again on a thread already inside one."""


def _silence_sqlcipher_log() -> None:
    # SQLCipher writes "ERROR CORE ... hmac check failed" lines to stderr by default. Its log level is
    # process-wide, so setting it once (and again on every connection, cheaply) keeps them out of the
    # terminal for good; damage is reported through VaultDamaged and `integrity_findings` instead.
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_silence_sqlcipher_log()


def translated(exc: sqlcipher3.Error) -> DeskError | None:
    """The calm error for a raw SQLCipher one, or None when it is a bug or a constraint to let through."""
    text = str(exc).lower()
    if isinstance(exc, sqlcipher3.OperationalError) and any(w in text for w in _BUSY_WORDS):
        return VaultBusy()
    if type(exc) in (sqlcipher3.DatabaseError, sqlcipher3.OperationalError) and any(
        w in text for w in _DAMAGE_WORDS
    ):
        return VaultDamaged()
    if isinstance(exc, sqlcipher3.OperationalError) and "disk is full" in text:
        return DiskFull()  # SQLITE_FULL: the transaction was rolled back, what was saved before is whole
    if isinstance(exc, sqlcipher3.ProgrammingError) and "closed database" in text:
        return VaultLocked()  # the vault was locked (from another thread) while this work was running
    return None


class _Guard:
    """Translates errors raised inside it; remembers damage so the connection is replaced after it.

    SQLCipher keeps a connection in an error state once it has met a damaged page, so the next use on the
    same thread gets a fresh connection and can still read the undamaged tables.
    """

    damaged = False

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if isinstance(exc, sqlcipher3.Error):
            calm = translated(exc)
            if calm is not None:
                if isinstance(calm, VaultDamaged):
                    self.damaged = True
                raise calm from None


class GuardedCursor:
    """A cursor whose fetches and iteration raise VaultDamaged / VaultBusy instead of raw errors."""

    def __init__(self, cursor: Any, guard: _Guard) -> None:
        self._cursor = cursor
        self._guard = guard

    def fetchone(self) -> Any:
        with self._guard:
            return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        with self._guard:
            return list(self._cursor.fetchall())

    def fetchmany(self, size: int = 1) -> list[Any]:
        with self._guard:
            return list(self._cursor.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        # One generator around the whole loop: cheaper per row than a Python __next__.
        with self._guard:
            yield from self._cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)  # lastrowid, rowcount, description, close


class GuardedConnection:
    """One thread's connection; `execute` and friends translate damage and busy errors (see _Guard)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._guard = _Guard()

    @property
    def damaged(self) -> bool:
        return self._guard.damaged

    def execute(self, sql: str, params: Any = ()) -> GuardedCursor:
        with self._guard:
            return GuardedCursor(self.raw.execute(sql, params), self._guard)

    def executemany(self, sql: str, rows: Any) -> GuardedCursor:
        with self._guard:
            return GuardedCursor(self.raw.executemany(sql, rows), self._guard)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class FairLock:
    """The vault's in-process write lock, granted first come, first served.

    SQLite's busy handler retries on a timer, so a thread that writes batch after batch (an import) can
    take the lock again before a waiting writer (the GUI saving one row) ever wakes, until the waiter's
    busy_timeout runs out. Queuing writers of this process here first makes them take turns; SQLite's
    own lock and busy_timeout still arbitrate with other processes.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._held = False

    @property
    def waiting(self) -> int:
        with self._cond:
            return len(self._queue)

    def wait_until_waiting(self, count: int, timeout: float) -> bool:
        """For tests: block until `count` writers are queued (no polling, no sleeps)."""
        with self._cond:
            return self._cond.wait_for(lambda: len(self._queue) >= count, timeout)

    def acquire(self, timeout: float) -> bool:
        me = object()
        with self._cond:
            self._queue.append(me)
            self._cond.notify_all()
            if self._cond.wait_for(lambda: not self._held and self._queue[0] is me, timeout):
                self._queue.popleft()
                self._held = True
                return True
            self._queue.remove(me)
            self._cond.notify_all()
            return False

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()


def connect(db_path: Path, key: bytes) -> Any:
    """Open an existing database file (never create one) with the pragmas of the security model."""
    try:
        # mode=rw: a vault.db that vanished must not come back as a new, empty database.
        uri = db_path.absolute().as_uri() + "?mode=rw"
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error:
        raise VaultFileMissing() from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = ON")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise VaultCorrupt()  # plain SQLite would store everything in the clear: never that
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        # The key was checked against key.json first, so a page that will not decrypt is damage.
        raise translated(exc) or _no_room(db_path, exc) or VaultCorrupt() from None
    except BaseException:
        conn.close()
        raise
    return conn


def checkpoint(conn: GuardedConnection) -> bool:
    try:
        row = conn.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlcipher3.Error:
        return False
    return row is not None and row[0] == 0


# Less free space than this when opening fails with "disk I/O error" means the disk is full, not damage.
_ROOM_TO_OPEN = 1 << 20


def _no_room(db_path: Path, exc: Exception) -> DiskFull | None:
    """Opening needs room for the -shm and -wal files; on a full disk SQLite says only "disk I/O error",
    which must not read as damage (the vault's files are untouched)."""
    if "disk i/o error" not in str(exc).lower():
        return None
    try:
        return DiskFull() if shutil.disk_usage(db_path.parent).free < _ROOM_TO_OPEN else None
    except OSError:
        return None
