"""Fingerprinting files into a case: a job with per-file progress and Cancel, then a plain summary.

Each file is saved as soon as its fingerprint is made (app/evidence.py), so Cancel keeps everything done
before it; the job catches `Cancelled` and still reports what was added, so the summary can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import EvidenceItem
from victim_desk.errors import Cancelled, DeskError
from victim_desk.gui.evidence.drop_zone import choose_files
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.session import Session
from victim_desk.gui.workers import Job
from victim_desk.i18n import Lang


@dataclass
class AddReport:
    added: list[EvidenceItem] = field(default_factory=list)
    failed: list[tuple[Path, DeskError]] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0


class AddFlow(QObject):
    started = Signal()
    finished = Signal(object)  # AddReport
    failed = Signal(object)  # DeskError

    def __init__(self, session: Session, case_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self._parent = parent
        self.job: Job | None = None
        self.progress: JobProgress | None = None
        self.keep_preview = True

    def choose(self) -> None:
        choose_files(
            self._parent,
            self.tr("Choose pictures or videos to fingerprint"),
            [
                self.tr("Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic"
                        " *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)"),
                self.tr("All files (*)"),
            ],
            self.on_files_chosen,
        )  # fmt: skip

    def on_files_chosen(self, names: list[str]) -> None:
        self.start([Path(name) for name in names if name])

    def start(self, files: list[Path]) -> Job | None:
        if not files:
            return None
        desk, case_id, keep_preview = self._session.desk, self._case_id, self.keep_preview

        def work(progress: Progress, cancel: CancelToken) -> AddReport:
            report = AddReport(total=len(files))
            try:
                for path, result in desk.evidence.add(
                    case_id, files, keep_preview=keep_preview, progress=progress, cancel=cancel
                ):
                    if isinstance(result, DeskError):
                        report.failed.append((path, result))
                    else:
                        report.added.append(result)
            except Cancelled:
                report.cancelled = True
            return report

        self.started.emit()
        job = self._session.workers.start(work)
        self.job = job
        self.progress = JobProgress(job, self.tr("Making fingerprints of {count} file(s)…").format(
            count=len(files)), self._parent)  # fmt: skip
        job.signals.succeeded.connect(self.on_job_succeeded)
        job.signals.failed.connect(self.failed)
        return job

    def on_job_succeeded(self, report: AddReport) -> None:
        AddSummaryDialog(report, self._session.lang, self._parent).open()
        self.finished.emit(report)


class AddSummaryDialog(QDialog):
    def __init__(self, report: AddReport, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_add_summary")
        self.setWindowTitle(self.tr("Fingerprints saved"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)

        lines = []
        if report.cancelled:
            lines.append(self.tr("Stopped, as you asked. What was saved before that stays saved."))
        lines.append(self.tr("Added to this case: {added}. Could not be added: {failed}.").format(
            added=len(report.added), failed=len(report.failed)))  # fmt: skip
        if report.cancelled:
            not_done = report.total - len(report.added) - len(report.failed)
            lines.append(self.tr("Not looked at because of the stop: {count}.").format(count=not_done))
        if report.added:
            lines.append(
                self.tr(
                    "Only the fingerprints were saved, not the files themselves. If you may need the "
                    "files later, keep them somewhere safe that only you can reach."
                )
            )
        self.summary = QLabel("\n".join(lines))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)

        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Files that could not be added"))
        if report.failed:
            self.problems.setPlainText(
                "\n".join(f"{path.name}: {error.message(lang)}" for path, error in report.failed)
            )
            layout.addWidget(self.problems, 1)
        else:
            self.problems.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(560, parent.width() if parent is not None else 560))
