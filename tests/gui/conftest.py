"""Set-up for the desktop-app tests: offscreen Qt, fast key derivation, real vaults in tmp_path.

The environment is set at import time, before pytest-qt creates the QApplication: Qt reads
QT_QPA_PLATFORM once, when the first application object is made.
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

# Imported after the environment on purpose (ruff allows os.environ changes before imports).
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from victim_desk.desk import Desk
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "바다 위 고래 seven lanterns"


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    """A real, existing vault (locked), with one case."""
    path = tmp_path / "vault"
    with Desk.create(path, PASSPHRASE) as desk:
        desk.add_case("first case")
    return path


@contextmanager
def worker_held(shell: ShellWindow) -> Iterator[None]:
    """Keep the app's single worker thread busy until the block ends.

    The app starts a job and only then connects to its signals (workers.py, unlock.py, import_flow.py,
    sightings_panel.py). A job that finishes in between - a 3-line import on a busy machine - emits to
    nobody, and the window never hears of it (see test_a_job_that_ends_before_it_is_connected_is_lost).
    Until that is fixed, tests start fast jobs inside this block, so the job cannot run before its caller
    has connected, and they test what they mean to test instead of the race.
    """
    gate = threading.Event()
    shell.workers.start(lambda _progress, _cancel: gate.wait(120))
    try:
        yield
    finally:
        gate.set()


class QuitRecorder:
    """Stands in for QApplication.quit so a quick exit in a test does not end the test run."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def quit_recorder() -> QuitRecorder:
    return QuitRecorder()


@pytest.fixture
def make_shell(qtbot: QtBot, quit_recorder: QuitRecorder) -> Iterator[Callable[..., ShellWindow]]:
    shells: list[ShellWindow] = []

    def make(path: Path, lang: str = "en", idle_ms: int = 60_000) -> ShellWindow:
        shell = ShellWindow(path, lang, idle_ms=idle_ms, quit_app=quit_recorder)  # type: ignore[arg-type]
        qtbot.addWidget(shell)
        shell.show()
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        shell.shut_down()


@pytest.fixture
def unlocked(qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow]) -> ShellWindow:
    """A shell on `vault_path`, opened through the passphrase form, first case selected."""
    shell = make_shell(vault_path)
    screen = shell.unlock_screen
    assert screen is not None and not screen.creating
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000), worker_held(shell):
        screen.submit.click()
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    assert shell.workspace.panel is not None
    return shell
