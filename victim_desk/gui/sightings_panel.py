"""The selected case's sightings: the table, and what can be done with the rows chosen in it.

Adding one sighting, importing a file, changing status and copying an address all go through the `Desk`;
slow or bulk work runs as a job. Errors land in the window's message strip, in the person's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
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
from victim_desk.gui.sightings_model import SightingsTableModel

_COLUMN_WIDTHS = {0: 120, 1: 150, 2: 140, 4: 220}  # the address column (3) takes the rest


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
        # Fixed row heights and column widths: measuring content would visit all 100,000 rows.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        rows.hide()
        header = self.table.horizontalHeader()
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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
