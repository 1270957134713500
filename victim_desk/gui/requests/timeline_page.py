"""A case's history, read-only: every recorded change, newest first, in plain words, and whether the
record is intact.

The audit log is hash-chained; its check is said in one sentence at the top, calmly either way, because
a broken chain is something to tell a counselor or lawyer about, not a reason to panic. Nothing here can
be edited or deleted: this is the record a package or a court will rely on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from victim_desk.core.model import Case
from victim_desk.errors import DeskError
from victim_desk.gui.page import Page
from victim_desk.gui.requests.countdown import local_zone, moment
from victim_desk.gui.session import Session

_INTACT = "background: #eaf3ef; color: #1f3b30; padding: 8px; border-radius: 6px;"
_BROKEN = "background: #fdf1e3; color: #4a3418; padding: 8px; border-radius: 6px;"


class TimelinePage(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("TimelinePage", "History")

    def __init__(self, session: Session, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_page")
        self._session = session
        self.case_id = case.id
        self._closed = False
        self.check = QLabel()
        self.check.setObjectName("chain_check")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("timeline_table")
        self.table.setAccessibleName(self.tr("History of this case"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Which"), self.tr("Change")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(self.tr("This history cannot be changed: each entry is sealed to the one before it."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        if self._closed:
            return
        try:
            timeline = self._session.desk.audit.timeline(self.case_id, self._session.lang)
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._session.lang))
            return
        if timeline.intact:
            self.check.setText(
                self.tr("Checked: the history is intact. No entry was changed, removed or added afterwards.")
            )
            self.check.setStyleSheet(_INTACT)
        else:
            self.check.setText(
                self.tr(
                    "Checked: the history has been changed outside this app. Keep this computer as it is "
                    "and tell your counselor or lawyer. What was found:"
                )
                + "\n"
                + "\n".join(f"• {p}" for p in timeline.problems)
            )
            self.check.setStyleSheet(_BROKEN)
        zone = local_zone()
        self.table.setRowCount(len(timeline.entries))
        for row, entry in enumerate(timeline.entries):
            for column, text in enumerate((moment(entry.at, zone), entry.what, entry.subject, entry.change)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def close_down(self) -> None:
        self._closed = True
        self.table.setRowCount(0)
