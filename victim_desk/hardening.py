"""Keeping the open vault's secrets out of crash files, as password managers do.

While the vault is open, this process holds the vault key, decrypted case records and the passphrase as
typed. A crash must not write them to disk in the clear: a core file (Linux, macOS) or a Windows Error
Reporting dump can sit in /var/lib/systemd/coredump, /cores or %LOCALAPPDATA%\\CrashDumps for weeks and be
read by anyone who later uses the computer or receives the "crash report".

`harden()` runs first thing in every entry point (the CLI's `main`, which also opens the desktop app, and
`gui.app.run`). It never fails the program: a platform that refuses a step is recorded in the result and
the app still starts, because refusing to start would leave a person in crisis with nothing.

- Linux: RLIMIT_CORE 0 (soft and hard, so nothing in the process can raise it again) and
  prctl(PR_SET_DUMPABLE, 0). The second one matters even with the limit at 0: a core_pattern that pipes
  to systemd-coredump or apport ignores RLIMIT_CORE, but never dumps a non-dumpable process. It also stops
  other processes of the same user from attaching with ptrace or reading /proc/<pid>/mem.
- macOS: RLIMIT_CORE 0. PT_DENY_ATTACH is deliberately not used: the notarised build runs with the
  hardened runtime and without the get-task-allow entitlement, which already refuses debugger attachment by
  other processes of the user, and PT_DENY_ATTACH would only add a trivially bypassed anti-debugging trick
  that also breaks the system's crash reporter.
- Windows: no "the system crashed" dialog that keeps the process (and its memory) alive waiting for a
  click (SetErrorMode), and no heap in Windows Error Reporting dumps (WerSetFlags NOHEAP). The app is not
  added to WER's excluded applications: that writes its program name into the registry, a trace of its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass, field

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3

# Windows: SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX
_SEM_FLAGS = 0x0001 | 0x0002 | 0x8000
_WER_FAULT_REPORTING_FLAG_NOHEAP = 0x1


@dataclass
class Hardening:
    """What `harden()` did on this platform (`applied`) and what the platform refused (`refused`)."""

    applied: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


_done: Hardening | None = None


def harden() -> Hardening:
    """Switch off crash dumps of this process; safe to call more than once (the first call does the work)."""
    global _done
    if _done is None:
        _done = Hardening()
        if sys.platform != "win32":
            _no_core_files(_done)
        if sys.platform.startswith("linux"):
            _not_dumpable(_done)
        elif sys.platform == "win32":
            _no_windows_error_dumps(_done)
    return _done


def _no_core_files(result: Hardening) -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        result.applied.append("RLIMIT_CORE=0")
    except (OSError, ValueError):
        result.refused.append("RLIMIT_CORE")


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def _not_dumpable(result: Hardening) -> None:
    libc = _libc()
    if libc is None or libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        result.refused.append("PR_SET_DUMPABLE")
        return
    result.applied.append("PR_SET_DUMPABLE=0")


def is_dumpable() -> bool | None:
    """Linux: whether the kernel would dump this process (PR_GET_DUMPABLE); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    if libc is None:
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _no_windows_error_dumps(result: Hardening) -> None:
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        result.refused.append("SetErrorMode")
        return
    try:
        kernel32 = windll.kernel32
        kernel32.SetErrorMode(kernel32.GetErrorMode() | _SEM_FLAGS)
        result.applied.append("SetErrorMode")
    except (AttributeError, OSError):
        result.refused.append("SetErrorMode")
    try:
        # S_OK is 0; WER keeps the flag for this process only.
        if windll.kernel32.WerSetFlags(_WER_FAULT_REPORTING_FLAG_NOHEAP) == 0:
            result.applied.append("WerSetFlags(NOHEAP)")
        else:
            result.refused.append("WerSetFlags")
    except (AttributeError, OSError):
        result.refused.append("WerSetFlags")
