"""The live countdown does not tick while nobody can see it: its timer stops when the table is hidden and
it catches up at once when shown again (the clock is moved by the test, never waited for)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.requests_helpers import PASSPHRASE, MovableClock, add_sightings, session_of
from victim_desk.app.requests import LetterSpec
from victim_desk.core.model import Request
from victim_desk.desk import Desk
from victim_desk.gui.requests.countdown import MINUTE_MS, SECOND_MS
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.shell import ShellWindow


@pytest.fixture
def shell(qtbot: QtBot, vault_path: Path, make_shell) -> ShellWindow:  # type: ignore[no-untyped-def]
    add_sightings(vault_path)
    with Desk.open(vault_path, PASSPHRASE) as desk:
        desk.profile.set("김하늘", "haneul.kim@example.org")  # the letter needs who is asking
    shell = make_shell(vault_path)
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def _request(desk: Desk) -> Request:
    case_id = desk.cases.list()[0].id
    ids = tuple(s.id for s in desk.sightings.list(case_id) if s.platform == "telegram")
    result = desk.requests.letter(LetterSpec("telegram", "KR", "ko", case_id=case_id, sighting_ids=ids), None)
    return result.request


def _time_left(page: RequestsPage) -> str:
    table = page.table
    item = table.item(0, table.left_column)
    assert item is not None
    return item.text()


def test_the_requests_tab_stops_its_timer_when_another_tab_is_shown(qtbot: QtBot, shell: ShellWindow):
    _request(shell.desk)
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    page = workspace.case_pages["requests_page"]
    assert isinstance(page, RequestsPage)
    workspace.case_tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.table.isVisible, timeout=5000)
    assert page.table.timer.isActive()

    workspace.case_tabs.setCurrentWidget(workspace.case_pages["sightings_panel"])
    assert not page.table.isVisible() and not page.table.timer.isActive()
    workspace.sections.setCurrentWidget(workspace.desk_pages["deadline_board"])
    assert not page.table.timer.isActive()

    workspace.sections.setCurrentIndex(0)
    workspace.case_tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.table.isVisible, timeout=5000)
    assert page.table.timer.isActive()


def test_shown_again_it_catches_up_at_once(qtbot: QtBot, shell: ShellWindow):
    request = _request(shell.desk)
    assert request.deadline is not None
    clock = MovableClock(request.sent_at + timedelta(hours=1))
    holder = QWidget(shell)
    page = RequestsPage(session_of(shell), shell.desk.cases.list()[0], holder, clock=clock)
    QVBoxLayout(holder).addWidget(page)
    holder.show()
    qtbot.waitUntil(page.table.isVisible, timeout=5000)
    assert _time_left(page) == "23 h 0 min left" and page.table.timer.interval() == MINUTE_MS

    holder.hide()
    assert not page.table.timer.isActive()
    clock.at = request.deadline - timedelta(minutes=20)  # hours go by while the tab is hidden
    holder.show()  # shown again: reloaded at once, not a minute later
    assert _time_left(page) == "20 min 0 s left"
    assert page.table.timer.isActive() and page.table.timer.interval() == SECOND_MS

    clock.at += timedelta(seconds=5)  # back within the minute: no reload, only the seconds move
    holder.hide()
    with qtbot.assertNotEmitted(page.table.reload_wanted):
        holder.show()
    assert _time_left(page) == "19 min 55 s left"
    page.close_down()


def test_a_table_never_shown_does_not_reload_when_its_timer_fires(qtbot: QtBot, shell: ShellWindow):
    request = _request(shell.desk)
    clock = MovableClock(request.sent_at + timedelta(hours=1))
    holder = QWidget(shell)
    page = RequestsPage(session_of(shell), shell.desk.cases.list()[0], holder, clock=clock)
    QVBoxLayout(holder).addWidget(page)
    assert not page.table.isVisible()
    clock.at += timedelta(minutes=5)
    with qtbot.assertNotEmitted(page.table.reload_wanted):
        page.table.timer.timeout.emit()  # what a minute's timeout does
    assert not page.table.timer.isActive()
    with qtbot.waitSignal(page.table.reload_wanted, timeout=5000):
        holder.show()  # five minutes since it loaded: shown, it loads again
    assert page.table.timer.isActive()
    page.close_down()
