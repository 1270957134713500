"""Bulk import of sightings from a file: choose it, import it in a worker, say what happened.

Counselors import monitoring sheets with thousands of rows, so the work runs off the GUI thread with a
progress bar and Cancel. Every good row is kept and every bad row is listed with its line number and the
reason, so the person can fix just those lines.

The file dialog is Qt's own, not the platform's: GTK's records chosen files in the desktop's
"recently used" list, which would show someone else where the case files are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.sightings import ImportReport
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.desk import Desk
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.workers import Workers
from victim_desk.i18n import Lang

_MAX_LISTED_PROBLEMS = 1000  # beyond this a list is no longer read; the count still says how many


class ImportFlow(QObject):
    import_started = Signal()  # the job is about to write to the vault
    imported = Signal(object)  # ImportReport
    import_failed = Signal(object)  # DeskError (Cancelled included)

    def __init__(self, desk: Desk, case_id: int, workers: Workers, lang: Lang, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self._case_id = case_id
        self._workers = workers
        self._lang = lang
        self._parent = parent

    def choose_file(self) -> QFileDialog:
        dialog = private_file_dialog(
            self._parent, self.tr("Choose a list of addresses"), "import_file_dialog",
            [self.tr("Lists of addresses (*.txt *.csv)"), self.tr("All files (*)")],
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_file_selected)
        dialog.open()
        return dialog

    def on_file_selected(self, path: str) -> None:
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> None:
        desk, case_id = self._desk, self._case_id

        def work(progress: Progress, cancel: CancelToken) -> ImportReport:
            return desk.sightings.import_file(case_id, path, progress=progress, cancel=cancel)

        self.import_started.emit()
        job = self._workers.start(work)
        JobProgress(job, self.tr("Adding the addresses from the file…"), self._parent)
        job.signals.succeeded.connect(self.on_job_succeeded)
        job.signals.failed.connect(self.import_failed)

    def on_job_succeeded(self, report: ImportReport) -> None:
        ImportSummaryDialog(report, self._lang, self._parent).open()
        self.imported.emit(report)


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_summary")
        self.setWindowTitle(self.tr("Import finished"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        summary = self.tr("Addresses added: {added}. Lines that could not be used: {problems}.").format(
            added=len(report.added), problems=len(report.errors)
        )
        if report.duplicates:
            summary += " " + self.tr("Already recorded, so not saved again: {count}.").format(
                count=len(report.duplicates)
            )
        self.summary = QLabel(summary)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)

        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        if report.errors:
            hint = QLabel(
                self.tr("These lines were skipped. You can fix them and import just those lines again.")
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
            lines = [
                self.tr("Line {line}: {problem}").format(line=row.line, problem=row.error.message(lang))
                for row in report.errors[:_MAX_LISTED_PROBLEMS]
            ]
            if len(report.errors) > _MAX_LISTED_PROBLEMS:
                lines.append(
                    self.tr("… and {more} more.").format(more=len(report.errors) - _MAX_LISTED_PROBLEMS)
                )
            self.problems.setPlainText("\n".join(lines))
            layout.addWidget(self.problems, 1)
        else:
            self.problems.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
