"""Settings: this computer's preferences (applied at once, language included) and the vault's own."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from victim_desk.app.preferences import Preferences, PreferencesStore
from victim_desk.errors import InvalidProxy
from victim_desk.gui.settings.dialog import SettingsDialog
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.translations import switch_language
from victim_desk.gui.workspace import Workspace
from victim_desk.identity import DISPLAY_NAME
from victim_desk.net.checker import PROXY_SCHEMES

PASSPHRASE = "바다 위 고래 seven lanterns"


@pytest.fixture(autouse=True)
def english_afterwards(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """ "The system's language" is English here, and a test that switches the app to Korean must not leave
    Korean translators for the next test."""
    monkeypatch.setenv("VICTIM_DESK_LANG", "en")
    yield
    switch_language(qapp, "en")


@pytest.fixture
def store(tmp_path: Path) -> PreferencesStore:
    return PreferencesStore(tmp_path / "config" / "settings.json")


def open_dialog(qtbot: QtBot, shell: ShellWindow) -> SettingsDialog:
    shell.tool_actions["settings"].trigger()
    dialog = shell.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def unlock(qtbot: QtBot, shell: ShellWindow) -> None:
    assert shell.unlock_screen is not None
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()


def test_settings_round_trip_while_locked_and_applied_at_once(
    qtbot: QtBot, qapp: QApplication, vault_path: Path, store: PreferencesStore, english_afterwards: None
):
    shell = ShellWindow(vault_path, "en", quit_app=lambda: None, preferences=store)
    qtbot.addWidget(shell)
    shell.show()
    assert shell.windowTitle() == DISPLAY_NAME and qapp.applicationDisplayName() == DISPLAY_NAME
    dialog = open_dialog(qtbot, shell)
    # Locked: this computer's settings can be changed; the vault's own cannot be seen at all.
    assert dialog.consent is None and dialog.proxy is None and not dialog.remember.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    dialog.display_name.setText("Recipes")
    dialog.icon.setCurrentIndex(dialog.icon.findData("app"))
    dialog.auto_lock.setValue(12)
    with qtbot.waitSignal(shell.language_changed, timeout=5000):
        dialog.save_button.click()

    saved = store.load()
    assert saved == Preferences(lang="ko", display_name="Recipes", icon="app", auto_lock_minutes=12)
    # Applied at once: the window's name, the auto-lock delay, and every screen rebuilt in Korean.
    assert shell.windowTitle() == "Recipes" and qapp.applicationDisplayName() == "Recipes"
    assert shell.watcher.idle_ms == 12 * 60_000
    assert shell.lang == "ko" and shell.quick_exit_action.text() == "빠른 나가기"
    assert shell.unlock_screen is not None and shell.unlock_screen.submit.text() == "열기"
    assert shell.banner.text == "설정을 저장했습니다."

    # A new window on the same file starts with the same choices (the round trip through the disk).
    again = ShellWindow(vault_path, "ko", quit_app=lambda: None, preferences=PreferencesStore(store.path))
    qtbot.addWidget(again)
    assert again.windowTitle() == "Recipes" and again.watcher.idle_ms == 12 * 60_000
    reopened = open_dialog(qtbot, again)
    assert reopened.language.currentData() == "ko" and reopened.display_name.text() == "Recipes"
    assert reopened.icon.currentData() == "app" and reopened.auto_lock.value() == 12
    reopened.reject()
    again.shut_down()
    shell.shut_down()


def test_vault_settings_are_saved_in_the_vault_and_a_bad_proxy_changes_nothing(
    qtbot: QtBot, vault_path: Path, store: PreferencesStore
):
    shell = ShellWindow(vault_path, "en", quit_app=lambda: None, preferences=store)
    qtbot.addWidget(shell)
    shell.show()
    unlock(qtbot, shell)
    assert shell.desk is not None
    dialog = open_dialog(qtbot, shell)
    assert dialog.consent is not None and dialog.proxy is not None and dialog.mode_victim is not None
    assert dialog.consent.currentData() == "ask" and dialog.mode_counselor is not None
    assert dialog.mode_counselor.isChecked()  # no mode chosen yet: counselor mode, which hides nothing

    dialog.consent.setCurrentIndex(dialog.consent.findData("never"))
    dialog.proxy.setText("gopher://nowhere")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == InvalidProxy(schemes=", ".join(PROXY_SCHEMES)).message("en")
    assert shell.desk.rechecks.consent().value == "ask" and shell.desk.rechecks.proxy() is None
    assert not store.path.exists()  # type: ignore[union-attr]

    dialog.proxy.setText("socks5h://127.0.0.1:9050")
    dialog.mode_victim.setChecked(True)
    old_workspace = shell.workspace
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert shell.desk.rechecks.consent().value == "never"
    assert shell.desk.rechecks.proxy() == "socks5h://127.0.0.1:9050"
    assert shell.desk.workplace.mode() == "victim"
    assert isinstance(shell.workspace, Workspace) and shell.workspace is not old_workspace
    assert shell.workspace.mode == "victim"
    shell.shut_down()


def test_the_preferences_file_holds_no_case_data_and_is_private(
    qtbot: QtBot, vault_path: Path, store: PreferencesStore
):
    shell = ShellWindow(vault_path, "en", quit_app=lambda: None, preferences=store)
    qtbot.addWidget(shell)
    shell.show()
    unlock(qtbot, shell)
    assert shell.desk is not None and shell.workspace is not None
    shell.workspace.new_title.setText("Lee Minji harassment")
    shell.workspace.add_case()
    case = shell.workspace.current_case_id()
    assert case is not None
    shell.desk.sightings.add(case, "https://t.me/secret_room_4471")
    dialog = open_dialog(qtbot, shell)
    dialog.display_name.setText("Budget 2027")
    dialog.proxy.setText("socks5h://127.0.0.1:9050")  # type: ignore[union-attr]
    dialog.save_button.click()
    path = store.path
    assert path is not None and path.is_file()
    raw = path.read_bytes()
    for needle in (b"Lee Minji", b"secret_room_4471", b"first case", b"127.0.0.1:9050", b"counselor"):
        assert needle not in raw
    assert set(json.loads(raw)) == {"format", "lang", "display_name", "icon", "auto_lock_minutes"}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    shell.shut_down()


def test_first_run_asks_for_a_mode_then_opens_the_workspace_in_it(
    qtbot: QtBot, tmp_path: Path, make_shell: Callable[..., ShellWindow], passphrase: str
):
    shell = make_shell(tmp_path / "new-vault")
    screen = shell.unlock_screen
    assert screen is not None and screen.repeat is not None
    screen.passphrase.setText(passphrase)
    screen.repeat.setText(passphrase)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    choice = shell.mode_choice
    assert choice is not None and shell.workspace is None
    assert choice.victim.accessibleDescription() and choice.counselor.accessibleDescription()
    choice.victim.click()
    assert shell.mode_choice is None and shell.workspace is not None
    assert shell.desk is not None and shell.desk.workplace.mode() == "victim"
    assert shell.workspace.mode == "victim"
