"""Cases and sightings through the main window: add, validate inline, import, change status, copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from victim_desk.core.model import SightingStatus
from victim_desk.errors import EmptyTitle, InvalidUrl
from victim_desk.gui.import_flow import ImportSummaryDialog
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.sightings_panel import SightingsPanel
from victim_desk.gui.workers import Job


def _panel(shell: ShellWindow) -> SightingsPanel:
    assert shell.workspace is not None and shell.workspace.panel is not None
    return shell.workspace.panel


def test_add_case_then_sighting_appears_in_table(qtbot: QtBot, unlocked: ShellWindow):
    workspace = unlocked.workspace
    assert workspace is not None and unlocked.desk is not None

    workspace.new_title.setText("")
    workspace.add_case()
    assert unlocked.banner.text == EmptyTitle().message("en")

    workspace.new_title.setText("두 번째 사건")
    workspace.add_case()
    assert workspace.case_list.count() == 2
    panel = _panel(unlocked)
    new_case = next(c for c in unlocked.desk.cases.list() if c.title == "두 번째 사건")
    assert panel.case_id == new_case.id

    dialog = panel.open_add_dialog()
    qtbot.keyClicks(dialog.url, "t.me/some_room/42")
    assert dialog.platform.currentData() == "telegram"  # guessed from the address while typing
    dialog.note.setPlainText("방 이름: 예시")
    with qtbot.waitSignal(dialog.sighting_added):
        dialog.on_save_clicked()

    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 3).data() == "https://t.me/some_room/42"
    assert panel.model.index(0, 4).data() == "방 이름: 예시"
    saved = list(unlocked.desk.sightings.list(new_case.id))
    assert [(s.url, s.platform) for s in saved] == [("https://t.me/some_room/42", "telegram")]
    assert workspace.case_list.currentItem().text() == "두 번째 사건  ·  1"  # title, then its sighting count


def test_invalid_url_is_explained_inline_and_nothing_is_saved(qtbot: QtBot, unlocked: ShellWindow):
    panel = _panel(unlocked)
    dialog = panel.open_add_dialog()
    dialog.url.setText("not an address")
    dialog.on_save_clicked()

    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == InvalidUrl(url="not an address").message("en")
    assert unlocked.desk is not None
    assert list(unlocked.desk.sightings.list(panel.case_id)) == []
    assert panel.model.rowCount() == 0


def test_import_reports_added_rows_and_bad_lines(qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path):
    panel = _panel(unlocked)
    listing = tmp_path / "addresses.txt"
    listing.write_text("https://t.me/a/1\nthis is not a url\nhttps://x.com/b/status/2\n", encoding="utf-8")

    panel.import_file(listing)
    qtbot.waitUntil(lambda: panel.findChild(ImportSummaryDialog) is not None, timeout=10_000)

    summary = panel.findChild(ImportSummaryDialog)
    assert summary is not None
    assert summary.summary.text() == "Addresses added: 2. Lines that could not be used: 1."
    assert summary.problems.toPlainText() == "Line 2: " + InvalidUrl(url="this is not a url").message("en")
    assert panel.model.rowCount() == 2
    assert {panel.model.sighting(r).platform for r in range(2)} == {"telegram", "x"}
    summary.accept()


def test_status_change_for_selected_rows(qtbot: QtBot, unlocked: ShellWindow):
    panel = _panel(unlocked)
    desk = unlocked.desk
    assert desk is not None
    for n in range(3):
        panel.on_sighting_added(desk.sightings.add(panel.case_id, f"https://t.me/r/{n}"))
    panel.table.selectRow(1)

    panel.set_status(SightingStatus.REMOVED)
    qtbot.waitUntil(lambda: panel.model.sighting(1).status == SightingStatus.REMOVED, timeout=10_000)

    assert panel.model.index(1, 0).data() == "Removed"
    assert [s.status for s in desk.sightings.list(panel.case_id)] == [
        SightingStatus.FOUND,
        SightingStatus.REMOVED,
        SightingStatus.FOUND,
    ]


def test_statuses_changed_elsewhere_show_when_the_tab_comes_back(qtbot: QtBot, unlocked: ShellWindow):
    workspace = unlocked.workspace
    desk = unlocked.desk
    assert workspace is not None and workspace.case_tabs is not None and desk is not None
    panel = _panel(unlocked)
    sighting = desk.sightings.add(panel.case_id, "https://t.me/r/elsewhere")
    panel.on_sighting_added(sighting)
    workspace.case_tabs.setCurrentIndex(1)  # another screen (a letter) changes the status meanwhile
    desk.sightings.set_status(sighting.id, "requested")

    workspace.case_tabs.setCurrentWidget(panel)

    assert panel.model.index(0, 0).data() == "Removal requested"


def test_copy_url_is_cleared_from_clipboard(qtbot: QtBot, unlocked: ShellWindow):
    from PySide6.QtGui import QGuiApplication

    panel = _panel(unlocked)
    desk = unlocked.desk
    assert desk is not None
    panel.on_sighting_added(desk.sightings.add(panel.case_id, "https://t.me/r/copy"))
    panel.table.selectRow(0)
    unlocked.clipboard._timer.setInterval(100)  # 10 s in real use

    panel.copy_selected_urls()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "https://t.me/r/copy"
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)


def test_a_job_that_ends_before_it_is_connected_is_still_reported(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The race the loop of ten runs found, made certain: the pool thread finishes the import before the
    GUI thread connects to the job, as it may on a busy machine. The summary must still appear.

    It failed before `Workers` handed jobs to the pool on the next event-loop turn (the signal went to
    nobody); now the job cannot run before the caller has connected."""
    panel = _panel(unlocked)
    listing = tmp_path / "addresses.txt"
    listing.write_text("https://t.me/a/1\n", encoding="utf-8")
    workers = unlocked.workers
    start = workers.start
    jobs: list[Job] = []

    def start_and_let_it_finish(work: Callable[..., Any]) -> Job:
        job = start(work)
        jobs.append(job)
        workers._pool.waitForDone(10_000)  # the pool thread wins the race
        return job

    monkeypatch.setattr(workers, "start", start_and_let_it_finish)
    panel.import_file(listing)
    QCoreApplication.sendPostedEvents()  # deliver whatever the job emitted to its (late) connections
    if jobs[0].done:
        assert panel.findChild(ImportSummaryDialog) is not None, "the finished import was never reported"
    qtbot.waitUntil(lambda: panel.findChild(ImportSummaryDialog) is not None, timeout=10_000)
