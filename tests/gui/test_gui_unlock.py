"""Creating and opening a vault through the first screen, including the calm wrong-passphrase path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from victim_desk.app.vault_admin import MIN_PASSPHRASE
from victim_desk.errors import PassphrasesDiffer, PassphraseTooShort, WrongPassphrase
from victim_desk.gui.shell import ShellWindow
from victim_desk.identity import DISPLAY_NAME


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_create_vault_through_the_form(
    qtbot: QtBot, tmp_path: Path, make_shell: Callable[..., ShellWindow], passphrase: str
):
    path = tmp_path / "new-vault"
    shell = make_shell(path)
    screen = shell.unlock_screen
    assert screen is not None and screen.creating and screen.repeat is not None

    screen.passphrase.setText("short")
    screen.repeat.setText("short")
    screen.submit.click()
    assert screen.error.text() == PassphraseTooShort(minimum=MIN_PASSPHRASE).message("en")
    assert not path.exists()

    screen.passphrase.setText(passphrase)
    screen.repeat.setText(passphrase + " ")
    screen.submit.click()
    assert screen.error.text() == PassphrasesDiffer().message("en")
    assert screen.passphrase.text() == "" and not path.exists()

    screen.passphrase.setText(passphrase)
    screen.repeat.setText(passphrase)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    assert (path / "key.json").is_file() and (path / "vault.db").is_file()
    # A new vault first asks, calmly, how it will be used (victim or counselor mode); then the cases.
    assert shell.desk is not None and shell.workspace is None and shell.mode_choice is not None
    shell.mode_choice.counselor.click()
    assert shell.workspace is not None and shell.desk.workplace.mode() == "counselor"
    assert shell.windowTitle() == DISPLAY_NAME  # the neutral display name, never the app's own


def test_wrong_passphrase_is_calm_and_changes_nothing(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow]
):
    before = _snapshot(vault_path)
    shell = make_shell(vault_path)
    screen = shell.unlock_screen
    assert screen is not None and not screen.creating

    screen.passphrase.setText("not the passphrase")
    screen.submit.click()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=10_000)

    assert screen.error.text() == WrongPassphrase().message("en")
    assert screen.passphrase.text() == ""
    assert screen.submit.isEnabled()
    assert shell.desk is None and shell.workspace is None
    assert _snapshot(vault_path) == before


def test_open_existing_vault_shows_its_cases(unlocked: ShellWindow):
    assert unlocked.workspace is not None
    assert unlocked.workspace.case_list.count() == 1
    assert unlocked.workspace.case_list.item(0).text() == "first case  ·  0"  # title, then its sighting count
    # Case data is shown inside the window, never in its title.
    assert unlocked.windowTitle() == DISPLAY_NAME
