"""The sightings of one case as a Qt table model that stays responsive with 100,000 rows.

Reading 100,000 sightings takes over a second, so rows are pulled from the vault in batches as the view
scrolls (Qt's canFetchMore/fetchMore), and the view draws only what is visible: no widget per row. The
model keeps the `Sighting` objects themselves; text is produced on demand for the visible cells.

The vault's cursor stays open between batches. Writing while it is open would make it unclear whether a
new row appears in a later batch, so after an insert the model either appends (everything already read)
or starts over (`reload`); status changes replace rows in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from victim_desk.core.model import Sighting
from victim_desk.gui.labels import platform_labels, status_labels

BATCH = 1000
COLUMNS = ("status", "platform", "seen", "url", "note")
_NOTE_PREVIEW = 200

Index = QModelIndex | QPersistentModelIndex


class SightingsTableModel(QAbstractTableModel):
    def __init__(self, source: Callable[[], Iterator[Sighting]], parent: QObject | None = None) -> None:
        """`source` returns a fresh iterator over the case's sightings, oldest first."""
        super().__init__(parent)
        self._source = source
        self._rows: list[Sighting] = []
        self._row_of: dict[int, int] = {}
        self._pending: Iterator[Sighting] | None = source()
        self._paused = False
        self._statuses = status_labels()
        self._platforms = platform_labels()
        self._headers = (
            self.tr("Status"),
            self.tr("Platform"),
            self.tr("Seen"),
            self.tr("Address (URL)"),
            self.tr("Note"),
        )

    # --- Qt model interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sighting = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(sighting, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("url", "note"):
            return sighting.url if column == "url" else sighting.note or None
        if role == Qt.ItemDataRole.UserRole:
            return sighting
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._pending is not None and not self._paused

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._pending is not None
        batch = []
        for sighting in self._pending:
            batch.append(sighting)
            if len(batch) >= BATCH:
                break
        else:
            self._pending = None  # the cursor is exhausted
        if batch:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            for offset, sighting in enumerate(batch):
                self._row_of[sighting.id] = first + offset
            self._rows.extend(batch)
            self.endInsertRows()

    # --- our interface ----------------------------------------------------------------------------

    @property
    def fully_loaded(self) -> bool:
        return self._pending is None

    def set_paused(self, paused: bool) -> None:
        """While a job writes to the vault, the view must not read from it on the GUI thread."""
        self._paused = paused

    def sighting(self, row: int) -> Sighting:
        return self._rows[row]

    def row_of(self, sighting_id: int) -> int | None:
        return self._row_of.get(sighting_id)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._pending = self._source()
        self.endResetModel()
        self.fetchMore()

    def added(self, sighting: Sighting) -> None:
        """A sighting was just saved: show it without reading the whole case again."""
        if not self.fully_loaded:
            self.reload()
            return
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(sighting)
        self._row_of[sighting.id] = row
        self.endInsertRows()

    def replaced(self, sightings: Iterable[Sighting]) -> None:
        """Sightings changed in the vault (e.g. status); update the rows already shown."""
        for sighting in sightings:
            row = self._row_of.get(sighting.id)
            if row is None:
                continue
            self._rows[row] = sighting
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def drop_source(self) -> None:
        """Before the vault locks: let go of the open cursor so nothing reads a closed vault."""
        self._pending = None
        self._paused = True

    def _display(self, sighting: Sighting, column: str) -> str:
        if column == "status":
            return self._statuses.get(str(sighting.status), str(sighting.status))
        if column == "platform":
            return self._platforms.get(sighting.platform, sighting.platform)
        if column == "seen":
            return sighting.seen.astimezone().strftime("%Y-%m-%d %H:%M") if sighting.seen else ""
        if column == "url":
            return sighting.url
        first_line = sighting.note.split("\n", 1)[0]
        return first_line if len(first_line) <= _NOTE_PREVIEW else first_line[:_NOTE_PREVIEW] + "…"
