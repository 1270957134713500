"""The deadline board: every case's open requests on one list, the nearest deadline first.

For a counselor with dozens of cases, what runs out first is what to look at first. A section beside
"Cases" (DESK_PAGES); in victim mode the shell hides it (one case needs no board). "Now" comes from
`clock` (the application layer's own by default), so a test can move time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from victim_desk.errors import DeskError
from victim_desk.gui.page import Page
from victim_desk.gui.requests.clock_table import ClockTable
from victim_desk.gui.session import Session


class DeadlineBoard(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("DeadlineBoard", "Deadlines")

    def __init__(
        self, session: Session, parent: QWidget | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadline_board")
        self._session = session
        self._desk = session.desk
        self._clock = clock or session.desk.requests.now
        self._closed = False
        intro = QLabel(
            self.tr(
                "Open removal requests of every case, the nearest deadline first. Times are this computer's."
            )
        )
        intro.setWordWrap(True)
        self.table = ClockTable(self._clock, session.lang, with_case=True)
        self.table.setObjectName("board_table")
        self.table.setAccessibleName(self.tr("Deadlines of all cases"))
        self.table.reload_wanted.connect(self.refresh)
        self.empty = QLabel(self.tr("No request is waiting for an answer."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        if self._closed:
            return
        try:
            clocks = self._desk.requests.board(at=self._clock())
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._session.lang))
            return
        self.table.show_clocks(clocks)
        self.empty.setVisible(not clocks)

    def close_down(self) -> None:
        self._closed = True
        self.table.stop()
