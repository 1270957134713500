"""Quick exit, idle lock, the clipboard, and what the app must never leave on disk or show as a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from victim_desk.errors import UnexpectedError
from victim_desk.gui.app import install_error_hook, keep_qt_settings_off_disk
from victim_desk.gui.import_flow import ImportFlow
from victim_desk.gui.safety import SecretClipboard
from victim_desk.gui.shell import ShellWindow
from victim_desk.logs import log_path


def test_quick_exit_key_locks_hides_and_quits(qtbot: QtBot, unlocked: ShellWindow, quit_recorder: Any):
    desk = unlocked.desk
    assert desk is not None
    with qtbot.waitSignal(unlocked.quick_exited):
        qtbot.keyClick(unlocked.workspace.case_list, Qt.Key.Key_F12)  # type: ignore[union-attr]

    assert desk.locked  # locked
    assert unlocked.desk is None
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())
    assert quit_recorder.calls == 1


def test_quick_exit_works_over_a_modal_dialog(qtbot: QtBot, unlocked: ShellWindow, quit_recorder: Any):
    assert unlocked.workspace is not None and unlocked.workspace.panel is not None
    dialog = unlocked.workspace.panel.open_add_dialog()
    qtbot.waitExposed(dialog)
    desk = unlocked.desk
    assert desk is not None

    with qtbot.waitSignal(unlocked.quick_exited):
        qtbot.keyClick(
            dialog.url, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )

    assert desk.locked
    assert not dialog.isVisible() and not unlocked.isVisible()
    assert quit_recorder.calls == 1


def test_quick_exit_button_is_on_the_unlock_screen_too(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], quit_recorder: Any
):
    shell = make_shell(vault_path)
    button = shell.findChild(object, "quick_exit_button")
    assert button is not None and button.isVisible()
    button.click()
    assert quit_recorder.calls == 1 and not shell.isVisible()


def test_idle_lock_returns_to_the_unlock_screen(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], passphrase: str
):
    shell = make_shell(vault_path, idle_ms=300)
    screen = shell.unlock_screen
    assert screen is not None
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    desk = shell.desk
    assert desk is not None and shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    assert shell.workspace.panel is not None
    dialog = shell.workspace.panel.open_add_dialog()  # left open, then she walks away

    with qtbot.waitSignal(shell.vault_locked, timeout=5_000):
        pass  # no input: the idle timer fires

    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert desk.locked
    assert shell.desk is None and shell.workspace is None
    assert shell.unlock_screen is not None and shell.stack.currentWidget() is shell.unlock_screen
    assert shell.banner.isVisible() and shell.isVisible()


def test_clipboard_leaves_the_users_own_copy_alone(qtbot: QtBot):
    clipboard = QGuiApplication.clipboard()
    secret = SecretClipboard(clipboard, clear_ms=50)
    secret.copy("https://t.me/private")
    clipboard.setText("her own text")
    # Wait for the clear timer itself: clear_now was connected first, so it has run when this returns.
    with qtbot.waitSignal(secret._timer.timeout, timeout=5_000):
        pass
    assert clipboard.text() == "her own text"


def test_unexpected_error_is_logged_without_data_and_shown_calmly(qtbot: QtBot, unlocked: ShellWindow):
    restore = install_error_hook(unlocked.banner.show_error, "en")
    try:
        try:
            raise RuntimeError("https://t.me/secret-room note: private")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: unlocked.banner.isVisible(), timeout=5_000)
    finally:
        restore()
    assert unlocked.banner.text == UnexpectedError().message("en")
    log = log_path().read_text(encoding="utf-8")
    assert "unexpected error in gui: builtins.RuntimeError at " in log
    assert "secret-room" not in log and "note: private" not in log


def test_file_dialog_leaves_no_folder_history_on_disk(
    qtbot: QtBot, unlocked: ShellWindow, isolated_home: Path
):
    keep_qt_settings_off_disk()
    assert unlocked.desk is not None and unlocked.workspace is not None
    flow = ImportFlow(unlocked.desk, 1, unlocked.workers, "en", unlocked.workspace)
    dialog = flow.choose_file()
    qtbot.waitExposed(dialog)
    dialog.reject()
    with qtbot.waitSignal(dialog.destroyed):
        pass
    assert not [p for p in isolated_home.rglob("*") if "QtProject" in p.name]


def test_run_opens_the_app_and_quick_exit_ends_it(
    qtbot: QtBot, vault_path: Path, passphrase: str, monkeypatch: Any
):
    """The real entry point: `victim-desk` with no command, unlocked, then left with F12."""
    from victim_desk.gui.app import run

    monkeypatch.setenv("VICTIM_DESK_LANG", "en")  # Korean translators would stay installed for later tests
    monkeypatch.setenv("VICTIM_DESK_CONFIG_DIR", str(vault_path.parent / "config"))  # not the real one
    seen: dict[str, Any] = {}

    def drive() -> None:
        shell = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShellWindow))
        seen["shell"] = shell
        assert shell.unlock_screen is not None
        shell.vault_unlocked.connect(lambda: qtbot.keyClick(shell, Qt.Key.Key_F12))
        shell.unlock_screen.passphrase.setText(passphrase)
        shell.unlock_screen.submit.click()

    QTimer.singleShot(0, drive)
    # A guard so a broken quick exit fails instead of hanging. Stopped afterwards: quit() outside app.exec()
    # would make every later event loop in the test run return at once.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(20_000)
    try:
        assert run(vault_path) == 0
    finally:
        guard.stop()
    shell = seen["shell"]
    assert shell.desk is None and not shell.isVisible()
    shell.deleteLater()
