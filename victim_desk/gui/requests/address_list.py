"""The letter wizard's list of addresses to include: checkable rows in a model/view list with a filter.

A counselor's case can hold tens of thousands of addresses (an import of a monitoring export). A list of
widget items built one Python call per row took seconds there (2.4 s to open the wizard at 20,000, see
benchmarks/bench_gui_wizard.py); here the rows are plain tuples in a model, the view asks only for the
rows it shows (all rows the same height, so nothing is measured), and ticking many rows at once ("Tick all
shown" after filtering) is one change, followed by one new draft, not one per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AddressRow:
    sighting_id: int
    platform: str
    text: str  # what the row says: "<platform name> · <address>"


class AddressModel(QAbstractListModel):
    """Rows of addresses, each ticked or not; `checks_changed` after any change of the ticks."""

    checks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AddressRow] = []
        self.checked: list[bool] = []

    def set_rows(self, rows: Sequence[AddressRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.checked = [False] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[row].text
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self.checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.rows[row].text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if self.checked[index.row()] != on:
            self.checked[index.row()] = on
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.checks_changed.emit()
        return True

    def set_checked(self, rows: Sequence[int] | None, on: bool) -> None:
        """Tick (or untick) `rows` (None: every row) in one change."""
        targets = range(len(self.rows)) if rows is None else rows
        changed = False
        for row in targets:
            if self.checked[row] != on:
                self.checked[row] = on
                changed = True
        if changed and self.rows:
            roles = [Qt.ItemDataRole.CheckStateRole]
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), roles)
            self.checks_changed.emit()

    def check_only(self, wanted: Callable[[AddressRow], bool]) -> None:
        """Tick exactly the rows `wanted` says, in one change (e.g. those on the recipient's platform)."""
        self.checked = [wanted(row) for row in self.rows]
        if self.rows:
            roles = [Qt.ItemDataRole.CheckStateRole]
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), roles)
        self.checks_changed.emit()

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(row.sighting_id for row, on in zip(self.rows, self.checked, strict=True) if on)

    def checked_texts(self) -> list[str]:
        return [row.text for row, on in zip(self.rows, self.checked, strict=True) if on]


class AddressPicker(QWidget):
    """The filter box, the list (object name "urls") and "tick / untick all shown"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AddressModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setObjectName("urls_filter")
        self.filter.setPlaceholderText(self.tr("Filter the addresses (part of an address or a platform)"))
        self.filter.setAccessibleName(self.tr("Filter the addresses"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.on_filter_text_changed)
        self.view = QListView()
        self.view.setObjectName("urls")
        self.view.setAccessibleName(self.tr("Addresses to include"))
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)  # never measures 20,000 rows
        self.view.setMinimumHeight(self.fontMetrics().height() * 6)
        self.tick_shown = QPushButton(self.tr("Tick all shown"))
        self.tick_shown.setObjectName("tick_shown")
        self.tick_shown.clicked.connect(self.on_tick_shown_clicked)
        self.untick_shown = QPushButton(self.tr("Untick all shown"))
        self.untick_shown.setObjectName("untick_shown")
        self.untick_shown.clicked.connect(self.on_untick_shown_clicked)
        self.count = QLabel()
        self.count.setObjectName("urls_count")
        self.count.setStyleSheet("color: #3d3d3d;")
        for button in (self.tick_shown, self.untick_shown):
            button.setAccessibleName(button.text())
        self.model.checks_changed.connect(self.update_count)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.tick_shown)
        row.addWidget(self.untick_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def on_filter_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.update_count()

    def shown_rows(self) -> list[int]:
        """The model rows the filter lets through."""
        proxy = self.proxy
        return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]

    def on_tick_shown_clicked(self) -> None:
        self.model.set_checked(self.shown_rows(), True)

    def on_untick_shown_clicked(self) -> None:
        self.model.set_checked(self.shown_rows(), False)

    def update_count(self) -> None:
        ticked, total, shown = sum(self.model.checked), len(self.model.rows), self.proxy.rowCount()
        text = self.tr("{ticked} of {total} ticked").format(ticked=ticked, total=total)
        if shown != total:
            text += " · " + self.tr("{shown} shown").format(shown=shown)
        self.count.setText(text)
