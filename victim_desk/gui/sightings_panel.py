"""The selected case's sightings: the table, and what can be done with the rows chosen in it.

Adding one sighting, importing a file, changing status and copying an address all go through the `Desk`;
slow or bulk work runs as a job. Errors land in the window's message strip, in the person's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.sightings import ImportReport
from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.model import Case, Sighting, SightingStatus
from victim_desk.errors import Cancelled, DeskError
from victim_desk.gui.import_flow import ImportFlow
from victim_desk.gui.labels import status_labels
from victim_desk.gui.page import Page
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.session import Session
from victim_desk.gui.sighting_dialog import AddSightingDialog
from victim_desk.gui.sightings_model import COLUMNS, SightingsTableModel

# Column sizing follows the font, so 200 % scaling or a large system font widens every column in step
# while the address keeps the most room. Each other column asks for its natural width (status, platform
# and date: their contents and heading, measured on the rows on screen and a bounded number around them,
# never all of a 100,000-row case; the note: about 24 characters); the address stretches over the rest.
# When the row is too narrow for that, the note yields first, then the widest of the others are trimmed
# to one common width, so the address stays the widest and, room allowing, keeps over a third of the row
# ("Meta (Facebook, Instagram)" at 24 pt would otherwise take 456 px and leave the address 112).
_STRETCH = "url"
_ADDRESS_SHARE = 0.35  # the address keeps at least this much of the row, and more than any other column
_NOTE_CHARS = 24
_MEASURED_ROWS = 300
# Widths the person dragged, by column name: kept while the app runs (each case's table is built anew),
# never written to disk (Qt's settings are pointed nowhere on purpose, see gui/app.py).
_chosen_widths: dict[str, int] = {}


def share_widths(
    natural: dict[str, int],
    chosen: dict[str, int],
    room: int,
    minimum: int,
    *,
    yields_first: str = "note",
    address_share: float = _ADDRESS_SHARE,
) -> dict[str, int]:
    """Widths for the columns beside the stretched one (the address), in a row `room` wide.

    `chosen` widths stay as the person set them; the others get their `natural` width while the address,
    which takes what is left, is still wider than each of them and has at least `address_share` of the
    row. Otherwise `yields_first` (the note, whose full text is in its tooltip) shrinks, down to `minimum`;
    if the address is then still narrower than another column, the widest of the rest are trimmed to the
    largest common width that keeps the address wider still. Never below `minimum` (the table then
    scrolls sideways).
    """
    fixed = dict(chosen)
    free = {name: width for name, width in natural.items() if name not in fixed}
    floor = int(room * address_share)
    if yields_first in free:
        rest = {name: width for name, width in free.items() if name != yields_first}
        cap, fits = _largest_cap({yields_first: free[yields_first]}, {**fixed, **rest}, room, minimum, floor)
        if fits:
            return {**rest, yields_first: min(free[yields_first], cap), **fixed}
        fixed[yields_first] = minimum
        free = rest
    # The short columns are trimmed only so the address stays the widest, not for its share: whole dates
    # and statuses matter more than a longer piece of an address (its tooltip has all of it).
    cap, _ = _largest_cap(free, fixed, room, minimum, 0)
    return {**{name: min(width, cap) for name, width in free.items()}, **fixed}


def _largest_cap(
    free: dict[str, int], fixed: dict[str, int], room: int, minimum: int, floor: int
) -> tuple[int, bool]:
    """The largest common cap on `free` widths that leaves the rest of `room` wider than every column and
    than `floor`, and whether even that fits (else the cap is `minimum`)."""

    def fits(cap: int) -> bool:
        widths = [*fixed.values(), *(max(minimum, min(width, cap)) for width in free.values())]
        return sum(widths) + max([floor, *widths]) < room

    low, high = minimum, max([minimum, *free.values()])
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low, fits(low)


class SightingsPanel(Page):
    """Emits `case_changed` when sightings were added or changed (the case list shows their count)."""

    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("SightingsPanel", "Sightings")

    def __init__(self, session: Session, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sightings_panel")
        self._desk = session.desk
        self.case_id = case.id
        self._workers = session.workers
        self._clipboard = session.clipboard
        self._banner = session.banner
        self._lang = session.lang
        self._closed = False

        title = QLabel(case.title)
        title.setObjectName("case_title")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")

        self.add_button = QPushButton(self.tr("Add sighting…"))
        self.add_button.setObjectName("add_sighting")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.import_button = QPushButton(self.tr("Import from file…"))
        self.import_button.setObjectName("import_sightings")
        self.import_button.clicked.connect(self.on_import_clicked)
        self.status_button = QPushButton(self.tr("Set status"))
        self.status_button.setObjectName("set_status")
        self.status_button.setMenu(self._status_menu())
        self.copy_button = QPushButton(self.tr("Copy address"))
        self.copy_button.setObjectName("copy_url")
        self.copy_button.clicked.connect(self.copy_selected_urls)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.status_button, self.copy_button):
            buttons.addWidget(button)

        self.model = SightingsTableModel(lambda: session.desk.sightings.list(case.id), self)
        self.table = QTableView()
        self.table.setObjectName("sightings_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_table_context_menu_requested)
        # Fixed row heights: measuring each row would visit all 100,000 of them.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        rows.hide()
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

        self.count = QLabel()
        self.count.setObjectName("sighting_count")
        self.count.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self._import = ImportFlow(session.desk, case.id, session.workers, session.lang, self)
        self._import.import_started.connect(self.on_import_started)
        self._import.imported.connect(self.on_imported)
        self._import.import_failed.connect(self.on_job_failed)
        self.model.fetchMore()
        self._case_count = case.sightings
        self._update_count()
        self.on_selection_changed()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for view_header in (header, self.table.verticalHeader()):
            view_header.setResizeContentsPrecision(_MEASURED_ROWS)
        header.setMinimumSectionSize(self.table.fontMetrics().horizontalAdvance("M") * 4)
        for column, name in enumerate(COLUMNS):
            mode = QHeaderView.ResizeMode.Stretch if name == _STRETCH else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        self._fitting = False
        self.fitted_for = 0  # the table width the columns were last fitted to (tests wait for it)
        # Many triggers (a batch of rows, a resize, a status change) become one fit, after they settle.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        # Measuring the rows costs ~50 ms (300 rows, 3 columns), so it is done when they change, not on every
        # resize of the window: a resize only shares out the widths already measured.
        self._natural: dict[str, int] | None = None
        for signal in (self.model.rowsInserted, self.model.modelReset, self.model.dataChanged):
            signal.connect(self._contents_changed)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)
        header.sectionResized.connect(self.on_section_resized)

    def _contents_changed(self) -> None:
        self._natural = None
        self._fit_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._contents_changed()
        elif event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def _natural_widths(self) -> dict[str, int]:
        header = self.table.horizontalHeader()
        natural: dict[str, int] = {}
        for column, name in enumerate(COLUMNS):
            if name == _STRETCH:
                continue
            if name == "note":
                natural[name] = self.table.fontMetrics().averageCharWidth() * _NOTE_CHARS
            else:
                natural[name] = max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))
        return natural

    def fit_columns(self) -> None:
        """Give each column its width for the current font, contents and window (see share_widths)."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        if room <= 0 or self._closed:
            return
        if self._natural is None:
            self._natural = self._natural_widths()
        natural = self._natural
        chosen = {name: width for name, width in _chosen_widths.items() if name in natural}
        minimum = self.table.fontMetrics().horizontalAdvance("M") * 4  # the font may have changed
        header.setMinimumSectionSize(minimum)
        widths = share_widths(natural, chosen, room, minimum)
        self._fitting = True
        try:
            for column, name in enumerate(COLUMNS):
                if name in widths:
                    header.resizeSection(column, widths[name])
        finally:
            self._fitting = False
        self.fitted_for = room

    def on_section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and COLUMNS[column] != _STRETCH:
            _chosen_widths[COLUMNS[column]] = new  # the person dragged it

    # --- adding ------------------------------------------------------------------------------------

    def open_add_dialog(self) -> AddSightingDialog:
        desk, case_id = self._desk, self.case_id

        def save(url: str, platform: str | None, seen: str | None, note: str) -> Sighting:
            return desk.sightings.add(case_id, url, platform, seen, note)

        dialog = AddSightingDialog(save, self._lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sighting_added.connect(self.on_sighting_added)
        dialog.open()
        return dialog

    def on_sighting_added(self, sighting: Sighting) -> None:
        self.model.added(sighting)
        self._case_count += 1
        self._update_count()
        row = self.model.row_of(sighting.id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._banner.show_info(self.tr("Saved."))
        self.case_changed.emit()

    def on_import_clicked(self) -> None:
        self._import.choose_file()

    def import_file(self, path: Path) -> None:
        """Import `path` directly: what the file dialog leads to once a file is chosen."""
        self._import.start(path)

    def on_import_started(self) -> None:
        self.model.set_paused(True)

    def on_imported(self, report: ImportReport) -> None:
        if self._closed:
            return
        self._case_count += len(report.added)
        self._reload()

    # --- status and copying -------------------------------------------------------------------------

    def _status_menu(self) -> QMenu:
        menu = QMenu(self)
        for status, label in status_labels().items():
            action = QAction(label, menu)
            action.setObjectName(f"status_{status}")
            action.setData(status)
            action.triggered.connect(self.on_status_action_triggered)
            menu.addAction(action)
        return menu

    def on_status_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.set_status(SightingStatus(action.data()))

    def set_status(self, status: SightingStatus) -> None:
        ids = [self.model.sighting(row).id for row in self._selected_rows()]
        if not ids:
            return
        desk = self._desk

        def work(progress: Progress, cancel: CancelToken) -> list[Sighting]:
            changed = []
            for done, sighting_id in enumerate(ids, 1):
                check(cancel)
                changed.append(desk.sightings.set_status(sighting_id, str(status)))
                progress(done, len(ids))
            return changed

        self.model.set_paused(True)
        job = self._workers.start(work)
        JobProgress(job, self.tr("Changing the status…"), self)
        job.signals.succeeded.connect(self.on_status_changed)
        job.signals.failed.connect(self.on_job_failed)

    def on_status_changed(self, sightings: list[Sighting]) -> None:
        if self._closed:
            return
        self.model.set_paused(False)
        self.model.replaced(sightings)
        self._banner.show_info(self.tr("Status changed."))

    def copy_selected_urls(self) -> None:
        urls = [self.model.sighting(row).url for row in self._selected_rows()]
        if not urls:
            return
        self._clipboard.copy("\n".join(urls))
        self._banner.show_info(
            self.tr("Copied. The clipboard will be cleared in {seconds} seconds.").format(
                seconds=self._clipboard.clear_seconds
            )
        )

    def on_table_context_menu_requested(self, pos: QPoint) -> None:
        if not self._selected_rows():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Copy address"), self.copy_selected_urls)
        menu.addSeparator()
        for action in self.status_button.menu().actions():
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- shared -------------------------------------------------------------------------------------

    def on_job_failed(self, error: DeskError) -> None:
        if self._closed:
            return
        self._banner.show_error(error.message(self._lang))
        if isinstance(error, Cancelled):
            # Batches saved before the cancel are kept; count them again from the vault.
            self._case_count = next(
                (c.sightings for c in self._desk.cases.list() if c.id == self.case_id), self._case_count
            )
        self._reload()

    def on_selection_changed(self) -> None:
        has_rows = bool(self.table.selectionModel().hasSelection())
        self.status_button.setEnabled(has_rows)
        self.copy_button.setEnabled(has_rows)

    def refresh(self) -> None:
        # Other screens change sightings too (a letter marks its addresses as requested); a running job
        # reloads the table itself when it ends.
        if not self._closed and not self._workers.busy:
            self.model.reload()

    def close_down(self) -> None:
        """The vault is about to lock: stop reading from it and ignore jobs that report late."""
        self._closed = True
        self.model.drop_source()

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def _reload(self) -> None:
        self.model.set_paused(False)
        self.model.reload()
        self._update_count()
        self.case_changed.emit()

    def _update_count(self) -> None:
        self.count.setText(self.tr("Sightings in this case: {count}").format(count=self._case_count))
