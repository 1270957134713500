"""Victim mode (one case in front, its next step in plain words) and counselor mode (search, filters, the
deadline board), on a real vault."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from victim_desk.app.requests import LetterSpec
from victim_desk.app.workplace import NextStep
from victim_desk.desk import Desk
from victim_desk.gui import pages
from victim_desk.gui.page import Page
from victim_desk.gui.pages import DeskPage
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "바다 위 고래 seven lanterns"


class Board(Page):
    """Stands in for the deadline board another screen provides: only its name matters here."""


@pytest.fixture
def with_board(monkeypatch: pytest.MonkeyPatch) -> None:
    listed = [*pages.DESK_PAGES, DeskPage("deadline_board", lambda: "Deadlines", lambda s, p=None: Board(p))]
    monkeypatch.setattr(pages, "DESK_PAGES", listed)
    monkeypatch.setattr("victim_desk.gui.workspace.DESK_PAGES", listed)


def _open(qtbot: QtBot, make_shell: Callable[..., ShellWindow], path: Path) -> ShellWindow:
    shell = make_shell(path)
    assert shell.unlock_screen is not None
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    assert shell.workspace is not None
    return shell


def _section_visible(shell: ShellWindow, name: str) -> bool | None:
    assert shell.workspace is not None
    tabs = shell.workspace.sections
    for index in range(tabs.count()):
        if tabs.widget(index).objectName() == name:
            return tabs.isTabVisible(index)
    return None


def test_victim_mode_puts_the_one_case_in_front_with_its_next_step(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], with_board: None, tmp_path: Path
):
    with Desk.open(vault_path, PASSPHRASE) as desk:
        desk.workplace.set_mode("victim")
    shell = _open(qtbot, make_shell, vault_path)
    workspace = shell.workspace
    assert workspace is not None and workspace.mode == "victim"
    # One case: no list to choose from, the case is already open, its next step said above it.
    assert not workspace.left.isVisible() and workspace.case_id is not None
    assert workspace.next_step.isVisible() and workspace.next_step.step == NextStep.LOG.value
    assert workspace.next_step.heading.text() == f"Next: {NextStep.LOG.headline('en')}"
    assert workspace.next_step.detail.text() == NextStep.LOG.detail("en")
    assert _section_visible(shell, "deadline_board") is False  # a board of many cases: not here

    # Logging an address through the case's own screen moves the suggestion on, without a rebuild.
    panel = workspace.panel
    assert panel is not None
    shell.desk.sightings.add(workspace.case_id, "https://t.me/room/555")  # type: ignore[union-attr]
    panel.case_changed.emit()
    assert workspace.next_step.step == NextStep.FINGERPRINT.value

    # A second case brings the list back, so she can choose between them.
    workspace.new_title.setText("another")
    workspace.add_case()
    assert workspace.left.isVisible()


def test_counselor_mode_filters_cases_and_shows_the_board(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], with_board: None, tmp_path: Path
):
    with Desk.open(vault_path, PASSPHRASE) as desk:
        desk.workplace.set_mode("counselor")
        desk.profile.set("김하나", "hana@example.org")
        waiting = desk.cases.add("Lee Minji")
        desk.sightings.add(waiting, "https://t.me/room/1")
        desk.requests.letter(LetterSpec("telegram", "KR", "ko", case_id=waiting, platform="telegram"),
                             tmp_path / "l.pdf")  # fmt: skip
        done = desk.cases.add("Park Jiwoo")
        desk.sightings.set_status(desk.sightings.add(done, "https://x.com/u/status/1").id, "removed")
    shell = _open(qtbot, make_shell, vault_path)
    workspace = shell.workspace
    assert workspace is not None and workspace.mode == "counselor"
    assert (
        workspace.left.isVisible() and workspace.filters.isVisible() and not workspace.next_step.isVisible()
    )
    assert _section_visible(shell, "deadline_board") is True

    def shown() -> list[str]:
        rows = range(workspace.case_list.count())
        return [workspace.case_list.item(r).text().split("  ·")[0] for r in rows
                if not workspace.case_list.item(r).isHidden()]  # fmt: skip

    assert shown() == ["first case", "Lee Minji", "Park Jiwoo"]
    qtbot.keyClicks(workspace.filters.search, "minji")
    assert shown() == ["Lee Minji"]
    workspace.filters.search.clear()
    workspace.filters.status.setCurrentIndex(workspace.filters.status.findData("resolved"))
    assert shown() == ["Park Jiwoo"]
    workspace.filters.status.setCurrentIndex(workspace.filters.status.findData("new"))
    assert shown() == ["first case"]
    workspace.filters.status.setCurrentIndex(0)
    workspace.filters.open_requests.setChecked(True)
    assert shown() == ["Lee Minji"]


def test_the_workspace_works_without_a_deadline_board(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], monkeypatch: pytest.MonkeyPatch
):
    without = [spec for spec in pages.DESK_PAGES if spec.name != "deadline_board"]
    monkeypatch.setattr("victim_desk.gui.workspace.DESK_PAGES", without)
    shell = _open(qtbot, make_shell, vault_path)
    assert _section_visible(shell, "deadline_board") is None
    assert shell.workspace is not None and shell.workspace.mode == "counselor"  # unset: hides nothing
