"""Hash lists out of a case and into the vault, as `hashlist export` / `hashlist import` do.

Export asks before replacing a file (Qt's own question is turned off so that the refusal is ours, in
`safe_output`: nothing is overwritten unless the person said yes here). The written list carries neutral
labels, never file names (app/evidence.py). Import refuses a malformed list whole and says which line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from victim_desk.app.evidence import HashListFormat
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.session import Session
from victim_desk.gui.workers import Job


class HashListFlow(QObject):
    exported = Signal(int, str)  # rows, path
    imported = Signal(int)  # rows
    failed = Signal(object)  # DeskError
    job_done = Signal()  # after exported / imported / failed was handled

    def __init__(self, session: Session, case_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._parent = parent
        self.job: Job | None = None
        self.confirm: QMessageBox | None = None
        self._export_path = Path()
        self._replace: tuple[Path, HashListFormat] = (Path(), "csv")
        self.csv_filter = self.tr("CSV for hash-sharing programmes (*.csv)")
        self.jsonl_filter = self.tr("JSON Lines, with video frames, for this app (*.jsonl)")

    # --- export -------------------------------------------------------------------------------------

    def choose_export(self) -> QFileDialog:
        dialog = private_file_dialog(
            self._parent, self.tr("Save the case's hash list"), "hashlist_export_dialog",
            [self.csv_filter, self.jsonl_filter], save=True, suggested="hashes.csv",
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_export_dialog_chosen)
        dialog.open()
        return dialog

    def on_export_dialog_chosen(self, name: str) -> None:
        dialog = self.sender()
        chosen = dialog.selectedNameFilter() if isinstance(dialog, QFileDialog) else ""
        self.on_export_chosen(name, chosen)

    def on_export_chosen(self, name: str, name_filter: str) -> None:
        if not name:
            return
        path = Path(name)
        fmt: HashListFormat = "jsonl" if name_filter == self.jsonl_filter else "csv"
        if path.suffix.lower() in (".jsonl", ".json"):
            fmt = "jsonl"
        elif not path.suffix:
            path = path.with_suffix(".jsonl" if fmt == "jsonl" else ".csv")
        if path.exists():
            self.ask_to_replace(path, fmt)
        else:
            self.export(path, fmt, force=False)

    def ask_to_replace(self, path: Path, fmt: HashListFormat) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Replace the file?"),
            self.tr("{name} already exists. Replace it with the case's hash list?").format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent,
        )
        box.setObjectName("hashlist_replace")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._replace = (path, fmt)
        box.finished.connect(self.on_replace_answered)
        self.confirm = box
        box.open()
        return box

    def on_replace_answered(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            path, fmt = self._replace
            self.export(path, fmt, force=True)

    def export(self, path: Path, fmt: HashListFormat, *, force: bool) -> Job:
        desk, case_id = self._session.desk, self._case_id

        def work(progress: Progress, cancel: CancelToken) -> int:
            return desk.evidence.export_hash_list(case_id, path, force=force, fmt=fmt)

        self._export_path = path
        job = self._start(work, self.tr("Writing the hash list…"))
        job.signals.succeeded.connect(self.on_export_succeeded)
        return job

    def on_export_succeeded(self, rows: int) -> None:
        self.exported.emit(int(rows), str(self._export_path))

    # --- import -------------------------------------------------------------------------------------

    def choose_import(self) -> QFileDialog:
        dialog = private_file_dialog(
            self._parent, self.tr("Choose a hash list to import"), "hashlist_import_dialog",
            [self.tr("Hash lists (*.csv *.jsonl *.json *.txt)"), self.tr("All files (*)")],
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_import_chosen)
        dialog.open()
        return dialog

    def on_import_chosen(self, name: str) -> None:
        if name:
            self.import_list(Path(name))

    def import_list(self, path: Path) -> Job:
        desk = self._session.desk

        def work(progress: Progress, cancel: CancelToken) -> int:
            return desk.evidence.import_hash_list(path)

        job = self._start(work, self.tr("Reading the hash list…"))
        job.signals.succeeded.connect(self.on_import_succeeded)
        return job

    def on_import_succeeded(self, rows: int) -> None:
        self.imported.emit(int(rows))

    def _start(self, work: object, label: str) -> Job:
        job = self._session.workers.start(work)  # type: ignore[arg-type]
        self.job = job
        JobProgress(job, label, self._parent)
        job.signals.failed.connect(self.failed)
        job.signals.finished.connect(self.job_done)
        return job
