"""Lock the vault when the computer's session locks or the machine goes to sleep, where the platform says so.

Someone who locks the screen or closes the lid expects everything behind it to be locked; an open vault
must not survive that. All platform sources feed ONE object, `SessionLockSource`, with one signal,
`session_locked(reason)`; the shell connects to that signal only, so tests (and new platforms) need only
make it fire.

- Linux (and other freedesktop systems): D-Bus signals, heard on the system bus from systemd-logind
  (`org.freedesktop.login1.Manager.PrepareForSleep(true)`: about to sleep; `org.freedesktop.login1.Session.
  Lock`: the session is being locked) and on the session bus from the screen saver
  (`org.freedesktop.ScreenSaver` and `org.gnome.ScreenSaver` `ActiveChanged(true)`). No sender is required:
  a forged signal can only lock the vault, which is always safe. logind's Lock is heard for any session
  path, as the session's own object path is not known without a blocking call at start-up.
- Windows: the window registers for session notifications (WTSRegisterSessionNotification) and a native
  event filter watches WM_WTSSESSION_CHANGE (WTS_SESSION_LOCK) and WM_POWERBROADCAST (PBT_APMSUSPEND).
  Written to the documented API but not run on Windows yet.
- macOS: screen-lock and sleep notifications come from NSWorkspace / NSDistributedNotificationCenter,
  which Qt does not expose and this app cannot reach without PyObjC; there the idle lock is the safeguard.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

LOGIN1_MANAGER = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
LOGIN1_SESSION_LOCK = ("", "org.freedesktop.login1.Session", "Lock")
SCREENSAVERS = (
    ("", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("", "org.gnome.ScreenSaver", "ActiveChanged"),
)

# Windows constants (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


def _slot(signature: str) -> Any:
    """Qt's SLOT() code for a slot of ours. QDBusConnection.connect wants it as str at run time, although
    PySide6's type stubs say bytes (and bytes are refused), hence Any."""
    return SLOT(signature)


class SessionLockSource(QObject):
    """Emits `session_locked(reason)` ("sleep", "lock" or "screensaver") when the platform says so."""

    session_locked = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.listening: list[str] = []  # what is being heard, for the settings screen and tests
        self._native: _WindowsSessionFilter | None = None
        if sys.platform.startswith("linux") or session_bus is not None or system_bus is not None:
            self._listen_on_dbus(
                session_bus if session_bus is not None else QDBusConnection.sessionBus(),
                system_bus if system_bus is not None else QDBusConnection.systemBus(),
            )

    def _listen_on_dbus(self, session_bus: QDBusConnection, system_bus: QDBusConnection) -> None:
        if system_bus.isConnected():
            path, interface, name = LOGIN1_MANAGER
            if system_bus.connect("", path, interface, name, self, _slot("on_prepare_for_sleep(bool)")):
                self.listening.append(f"{interface}.{name}")
            path, interface, name = LOGIN1_SESSION_LOCK
            if system_bus.connect("", path, interface, name, self, _slot("on_session_lock()")):
                self.listening.append(f"{interface}.{name}")
        if session_bus.isConnected():
            for path, interface, name in SCREENSAVERS:
                if session_bus.connect("", path, interface, name, self, _slot("on_screensaver_active(bool)")):
                    self.listening.append(f"{interface}.{name}")

    def watch_window(self, window: QWidget) -> None:
        """On Windows, ask for the session notifications of `window` (they go to one window handle)."""
        if sys.platform != "win32" or self._native is not None:
            return
        app = QCoreApplication.instance()
        if app is None:
            return
        try:
            wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
            if not wtsapi.WTSRegisterSessionNotification(int(window.winId()), NOTIFY_FOR_THIS_SESSION):
                return
        except (AttributeError, OSError):
            return
        self._native = _WindowsSessionFilter(self)
        app.installNativeEventFilter(self._native)
        self.listening.append("WM_WTSSESSION_CHANGE")

    @Slot(bool)
    def on_prepare_for_sleep(self, starting: bool) -> None:
        if starting:
            self.session_locked.emit("sleep")

    @Slot()
    def on_session_lock(self) -> None:
        self.session_locked.emit("lock")

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.session_locked.emit("screensaver")


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """Reads each native Windows message for a session lock or a suspend (the MSG struct of winuser.h)."""

    def __init__(self, source: SessionLockSource) -> None:
        super().__init__()
        self._source = source

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: Any
    ) -> tuple[bool, int]:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind != b"windows_generic_MSG":
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            self._source.session_locked.emit("lock")
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self._source.session_locked.emit("sleep")
        return False, 0
