"""Fingerprinting files into a case from the Evidence tab: progress per file, Cancel, plain failures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMetaObject, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui._evidence import evidence_page, photo
from victim_desk.gui.evidence.add_flow import AddReport, AddSummaryDialog
from victim_desk.gui.shell import ShellWindow


def _summary(page: object) -> AddSummaryDialog:
    dialogs = page.findChildren(AddSummaryDialog)  # type: ignore[attr-defined]
    assert len(dialogs) == 1
    return dialogs[0]


def test_dropped_files_are_fingerprinted_with_progress_per_file(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    files = [photo(tmp_path / f"photo{i}.png", seed=i) for i in range(3)]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files] + [QUrl("https://example.org/a.jpg")])
    no_keys = Qt.KeyboardModifier.NoModifier
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, no_keys)
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        # Qt only delivers a drop from a real drag session; the zone's own handler is what a drop reaches.
        page.drop_zone.dropEvent(drop)
        assert page.add_flow.job is not None
        page.add_flow.job.signals.progressed.connect(lambda done, total: seen.append((done, total)))
    report: AddReport = finished.args[0]
    assert [item.file_name for item in report.added] == ["photo0.png", "photo1.png", "photo2.png"]
    assert seen[-1] == (3, 3) and (1, 3) in seen and (2, 3) in seen
    assert page.table.rowCount() == 3
    assert page.table.item(0, 0).text() == "photo0.png"
    summary = _summary(page).summary.text()
    assert "Added to this case: 3. Could not be added: 0." in summary
    assert "Only the fingerprints were saved, not the files themselves" in summary
    assert "not the file itself" in page.note.text()
    assert len(unlocked.desk.evidence.list(page.case_id)) == 3


def test_cancel_keeps_what_was_saved_and_says_how_many(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    files = [photo(tmp_path / f"photo{i}.png", seed=10 + i) for i in range(5)]

    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        job = page.add_flow.start(files)
        assert job is not None and page.add_flow.progress is not None
        cancel_button = page.add_flow.progress.dialog.findChild(QPushButton)
        assert cancel_button is not None and cancel_button.text() == "Cancel"

        def press_cancel_after_first(done: int, total: int) -> None:
            # Runs on the job's thread right after the first file was saved; the Cancel button is pressed
            # on the GUI thread before the job goes on, so exactly one file is kept.
            if done == 1:
                QMetaObject.invokeMethod(cancel_button, "click", Qt.ConnectionType.BlockingQueuedConnection)

        job.signals.progressed.connect(press_cancel_after_first, Qt.ConnectionType.DirectConnection)
    report: AddReport = finished.args[0]
    assert report.cancelled and len(report.added) == 1 and not report.failed
    assert [item.file_name for item in unlocked.desk.evidence.list(page.case_id)] == ["photo0.png"]
    assert page.table.rowCount() == 1
    summary = _summary(page).summary.text()
    assert "Stopped, as you asked. What was saved before that stays saved." in summary
    assert "Added to this case: 1. Could not be added: 0." in summary
    assert "Not looked at because of the stop: 4." in summary


def test_a_corrupt_and_an_unsupported_file_are_named_with_the_plain_reason(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    good = photo(tmp_path / "good.jpg", seed=3)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(good.read_bytes()[:600])  # a JPEG cut short
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: apples, bread, coffee\n" * 20, encoding="utf-8")

    page.on_choose_clicked()
    dialog = page.findChild(QFileDialog, "evidence_file_dialog")
    assert dialog is not None and dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        dialog.filesSelected.emit([str(broken), str(good), str(notes)])
    report: AddReport = finished.args[0]
    assert [item.file_name for item in report.added] == ["good.jpg"]
    problems = _summary(page).problems.toPlainText().splitlines()
    assert problems == [
        "broken.jpg: The file is damaged or incomplete and cannot be read.",
        "notes.txt: This file type is not supported. Please choose a photo (JPEG, PNG, WebP, GIF, BMP, TIFF, "
        "HEIC) or a video (MP4, MOV, WebM, MKV, AVI).",
    ]
    assert "Added to this case: 1. Could not be added: 2." in _summary(page).summary.text()
