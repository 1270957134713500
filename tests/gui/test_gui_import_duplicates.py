"""Importing a list twice in the desktop app says the addresses were already recorded and adds nothing."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from victim_desk.gui.import_flow import ImportSummaryDialog
from victim_desk.gui.shell import ShellWindow


def _import_and_read_summary(qtbot: QtBot, shell: ShellWindow, listing: Path) -> str:
    assert shell.workspace is not None and shell.workspace.panel is not None
    panel = shell.workspace.panel
    panel.import_file(listing)
    qtbot.waitUntil(lambda: panel.findChild(ImportSummaryDialog) is not None, timeout=10_000)
    summary = panel.findChild(ImportSummaryDialog)
    assert summary is not None
    text = summary.summary.text()
    summary.close()  # deletes itself, so the next import's dialog is the only one
    qtbot.waitUntil(lambda: panel.findChild(ImportSummaryDialog) is None, timeout=10_000)
    return text


def test_second_import_of_the_same_list_reports_duplicates(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    listing = tmp_path / "addresses.txt"
    listing.write_text("https://t.me/a/1\nhttps://x.com/b/status/2\n", encoding="utf-8")
    first = _import_and_read_summary(qtbot, unlocked, listing)
    assert first == "Addresses added: 2. Lines that could not be used: 0."
    second = _import_and_read_summary(qtbot, unlocked, listing)
    assert second == (
        "Addresses added: 0. Lines that could not be used: 0. Already recorded, so not saved again: 2."
    )
    assert unlocked.workspace is not None and unlocked.workspace.panel is not None
    assert unlocked.workspace.panel.model.rowCount() == 2
