"""Session safety: quick-exit keys, idle auto-lock and a clipboard that forgets.

The person using this app may be interrupted by someone she must not show it to. So:

- Quick exit is one key away from anywhere in the app, dialogs included: F12 or Ctrl+Shift+Q. Escape
  pressed twice was considered and rejected: too easy to miss, and Escape already closes dialogs.
  The keys are caught by an application-wide event filter rather than QShortcut, because Qt blocks
  application shortcuts of a window that a modal dialog covers.
- The vault locks itself after a spell without keyboard or mouse input (5 minutes by default; the
  settings change it), and when the computer's session locks or sleeps (gui/session_lock.py).
- Copied case data (a URL) is marked as secret for clipboard managers and cleared after ~10 s if the
  clipboard still holds it, as KeePassXC does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QKeyEvent

IDLE_LOCK_MS = 5 * 60 * 1000
CLIPBOARD_CLEAR_MS = 10 * 1000
QUICK_EXIT_KEYS = "F12, Ctrl+Shift+Q"

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def is_quick_exit_key(event: QKeyEvent) -> bool:
    if event.key() == Qt.Key.Key_F12:
        return True
    mods = event.modifiers() & (_CTRL_SHIFT | Qt.KeyboardModifier.AltModifier)
    return event.key() == Qt.Key.Key_Q and mods == _CTRL_SHIFT


class InputWatcher(QObject):
    """One application-wide event filter for both jobs: it sees every input event of every window.

    A single filter, kept as small as possible, because it runs in Python for every event the app handles.
    """

    idle_timed_out = Signal()
    quick_exit_pressed = Signal()

    def __init__(self, idle_ms: int = IDLE_LOCK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.idle_timed_out)
        self._armed = False

    def set_armed(self, armed: bool) -> None:
        """Count idle time only while a vault is open: a locked app has nothing left to lock."""
        self._armed = armed
        if armed:
            self._timer.start()
        else:
            self._timer.stop()

    def set_interval(self, idle_ms: int) -> None:
        """A new auto-lock delay (from the settings); counts from now if armed."""
        self._timer.setInterval(idle_ms)
        if self._armed:
            self._timer.start()

    @property
    def idle_ms(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT_EVENTS:
            return False
        if self._armed:
            self._timer.start()
        if kind == QEvent.Type.KeyPress and is_quick_exit_key(event):  # type: ignore[arg-type]
            self.quick_exit_pressed.emit()
            return True
        return False


class SecretClipboard(QObject):
    """Copies text marked as secret and takes it back after a while, unless the user copied something else."""

    def __init__(
        self, clipboard: QClipboard, clear_ms: int = CLIPBOARD_CLEAR_MS, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._clipboard = clipboard
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_ms)
        self._timer.timeout.connect(self.clear_now)

    @property
    def clear_seconds(self) -> int:
        return max(1, round(self._timer.interval() / 1000))

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        # Klipper, GPaste and other clipboard managers skip entries with this hint: no history of URLs.
        mime.setData("x-kde-passwordManagerHint", b"secret")
        if sys.platform == "win32":
            # Keeps it out of Windows clipboard history and cloud sync.
            mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
            mime.setData('application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"', b"\0\0\0\0")
            mime.setData('application/x-qt-windows-mime;value="CanUploadToCloudClipboard"', b"\0\0\0\0")
        self._clipboard.setMimeData(mime)
        self._copied = text
        self._timer.start()

    def clear_now(self) -> None:
        """Clear the clipboard if it still holds what we put there; leave the user's own copies alone."""
        self._timer.stop()
        if self._copied is not None and self._clipboard.text() == self._copied:
            self._clipboard.clear()
        self._copied = None
