"""The case's history tab: every recorded change in plain words, newest first, the chain's check said
plainly (intact, and after a change made outside the app), and nothing in it can be edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from tests.gui.requests_helpers import PASSPHRASE, add_sightings, session_of
from victim_desk.app.requests import LetterSpec
from victim_desk.desk import Desk
from victim_desk.gui.requests.timeline_page import TimelinePage
from victim_desk.gui.shell import ShellWindow


@pytest.fixture
def shell(qtbot: QtBot, vault_path: Path, make_shell) -> ShellWindow:
    case_id = add_sightings(vault_path)
    with Desk.open(vault_path, PASSPHRASE) as desk:
        desk.profile.set("김하늘", "haneul.kim@example.org")
        ids = tuple(s.id for s in desk.sightings.list(case_id) if s.platform == "telegram")
        result = desk.requests.letter(
            LetterSpec("telegram", "KR", "ko", case_id=case_id, sighting_ids=ids), None
        )
        desk.requests.update(result.request.id, "refused", "no reason given")
    shell = make_shell(vault_path, "ko")
    shell.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        shell.unlock_screen.submit.click()
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def _rows(page: TimelinePage) -> list[tuple[str, ...]]:
    table = page.table
    return [tuple(table.item(r, c).text() for c in range(1, 4)) for r in range(table.rowCount())]


def test_history_in_plain_korean_newest_first(qtbot: QtBot, shell: ShellWindow):
    page = shell.workspace.case_pages["timeline_page"]
    assert isinstance(page, TimelinePage)
    rows = _rows(page)
    assert rows[0] == ("플랫폼 답변 기록", "삭제 요청 1", "답변 기다리는 중 → 거절됨")
    assert ("삭제 요청", "삭제 요청 1", "참조번호 VD-1-1, 주소 2개") in rows
    assert ("발견 기록 상태 변경", "발견 기록 1", "발견 → 요청함") in rows
    assert rows[-1][0] == "사건 등록"
    whens = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert whens == sorted(whens, reverse=True)
    assert "intact" in page.check.text()


def test_history_cannot_be_edited(qtbot: QtBot, shell: ShellWindow):
    page = shell.workspace.case_pages["timeline_page"]
    table = page.table
    before = _rows(page)
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    index = table.model().index(0, 1)
    rect = table.visualRect(index)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() != QAbstractItemView.State.EditingState
    assert table.indexWidget(index) is None
    assert _rows(page) == before
    assert not [w for w in page.findChildren(type(shell.workspace.new_title)) if w.isVisible()]


def test_a_change_made_outside_the_app_is_said_plainly(qtbot: QtBot, shell: ShellWindow):
    # Someone with the key edits the file directly (dropping the guard the app puts on the log).
    conn = shell.desk._vault.conn
    conn.execute("DROP TRIGGER audit_is_append_only_update")
    seq = conn.execute("SELECT min(seq) FROM audit WHERE action = 'request.status'").fetchone()[0]
    conn.execute('UPDATE audit SET details = \'{"from": "sent", "to": "removed"}\' WHERE seq = ?', (seq,))
    page = TimelinePage(session_of(shell), shell.desk.cases.list()[0], shell)
    text = page.check.text()
    assert "changed outside this app" in text and f"{seq}" in text
    assert "내용이 바뀌었습니다" in text  # the finding in the person's language (the shared catalogue)
