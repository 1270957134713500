"""The "what you can do now" guide in a window of its own, one click away from every screen.

It holds no case data (its words come from resources/guide.json and its numbers from the directory), so it
opens whether the vault is locked or not. It is a child of the main window, so locking and quick exit hide
it with everything else. The text is plain and selectable: numbers and addresses can be copied or read
out, and nothing in it opens a browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from victim_desk.app import referrals as use_case
from victim_desk.core.blocks import Bullets, Document, Heading, KeyValues, Para
from victim_desk.errors import DeskError
from victim_desk.gui.referrals import html
from victim_desk.i18n import Lang

if TYPE_CHECKING:
    from victim_desk.gui.shell import ShellWindow


def guide_title() -> str:
    return QCoreApplication.translate("GuideWindow", "What you can do now")


def document_html(doc: Document) -> str:
    """The guide's blocks as escaped rich text (headings, paragraphs, lists): nothing becomes a link."""
    parts = [f'<p style="font-size: x-large; font-weight: 600;">{html.esc(doc.title)}</p>']
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(html.heading(block.text))
        elif isinstance(block, Para):
            parts.append(html.para(block.text))
        elif isinstance(block, Bullets):
            parts.append(html.bullets(list(block.items)))
        elif isinstance(block, KeyValues):
            parts.append(html.rows(list(block.pairs)))
    return "".join(parts)


class GuideWindow(QDialog):
    def __init__(self, lang: Lang, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_window")
        self.setWindowTitle(guide_title())
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.text = QTextBrowser()
        self.text.setObjectName("guide_text")
        self.text.setAccessibleName(guide_title())
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        try:
            self.text.setHtml(document_html(use_case.guide(lang)))
        except DeskError as exc:  # a damaged guide file: say so, with what to do
            self.text.setPlainText(exc.message(lang))
        close = QPushButton(self.tr("Close"))
        close.setObjectName("close_guide")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(720, int(screen.width() * 0.8)), min(640, int(screen.height() * 0.8)))


def open_guide(window: ShellWindow) -> None:
    """The SHELL_TOOLS action."""
    show_guide(window)


def show_guide(window: QWidget) -> GuideWindow:
    """The SHELL_TOOLS action: show the guide (the one already open, if any), in the window's language."""
    existing = window.findChild(GuideWindow, "guide_window")
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    guide = GuideWindow(getattr(window, "lang", "ko"), window)
    guide.show()
    return guide
