"""The letter wizard: choose whom to ask and under which law, see what is missing, read the letter, send it.

Step one gathers the choices (recipient, law, language, who is writing, which addresses) and asks the
application layer for a draft after every change; whatever the law requires and the draft lacks is listed
with how to supply it here, and the requester's own details can be saved in place. Step two shows the
letter as it will be sent and offers every way out of the app: a PDF (never over an existing file without
a confirmation), the text for a web form (the clipboard forgets it after a few seconds), the recipient's
form in the browser (only after saying which address will open), and "mark as sent", which starts the
clock. The request is recorded the first time a PDF is saved or the letter is marked as sent, never twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.requests import Draft, LetterResult, LetterSpec
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.letters.compose import MATERIALS, VOICES
from victim_desk.core.letters.recipients import recipient_for_platform, recipients
from victim_desk.core.model import Request
from victim_desk.errors import DeskError
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.labels import platform_labels
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.requests.address_list import AddressPicker, AddressRow
from victim_desk.gui.requests.countdown import jurisdiction_labels, local_zone, moment
from victim_desk.gui.session import Session
from victim_desk.i18n import t


class LetterWizard(QDialog):
    request_recorded = Signal(object)  # Request: a request was recorded or re-dated

    def __init__(
        self, session: Session, case_id: int, parent: QWidget, *, platform: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letter_wizard")
        self.setWindowTitle(self.tr("Ask for removal"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._session = session
        self._desk = session.desk
        self._lang = session.lang
        self.case_id = case_id
        self.draft: Draft | None = None
        self.letter_result: LetterResult | None = None
        self.request: Request | None = None
        self.confirm_box: QMessageBox | None = None
        self._zone = local_zone()

        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_choices())
        self.steps.addWidget(self._build_preview())
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("Next: read the letter"))
        self.next_button.setObjectName("next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.close_button)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(nav)

        self._fill_recipients(platform)  # makes the first draft
        self._fill_profile()
        self._show_step(0)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Roomy enough to read the letter, never larger than the screen's free area at any scale."""
        area = (self.parentWidget() or self).screen().availableGeometry()
        hint = self.sizeHint()
        self.resize(
            min(max(hint.width(), 820), int(area.width() * 0.92)),
            min(max(hint.height(), 720), int(area.height() * 0.9)),
        )

    # --- step one: the choices -------------------------------------------------------------------------

    def _build_choices(self) -> QWidget:
        self.recipient = self._combo("recipient", self.tr("To whom"))
        self.jurisdiction = self._combo("jurisdiction", self.tr("Under which law"))
        self.language = self._combo("language", self.tr("Language of the letter"))
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if self._lang == "ko" else 1)
        self.voice = self._combo("voice", self.tr("Who is writing"))
        voice_names = {
            "self": self.tr("Myself (the person in the material)"),
            "agent": self.tr("On behalf of the person (with her authority)"),
            "guardian": self.tr("As the guardian of a minor"),
        }
        for voice in VOICES:
            self.voice.addItem(voice_names[voice], voice)
        default_voice = self._desk.requests.default_voice()
        self.voice.setCurrentIndex(max(0, self.voice.findData(default_voice)))
        self.authority = QLineEdit()
        self.authority.setObjectName("authority")
        self.authority.setAccessibleName(self.tr("Authority"))
        self.authority_label = QLabel(self.tr("Authority"))
        self.authority_label.setBuddy(self.authority)
        self.material = self._combo("material", self.tr("What the material is"))
        material_names = {
            "unspecified": self.tr("Not said"),
            "deepfake": self.tr("Made or altered with AI (deepfake)"),
            "filmed": self.tr("Filmed without consent"),
            "shared": self.tr("Shared without consent"),
        }
        for material in MATERIALS:
            self.material.addItem(material_names[material], material)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("To whom"), self.recipient)
        form.addRow(self.tr("Under which law"), self.jurisdiction)
        form.addRow(self.tr("Language of the letter"), self.language)
        form.addRow(self.tr("Who is writing"), self.voice)
        form.addRow(self.authority_label, self.authority)
        form.addRow(self.tr("What the material is"), self.material)

        urls_label = QLabel(self.tr("Addresses to include (those on this recipient's platform are ticked)"))
        urls_label.setWordWrap(True)
        # A model/view list with a filter: a case may hold tens of thousands of addresses.
        self.addresses = AddressPicker()
        self.urls = self.addresses.view
        urls_label.setBuddy(self.addresses.filter)
        names = platform_labels()
        self.addresses.model.set_rows(
            [
                AddressRow(sid, platform, f"{names.get(platform, platform)} · {url}")
                for sid, platform, url in self._desk.sightings.open_addresses(self.case_id)
            ]
        )

        self.missing_box = QGroupBox(self.tr("Still needed for a valid letter"))
        self.missing_box.setObjectName("missing_box")
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setStyleSheet("color: #5a3a0a;")
        missing_layout = QVBoxLayout(self.missing_box)
        missing_layout.addWidget(self.missing)

        self.profile_box = QGroupBox(self.tr("Your details (they sign the letter)"))
        self.profile_box.setObjectName("profile_box")
        self.profile_name = QLineEdit()
        self.profile_name.setObjectName("profile_name")
        self.profile_name.setAccessibleName(self.tr("Name"))
        self.profile_email = QLineEdit()
        self.profile_email.setObjectName("profile_email")
        self.profile_email.setAccessibleName(self.tr("E-mail address"))
        self.profile_phone = QLineEdit()
        self.profile_phone.setObjectName("profile_phone")
        self.profile_phone.setAccessibleName(self.tr("Phone (optional)"))
        self.profile_save = QPushButton(self.tr("Save my details"))
        self.profile_save.setObjectName("profile_save")
        self.profile_save.clicked.connect(self.save_profile)
        self.profile_error = inline_error_label()
        profile_form = QFormLayout(self.profile_box)
        profile_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        profile_form.addRow(self.tr("Name"), self.profile_name)
        profile_form.addRow(self.tr("E-mail address"), self.profile_email)
        profile_form.addRow(self.tr("Phone (optional)"), self.profile_phone)
        profile_form.addRow(self.profile_error)
        profile_form.addRow(self.profile_save)

        self.choice_error = inline_error_label()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(form)
        layout.addWidget(urls_label)
        layout.addWidget(self.addresses, 1)
        layout.addWidget(self.choice_error)
        layout.addWidget(self.missing_box)
        layout.addWidget(self.profile_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)

        self.recipient.currentIndexChanged.connect(self.on_recipient_changed)
        for combo in (self.jurisdiction, self.language, self.voice, self.material):
            combo.currentIndexChanged.connect(self.update_draft)
        self.authority.textChanged.connect(self.update_draft)
        self.addresses.model.checks_changed.connect(self.update_draft)
        return scroll

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _fill_recipients(self, platform: str | None) -> None:
        # Preselect the platform most of the open addresses are on (or the one asked for).
        platforms = [row.platform for row in self.addresses.model.rows]
        wanted = platform or (max(set(platforms), key=platforms.count) if platforms else "generic")
        first = recipient_for_platform(wanted).id
        self.recipient.blockSignals(True)
        for r in recipients():
            self.recipient.addItem(r.name(self._lang), r.id)
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(first)))
        self.recipient.blockSignals(False)
        self.on_recipient_changed()

    def on_recipient_changed(self) -> None:
        rid = self.recipient.currentData()
        recipient = next(r for r in recipients() if r.id == rid)
        previous = self.jurisdiction.currentData()
        names = jurisdiction_labels()
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.clear()
        for code in recipient.jurisdictions:
            self.jurisdiction.addItem(f"{names.get(code, code)} ({code})", code)
        keep = self.jurisdiction.findData(previous)
        self.jurisdiction.setCurrentIndex(keep if keep >= 0 else max(0, self.jurisdiction.findData("KR")))
        self.jurisdiction.blockSignals(False)
        # One change, hence one new draft (update_draft runs on `checks_changed`).
        ours = {p for p in {row.platform for row in self.addresses.model.rows}
                if recipient_for_platform(p).id == rid}  # fmt: skip
        self.addresses.model.check_only(lambda row: row.platform in ours)

    def _fill_profile(self) -> None:
        profile = self._desk.profile.get()
        if profile is not None:
            self.profile_name.setText(profile.name)
            self.profile_email.setText(profile.email)
            self.profile_phone.setText(profile.phone or "")

    def spec(self) -> LetterSpec:
        chosen = self.addresses.model.checked_ids()
        voice = self.voice.currentData()
        return LetterSpec(
            recipient=self.recipient.currentData(), jurisdiction=self.jurisdiction.currentData() or "KR",
            lang=self.language.currentData(), case_id=self.case_id, sighting_ids=chosen, voice=voice,
            authority=self.authority.text().strip() or None if voice != "self" else None,
            material=self.material.currentData(),
        )  # fmt: skip

    def update_draft(self) -> None:
        if self.request is not None:
            return  # recorded: the letter shown is the one that was made
        voice = self.voice.currentData()
        self.authority.setVisible(voice != "self")
        self.authority_label.setVisible(voice != "self")
        self.authority_label.setText(
            self.tr("Authority: your relation to the minor, and what shows it")
            if voice == "guardian"
            else self.tr("Authority: what lets you act for her (e.g. a power of attorney)")
        )
        self.authority.setAccessibleName(self.authority_label.text())
        try:
            self.draft = self._desk.requests.draft(self.spec())
        except DeskError as exc:
            self.draft = None
            self.choice_error.setText(exc.message(self._lang))
            self.choice_error.show()
            self.next_button.setEnabled(False)
            return
        self.choice_error.hide()
        draft = self.draft
        lines = [f"• {element}: {supply}" for element, supply in draft.missing_lines(self._lang)]
        self.missing.setText("\n".join(lines))
        self.missing_box.setVisible(bool(lines))
        self.profile_box.setVisible(draft.needs_profile)
        self.next_button.setEnabled(draft.complete)
        self.preview.setPlainText(draft.text)
        self._update_sending()

    def save_profile(self) -> None:
        current = self._desk.profile.get()
        try:
            self._desk.profile.set(
                self.profile_name.text(), self.profile_email.text(), self.profile_phone.text() or None,
                role=str(current.role) if current else "victim",
                organization=current.organization if current else None,
            )  # fmt: skip
        except DeskError as exc:
            self.profile_error.setText(exc.message(self._lang))
            self.profile_error.show()
            return
        self.profile_error.hide()
        self._session.banner.show_info(self.tr("Your details are saved."))
        self.update_draft()

    # --- step two: the letter and how it leaves ------------------------------------------------------------

    def _build_preview(self) -> QWidget:
        intro = QLabel(self.tr("This is the letter as it will be sent. Read it through before sending."))
        intro.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("The letter"))
        self.channel = QLabel()
        self.channel.setObjectName("channel")
        self.channel.setWordWrap(True)
        self.channel.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(self.choose_pdf)
        self.copy_button = QPushButton(self.tr("Copy the text"))
        self.copy_button.setObjectName("copy_text")
        self.copy_button.clicked.connect(self.copy_text)
        self.form_button = QPushButton(self.tr("Open the form…"))
        self.form_button.setObjectName("open_form")
        self.form_button.clicked.connect(self.ask_open_form)
        self.sent_button = QPushButton(self.tr("Mark as sent"))
        self.sent_button.setObjectName("mark_sent")
        self.sent_button.clicked.connect(self.mark_sent)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        actions = QHBoxLayout()
        for button in (self.save_button, self.copy_button, self.form_button, self.sent_button):
            actions.addWidget(button)
        actions.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.channel)
        layout.addLayout(actions)
        layout.addWidget(self.outcome)
        return page

    def _update_sending(self) -> None:
        draft = self.draft
        if draft is None:
            return
        parts = []
        if draft.channel is not None:
            where = draft.channel.name(self._lang)
            if draft.channel.address:
                where += f" — {draft.channel.address}"
            parts.append(self.tr("Send it through: {channel}").format(channel=where))
            if not draft.channel.verified:
                parts.append(t("letter.notice_unverified_channel", self._lang))
        if draft.form_address is None:
            parts.append(self.tr("This app knows no form address for this recipient under this law."))
        self.channel.setText("\n".join(parts))
        self.form_button.setEnabled(draft.form_address is not None)

    def go_next(self) -> None:
        if self.draft is not None and self.draft.complete:
            self._show_step(1)

    def go_back(self) -> None:
        self._show_step(0)

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self.back_button.setVisible(index == 1 and self.request is None)
        self.next_button.setVisible(index == 0)
        if index == 1:
            self.preview.setFocus()

    # PDF -----------------------------------------------------------------------------------------------

    def choose_pdf(self) -> QFileDialog:
        dialog = private_file_dialog(
            self, self.tr("Save the letter as PDF"), "pdf_file_dialog", [self.tr("PDF files (*.pdf)")],
            save=True, suffix="pdf", suggested=self.tr("removal-request.pdf"),
        )  # fmt: skip
        dialog.fileSelected.connect(self.on_pdf_selected)
        dialog.open()
        return dialog

    def on_pdf_selected(self, path: str) -> None:
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Save to `path`; an existing file is replaced only after the person says so."""
        if os.path.lexists(path):
            self._confirm(
                self.tr("Replace the file?"),
                self.tr(
                    "A file named {name} already exists in that folder. Replace it with this letter?"
                ).format(name=path.name),
                self.tr("Replace"),
                lambda: self._write_pdf(path, force=True),
            )
            return
        self._write_pdf(path, force=False)

    def _write_pdf(self, path: Path, *, force: bool) -> None:
        desk, spec = self._desk, self.spec()

        def work(progress: Progress, cancel: CancelToken) -> LetterResult:
            return desk.requests.letter(spec, path, "pdf", force=force)

        job = self._session.workers.start(work)
        JobProgress(job, self.tr("Making the PDF…"), self)
        job.signals.succeeded.connect(self.on_recorded)
        job.signals.failed.connect(self.on_failed)

    def on_recorded(self, result: LetterResult) -> None:
        self.letter_result = result
        self._set_request(result.request)
        if result.text:
            self.preview.setPlainText(result.text)
        if result.path is not None:
            text = self.tr(
                "Saved as {name}. The request is recorded as {reference}; its clock runs until {deadline}."
            )
            self.outcome.setText(
                text.format(name=result.path.name, reference=self._reference(), deadline=self._deadline())
            )
        for key in result.notices:
            self._session.banner.show_info(t(key, self._lang))

    def on_failed(self, error: DeskError) -> None:
        self.outcome.setText(error.message(self._lang))
        self._session.banner.show_error(error.message(self._lang))

    # text, form, sent ------------------------------------------------------------------------------------

    def copy_text(self) -> None:
        clipboard = self._session.clipboard
        clipboard.copy(self.preview.toPlainText())
        message = self.tr(
            "The letter is copied: paste it into the form now. "
            "The clipboard will be cleared in {seconds} seconds."
        ).format(seconds=clipboard.clear_seconds)
        self.outcome.setText(message)
        self._session.banner.show_info(message)

    def ask_open_form(self) -> QMessageBox | None:
        address = self.draft.form_address if self.draft is not None else None
        if address is None:
            return None
        box = self._confirm(
            self.tr("Open the form in your browser?"),
            self.tr(
                "This opens {address} in your web browser. The browser may keep it in its history. "
                "Open it now?"
            ).format(address=address),
            self.tr("Open in browser"),
            lambda: QDesktopServices.openUrl(QUrl(address)),
        )
        return box

    def mark_sent(self) -> None:
        try:
            if self.request is None:
                # Sent through a web form without a file: record it now, its text kept in the vault.
                self.letter_result = self._desk.requests.letter(self.spec(), None)
                self._set_request(self.letter_result.request)
            else:
                self._set_request(self._desk.requests.mark_sent(self.request.id))
        except DeskError as exc:
            self.on_failed(exc)
            return
        self.outcome.setText(
            self.tr("Marked as sent: {reference}. Its clock runs until {deadline}.").format(
                reference=self._reference(), deadline=self._deadline()
            )
        )

    def _set_request(self, request: Request | None) -> None:
        if request is None:
            return
        self.request = request
        self.back_button.hide()  # the choices made this request; a new letter starts a new wizard
        # Saving again would make a second request; the text stays in the vault and in the package.
        self.save_button.setEnabled(False)
        self.request_recorded.emit(request)

    def _reference(self) -> str:
        return self.request.reference if self.request is not None else ""

    def _deadline(self) -> str:
        if self.request is None or self.request.deadline is None:
            return self.tr("no fixed deadline")
        return moment(self.request.deadline, self._zone)

    def _confirm(self, title: str, text: str, yes: str, action: Callable[[], object]) -> QMessageBox:
        """Ask first (window-modal, not blocking); `action` runs only if the person chose `yes`."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirm_yes")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("confirm_no")
        box.setDefaultButton(cancel)
        box.buttonClicked.connect(lambda button: action() if button is confirm else None)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()
        return box
