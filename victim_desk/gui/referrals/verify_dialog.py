""" "Verify a package someone gave me": each check in plain words, what it shows and what it does not.

Needs no vault (`app.packages.verify` reads only the package), so it works on the locked screen too: the
person receiving a package usually has no case of her own in this app. Verification runs as a job. The
result is one line per check with its outcome in words (passed, failed, not in this package, could not be
checked), what the check means, what it does not prove, and, for a failed check, each problem found.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.packages import CheckOutcome, check_outcomes, verify
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.package_verify import VerifyReport
from victim_desk.errors import DeskError
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.referrals import html
from victim_desk.gui.workers import Workers
from victim_desk.i18n import Lang

if TYPE_CHECKING:
    from victim_desk.gui.shell import ShellWindow


def verify_title() -> str:
    return QCoreApplication.translate("VerifyDialog", "Verify a package")


class VerifyDialog(QDialog):
    verified = Signal(object)  # VerifyReport

    def __init__(self, workers: Workers, lang: Lang, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.setWindowTitle(verify_title())
        self._workers = workers
        self._lang = lang
        self.report: VerifyReport | None = None
        self.outcomes: list[CheckOutcome] = []

        intro = QLabel(
            self.tr(
                "Check an evidence package made with this app: whether any file in it was changed, who "
                "signed it, and when. Nothing is unpacked and nothing is sent anywhere."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("verify_path")
        self.path.setAccessibleName(self.tr("Package file"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("verify_choose")
        choose.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("verify_passphrase")
        self.passphrase.setAccessibleName(self.tr("Package passphrase (only if it is locked)"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.expect_key = QLineEdit()
        self.expect_key.setObjectName("verify_expect_key")
        self.expect_key.setAccessibleName(self.tr("Key fingerprint you were told (optional)"))
        self.expect_key.setPlaceholderText(self.tr("e.g. 1a2b 3c4d … as the sender told you"))
        form = QFormLayout()
        form.addRow(self.tr("Package:"), path_row)
        form.addRow(self.tr("Passphrase (only if locked):"), self.passphrase)
        form.addRow(self.tr("Key fingerprint you were told:"), self.expect_key)

        self.check_button = QPushButton(self.tr("Check the package"))
        self.check_button.setObjectName("verify_run")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.run)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("verify_close")
        close.clicked.connect(self.close)
        self.summary = QLabel()
        self.summary.setObjectName("verify_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet("font-weight: 600;")
        self.results = QTextBrowser()
        self.results.setObjectName("verify_results")
        self.results.setAccessibleName(self.tr("What each check found"))
        self.results.setOpenLinks(False)
        self.error = inline_error_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(820, int(screen.width() * 0.85)), min(680, int(screen.height() * 0.85)))

    def choose_file(self) -> QFileDialog:
        dialog = private_file_dialog(
            self, self.tr("Choose a package"), "verify_file_dialog",
            [self.tr("Evidence packages (*.zip)"), self.tr("All files (*)")],
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_file_selected)
        dialog.open()
        return dialog

    def on_file_selected(self, path: str) -> None:
        if path:
            self.path.setText(path)
            self.run()

    def run(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Please choose the package file first."))
            self.error.show()
            return
        self.error.hide()
        path, passphrase = Path(text), self.passphrase.text() or None
        expect = self.expect_key.text().strip() or None

        def work(progress: Progress, cancel: CancelToken) -> VerifyReport:
            return verify(path, passphrase=passphrase, expect_key=expect)

        self.check_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self.results.clear()
        job = self._workers.start(work)
        JobProgress(job, self.tr("Checking the package…"), self)
        job.signals.succeeded.connect(self.on_verified)
        job.signals.failed.connect(self.on_failed)

    def on_failed(self, error: DeskError) -> None:
        self.check_button.setEnabled(True)
        self.summary.clear()
        self.error.setText(error.message(self._lang))
        self.error.show()

    def on_verified(self, report: VerifyReport) -> None:
        self.check_button.setEnabled(True)
        self.report = report
        self.outcomes = check_outcomes(report, self._lang)
        if report.ok:
            summary = self.tr(
                "All checks passed: {members} files, none changed since the package was signed."
            )
        else:
            summary = self.tr("Problems found: {count}. See which check failed below.")
        self.summary.setText(summary.format(members=report.members, count=len(report.findings)))
        if [f.check for f in report.findings] == ["needs_passphrase"]:
            self.summary.setText(
                self.tr("This package is locked. Type its passphrase above and check again.")
            )
            self.passphrase.setFocus()
        self.results.setHtml("".join(self._outcome_html(o, report) for o in self.outcomes))
        self.verified.emit(report)

    def status_word(self, status: str) -> str:
        return {
            "passed": self.tr("Passed"),
            "failed": self.tr("FAILED"),
            "absent": self.tr("Not in this package"),
            "not_checked": self.tr("Could not be checked"),
        }[status]

    def _outcome_html(self, outcome: CheckOutcome, report: VerifyReport) -> str:
        names = {
            "container": self.tr("The file opens as a package"),
            "hashes": self.tr("File fingerprints (SHA256SUMS)"),
            "signature": self.tr("Signature"),
            "timestamp": self.tr("Timestamp"),
            "audit": self.tr("History of the case (audit chain)"),
            "manifest": self.tr("Table of contents (manifest)"),
        }
        means = {
            "container": self.tr(
                "It is a readable ZIP with safe names and sizes. Does not prove: anything about its content."
            ),
            "hashes": self.tr(
                "Every file still has the fingerprint listed when the package was made, so none was "
                "changed, added or removed since. Does not prove: that the list itself is genuine (the "
                "signature does)."
            ),
            "signature": self.tr(
                "The list of fingerprints was signed with the key in the package, so nobody changed it "
                "without that key. Does not prove: who owns the key. Compare the key fingerprint below with "
                "the one the sender told you another way."
            ),
            "timestamp": self.tr(
                "An outside service confirmed the list of fingerprints existed at that time. Does not prove: "
                "that what the files show is true, or when the material itself was made."
            ),
            "audit": self.tr(
                "The case's history is one unbroken chain: no step was removed, reordered or edited. "
                "Does not prove: that each step happened as written, only that the record was not "
                "altered later."
            ),
            "manifest": self.tr(
                "The table of contents matches the files and counts in the package. Does not prove: that the "
                "case was complete; only what was exported is there."
            ),
        }
        parts = [html.heading(f"{names[outcome.check]}: {self.status_word(outcome.status)}")]
        if outcome.check == "timestamp" and outcome.status == "absent":
            parts.append(
                html.para(
                    self.tr(
                        "No outside service confirmed when this package was made; its date rests on the "
                        "sender's computer. Everything else can still be checked."
                    )
                )
            )
        else:
            parts.append(html.para(means[outcome.check]))
        if outcome.check == "signature" and outcome.status == "passed" and report.key_fingerprint:
            parts.append(html.para(self.tr("Key fingerprint: {key}").format(key=report.key_fingerprint)))
        if outcome.check == "timestamp" and report.timestamp is not None:
            parts.append(
                html.para(
                    self.tr("Time confirmed: {at} by {tsa}").format(
                        at=report.timestamp.gen_time.isoformat(), tsa=report.timestamp.tsa
                    )
                )
            )
        if outcome.problems:
            parts.append(html.bullets(list(outcome.problems)))
        return "".join(parts)


def open_verify(window: ShellWindow) -> None:
    """The SHELL_TOOLS action."""
    show_verify(window)


def show_verify(window: QWidget) -> VerifyDialog:
    """The SHELL_TOOLS action: works locked or unlocked (no vault needed), reusing an open dialog."""
    existing = window.findChild(VerifyDialog, "verify_dialog")
    if existing is not None:
        existing.show()
        existing.raise_()
        return existing
    workers = getattr(window, "workers")  # noqa: B009 (the shell's job pool, there locked or not)
    dialog = VerifyDialog(workers, getattr(window, "lang", "ko"), window)
    dialog.show()
    return dialog
