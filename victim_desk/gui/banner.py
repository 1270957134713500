"""A calm message strip at the top of the window: how every error and confirmation reaches the person.

Inline in the window rather than a pop-up: a pop-up steals focus, can hide the Quick exit button, and reads
as an alarm. Errors use a warm, soft colour, never a red alert; the text always says what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

INFO_MS = 8000

_STYLES = {
    "error": "background: #fdf1e3; border: 1px solid #e8c9a0; border-radius: 6px; color: #4a3418;",
    "info": "background: #eaf3ef; border: 1px solid #b9d6c8; border-radius: 6px; color: #1f3b30;",
}


def inline_error_label() -> QLabel:
    """The soft, plain-text error line a form shows under its fields (hidden until there is something)."""
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #8a4b08;")
    label.hide()
    return label


class MessageBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_banner")
        self.label = QLabel(self)
        self.label.setObjectName("message_text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote a URL: never render markup
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        # Confirmations fade on their own; errors stay until dismissed or replaced, so none is missed.
        self._info_timer = QTimer(self)
        self._info_timer.setSingleShot(True)
        self._info_timer.setInterval(INFO_MS)
        self._info_timer.timeout.connect(self.clear)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear(self) -> None:
        self._info_timer.stop()
        self.kind = ""
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"#message_banner {{ {_STYLES[kind]} }}")
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        if kind == "info":
            self._info_timer.start()
        else:
            self._info_timer.stop()
