"""Hash lists from the Evidence tab: export (CSV and JSON Lines, never replacing a file unless confirmed),
import with a summary, a malformed list refused with the line at fault, and the round trip back to a match."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui._evidence import evidence_page, match_page, photo
from victim_desk.gui.evidence.add_flow import AddReport
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.shell import ShellWindow


def _store(qtbot: QtBot, page: EvidencePage, files: list[Path]) -> AddReport:
    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        page.add_files(files)
    return finished.args[0]


def _export(qtbot: QtBot, page: EvidencePage, path: Path, name_filter: str = "") -> None:
    with qtbot.waitSignal(page.hashlists.job_done, timeout=30_000):
        page.hashlists.on_export_chosen(str(path), name_filter)


def test_export_csv_and_json_lines_then_import_and_match_against_the_list(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    saved = photo(tmp_path / "private name.png", seed=61)
    [item] = _store(qtbot, page, [saved]).added

    page.export_button.click()
    dialog = page.findChild(QFileDialog, "hashlist_export_dialog")
    assert dialog is not None and dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # no "recently used" entry
    dialog.selectNameFilter(page.hashlists.jsonl_filter)
    with qtbot.waitSignal(page.hashlists.job_done, timeout=30_000):
        dialog.fileSelected.emit(str(tmp_path / "chosen in the dialog"))
    assert (tmp_path / "chosen in the dialog.jsonl").read_text("utf-8").startswith("{")

    out = tmp_path / "case hashes.csv"
    _export(qtbot, page, out)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    label = f"case{item.case_id}-evidence{item.id}"
    assert rows == [["pdq", "md5", "sha256", "label"], [item.pdq, item.md5, item.sha256, label]]
    assert "private name" not in out.read_text(encoding="utf-8")
    assert unlocked.banner.text == (
        "Hash list saved: 1 row(s) in case hashes.csv. "
        "It holds fingerprints only, no pictures and no file names."
    )

    lines = tmp_path / "case hashes"  # no suffix: the chosen filter decides it
    _export(qtbot, page, lines, page.hashlists.jsonl_filter)
    [obj] = [json.loads(line) for line in (tmp_path / "case hashes.jsonl").read_text("utf-8").splitlines()]
    assert obj["file"] == label and obj["pdq"] == item.pdq and "provenance" not in obj and "robust" in obj

    with qtbot.waitSignal(page.hashlists.job_done, timeout=30_000):
        page.hashlists.import_list(out)
    assert unlocked.banner.kind == "info"
    assert unlocked.banner.text.startswith("Hash list imported: 1 entries.")

    # The imported entry is recognised too, beside the case's own item.
    matcher = match_page(unlocked)
    with qtbot.waitSignal(matcher.job_done, timeout=60_000):
        matcher.check_files([saved])
    top = matcher.results.topLevelItem(0)
    found = sorted((top.child(k).text(0), top.child(k).text(1)) for k in range(top.childCount()))
    assert found == [
        (f'Case "first case", item {item.id}: private name.png', "exact: the very same file"),
        (f"Imported hash list: {label}", "exact: the very same file"),
    ]


def test_export_never_replaces_a_file_unless_confirmed(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    _store(qtbot, page, [photo(tmp_path / "a.png", seed=62)])
    out = tmp_path / "hashes.csv"
    out.write_text("keep me, this was here before\n", encoding="utf-8")

    page.hashlists.on_export_chosen(str(out), "")
    box = page.hashlists.confirm
    assert isinstance(box, QMessageBox) and "hashes.csv already exists" in box.text()
    assert box.defaultButton() == box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    assert out.read_text(encoding="utf-8") == "keep me, this was here before\n"

    page.hashlists.on_export_chosen(str(out), "")
    box = page.hashlists.confirm
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(page.hashlists.job_done, timeout=30_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert out.read_text(encoding="utf-8").startswith("pdq,md5,sha256,label\n")


def test_a_malformed_list_is_refused_with_the_line_at_fault(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    bad = tmp_path / "received.csv"
    bad.write_text("pdq,label\n" + "a" * 64 + ",one\nnot-a-hash-at-all,two\n", encoding="utf-8")
    with qtbot.waitSignal(page.hashlists.job_done, timeout=30_000):
        page.hashlists.import_list(bad)
    assert unlocked.banner.kind == "error"
    assert unlocked.banner.text == "The hash list cannot be read: line 3: pdq is not 64 hex digits"
    assert len(unlocked.desk.evidence.known_entries().entries) == 0
