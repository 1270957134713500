"""The Requests tab's clocks and the deadline board on a real vault, with the clock moved by the test:
the countdown, the switch to once a second in the last hour, what is due, follow-up and escalation
written to PDFs and read back, the recipient's answer, and the board sorted by deadline across cases."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui.requests_helpers import PASSPHRASE, TG_URLS, MovableClock, add_sightings, pdf_text, session_of
from victim_desk.app.requests import LetterSpec
from victim_desk.core.model import RequestStatus, SightingStatus
from victim_desk.desk import Desk
from victim_desk.gui.requests.board_page import DeadlineBoard
from victim_desk.gui.requests.countdown import MINUTE_MS, SECOND_MS
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.shell import ShellWindow


def _record(
    desk: Desk, case_id: int, recipient: str, jurisdiction: str, platform: str, at: str | None = None
):
    """A request recorded as sent through a form (no file), re-dated to `at` when given."""
    ids = tuple(s.id for s in desk.sightings.list(case_id) if s.platform == platform)
    result = desk.requests.letter(
        LetterSpec(recipient, jurisdiction, "ko", case_id=case_id, sighting_ids=ids), None
    )
    return desk.requests.mark_sent(result.request.id, at) if at else result.request


@pytest.fixture
def shell(qtbot: QtBot, vault_path: Path, make_shell) -> ShellWindow:
    add_sightings(vault_path)
    with Desk.open(vault_path, PASSPHRASE) as desk:
        desk.profile.set("김하늘", "haneul.kim@example.org")
    shell = make_shell(vault_path)
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def _column(table, title: str) -> int:
    return next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == title)


def test_countdown_moves_with_the_clock(qtbot: QtBot, shell: ShellWindow):
    case = shell.desk.cases.list()[0]
    request = _record(shell.desk, case.id, "telegram", "KR", "telegram")
    assert request.deadline == request.sent_at + timedelta(hours=24)  # KR: the 24-hour policy target
    clock = MovableClock(request.sent_at + timedelta(hours=1))
    page = RequestsPage(session_of(shell), case, shell, clock=clock)
    table = page.table
    left = _column(table, "Time left")
    assert table.item(0, left).text() == "23 h 0 min left"
    assert table.timer.interval() == MINUTE_MS and table.timer.isActive()
    assert page.due.text() == "Due next:\n• X (Twitter): 1 address(es) with no removal request yet."

    clock.at = request.deadline - timedelta(minutes=30)
    table.tick()
    assert table.item(0, left).text() == "30 min 0 s left"
    assert table.timer.interval() == SECOND_MS  # the last hour goes by second by second

    clock.at += timedelta(seconds=1)
    table.tick()  # less than a minute since loading: only the time column is rewritten
    assert table.item(0, left).text() == "29 min 59 s left"

    clock.at = request.deadline + timedelta(hours=2, minutes=5)
    table.tick()  # the deadline passed: loaded again, and a follow-up is now due
    assert table.item(0, left).text() == "Overdue by 2 h 5 min"
    assert table.item(0, _column(table, "Next step")).text() == "Send a follow-up"
    assert request.reference in page.due.text() and "Send a follow-up" in page.due.text()
    assert table.timer.interval() == MINUTE_MS
    page.close_down()
    assert not table.timer.isActive()


def test_law_without_deadline_shows_the_reminder(qtbot: QtBot, shell: ShellWindow):
    case = shell.desk.cases.list()[0]
    request = _record(shell.desk, case.id, "x", "EU", "x")
    assert request.deadline is None and request.review_at is not None
    page = RequestsPage(session_of(shell), case, shell, clock=MovableClock(request.sent_at))
    text = page.table.item(0, _column(page.table, "Time left")).text()
    assert text.startswith("No fixed deadline; look again on ")
    assert page.table.item(0, _column(page.table, "Deadline")).text() == "No fixed deadline"


def test_follow_up_escalate_and_answer(qtbot: QtBot, shell: ShellWindow, tmp_path: Path):
    case = shell.desk.cases.list()[0]
    first = _record(shell.desk, case.id, "telegram", "KR", "telegram")
    clock = MovableClock(first.deadline + timedelta(hours=1))
    page = RequestsPage(session_of(shell), case, shell, clock=clock)
    page.table.selectRow(0)
    assert page.follow_up_button.isEnabled() and page.escalate_button.isEnabled()
    routes = [a.objectName() for a in page.escalate_button.menu().actions()]
    assert routes == ["route_kcsc", "route_police"]

    dialog = page.choose_follow_up_file()
    assert isinstance(dialog, QFileDialog) and dialog.parent() is page
    dialog.selectFile(str(tmp_path / "follow-up.pdf"))
    dialog.accept()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=20_000)
    follow = next(r for r in shell.desk.requests.list(case.id) if r.follows == first.id)
    text = pdf_text(tmp_path / "follow-up.pdf")
    assert first.reference in text and TG_URLS[0] in text
    assert follow.reference in shell.banner.text

    # The follow-up's own clock ran out: escalation is due. Write the regulator report.
    clock.at = follow.deadline + timedelta(hours=1)
    page.refresh()
    row = next(r for r in range(2) if page.table.item(r, 0).text() == follow.reference)
    assert page.table.item(row, _column(page.table, "Next step")).text() == "Escalate"
    page.table.selectRow(row)
    page.write_escalation(follow.id, "kcsc", tmp_path / "kcsc.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "kcsc.pdf").exists(), timeout=20_000)
    qtbot.waitUntil(lambda: "Escalation document saved" in shell.banner.text, timeout=10_000)
    assert shell.desk.requests.get(follow.id).escalated_at is not None
    assert TG_URLS[1] in pdf_text(tmp_path / "kcsc.pdf")

    # A second write to the same file asks first; "Cancel" keeps the file.
    before = (tmp_path / "kcsc.pdf").read_bytes()
    page.write_escalation(follow.id, "kcsc", tmp_path / "kcsc.pdf")
    page.confirm_box.findChild(QPushButton, "confirm_no").click()
    assert (tmp_path / "kcsc.pdf").read_bytes() == before

    # The platform removed it: recorded, and its addresses marked removed.
    page.table.selectRow(row)
    next(a for a in page.answer_button.menu().actions() if a.objectName() == "answer_removed").trigger()
    assert shell.desk.requests.get(follow.id).status == RequestStatus.REMOVED
    assert {s.status for s in shell.desk.sightings.list(case.id) if s.platform == "telegram"} == {
        SightingStatus.REMOVED
    }
    status = page.table.item(row, _column(page.table, "Status")).text()
    assert status == "Removed" and "recorded as" in shell.banner.text


def test_follow_up_of_a_settled_request_is_explained(qtbot: QtBot, shell: ShellWindow, tmp_path: Path):
    case = shell.desk.cases.list()[0]
    first = _record(shell.desk, case.id, "telegram", "KR", "telegram")
    page = RequestsPage(session_of(shell), case, shell)
    shell.desk.requests.update(first.id, "closed")  # settled elsewhere (the CLI) while the tab was open
    page.write_follow_up(first.id, tmp_path / "late.pdf")
    qtbot.waitUntil(lambda: shell.banner.kind == "error", timeout=20_000)
    assert not (tmp_path / "late.pdf").exists()


def test_board_sorts_every_case_by_deadline(qtbot: QtBot, shell: ShellWindow):
    desk = shell.desk
    first = desk.cases.list()[0]
    second = desk.cases.add("second case")
    for url in ("https://t.me/other_place_3391/5", "https://x.com/other_account/status/99"):
        desk.sightings.add(second, url, None, None, "")
    later = _record(desk, first.id, "x", "US", "x", "2026-11-30 09:00")  # 48 h: due 12-02 09:00
    sooner = _record(desk, second, "telegram", "KR", "telegram", "2026-11-30 12:00")  # 24 h: 12-01 12:00
    none = _record(desk, first.id, "telegram", "EU", "telegram")  # no deadline: last
    _record(desk, second, "x", "UK", "x", "2026-11-29 10:00")  # 48 h: 12-01 10:00, then settled
    settled = max(r.id for r in desk.requests.list())
    desk.requests.update(settled, "removed")

    board = shell.workspace.desk_pages["deadline_board"]
    assert isinstance(board, DeadlineBoard)
    shell.workspace.sections.setCurrentWidget(board)  # coming into view reloads it
    table = board.table
    refs = [table.item(r, _column(table, "Reference")).text() for r in range(table.rowCount())]
    assert refs == [sooner.reference, later.reference, none.reference]
    cases = [table.item(r, _column(table, "Case")).text() for r in range(table.rowCount())]
    assert cases == ["second case", "first case", "first case"]
    assert not board.empty.isVisible()


def test_write_button_starts_where_a_letter_is_due(qtbot: QtBot, shell: ShellWindow):
    case = shell.desk.cases.list()[0]
    _record(shell.desk, case.id, "telegram", "KR", "telegram")
    page = shell.workspace.case_pages["requests_page"]
    page.refresh()
    page.write_button.click()
    assert page.wizard is not None and page.wizard.recipient.currentData() == "x"
    assert [text.split(" · ")[1] for text in page.wizard.addresses.model.checked_texts()] == [
        "https://x.com/someone_bad_account/status/1234567890"
    ]
    # Settled requests offer no escalation.
    page.wizard.reject()
    shell.desk.requests.update(page.table.clocks[0].request.id, "closed")
    page.refresh()
    page.table.selectRow(0)
    assert not page.escalate_button.isEnabled() and not page.follow_up_button.isEnabled()
