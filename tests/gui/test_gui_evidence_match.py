""" "Is this one of ours?": an edited copy names the stored item and how it was recognised; an unrelated
picture says "no match"; a bad file says why; Cancel keeps the files already checked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.gui._evidence import evidence_page, match_page, photo
from tests.gui.journey_helpers import answer_file_dialog
from victim_desk.desk import Desk
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


def test_a_hash_list_file_is_compared_with_without_importing_it(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    """As `match --against LIST`: only the list counts (not this vault's own evidence), nothing is kept."""
    ours = photo(tmp_path / "ours.jpg", seed=61, size=(640, 480))
    _store(qtbot, unlocked, [ours])
    # The list comes from someone else's vault: it knows `given`, not `ours`.
    given = photo(tmp_path / "given.jpg", seed=62, size=(640, 480))
    listed = tmp_path / "from-a-counselor.jsonl"
    with Desk.create(tmp_path / "their vault", "their own passphrase for the test") as theirs:
        case = theirs.cases.add("theirs")
        [(_, item)] = list(theirs.evidence.add(case, [given]))
        theirs.evidence.export_hash_list(case, listed, fmt="jsonl")
    page = match_page(unlocked)
    assert page.use_vault.isChecked() and not page.choose_list_button.isEnabled()

    page.use_list.click()  # asks for the list at once
    chooser = page.findChild(QFileDialog, "match_list_dialog")
    assert chooser is not None and chooser.fileMode() == QFileDialog.FileMode.ExistingFile
    answer_file_dialog(qtbot, chooser, listed)
    assert page.use_list.isChecked() and page.list_name.text() == "List: from-a-counselor.jsonl"

    copy = _edited_copy(given, tmp_path / "seen-again.jpg")
    report = _check(qtbot, page, [copy, ours])
    assert report.against == listed
    (copy_row, ours_row) = _rows(page)
    assert copy_row[1] == "Matches 1 saved item(s)"
    [(where, how)] = copy_row[2]
    assert where == f"In the list from-a-counselor.jsonl: case{case}-evidence{item.id}"
    assert how.startswith("near-identical picture")
    assert ours_row == ("ours.jpg", "No match: not recognised as any entry of the list.", [])
    assert unlocked.desk.evidence.known_entries().entries[1:] == []  # only `ours`; the list was not imported

    # Back to the vault: its own evidence counts again, the list does not.
    page.use_vault.click()
    _check(qtbot, page, [copy, ours])
    (copy_row, ours_row) = _rows(page)
    assert copy_row[1].startswith("No match") and ours_row[1] == "Matches 1 saved item(s)"


def test_a_list_that_cannot_be_read_is_explained(qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path) -> None:
    page = match_page(unlocked)
    # Checking before a list is chosen says what to do.
    page.use_list.setChecked(True)  # the chooser opens; the person closes it without choosing
    chooser = page.findChild(QFileDialog, "match_list_dialog")
    assert chooser is not None
    chooser.reject()
    assert page.check_files([photo(tmp_path / "q.png", seed=70)]) is None
    assert page.source_error.isVisible()
    assert page.source_error.text() == "Please choose the hash list to compare with first."

    broken = tmp_path / "broken-list.csv"
    broken.write_text("pdq,md5,sha256,label\nnot-a-hash,,,x1\n", encoding="utf-8")
    page.on_list_selected(str(broken))
    assert not page.source_error.isVisible()
    assert page.check_files([photo(tmp_path / "q.png", seed=70)]) is not None
    qtbot.waitUntil(
        lambda: unlocked.banner.text.startswith("The hash list cannot be read: line 2"), timeout=60_000
    )
