"""The sightings table's columns follow the font: at a large font the short columns still show their
contents whole and the address keeps the most room; a width the person drags is kept while the app runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from victim_desk.desk import Desk
from victim_desk.gui import sightings_panel
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.sightings_model import COLUMNS
from victim_desk.gui.sightings_panel import SightingsPanel, share_widths

URLS = (
    ("https://www.instagram.com/p/Cx1Ab2Cd3Ef/?img_index=2", "meta"),
    ("https://t.me/some_room_name/4242", "telegram"),
    ("https://blog.naver.com/someone/223344556677", "naver"),
)


@pytest.fixture
def case_vault(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "vault"
    with Desk.create(path, passphrase) as desk:
        case = desk.cases.add("columns")
        for url, platform in URLS:
            desk.sightings.add(
                case, url, platform=platform, seen="2026-11-30T21:15:00+09:00", note="단톡방 공지"
            )
        desk.cases.add("another case")
    return path


@pytest.fixture
def forget_widths() -> Iterator[None]:
    sightings_panel._chosen_widths.clear()
    yield
    sightings_panel._chosen_widths.clear()


def _open(qtbot: QtBot, shell: ShellWindow, passphrase: str) -> SightingsPanel:
    screen = shell.unlock_screen
    assert screen is not None
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    return _laid_out(qtbot, shell)


def _laid_out(qtbot: QtBot, shell: ShellWindow) -> SightingsPanel:
    assert shell.workspace is not None
    panel = shell.workspace.panel
    assert isinstance(panel, SightingsPanel)
    header = panel.table.horizontalHeader()

    # Laid out once the columns were fitted to the table's width and the address fills the row exactly.
    def fitted() -> bool:
        room = panel.table.viewport().width()
        return not panel._fit_timer.isActive() and panel.fitted_for == room == header.length()

    qtbot.waitUntil(fitted)
    return panel


def _widths(panel: SightingsPanel) -> dict[str, int]:
    header = panel.table.horizontalHeader()
    return {name: header.sectionSize(column) for column, name in enumerate(COLUMNS)}


@pytest.mark.parametrize("point_size", [11, 24])
def test_at_a_large_font_short_columns_fit_and_the_address_gets_the_most_room(
    qtbot: QtBot,
    qapp: QApplication,
    case_vault: Path,
    passphrase: str,
    make_shell: Callable[..., ShellWindow],
    forget_widths: None,
    point_size: int,
):
    old_font = qapp.font()
    font = QFont(old_font)
    font.setPointSize(point_size)
    qapp.setFont(font)
    try:
        shell = make_shell(case_vault)
        shell.resize(1600, 1000)
        panel = _open(
            qtbot, shell, passphrase
        )  # waits until the row is filled exactly: no sideways scrolling
        widths = _widths(panel)
        metrics = QFontMetrics(panel.table.font())
        assert panel.table.font().pointSize() == point_size
        # The address has more room than any other column (and, at the usual size, over a third of the row).
        others = [width for name, width in widths.items() if name != "url"]
        assert widths["url"] > max(others), widths
        assert point_size == 24 or widths["url"] >= 0.35 * panel.table.viewport().width(), widths
        # Columns whose contents fit are shown whole (values and heading): widths come from the text.
        model = panel.model
        whole = ["status", "seen"] if point_size == 24 else ["status", "platform", "seen"]
        for name in whole:
            column = COLUMNS.index(name)
            texts = [str(model.index(row, column).data()) for row in range(model.rowCount())]
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
            assert all(metrics.horizontalAdvance(t) < widths[name] for t in texts), (name, texts, widths)
        if point_size == 11:
            assert widths["note"] == metrics.averageCharWidth() * 24  # about 24 characters
        else:
            # "Meta (Facebook, Instagram)" at 24 pt would take more than the address: trimmed to a common cap.
            platform = COLUMNS.index("platform")
            assert (
                max(metrics.horizontalAdvance(str(model.index(r, platform).data())) for r in range(3))
                > widths["platform"]
            )
            assert widths["platform"] == max(others)
            assert widths["note"] == metrics.horizontalAdvance("M") * 4  # the note yielded first
    finally:
        qapp.setFont(old_font)


def test_columns_are_trimmed_only_when_the_address_would_not_be_the_widest() -> None:
    natural = {"status": 80, "platform": 200, "seen": 120, "note": 240}
    # Room enough: every column at its natural width; the address gets the rest (400 of 1040 here).
    assert share_widths(natural, {}, 1040, 40) == natural
    # Less room: the note yields first, so that the address keeps 35 % of the row and the most room.
    assert share_widths(natural, {}, 800, 40) == {**natural, "note": 119}
    # Still less: the note at the minimum; the others stay whole while the address is still the widest.
    assert share_widths(natural, {}, 650, 40) == {**natural, "note": 40}
    # Less again: the widest of the rest trimmed to one cap just below the address.
    trimmed = share_widths(natural, {}, 600, 40)
    assert trimmed == {"status": 80, "platform": 179, "seen": 120, "note": 40}
    assert 600 - sum(trimmed.values()) > max(trimmed.values())
    # A width the person chose stays as chosen; the rest share what is left.
    assert share_widths(natural, {"note": 300}, 900, 40)["note"] == 300
    # Far too narrow: nothing below the minimum (the table then scrolls sideways).
    assert share_widths(natural, {}, 100, 40) == dict.fromkeys(natural, 40)


def test_a_dragged_note_width_is_kept_for_the_next_table_and_only_in_memory(
    qtbot: QtBot,
    case_vault: Path,
    passphrase: str,
    make_shell: Callable[..., ShellWindow],
    forget_widths: None,
):
    shell = make_shell(case_vault)
    shell.resize(1400, 900)
    panel = _open(qtbot, shell, passphrase)
    header = panel.table.horizontalHeader()
    note = COLUMNS.index("note")
    header.resizeSection(note, 333)  # what dragging the column's edge does
    assert sightings_panel._chosen_widths == {"note": 333}
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(1)  # another case: its table is built anew
    qtbot.waitUntil(lambda: shell.workspace is not None and shell.workspace.panel is not panel)
    other = _laid_out(qtbot, shell)
    assert other.table.horizontalHeader().sectionSize(note) == 333
    # The fitted and stretched columns are not the person's to drag, so nothing of theirs is remembered.
    assert set(sightings_panel._chosen_widths) == {"note"}
