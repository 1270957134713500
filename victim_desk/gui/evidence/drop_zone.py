"""Where files are dropped or chosen: one widget for the evidence tab and for "is this one of ours?".

The file dialog is Qt's own (as in gui/import_flow.py): the platform's would add the chosen files to the
desktop's "recently used" list, which would show someone else where the material is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from victim_desk.gui.file_dialogs import private_file_dialog

_STYLE = (
    "#drop_zone { border: 2px dashed #7a8791; border-radius: 8px; background: #f6f8f9; }"
    ' #drop_zone[hover="true"] { border-color: #1f5fbf; background: #eaf1fb; }'
)


def local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files (not folders, not web addresses) carried by a drag."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile() and url.toLocalFile()]


def choose_files(parent: QWidget, title: str, filters: list[str], chosen: object) -> QFileDialog:
    """Open Qt's own file dialog for several existing files; `chosen(list[str])` gets them."""
    dialog = private_file_dialog(parent, title, "evidence_file_dialog", filters, many=True)
    dialog.filesSelected.connect(chosen)
    dialog.open()
    return dialog


class DropZone(QFrame):
    """A dashed box that takes dropped files, with a button that opens the file dialog instead."""

    files_dropped = Signal(list)  # list[Path]
    choose_clicked = Signal()

    def __init__(self, text: str, button_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop_zone")
        self.setAcceptDrops(True)
        self.setStyleSheet(_STYLE)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #2b3640; border: none; background: transparent;")
        self.button = QPushButton(button_text)
        self.button.setObjectName("choose_files")
        self.button.setAccessibleName(button_text)
        self.button.clicked.connect(self.choose_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            self._hover(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self._hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    def _hover(self, on: bool) -> None:
        self.setProperty("hover", "true" if on else "false")
        self.style().unpolish(self)
        self.style().polish(self)
