"""A read-only table of requests with a live countdown, shared by a case's Requests tab and the board.

It holds what the application layer returned (`RequestClock`s) and a timer. Each tick moves the clocks to
"now" and rewrites only the time-left column; when a deadline that was running passes (what is due then
changes) or a minute has gone by, it asks its owner to load again. The tick is once a minute, once a second
while a deadline is in its last hour (countdown.interval_ms).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from victim_desk.app.request_clocks import RequestClock
from victim_desk.core.letters.recipients import get_recipient
from victim_desk.gui.requests import countdown
from victim_desk.i18n import Lang

MINUTE_S = 60
_SECONDS_SHOWN = timedelta(hours=1, minutes=1)  # a clock this close to its deadline shows seconds


class ClockTable(QTableWidget):
    reload_wanted = Signal()  # a deadline passed or a minute went by: ask the app layer again

    def __init__(
        self, clock: Callable[[], datetime], lang: Lang, *, with_case: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._lang = lang
        self._zone = countdown.local_zone()
        self._with_case = with_case
        self.clocks: list[RequestClock] = []
        self._loaded_at: datetime | None = None
        # What matters most comes first, so it stays in view when a large font leaves room for few columns.
        headers = [
            self.tr("Reference"), self.tr("Time left"), self.tr("Next step"), self.tr("Status"),
            self.tr("To"), self.tr("Law"), self.tr("Deadline"), self.tr("Sent"),
        ]  # fmt: skip
        if with_case:
            headers.insert(0, self.tr("Case"))
        self.left_column = headers.index(self.tr("Time left"))
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)

    def show_clocks(self, clocks: list[RequestClock]) -> None:
        selected = self.selected()
        self.clocks = clocks
        self._loaded_at = self._clock()
        self.setRowCount(len(clocks))
        for row, c in enumerate(clocks):
            r = c.request
            cells = [
                r.reference, countdown.time_left(c, self._zone), countdown.due_text(c.due),
                countdown.status_text(str(r.status)), get_recipient(r.recipient).name(self._lang),
                r.jurisdiction,
                countdown.moment(r.deadline, self._zone) if r.deadline else self.tr("No fixed deadline"),
                countdown.moment(r.sent_at, self._zone),
            ]  # fmt: skip
            if self._with_case:
                cells.insert(0, c.case_title)
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
            if selected is not None and r.id == selected.request.id:
                self.selectRow(row)
        self._arm()

    def tick(self) -> None:
        """Move the clocks to now; reload when a running deadline passed or after a minute."""
        now = self._clock()
        stale = self._loaded_at is None or (now - self._loaded_at).total_seconds() >= MINUTE_S
        if stale or countdown.crossed(self.clocks, now):
            self.reload_wanted.emit()
            return
        # Within the minute since loading, only clocks within an hour of their deadline show seconds, so
        # only their texts change: a 600-row board ticking each second rewrites a handful of cells.
        for row, c in enumerate(self.clocks):
            deadline = c.request.deadline
            if not c.request.is_open or deadline is None or abs(deadline - now) > _SECONDS_SHOWN:
                continue
            self.clocks[row] = moved = replace(c, at=now)
            item = self.item(row, self.left_column)
            if item is not None:
                item.setText(countdown.time_left(moved, self._zone))
        self._arm()

    def selected(self) -> RequestClock | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows or rows[0].row() >= len(self.clocks):
            return None
        return self.clocks[rows[0].row()]

    def stop(self) -> None:
        self.timer.stop()
        self.clocks = []
        self.setRowCount(0)

    def _arm(self) -> None:
        self.timer.start(countdown.interval_ms(self.clocks))
