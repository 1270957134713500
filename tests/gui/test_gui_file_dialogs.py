"""The one "replace the existing file?" question every screen asks before writing over a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from victim_desk.gui.file_dialogs import confirm_replace


def _ask(qtbot: QtBot, name: str) -> tuple[QWidget, QMessageBox, list[str]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    answers: list[str] = []
    box = confirm_replace(parent, Path("/nowhere") / name, lambda: answers.append("replace"))
    qtbot.waitExposed(box)
    return parent, box, answers


def test_replace_runs_the_action_once_and_only_after_replace(qtbot: QtBot) -> None:
    parent, box, answers = _ask(qtbot, "letter-to-platform.pdf")
    assert box.parent() is parent and box.windowModality() == Qt.WindowModality.WindowModal
    assert box.text() == "A file named letter-to-platform.pdf already exists in that folder. Replace it?"
    assert box.windowTitle() == "Replace the file?" and answers == []
    yes = box.findChild(QPushButton, "confirm_yes")
    assert yes.text() == "Replace"
    yes.click()
    assert answers == ["replace"]


def test_cancel_enter_and_escape_keep_the_file(qtbot: QtBot) -> None:
    _parent, box, answers = _ask(qtbot, "hashes-of-case.csv")
    no = box.findChild(QPushButton, "confirm_no")
    assert no.text() == "Cancel" and box.defaultButton() is no and box.escapeButton() is no
    no.click()
    assert answers == []

    _parent, box, answers = _ask(qtbot, "hashes-of-case.csv")
    with qtbot.waitSignal(box.finished, timeout=5000):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    _parent, other, more = _ask(qtbot, "hashes-of-case.csv")
    with qtbot.waitSignal(other.finished, timeout=5000):
        qtbot.keyClick(other, Qt.Key.Key_Return)  # the default button: Cancel
    assert answers == [] and more == []


def test_a_file_name_is_shown_as_text_never_as_markup(qtbot: QtBot) -> None:
    name = "<b>bold <u>and &amp; under.pdf"
    _parent, box, _answers = _ask(qtbot, name)
    assert box.textFormat() == Qt.TextFormat.PlainText and name in box.text()
