""" "Is this one of ours?": an edited copy names the stored item and how it was recognised; an unrelated
picture says "no match"; a bad file says why; Cancel keeps the files already checked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.gui._evidence import evidence_page, match_page, photo
from victim_desk.gui.evidence.add_flow import AddReport
from victim_desk.gui.evidence.match_page import MatchPage, MatchReport
from victim_desk.gui.shell import ShellWindow


def _store(qtbot: QtBot, shell: ShellWindow, files: list[Path]) -> AddReport:
    page = evidence_page(shell)
    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        page.add_files(files)
    return finished.args[0]


def _check(qtbot: QtBot, page: MatchPage, files: list[Path]) -> MatchReport:
    with qtbot.waitSignal(page.job_done, timeout=60_000) as done:
        page.check_files(files)
    return done.args[0]


def _edited_copy(source: Path, out: Path) -> Path:
    """What a re-upload does: smaller, re-compressed, a little brighter."""
    img = Image.open(source).convert("RGB")
    img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.Resampling.LANCZOS)
    brighter = np.clip(np.asarray(img, dtype=np.int16) + 12, 0, 255).astype(np.uint8)
    Image.fromarray(brighter).save(out, quality=70)
    return out


def _rows(page: MatchPage) -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = []
    for i in range(page.results.topLevelItemCount()):
        top: QTreeWidgetItem = page.results.topLevelItem(i)
        kids = [(top.child(k).text(0), top.child(k).text(1)) for k in range(top.childCount())]
        out.append((top.text(0), top.text(1), kids))
    return out


def test_an_edited_copy_names_the_item_and_an_unrelated_picture_is_no_match(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    original = photo(tmp_path / "saved.jpg", seed=31, size=(640, 480))
    other = photo(tmp_path / "other.jpg", seed=32, size=(640, 480))
    stored = _store(qtbot, unlocked, [original, other])
    saved_id = stored.added[0].id
    page = match_page(unlocked)
    copy = _edited_copy(original, tmp_path / "found_online.jpg")
    unrelated = photo(tmp_path / "unrelated.jpg", seed=77, size=(640, 480))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(copy.read_bytes()[:500])

    _check(qtbot, page, [copy, unrelated, broken])
    (copy_row, unrelated_row, broken_row) = _rows(page)
    assert copy_row[:2] == ("found_online.jpg", "Matches 1 saved item(s)")
    [(where, how)] = copy_row[2]
    assert where == f'Case "first case", item {saved_id}: saved.jpg'
    assert how.startswith("near-identical picture (PDQ distance ") and how.endswith(" of 256)")
    assert unrelated_row == (
        "unrelated.jpg",
        "No match: not recognised as any saved item or hash-list entry.",
        [],
    )
    assert broken_row[1] == "Could not be checked: The file is damaged or incomplete and cannot be read."
    assert "Checked: 3. Recognised: 1." in page.summary.text()
    assert '"No match" means it was not recognised' in page.summary.text()

    # The very same file is an exact match.
    _check(qtbot, page, [original])
    [(name, _result, [(_where, how)])] = _rows(page)
    assert name == "saved.jpg" and how == "exact: the very same file"


def test_cancel_shows_the_files_checked_so_far(qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path) -> None:
    _store(qtbot, unlocked, [photo(tmp_path / "saved.png", seed=41)])
    page = match_page(unlocked)
    files = [photo(tmp_path / f"q{i}.png", seed=50 + i) for i in range(5)]
    with qtbot.waitSignal(page.job_done, timeout=60_000) as done:
        job = page.check_files(files)
        assert job is not None and page.progress is not None
        cancel_button = page.progress.dialog.findChild(QPushButton)
        assert cancel_button is not None

        def press_cancel_after_first(checked: int, total: int) -> None:
            if checked == 1:
                QMetaObject.invokeMethod(cancel_button, "click", Qt.ConnectionType.BlockingQueuedConnection)

        job.signals.progressed.connect(press_cancel_after_first, Qt.ConnectionType.DirectConnection)
    report: MatchReport = done.args[0]
    assert report.cancelled and [path.name for path, _ in report.results] == ["q0.png"]
    assert [row[0] for row in _rows(page)] == ["q0.png"]
    assert page.summary.text().startswith("Stopped, as you asked. The files checked so far are shown.")
