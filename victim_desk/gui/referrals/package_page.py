"""The case's "Evidence package" tab: export the case as a signed package, with progress and Cancel.

What goes in is said before anything is written. Original files stay out unless the person turns them on,
and turning them on shows the plain warning the CLI prints (they may be the abusive material itself). A
passphrase for the package is typed twice and gets a strength hint. A timestamp contacts an outside
service, so it follows the vault's network setting: "never" disables it and says why, "ask" asks at
export time, "allowed" needs nothing more. The package is written by `desk.packages.export` through
`safe_output`, so a cancel or a failure leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.packages import ExportResult
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import Case
from victim_desk.core.package import PACKAGE_MIN_PASSPHRASE, passphrase_strength
from victim_desk.core.rechecks import NetworkConsent
from victim_desk.errors import Cancelled, DeskError, PassphraseTooShort
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.page import Page
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.session import Session
from victim_desk.i18n import t


class PackagePage(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("PackagePage", "Evidence package")

    def __init__(self, session: Session, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("package_page")
        self._session = session
        self._desk = session.desk
        self._case = case
        self._lang = session.lang
        self._closed = False
        self.last_result: ExportResult | None = None
        self.last_error: DeskError | None = None

        intro = QLabel(
            self.tr(
                "A package is one ZIP file to give to the police, a lawyer or a support centre. Anyone can "
                "check that nothing in it was changed after you made it."
            )
        )
        intro.setWordWrap(True)

        contents = QGroupBox(self.tr("What goes in"))
        contents_layout = QVBoxLayout(contents)
        always = QLabel(
            self.tr(
                "Always: the list of sightings, the fingerprints (hashes) of the evidence files, the "
                "deletion requests and their letters, the case's history, a report (PDF), and the "
                "signature that lets others check it."
            )
        )
        always.setWordWrap(True)
        self.originals = QCheckBox(self.tr("Also include the original files kept in the vault"))
        self.originals.setObjectName("include_originals")
        self.originals.setChecked(False)
        self.originals.toggled.connect(self.on_originals_toggled)
        self.originals_warning = QLabel(t("package.originals_warning", self._lang))
        self.originals_warning.setObjectName("originals_warning")
        self.originals_warning.setWordWrap(True)
        self.originals_warning.setStyleSheet("color: #6b3a00;")
        self.originals_warning.hide()
        contents_layout.addWidget(always)
        contents_layout.addWidget(self.originals)
        contents_layout.addWidget(self.originals_warning)

        protect = QGroupBox(self.tr("Protection"))
        protect_layout = QVBoxLayout(protect)
        self.encrypt = QCheckBox(self.tr("Lock the package with a passphrase"))
        self.encrypt.setObjectName("encrypt_package")
        self.encrypt.toggled.connect(self.on_encrypt_toggled)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("package_passphrase")
        self.passphrase.setAccessibleName(self.tr("Package passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self.update_strength)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("package_passphrase_repeat")
        self.repeat.setAccessibleName(self.tr("Package passphrase again"))
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.strength.setObjectName("passphrase_strength")
        self.strength.setWordWrap(True)
        self.passphrase_form = QWidget()
        form = QFormLayout(self.passphrase_form)
        form.setContentsMargins(20, 0, 0, 0)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Again:"), self.repeat)
        form.addRow("", self.strength)
        tools = QLabel(t("package.encrypted_tools", self._lang))
        tools.setWordWrap(True)
        form.addRow("", tools)
        self.passphrase_form.hide()
        protect_layout.addWidget(self.encrypt)
        protect_layout.addWidget(self.passphrase_form)

        stamp = QGroupBox(self.tr("Timestamp (optional)"))
        stamp_layout = QVBoxLayout(stamp)
        self.timestamp = QCheckBox(self.tr("Ask a timestamp service to confirm when the package was made"))
        self.timestamp.setObjectName("add_timestamp")
        self.timestamp.toggled.connect(self.on_timestamp_toggled)
        self.timestamp_url = QLineEdit()
        self.timestamp_url.setObjectName("timestamp_url")
        self.timestamp_url.setAccessibleName(self.tr("Address of the timestamp service"))
        self.timestamp_url.setPlaceholderText("https://…")
        self.timestamp_url.setEnabled(False)
        self.network_note = QLabel()
        self.network_note.setObjectName("network_note")
        self.network_note.setWordWrap(True)
        url_row = QFormLayout()
        url_row.addRow(self.tr("Service address:"), self.timestamp_url)
        stamp_layout.addWidget(self.timestamp)
        stamp_layout.addLayout(url_row)
        stamp_layout.addWidget(self.network_note)

        self.error = inline_error_label()
        self.export_button = QPushButton(self.tr("Make the package…"))
        self.export_button.setObjectName("export_package")
        self.export_button.clicked.connect(self.choose_file)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(intro)
        body_layout.addWidget(contents)
        body_layout.addWidget(protect)
        body_layout.addWidget(stamp)
        body_layout.addWidget(self.error)
        body_layout.addLayout(buttons)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh()

    # --- the form -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._closed:
            return
        consent = self._desk.rechecks.consent()
        self.timestamp.setEnabled(consent is not NetworkConsent.NEVER)
        if consent is NetworkConsent.NEVER:
            self.timestamp.setChecked(False)
            self.network_note.setText(
                self.tr(
                    "A timestamp cannot be added: this vault is set never to use the network, and a "
                    "timestamp has to ask a service on the internet. The package is complete and checkable "
                    "without one. To allow it, change the network setting."
                )
            )
        elif consent is NetworkConsent.ASK:
            self.network_note.setText(
                self.tr("This contacts the service you name. You will be asked before anything is sent.")
            )
        else:
            self.network_note.setText(
                self.tr(
                    "This contacts the service you name: the network is allowed in this vault's settings."
                )
            )

    def on_originals_toggled(self, on: bool) -> None:
        self.originals_warning.setVisible(on)

    def on_encrypt_toggled(self, on: bool) -> None:
        self.passphrase_form.setVisible(on)
        if on:
            self.passphrase.setFocus()
        self.update_strength()

    def on_timestamp_toggled(self, on: bool) -> None:
        self.timestamp_url.setEnabled(on)
        if on:
            self.timestamp_url.setFocus()

    def update_strength(self) -> None:
        hints = {
            "too_short": self.tr("Too short: at least {minimum} characters.").format(
                minimum=PACKAGE_MIN_PASSPHRASE
            ),
            "weak": self.tr(
                "Strength: weak. Several unrelated words are easy to remember and hard to guess."
            ),
            "fair": self.tr("Strength: fair. A few more words would make it strong."),
            "strong": self.tr("Strength: strong."),
        }
        text = self.passphrase.text()
        self.strength.setText(hints[passphrase_strength(text)] if text else "")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def checked_passphrase(self) -> str | bool | None:
        """The package passphrase (None when not encrypting), or False after saying what is wrong."""
        if not self.encrypt.isChecked():
            return None
        first, second = self.passphrase.text(), self.repeat.text()
        if len(first) < PACKAGE_MIN_PASSPHRASE:
            self._show_error(PassphraseTooShort(minimum=PACKAGE_MIN_PASSPHRASE).message(self._lang))
            return False
        if first != second:
            self._show_error(self.tr("The two passphrases are not the same. Please type them again."))
            self.repeat.clear()
            self.repeat.setFocus()
            return False
        return first

    # --- exporting ----------------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog | None:
        if self.checked_passphrase() is False:
            return None
        self.error.hide()
        # Qt's dialog asks about replacing an existing file before it returns one.
        dialog = private_file_dialog(
            self, self.tr("Save the evidence package"), "package_file_dialog",
            [self.tr("Evidence packages (*.zip)")], save=True, suffix="zip",
            suggested=self.tr("evidence-package") + f"-{self._case.id}.zip", qt_asks_before_replacing=True,
        )  # fmt: skip
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), force=True) if path else None)
        dialog.open()
        return dialog

    def ask_network(self, url: str, answered: Callable[[bool], None]) -> QMessageBox:
        """Ask before sending anything; `answered(yes)` runs when the person answers. Opened with open(),
        never exec(): a nested event loop would outlive a lock and then export from a closed vault."""
        box = QMessageBox(self)
        box.setObjectName("ask_network")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Use the network?"))
        box.setText(
            self.tr(
                "To add the timestamp, a fingerprint of the package's list of files (not the files, not "
                "the case) is sent to {url}. The service learns that someone made a package now, from "
                "this computer's internet address."
            ).format(url=url)
        )
        box.setInformativeText(self.tr("Send it this once?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda result: answered(result == QMessageBox.StandardButton.Yes))
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def export_to(self, path: Path, *, force: bool = False) -> None:
        """Make the package at `path` as a job (what the file dialog leads to)."""
        checked = self.checked_passphrase()
        if checked is False:
            return
        passphrase = checked if isinstance(checked, str) else None
        url = self.timestamp_url.text().strip() if self.timestamp.isChecked() else None
        if url is not None:
            if not url:
                self._show_error(self.tr("Please give the address of the timestamp service, or untick it."))
                return
            if self._desk.rechecks.consent() is NetworkConsent.ASK:

                def answered(yes: bool) -> None:
                    if yes:
                        self._start_export(path, force, passphrase, url, allow_once=True)
                    else:
                        self._show_error(
                            self.tr("No package was made: the network was not allowed this time.")
                        )

                self.ask_network(url, answered)
                return
        self._start_export(path, force, passphrase, url, allow_once=False)

    def _start_export(
        self, path: Path, force: bool, passphrase: str | None, url: str | None, *, allow_once: bool
    ) -> None:
        self.error.hide()
        desk, case_id, lang, originals = self._desk, self._case.id, self._lang, self.originals.isChecked()

        def work(progress: Progress, cancel: CancelToken) -> ExportResult:
            return desk.packages.export(
                case_id, path, lang=lang, include_originals=originals, passphrase=passphrase,
                timestamp_url=url, allow_network_once=allow_once, force=force, progress=progress,
                cancel=cancel,
            )  # fmt: skip

        self.export_button.setEnabled(False)
        self.last_result, self.last_error = None, None
        job = self._session.workers.start(work)
        self.progress = JobProgress(job, self.tr("Making the evidence package…"), self)
        job.signals.succeeded.connect(self.on_exported)
        job.signals.failed.connect(self.on_export_failed)

    def on_exported(self, result: ExportResult) -> None:
        if self._closed:
            return
        self.export_button.setEnabled(True)
        self.last_result = result
        self.passphrase.clear()
        self.repeat.clear()
        text = self.tr(
            "Package saved: {name}. To let others check it came from you, tell them this key fingerprint "
            "another way (by phone, in person): {key}"
        ).format(name=result.path.name, key=result.key_fingerprint)
        self._session.banner.show_info(text)
        self.case_changed.emit()

    def on_export_failed(self, error: DeskError) -> None:
        if self._closed:
            return
        self.export_button.setEnabled(True)
        self.last_error = error
        if isinstance(error, Cancelled):
            self._session.banner.show_info(
                self.tr("Cancelled. No package was made and no file was left behind.")
            )
            return
        self._session.banner.show_error(error.message(self._lang))

    def close_down(self) -> None:
        self._closed = True
        self.passphrase.clear()
        self.repeat.clear()
