"""A case's evidence: fingerprint files into it, see what was saved, and move hash lists in and out.

The list shows what the vault keeps about each file (kind, size, when, a short fingerprint and what the
file said about its making). A chosen item's preview is blurred on its pixels and only shown after a
click or a key on that preview; it is blurred again when the choice changes, when the tab is left, when
the window loses focus, and the whole page is thrown away when the vault locks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from victim_desk.core.model import Case, EvidenceItem
from victim_desk.core.provenance import describe, has_hidden
from victim_desk.core.provenance.plain import plain_indicators
from victim_desk.errors import DeskError
from victim_desk.gui.evidence.add_flow import AddFlow, AddReport
from victim_desk.gui.evidence.blurred_preview import BlurredPreview
from victim_desk.gui.evidence.drop_zone import DropZone
from victim_desk.gui.evidence.hashlist_flow import HashListFlow
from victim_desk.gui.page import Page
from victim_desk.gui.session import Session
from victim_desk.i18n import t

COLUMNS = 6  # file, kind, size, added, fingerprint, AI-made indicators


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


class EvidencePage(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("EvidencePage", "Evidence")

    def __init__(self, session: Session, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_page")
        self._session = session
        self._desk = session.desk
        self._lang = session.lang
        self.case_id = case.id
        self._closed = False
        self.items: list[EvidenceItem] = []
        self._watched: QObject | None = None

        self.drop_zone = DropZone(
            self.tr("Drop pictures or videos here to fingerprint them into this case."),
            self.tr("Choose files…"),
        )
        self.drop_zone.files_dropped.connect(self.add_files)
        self.keep_preview = QCheckBox(self.tr("Also keep a tiny, heavily blurred preview of each picture"))
        self.keep_preview.setObjectName("keep_preview")
        self.keep_preview.setChecked(True)
        self.note = QLabel(
            self.tr(
                "The vault keeps a fingerprint of each file, not the file itself. If you may need the "
                "files later (for the police or a lawyer), keep the originals somewhere safe."
            )
        )
        self.note.setObjectName("original_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #3b4650;")

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("evidence_table")
        self.table.setAccessibleName(self.tr("Evidence in this case"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Kind"), self.tr("Size"), self.tr("Added"), self.tr("Fingerprint"),
             self.tr("AI-made indicators")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)

        self.preview = BlurredPreview()
        self.reveal_button = QPushButton(self.tr("Show preview"))
        self.reveal_button.setObjectName("reveal_preview")
        self.reveal_button.clicked.connect(self.preview.toggle)
        self.preview.revealed_changed.connect(self.on_revealed_changed)
        # Read-only text that wraps anywhere: a 64-digit hash must not push the window wider.
        self.details = QPlainTextEdit()
        self.details.setObjectName("evidence_details")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("About the chosen item"))
        self.details.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.details.setTabChangesFocus(True)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.reveal_button)
        below = QWidget()
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(0, 4, 0, 0)
        below_layout.addWidget(preview_box, 1)
        below_layout.addWidget(self.details, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.export_button = QPushButton(self.tr("Export hash list…"))
        self.export_button.setObjectName("export_hashlist")
        self.import_button = QPushButton(self.tr("Import a hash list…"))
        self.import_button.setObjectName("import_hashlist")
        self.count = QLabel()
        self.count.setObjectName("evidence_count")
        self.count.setStyleSheet("color: #3b4650;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.keep_preview)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        for widget in (self.keep_preview, self.reveal_button, self.export_button, self.import_button):
            widget.setAccessibleName(widget.text())

        self.add_flow = AddFlow(session, case.id, self)
        self.add_flow.finished.connect(self.on_added)
        self.add_flow.failed.connect(self.on_job_failed)
        self.drop_zone.choose_clicked.connect(self.on_choose_clicked)
        self.hashlists = HashListFlow(session, case.id, self)
        self.hashlists.exported.connect(self.on_exported)
        self.hashlists.imported.connect(self.on_imported)
        self.hashlists.failed.connect(self.on_job_failed)
        self.export_button.clicked.connect(self.hashlists.choose_export)
        self.import_button.clicked.connect(self.hashlists.choose_import)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self.on_application_state_changed)
        self.reload()

    # --- adding -------------------------------------------------------------------------------------

    def on_choose_clicked(self) -> None:
        self.add_flow.keep_preview = self.keep_preview.isChecked()
        self.add_flow.choose()

    def add_files(self, files: list[Path]) -> None:
        """Fingerprint `files` into the case (what a drop or the file dialog leads to)."""
        self.add_flow.keep_preview = self.keep_preview.isChecked()
        self.add_flow.start(files)

    def on_added(self, report: AddReport) -> None:
        if self._closed:
            return
        self.reload()
        if report.added:
            self.select(report.added[-1].id)
        self.case_changed.emit()

    # --- hash lists ---------------------------------------------------------------------------------

    def on_exported(self, rows: int, path: str) -> None:
        if not self._closed:
            self._session.banner.show_info(
                self.tr("Hash list saved: {rows} row(s) in {name}. It holds fingerprints only, no pictures "
                        "and no file names.").format(rows=rows, name=Path(path).name)
            )  # fmt: skip

    def on_imported(self, rows: int) -> None:
        if not self._closed:
            self._session.banner.show_info(
                self.tr("Hash list imported: {rows} entries. From now on, \"Is this one of ours?\" also "
                        "recognises them.").format(rows=rows)
            )  # fmt: skip

    def on_job_failed(self, error: DeskError) -> None:
        if self._closed:
            return
        self._session.banner.show_error(error.message(self._lang))
        self.reload()

    # --- the list -----------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._closed:
            return
        chosen = self.selected_item()
        self.items = self._desk.evidence.list(self.case_id)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for column, text in enumerate(self.row_texts(item)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.count.setText(self.tr("Items in this case: {count}").format(count=len(self.items)))
        self.export_button.setEnabled(bool(self.items))
        if chosen is not None:
            self.select(chosen.id)
        else:
            self.on_selection_changed()

    def row_texts(self, item: EvidenceItem) -> list[str]:
        kind = self.tr("video") if item.kind == "video" else self.tr("image")
        added = item.added_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if item.pdq:
            fingerprint = self.tr("PDQ {pdq}… · SHA-256 {sha}…").format(pdq=item.pdq[:8], sha=item.sha256[:8])
        else:
            fingerprint = self.tr("SHA-256 {sha}…").format(sha=item.sha256[:8])
        indicators = "\n".join(plain_indicators(item.provenance, self._lang))
        return [item.file_name, kind, human_size(item.size), added, fingerprint, indicators]

    def selected_item(self) -> EvidenceItem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.items):
            return None
        return self.items[rows[0].row()]

    def select(self, evidence_id: int) -> None:
        for row, item in enumerate(self.items):
            if item.id == evidence_id:
                self.table.selectRow(row)
                return

    def on_selection_changed(self) -> None:
        item = self.selected_item()
        if item is None:
            self.preview.clear_preview(self.tr("Choose an item to see its blurred preview."))
            self.details.setPlainText("")
        else:
            data = self._desk.evidence.preview(item.id) if item.has_preview else None
            self.preview.set_preview(data, self.tr("No preview was kept for this item."))
            self.details.setPlainText(self.detail_text(item))
        self.reveal_button.setEnabled(self.preview.has_image)
        self.on_revealed_changed(self.preview.revealed)

    def detail_text(self, item: EvidenceItem) -> str:
        lines = [item.file_name, self.tr("SHA-256: {sha}").format(sha=item.sha256)]
        if item.pdq:
            lines.append(
                self.tr("PDQ: {pdq} (quality {quality})").format(pdq=item.pdq, quality=item.pdq_quality)
            )
        lines.append("")
        if item.provenance is None:
            lines.extend(plain_indicators(None, self._lang))
        else:
            lines.append(t("provenance.heading", self._lang))
            lines.extend(f"• {line}" for line in describe(item.provenance, self._lang))
            if has_hidden(item.provenance):
                lines.append(f"• {t('provenance.hidden_parameters', self._lang)}")
        return "\n".join(lines)

    def on_revealed_changed(self, revealed: bool) -> None:
        self.reveal_button.setText(self.tr("Blur again") if revealed else self.tr("Show preview"))
        self.reveal_button.setAccessibleName(self.reveal_button.text())

    # --- blurring again when the person looks away --------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window

    def hideEvent(self, event: object) -> None:
        self.preview.blur()  # the tab was left, or the workspace is going away
        super().hideEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowDeactivate, QEvent.Type.Hide, QEvent.Type.WindowStateChange):
            self.preview.blur()
        return False

    def on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and not self._closed:
            self.preview.blur()

    def refresh(self) -> None:
        self.reload()

    def close_down(self) -> None:
        self._closed = True
        self.preview.clear_preview("")
        self.items = []
        self.table.setRowCount(0)
        self.details.clear()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.disconnect(self.on_application_state_changed)
