"""What the whole-journey test needs: clicking tabs and buttons as a person does, answering Qt's own file
dialogs the way a person does (typing a name, pressing the accept button), and spotting English text left
in the Korean interface."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words that stay in Latin letters in a Korean interface: names of formats, hashes, platforms, the app's
# quick-exit keys. Anything else in Latin letters without a single Hangul syllable is an untranslated text.
LATIN_OK = {
    "pdf", "pdq", "sha", "md5", "zip", "csv", "json", "lines", "jsonl", "url", "https", "http", "c2pa", "ai",
    "telegram", "esc", "ctrl", "shift", "english", "kb", "mb", "gb", "png", "jpg", "jpeg", "ok", "x",
    "stopncii", "tsa", "ncii", "utc", "kst",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]{3,}")
W = TypeVar("W", bound=QWidget)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    # A check box takes clicks on its box and its text only, not on the empty rest of its row.
    pos = QPoint(8, button.height() // 2) if isinstance(button, QCheckBox) else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def type_into(widget: QWidget, text: str) -> None:
    """Type `text` key by key, as a keyboard (or an input method, for Hangul) delivers it; QTest's
    keyClicks only knows the keys of a Latin keyboard."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def open_tab(qtbot: QtBot, tabs: QTabWidget, page: QWidget) -> None:
    """Click the tab that shows `page`, on the tab bar itself."""
    index = tabs.indexOf(page)
    assert index >= 0 and tabs.isTabVisible(index)
    bar = tabs.tabBar()
    assert bar.isVisible()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentWidget() is page


def dialog_of(parent: QWidget, kind: type[W], name: str | None = None) -> W:
    """The one visible dialog of `kind` (opened with open(), so it is a child of `parent`)."""
    found = [
        w for w in parent.findChildren(kind) if w.isVisible() and (name is None or w.objectName() == name)
    ]
    assert len(found) == 1, (kind.__name__, name, len(found))
    return found[0]


def answer_file_dialog(qtbot: QtBot, dialog: QFileDialog, path: Path) -> None:
    """What a person does in Qt's own file dialog: type the file name and press the accept button."""
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # never the platform's (recent files)
    dialog.setDirectory(str(path.parent))
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setText(path.name)
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert box is not None
    accept = box.button(QDialogButtonBox.StandardButton.Open) or box.button(
        QDialogButtonBox.StandardButton.Save
    )
    assert accept is not None and accept.isEnabled()
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)


def english_left(root: QWidget | None = None, names: frozenset[str] = frozenset()) -> list[str]:
    """Visible texts in Latin letters only (no Hangul) that are not format names, addresses or file names.

    Looks at every shown top-level window when `root` is None (dialogs are their own windows). `names`:
    proper names that stay as they are (an organisation's own name, a document's title)."""
    roots = [root] if root is not None else [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    texts: list[str] = []
    for top in roots:
        widgets = [top, *top.findChildren(QWidget)]
        for widget in widgets:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            if isinstance(widget, QGroupBox):
                texts.append(widget.title())
            if isinstance(widget, QTabWidget):
                texts.extend(widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i))
            if widget.isWindow():
                texts.append(widget.windowTitle())
            if isinstance(widget, QLineEdit):
                texts.append(widget.placeholderText())
            if isinstance(widget, QPlainTextEdit):
                texts.append(widget.toPlainText())
            if isinstance(widget, QTextEdit):
                texts.append(widget.toPlainText())
            if widget.toolTip():
                texts.append(widget.toolTip())
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                # In a file dialog the rows are the computer's own file and folder names, not our words.
                in_file_dialog = isinstance(widget.window(), QFileDialog)
                texts.extend(_model_texts(widget, rows=not in_file_dialog))
    return sorted({text for text in texts if _untranslated(text, names)})


def _model_texts(view: QAbstractItemView, rows: bool = True) -> list[str]:
    model = view.model()
    texts = []

    def columns(parent: QModelIndex) -> int:
        try:
            return int(model.columnCount(parent))
        except TypeError:  # a list model: its column count is private in the bindings, and 1
            return 1

    texts.extend(
        str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns(QModelIndex()))
    )

    def walk(parent: QModelIndex) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                texts.append(str(index.data() or ""))
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if tip:
                    texts.append(str(tip))
            walk(model.index(row, 0, parent))

    if rows:
        walk(QModelIndex())
    return texts


def _untranslated(text: str, names: frozenset[str]) -> bool:
    for line in text.splitlines():
        for name in names:
            line = line.replace(name, " ")
        if HANGUL.search(line):
            continue
        line = re.sub(r"\b[0-9a-f]{16,}\b", " ", line)  # hashes
        # Addresses, e-mail addresses, file and folder paths, web domains: data, not words to translate.
        line = re.sub(r"https?://\S+|\S+@\S+|(^|\s)/\S*|[\w-]+(\.[\w-]+)+", " ", line)
        if any(word.lower() not in LATIN_OK for word in WORD.findall(line)):
            return True
    return False
