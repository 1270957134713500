"""A referral letter: choose the organisation, consent field by field, see exactly what goes, save.

No field is ticked when the dialog opens: sharing is something the person does, never a default. The
preview is the letter itself as the application layer composes it from the ticked fields only (the same
composer that writes the file), so what is shown is what is sent. Fields the case cannot share (no
sightings recorded, a counselor's vault holding no contact of the person) are shown disabled with the
reason. Saving goes through `desk.referrals.write`, which refuses to replace a file; the dialog asks first
and only then repeats it with `force`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app import referrals as use_case
from victim_desk.app.referrals import ReferralWritten
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import Case
from victim_desk.errors import DeskError, OutputExists
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.referrals.profile_dialog import ProfileDialog
from victim_desk.gui.session import Session
from victim_desk.i18n import Lang


class ReferralLetterDialog(QDialog):
    referral_written = Signal()

    def __init__(self, session: Session, case: Case, org_id: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("referral_letter_dialog")
        self.setWindowTitle(self.tr("Referral letter"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._session = session
        self._desk = session.desk
        self._case_id = case.id
        self._lang = session.lang
        self.last_written: ReferralWritten | None = None

        self.org = QComboBox()
        self.org.setObjectName("referral_org")
        self.org.setAccessibleName(self.tr("Organisation"))
        for org in use_case.directory().organisations:
            self.org.addItem(org.name(self._lang), org.id)
        if org_id is not None:
            self.org.setCurrentIndex(max(0, self.org.findData(org_id)))
        self.org.currentIndexChanged.connect(self.update_preview)
        # Long names must not force the dialog wider than the screen at 200 %: the box shrinks and elides.
        self.org.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.org.setMinimumContentsLength(16)

        self.letter_lang = QComboBox()
        self.letter_lang.setObjectName("referral_lang")
        self.letter_lang.setAccessibleName(self.tr("Language of the letter"))
        self.letter_lang.addItem("한국어", "ko")
        self.letter_lang.addItem("English", "en")
        self.letter_lang.setCurrentIndex(self.letter_lang.findData(self._lang))
        self.letter_lang.currentIndexChanged.connect(self.update_preview)

        self.as_pdf = QRadioButton(self.tr("PDF"))
        self.as_pdf.setObjectName("format_pdf")
        self.as_pdf.setChecked(True)
        self.as_text = QRadioButton(self.tr("Plain text"))
        self.as_text.setObjectName("format_txt")
        group = QButtonGroup(self)
        group.addButton(self.as_pdf)
        group.addButton(self.as_text)
        formats = QHBoxLayout()
        formats.addWidget(self.as_pdf)
        formats.addWidget(self.as_text)
        formats.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Send to:"), self.org)
        form.addRow(self.tr("Language:"), self.letter_lang)
        form.addRow(self.tr("Save as:"), formats)

        self.profile_note = QLabel(
            self.tr("A letter says who is referring. Please enter your name and e-mail once; they stay here.")
        )
        self.profile_note.setWordWrap(True)
        self.profile_button = QPushButton(self.tr("Enter who is referring…"))
        self.profile_button.setObjectName("enter_profile")
        self.profile_button.clicked.connect(self.open_profile_dialog)

        consent = QGroupBox(self.tr("What may be shared"))
        consent_layout = QVBoxLayout(consent)
        nothing_yet = QLabel(
            self.tr("Nothing is ticked until you choose. Tick only what the person agreed to.")
        )
        nothing_yet.setWordWrap(True)
        consent_layout.addWidget(nothing_yet)
        self.checks: dict[str, QCheckBox] = {}
        self.abouts: dict[str, QLabel] = {}
        for choice in use_case.share_choices(self._lang):
            box = QCheckBox(choice.label)
            box.setObjectName(f"share_{choice.field}")
            box.setAccessibleName(choice.label)
            box.setChecked(False)
            box.toggled.connect(self.update_preview)
            # The explanation is a wrapped label of its own (a check box never wraps), in full contrast
            # even when the box is disabled: the reason it cannot be shared must stay readable.
            about = QLabel(choice.about)
            about.setObjectName(f"about_{choice.field}")
            about.setWordWrap(True)
            about.setStyleSheet("color: #333; margin-left: 24px;")
            box.setAccessibleDescription(choice.about)
            consent_layout.addWidget(box)
            consent_layout.addWidget(about)
            self.checks[choice.field] = box
            self.abouts[choice.field] = about
        self.always = QLabel(
            self.tr(
                "Always in the letter: the organisation, a case and referral number, the date, "
                "and who refers."
            )
        )
        self.always.setWordWrap(True)
        consent_layout.addWidget(self.always)

        preview_label = QLabel(self.tr("Preview — exactly what the letter will say:"))
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("referral_preview")
        self.preview.setAccessibleName(self.tr("Preview of the letter"))
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        preview_label.setBuddy(self.preview)
        self.error = inline_error_label()

        self.save_button = QPushButton(self.tr("Save letter…"))
        self.save_button.setObjectName("save_referral")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("close_referral")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        left_widget = QWidget()
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 8, 0)
        left.addLayout(form)
        left.addWidget(self.profile_note)
        left.addWidget(self.profile_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(consent)
        left.addStretch(1)
        scroll = QScrollArea()  # at 200 % or with a large font the choices may not fit the height
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left_widget)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addWidget(scroll, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh_availability()
        self._fit_to_screen()

    # --- consent ------------------------------------------------------------------------------------

    def shared(self) -> list[str]:
        return [name for name, box in self.checks.items() if box.isChecked() and box.isEnabled()]

    def refresh_availability(self) -> None:
        reasons = {
            "no_profile": self.tr("first enter who is referring"),
            "counselor_vault": self.tr(
                "not kept in a counselor's vault; your own contact is always included"
            ),
            "no_sightings": self.tr("none recorded in this case"),
            "no_fingerprints": self.tr("no files fingerprinted in this case"),
        }
        try:
            blocked = self._desk.referrals.unavailable(self._case_id)
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._lang))
            return
        no_profile = any(reason == "no_profile" for reason in blocked.values())
        self.profile_note.setVisible(no_profile)
        self.profile_button.setVisible(no_profile)
        self.save_button.setEnabled(not no_profile)
        for choice in use_case.share_choices(self._lang):
            box = self.checks[choice.field]
            reason = blocked.get(choice.field)
            box.setEnabled(reason is None)
            if reason is not None:
                box.setChecked(False)
            about = choice.about if reason is None else f"{choice.about} ({reasons[reason]})"
            self.abouts[choice.field].setText(about)
            box.setAccessibleDescription(about)
        self.update_preview()

    def update_preview(self) -> None:
        if self.save_button is None or not self.save_button.isEnabled():
            self.preview.setPlainText(self.tr("The preview appears once the referring person is entered."))
            return
        try:
            text = self._desk.referrals.preview(
                self._case_id, self.org.currentData(), self.shared(), lang=self.letter_lang_value()
            )
        except DeskError as exc:
            self.error.setText(exc.message(self._lang))
            self.error.show()
            return
        self.error.hide()
        self.preview.setPlainText(text)

    def letter_lang_value(self) -> Lang:
        value: Lang = self.letter_lang.currentData()
        return value

    def open_profile_dialog(self) -> ProfileDialog:
        dialog = ProfileDialog(self._desk, self._lang, self)
        dialog.accepted.connect(self.refresh_availability)
        dialog.open()
        return dialog

    # --- saving -------------------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog:
        suffix = "pdf" if self.as_pdf.isChecked() else "txt"
        dialog = private_file_dialog(
            self, self.tr("Save the referral letter"), "referral_file_dialog",
            [self.tr("Letters (*.{suffix})").format(suffix=suffix)],
            save=True, suffix=suffix, suggested=self.tr("referral") + f".{suffix}",
        )  # fmt: skip
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)) if path else None)
        dialog.open()
        return dialog

    def save_to(self, path: Path, *, force: bool = False) -> None:
        """Write the letter to `path` as a job (what the file dialog leads to)."""
        desk, case_id, org, fields = self._desk, self._case_id, self.org.currentData(), self.shared()
        lang, fmt = self.letter_lang_value(), ("pdf" if self.as_pdf.isChecked() else "txt")

        def work(progress: Progress, cancel: CancelToken) -> ReferralWritten:
            return desk.referrals.write(case_id, org, fields, path, lang=lang, fmt=fmt, force=force)  # type: ignore[arg-type]

        self.save_button.setEnabled(False)
        job = self._session.workers.start(work)
        JobProgress(job, self.tr("Writing the letter…"), self)
        job.signals.succeeded.connect(self.on_written)
        job.signals.failed.connect(lambda error: self.on_write_failed(error, path))

    def on_written(self, result: ReferralWritten) -> None:
        self.save_button.setEnabled(True)
        self.last_written = result
        files = [result.letter.name, *(p.name for p in result.attachments)]
        self._session.banner.show_info(
            self.tr("Referral letter saved: {files}. Only the ticked fields were included.").format(
                files=", ".join(files)
            )
        )
        self.referral_written.emit()
        self.accept()

    def on_write_failed(self, error: DeskError, path: Path) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, OutputExists):
            self.ask_replace(
                error.message(self._lang), lambda yes: self.save_to(path, force=True) if yes else None
            )
            return
        self.error.setText(error.message(self._lang))
        self.error.show()

    def ask_replace(self, message: str, answered: Callable[[bool], None]) -> QMessageBox:
        """Ask before replacing; `answered(yes)` runs when the person answers. Opened with open(), never
        exec(): a nested event loop would outlive a lock and then write for a vault that is closed (a box
        hidden by the lock never answers)."""
        box = QMessageBox(self)
        box.setObjectName("confirm_replace")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Replace the file?"))
        box.setText(message)
        box.setInformativeText(self.tr("Replace the existing file(s) with this letter?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda result: answered(result == QMessageBox.StandardButton.Yes))
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def close_down(self) -> None:
        """Forget the case data shown (the preview) and go away; a job still running reports to nobody."""
        self.preview.clear()
        self.close()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1000, int(screen.width() * 0.9)), min(680, int(screen.height() * 0.85)))
