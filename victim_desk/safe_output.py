"""The one way any output file (PDF, ZIP, CSV, backup, hash list) is written.

A person hands these files to the police or a platform, so a half-written one must never exist under the
real name, and an existing file must never be silently replaced. The content goes into a partial file
created exclusively (O_EXCL, owner-only) beside the target, is flushed to the disk, and only then takes the
target's name in one step that refuses to replace anything unless the caller asked to (`--force`).
Checking "does it exist?" and then renaming would leave a window in which another program's file could be
overwritten; the no-replace step closes it.

A writer holds an exclusive lock on its partial file (POSIX `flock`) while it works. A process killed in the
middle (`kill -9`, a power cut) cannot delete its partial file, which may hold a letter's text in the clear;
its lock, though, dies with it. So every later write into the same folder removes the partial files whose
lock it can take: they were abandoned. (Windows has no `flock`: there the sweep removes nothing.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from victim_desk.errors import CannotWrite, OutputExists

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# In every partial file's name, so the sweep never touches another program's files.
_MARK = "vdesk-"

# Errors from os.link that mean "this file system has no hard links", not "something is wrong".
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def write_new_file(
    out: Path,
    write: Callable[[IO[Any]], None],
    *,
    binary: bool = False,
    force: bool = False,
) -> None:
    """Write `out` through `write(file)`; all of it appears under its name, or nothing does.

    Text files are UTF-8 with newlines as written. Raises `OutputExists` when `out` exists and `force` is
    not set (before any work, and again atomically at the end), `CannotWrite` for any OS failure.
    """
    out = Path(out)
    if not force and os.path.lexists(out):
        raise OutputExists(path=str(out))
    directory = out.parent if str(out.parent) else Path(".")
    try:
        fd, partial_name = tempfile.mkstemp(prefix=f".{out.name}.{_MARK}", suffix=".partial", dir=directory)
    except OSError as exc:
        raise CannotWrite.from_os(exc, path=str(out)) from None
    partial = Path(partial_name)
    _hold(fd)
    _sweep_abandoned(directory, keep=partial)
    try:
        mode = "wb" if binary else "w"
        text_args: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **text_args) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        _move_into_place(partial, out, force)
        _sync_directory(directory)
    except FileExistsError:
        raise OutputExists(path=str(out)) from None
    except OSError as exc:
        raise CannotWrite.from_os(exc, path=str(out)) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _hold(fd: int) -> None:
    """Lock our own partial file for as long as it is open (the lock goes with the process)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _sweep_abandoned(directory: Path, keep: Path) -> None:
    """Delete the partial files in `directory` that no living writer holds (see the module docstring)."""
    if fcntl is None:
        return
    try:
        candidates = [p for p in directory.glob(f".*.{_MARK}*.partial") if p != keep]
    except OSError:
        return
    for path in candidates:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a writer is alive
                path.unlink()
            finally:
                os.close(fd)


def _move_into_place(partial: Path, out: Path, force: bool) -> None:
    if force:
        os.replace(partial, out)
        return
    if sys.platform == "win32":
        os.rename(partial, out)  # Windows' rename never replaces: FileExistsError if `out` appeared
        return
    try:
        # A hard link is created only if the name is free, atomically; the partial name is removed after.
        os.link(partial, out)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # File systems without hard links (FAT on a USB stick, some network shares): the best left is a
        # check just before the rename; the window is microseconds instead of the whole write.
        if os.path.lexists(out):
            raise FileExistsError(errno.EEXIST, "exists") from None
        os.rename(partial, out)


def _sync_directory(directory: Path) -> None:
    """Make the new name itself durable (POSIX); Windows has no directory handles to sync."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
