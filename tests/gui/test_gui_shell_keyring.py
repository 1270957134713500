""" "Remember on this computer" from the settings, then opening the vault with it from the unlock screen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring.backend
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from victim_desk.app.preferences import PreferencesStore
from victim_desk.errors import KeyringUnavailable
from victim_desk.gui.settings.dialog import SettingsDialog
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.translations import switch_language
from victim_desk.storage import os_keyring

PASSPHRASE = "바다 위 고래 seven lanterns"


class FakeTrustedStore(keyring.backend.KeyringBackend):
    """Stands in for the OS key store (as in tests/unit/test_vault.py): a headless machine has none."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Saving settings applies "the system's language": make that English, and leave English behind."""
    monkeypatch.setenv("VICTIM_DESK_LANG", "en")
    yield
    switch_language(qapp, "en")


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> FakeTrustedStore:
    monkeypatch.setattr(os_keyring, "_TRUSTED_MODULES", (__name__,))
    return FakeTrustedStore()


def _shell(qtbot: QtBot, path: Path, backend: FakeTrustedStore, tmp_path: Path) -> ShellWindow:
    shell = ShellWindow(path, "en", quit_app=lambda: None, keyring_backend=backend,
                        preferences=PreferencesStore(tmp_path / "settings.json"))  # fmt: skip
    qtbot.addWidget(shell)
    shell.show()
    return shell


def _settings(qtbot: QtBot, shell: ShellWindow) -> SettingsDialog:
    shell.tool_actions["settings"].trigger()
    dialog = shell.findChild(SettingsDialog)
    assert dialog is not None
    return dialog


def test_remember_then_unlock_with_the_key_store_then_forget(
    qtbot: QtBot, vault_path: Path, store: FakeTrustedStore, tmp_path: Path
):
    shell = _shell(qtbot, vault_path, store, tmp_path)
    assert shell.unlock_screen is not None and shell.unlock_screen.with_keyring is None  # nothing remembered
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()

    dialog = _settings(qtbot, shell)
    assert dialog.remember.isEnabled() and not dialog.remember.isChecked()
    dialog.remember.setChecked(True)
    dialog.save_button.click()
    assert len(store.secrets) == 1
    assert json.loads((vault_path / "key.json").read_text())["keyring"]["backend"].endswith(
        "FakeTrustedStore"
    )

    shell.lock()
    screen = shell.unlock_screen
    assert screen is not None and screen.with_keyring is not None and screen.with_keyring.isVisible()
    assert screen.with_keyring.accessibleName()
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.with_keyring.click()  # no passphrase typed
    assert shell.desk is not None and [c.title for c in shell.desk.cases.list()] == ["first case"]

    dialog = _settings(qtbot, shell)
    assert dialog.remember.isChecked()
    dialog.remember.setChecked(False)
    dialog.save_button.click()
    assert store.secrets == {}
    assert json.loads((vault_path / "key.json").read_text())["keyring"]["backend"] is None
    shell.lock()
    assert shell.unlock_screen is not None and shell.unlock_screen.with_keyring is None
    shell.shut_down()


def test_a_key_store_that_lost_the_key_is_met_calmly_and_the_passphrase_still_works(
    qtbot: QtBot, vault_path: Path, store: FakeTrustedStore, tmp_path: Path
):
    shell = _shell(qtbot, vault_path, store, tmp_path)
    assert shell.unlock_screen is not None
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    assert shell.desk is not None
    shell.desk.admin.remember_on_this_computer(store)
    shell.lock()
    store.secrets.clear()  # e.g. the key store was reset

    screen = shell.unlock_screen
    assert screen is not None and screen.with_keyring is not None
    screen.with_keyring.click()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=10_000)
    assert screen.error.text() == KeyringUnavailable().message("en")
    assert shell.desk is None and screen.submit.isEnabled()
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    shell.shut_down()
