""" "Is this one of ours?": drop or choose new files and see which stored evidence each one is.

Across every case and every imported hash list, as `victim-desk match` does (app/evidence.py
`Evidence.match_files`), or only against a hash list file someone gave, without importing it, as
`victim-desk match --against LIST` does (the same `matching.read_known_list`). Each result says which
item and how it was recognised, in words a person can use: the same file, a near-identical picture, the
same picture inside a crop or frame, or a frame of a stored video. "No match" is said plainly, with what
it does and does not mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.evidence import FoundMatch
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.errors import Cancelled, DeskError
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.evidence.drop_zone import DropZone, choose_files
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.page import Page
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.session import Session
from victim_desk.gui.workers import Job


@dataclass
class MatchReport:
    results: list[tuple[Path, Sequence[FoundMatch] | DeskError]] = field(default_factory=list)
    cancelled: bool = False
    against: Path | None = None  # the hash list file compared with, or None for the vault


class MatchPage(Page):
    job_done = Signal(object)  # MatchReport, after the results are shown

    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("MatchPage", "Is this one of ours?")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("match_page")
        self._session = session
        self._closed = False
        self.job: Job | None = None
        self.progress: JobProgress | None = None
        self.against: Path | None = None  # the chosen hash list file (used while "a list" is chosen)

        intro = QLabel(
            self.tr(
                "Found a picture or video online and want to know whether it is one you already saved? "
                "Drop it here. It is compared with the evidence of every case and with imported hash "
                "lists. Nothing is saved and nothing leaves this computer."
            )
        )
        intro.setWordWrap(True)
        self.drop_zone = DropZone(
            self.tr("Drop files here to check them."), self.tr("Choose files to check…")
        )
        self.drop_zone.files_dropped.connect(self.check_files)
        self.drop_zone.choose_clicked.connect(self.on_choose_clicked)
        source = self._build_source()
        self.results = QTreeWidget()
        self.results.setObjectName("match_results")
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setHeaderLabels([self.tr("File"), self.tr("Result")])
        self.results.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("match_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(source)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)

    # --- what to compare with -----------------------------------------------------------------------

    def _build_source(self) -> QGroupBox:
        box = QGroupBox(self.tr("Compare with"))
        self.use_vault = QRadioButton(
            self.tr("Everything saved in this vault (every case and imported lists)")
        )
        self.use_vault.setObjectName("match_against_vault")
        self.use_vault.setChecked(True)
        self.use_list = QRadioButton(self.tr("Only a hash list file someone gave you (it is not imported)"))
        self.use_list.setObjectName("match_against_list")
        group = QButtonGroup(self)
        group.addButton(self.use_vault)
        group.addButton(self.use_list)
        self.list_name = QLabel(self.tr("No list chosen yet."))
        self.list_name.setObjectName("match_list_name")
        self.list_name.setTextFormat(Qt.TextFormat.PlainText)
        self.list_name.setWordWrap(True)
        self.choose_list_button = QPushButton(self.tr("Choose a list…"))
        self.choose_list_button.setObjectName("match_choose_list")
        self.choose_list_button.clicked.connect(self.choose_list)
        self.source_error = inline_error_label()
        for widget in (self.use_vault, self.use_list, self.choose_list_button):
            widget.setAccessibleName(widget.text())
        self.use_list.toggled.connect(self.on_use_list_toggled)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(self.list_name, 1)
        row.addWidget(self.choose_list_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.use_vault)
        layout.addWidget(self.use_list)
        layout.addLayout(row)
        layout.addWidget(self.source_error)
        self.on_use_list_toggled(False)
        return box

    def on_use_list_toggled(self, on: bool) -> None:
        self.choose_list_button.setEnabled(on)  # the label stays enabled: greyed text would be too faint
        self.source_error.hide()
        if on and self.against is None:
            self.choose_list()

    def choose_list(self) -> QFileDialog:
        """Qt's own dialog (no "recently used" entry) for one list file: what `match --against` reads."""
        dialog = private_file_dialog(
            self, self.tr("Choose a hash list"), "match_list_dialog",
            [self.tr("Hash lists (*.csv *.jsonl *.json *.txt)"), self.tr("All files (*)")],
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_list_selected)
        dialog.open()
        return dialog

    def on_list_selected(self, name: str) -> None:
        if not name:
            return
        self.against = Path(name)
        self.list_name.setText(self.tr("List: {name}").format(name=self.against.name))
        self.use_list.setChecked(True)
        self.source_error.hide()

    def current_against(self) -> Path | None:
        return self.against if self.use_list.isChecked() else None

    # --- checking -----------------------------------------------------------------------------------

    def on_choose_clicked(self) -> None:
        choose_files(
            self,
            self.tr("Choose files to check"),
            [self.tr("Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic"
                     " *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)"), self.tr("All files (*)")],
            lambda names: self.check_files([Path(n) for n in names if n]),
        )  # fmt: skip

    def check_files(self, files: list[Path]) -> Job | None:
        if not files:
            return None
        if self.use_list.isChecked() and self.against is None:
            self.source_error.setText(self.tr("Please choose the hash list to compare with first."))
            self.source_error.show()
            return None
        desk, against = self._session.desk, self.current_against()

        def work(progress: Progress, cancel: CancelToken) -> MatchReport:
            report = MatchReport(against=against)
            try:
                for path, outcome in desk.evidence.match_files(
                    files, against=against, progress=progress, cancel=cancel
                ):
                    report.results.append((path, outcome))
            except Cancelled:
                report.cancelled = True
            return report

        job = self._session.workers.start(work)
        self.job = job
        self.progress = JobProgress(job, self.tr("Comparing {count} file(s)…").format(count=len(files)), self)
        job.signals.succeeded.connect(self.on_checked)
        job.signals.failed.connect(self.on_job_failed)
        return job

    def on_checked(self, report: MatchReport) -> None:
        if self._closed:
            return
        self.results.clear()
        titles = {case.id: case.title for case in self._session.desk.cases.list()}
        found = 0
        for path, outcome in report.results:
            top = QTreeWidgetItem([path.name, ""])
            if isinstance(outcome, DeskError):
                top.setText(1, self.tr("Could not be checked: {reason}").format(
                    reason=outcome.message(self._session.lang)))  # fmt: skip
            elif not outcome and report.against is not None:
                top.setText(1, self.tr("No match: not recognised as any entry of the list."))
            elif not outcome:
                top.setText(1, self.tr("No match: not recognised as any saved item or hash-list entry."))
            else:
                found += 1
                top.setText(1, self.tr("Matches {count} saved item(s)").format(count=len(outcome)))
                for match in outcome:
                    top.addChild(
                        QTreeWidgetItem([self.where(match, titles, report.against), self.how(match)])
                    )
            self.results.addTopLevelItem(top)
            top.setExpanded(True)
        lines = [self.tr("Checked: {checked}. Recognised: {found}.").format(
            checked=len(report.results), found=found)]  # fmt: skip
        if report.cancelled:
            lines.insert(0, self.tr("Stopped, as you asked. The files checked so far are shown."))
        if len(report.results) > found:
            lines.append(
                self.tr("\"No match\" means it was not recognised; a heavily changed copy can still be the "
                        "same material.")
            )  # fmt: skip
        self.summary.setText(" ".join(lines))
        self.results.resizeColumnToContents(0)
        self.job_done.emit(report)

    def where(self, match: FoundMatch, titles: dict[int, str], against: Path | None = None) -> str:
        if against is not None:
            return self.tr("In the list {list}: {label}").format(list=against.name, label=match.label)
        if match.evidence_id is None:
            return self.tr("Imported hash list: {label}").format(label=match.label)
        title = titles.get(match.case_id or -1, "")
        return self.tr("Case \"{case}\", item {item}: {file}").format(
            case=title, item=match.evidence_id, file=match.file_name or "")  # fmt: skip

    def how(self, match: FoundMatch) -> str:
        if match.method == "exact":
            how = self.tr("exact: the very same file")
        elif match.method == "pdq":
            how = self.tr("near-identical picture (PDQ distance {distance} of 256)").format(
                distance=match.distance)  # fmt: skip
        elif match.method == "pdq-dihedral":
            how = self.tr("mirrored or turned copy (PDQ distance {distance} of 256)").format(
                distance=match.distance)  # fmt: skip
        else:
            how = self.tr("the same picture inside a crop, caption or frame (robust features)")
        if match.video_frame:
            return self.tr("a frame of the stored video: {how}").format(how=how)
        return how

    def on_job_failed(self, error: DeskError) -> None:
        if not self._closed:
            self._session.banner.show_error(error.message(self._session.lang))

    def close_down(self) -> None:
        self._closed = True
        self.results.clear()
        self.summary.clear()
