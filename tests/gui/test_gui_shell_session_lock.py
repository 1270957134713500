"""The vault locks when the computer's session locks or sleeps: one signal source, fed by D-Bus on Linux.

The D-Bus part runs against a private bus (dbus-daemon, a real daemon on a socket in tmp_path) with the
very messages logind and the screen savers send; a missing dbus-daemon fails the test.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from victim_desk.gui.session_lock import LOGIN1_MANAGER, SessionLockSource
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "바다 위 고래 seven lanterns"


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is needed for this test (apt-get install dbus)"
    address = f"unix:path={tmp_path / 'bus'}"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", f"--address={address}", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    printed = process.stdout.readline().strip()  # printed once the bus accepts connections
    assert printed.startswith(address)
    yield printed
    process.terminate()
    process.wait(timeout=10)


def _connection(address: str, name: str) -> QDBusConnection:
    connection = QDBusConnection.connectToBus(address, name)
    assert connection.isConnected()
    return connection


def _signal(path: str, interface: str, name: str, *args: object) -> QDBusMessage:
    message = QDBusMessage.createSignal(path, interface, name)
    if args:
        message.setArguments(list(args))
    return message


@pytest.fixture
def bus_pair(private_bus: str) -> Iterator[tuple[QDBusConnection, QDBusConnection]]:
    names = ("listener", "sender")
    yield _connection(private_bus, names[0]), _connection(private_bus, names[1])
    for name in names:
        QDBusConnection.disconnectFromBus(name)


def test_dbus_lock_sleep_and_screensaver_signals_become_session_locked(
    qtbot: QtBot, bus_pair: tuple[QDBusConnection, QDBusConnection]
):
    listener, sender = bus_pair
    source = SessionLockSource(session_bus=listener, system_bus=listener)
    assert sorted(source.listening) == sorted([
        "org.freedesktop.login1.Manager.PrepareForSleep",
        "org.freedesktop.login1.Session.Lock",
        "org.freedesktop.ScreenSaver.ActiveChanged",
        "org.gnome.ScreenSaver.ActiveChanged",
    ])  # fmt: skip
    heard: list[str] = []
    source.session_locked.connect(heard.append)
    path, interface, name = LOGIN1_MANAGER
    # "Woke up" and "screen saver ended" must not lock; they are sent first, from the same sender, so they
    # arrive before the signals waited for below (D-Bus keeps one sender's order).
    sender.send(_signal(path, interface, name, False))
    sender.send(
        _signal("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", False)
    )
    for message, reason in (
        (_signal(path, interface, name, True), "sleep"),
        (_signal("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session", "Lock"), "lock"),
        (_signal("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True),
         "screensaver"),
        (_signal("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True), "screensaver"),
    ):  # fmt: skip
        with qtbot.waitSignal(source.session_locked, timeout=5000) as blocker:
            assert sender.send(message)
        assert blocker.args == [reason]
    assert heard == ["sleep", "lock", "screensaver", "screensaver"]


def test_the_shell_locks_on_a_session_lock_heard_on_dbus(
    qtbot: QtBot,
    vault_path: Path,
    bus_pair: tuple[QDBusConnection, QDBusConnection],
    quit_recorder: Callable[[], None],
):
    listener, sender = bus_pair
    source = SessionLockSource(session_bus=listener, system_bus=listener)
    shell = ShellWindow(vault_path, "en", quit_app=quit_recorder, lock_source=source)
    qtbot.addWidget(shell)
    shell.show()
    assert shell.unlock_screen is not None
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    assert shell.workspace is not None
    with qtbot.waitSignal(shell.vault_locked, timeout=5000):
        sender.send(_signal("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session", "Lock"))
    assert shell.desk is None and shell.workspace is None and shell.unlock_screen is not None
    assert "computer was locked" in shell.banner.text
    shell.shut_down()


def test_a_simulated_session_lock_hides_open_dialogs_and_locks(qtbot: QtBot, unlocked: ShellWindow):
    unlocked.tool_actions["settings"].trigger()
    dialog = unlocked.findChild(object, "settings_dialog")
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(unlocked.vault_locked, timeout=5000):
        unlocked.lock_source.session_locked.emit("lock")
    assert unlocked.desk is None and not dialog.isVisible()
    # Locked already: another signal changes nothing and says nothing more.
    unlocked.banner.clear()
    unlocked.lock_source.session_locked.emit("sleep")
    assert unlocked.desk is None and unlocked.banner.text == ""


def test_windows_session_messages_are_read_from_the_native_msg(qtbot: QtBot):
    """The Windows path cannot run here; its message decoding can: a MSG struct as Windows delivers it."""
    import ctypes
    from ctypes import wintypes

    from victim_desk.gui.session_lock import (
        PBT_APMSUSPEND,
        WM_POWERBROADCAST,
        WM_WTSSESSION_CHANGE,
        WTS_SESSION_LOCK,
        _WindowsSessionFilter,
    )

    source = SessionLockSource(session_bus=QDBusConnection("none"), system_bus=QDBusConnection("none"))
    native = _WindowsSessionFilter(source)
    heard: list[str] = []
    source.session_locked.connect(heard.append)

    def deliver(message: int, w_param: int, kind: bytes = b"windows_generic_MSG") -> None:
        msg = wintypes.MSG()
        msg.message, msg.wParam = message, w_param
        assert native.nativeEventFilter(kind, ctypes.addressof(msg)) == (False, 0)  # never swallowed

    deliver(WM_WTSSESSION_CHANGE, 0x8)  # WTS_SESSION_UNLOCK: nothing to do
    deliver(WM_POWERBROADCAST, 0x7)  # PBT_APMRESUMESUSPEND: nothing to do
    deliver(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, kind=b"xcb_generic_event_t")  # not a Windows message
    assert heard == []
    deliver(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    deliver(WM_POWERBROADCAST, PBT_APMSUSPEND)
    assert heard == ["lock", "sleep"]
