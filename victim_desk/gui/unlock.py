"""The first screen: create a vault (first time) or open it with the passphrase.

Key derivation is deliberately slow (~0.5 s), so it runs as a job and the window stays alive meanwhile.
A wrong passphrase is met calmly: the message says nothing changed, the field is cleared, nothing on disk
is touched (the vault checks the passphrase against its key file before opening the database).

When the person asked this computer to remember the vault's key (settings; kept in the OS key store),
a second button opens the vault with it. It is never used without that click: whoever starts the app is
not necessarily the person the vault belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.vault_admin import MIN_PASSPHRASE, remembers_key, vault_exists
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.desk import Desk
from victim_desk.errors import DeskError, PassphrasesDiffer, PassphraseTooShort
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.modes import scrolling
from victim_desk.gui.workers import Workers
from victim_desk.i18n import Lang


class UnlockScreen(QWidget):
    desk_opened = Signal(object)  # the unlocked Desk; its owner must lock it

    def __init__(
        self,
        vault_path: Path,
        workers: Workers,
        lang: Lang,
        parent: QWidget | None = None,
        *,
        keyring_backend: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_screen")
        self._path = vault_path
        self._workers = workers
        self._lang = lang
        self.creating = not vault_exists(vault_path)
        self._keyring_backend = keyring_backend
        self.with_keyring: QPushButton | None = None

        card = QFrame()
        card.setObjectName("unlock_card")
        # A fixed width lets the word-wrapped explanations compute their height (Qt's heightForWidth).
        card.setFixedWidth(600)
        card.setStyleSheet("#unlock_card { background: palette(base); border-radius: 10px; }")
        self._form = QVBoxLayout(card)
        self._form.setContentsMargins(28, 24, 28, 24)
        self._form.setSpacing(12)

        self.passphrase = self._password_field("passphrase")
        self.repeat = self._password_field("repeat") if self.creating else None
        self.show_text = QCheckBox(self.tr("Show what I type"))
        self.show_text.setObjectName("show_passphrase")
        self.show_text.toggled.connect(self.on_show_text_toggled)

        self.error = inline_error_label()
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        self.busy.setStyleSheet("color: #3d3d3d;")
        self.busy.hide()

        self.submit = QPushButton()
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.on_submit_clicked)

        if self.creating:
            self._build_create_form()
        else:
            self._build_open_form()

        # Centred with stretches, not an alignment flag: an aligned widget gets its plain size hint, which
        # ignores how tall the wrapped explanations become at the card's width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        # Scrolls rather than overflowing the screen at 200 % or with a large font.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(inner))
        self.passphrase.setFocus()

    # --- the two forms ------------------------------------------------------------------------------

    def _build_create_form(self) -> None:
        assert self.repeat is not None
        title = QLabel(self.tr("Create your vault"))
        title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        explain = QLabel(
            self.tr(
                "Your records are kept in an encrypted vault on this computer only. Nothing is sent "
                "anywhere. Choose a passphrase of at least {minimum} characters; a few words you can "
                "remember work well."
            ).format(minimum=MIN_PASSPHRASE)
        )
        explain.setWordWrap(True)
        # The one thing that cannot be undone gets its own, gently set-apart paragraph.
        text = QLabel(
            self.tr(
                "Only this passphrase opens the vault. If it is lost, nobody can recover it, not even the "
                "people who made this app. Please keep a copy somewhere only you can reach."
            )
        )
        text.setObjectName("lost_passphrase_warning")
        text.setWordWrap(True)
        # The colour sits on a frame around the label: a styled QLabel misjudges its wrapped height.
        warning = QFrame()
        warning.setObjectName("warning_box")
        warning.setStyleSheet(
            "#warning_box { background: #f3eefa; border-radius: 6px; } QLabel { color: #3b2d4f; }"
        )
        box = QVBoxLayout(warning)
        box.setContentsMargins(12, 10, 12, 10)
        box.addWidget(text)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Once more"), self.repeat)
        self.submit.setText(self.tr("Create vault"))
        self.busy.setText(self.tr("Creating your vault… this takes a moment."))
        for widget in (title, explain, warning):
            self._form.addWidget(widget)
        self._form.addLayout(form)
        self._add_common_rows()

    def _build_open_form(self) -> None:
        title = QLabel(self.tr("Open your vault"))
        title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        explain = QLabel(self.tr("Enter your passphrase. Your records stay encrypted until you do."))
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.submit.setText(self.tr("Open"))
        self.busy.setText(self.tr("Opening… this takes a moment."))
        for widget in (title, explain):
            self._form.addWidget(widget)
        self._form.addLayout(form)
        self._add_common_rows()
        if remembers_key(self._path):
            self.with_keyring = QPushButton(self.tr("Open with the key this computer remembers"))
            self.with_keyring.setObjectName("unlock_with_keyring")
            self.with_keyring.setAccessibleName(self.with_keyring.text())
            self.with_keyring.clicked.connect(self.on_with_keyring_clicked)
            self._form.addWidget(self.with_keyring, 0, Qt.AlignmentFlag.AlignRight)

    def _add_common_rows(self) -> None:
        self._form.addWidget(self.show_text)
        self._form.addWidget(self.error)
        self._form.addWidget(self.busy)
        self._form.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMinimumWidth(300)
        field.setAccessibleName(self.tr("Passphrase") if name == "passphrase" else self.tr("Once more"))
        field.returnPressed.connect(self.on_submit_clicked)
        return field

    # --- what happens -------------------------------------------------------------------------------

    def on_show_text_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.passphrase, self.repeat):
            if field is not None:
                field.setEchoMode(mode)

    def on_submit_clicked(self) -> None:
        if not self.submit.isEnabled():
            return  # already working; Enter pressed again
        passphrase = self.passphrase.text()
        if not passphrase:
            self.passphrase.setFocus()
            return
        path = self._path
        if self.repeat is not None:
            if len(passphrase) < MIN_PASSPHRASE:
                self._fail(PassphraseTooShort(minimum=MIN_PASSPHRASE))
                return
            if passphrase != self.repeat.text():
                self._fail(PassphrasesDiffer())
                return

            def work(_progress: Progress, _cancel: CancelToken) -> Desk:
                return Desk.create(path, passphrase)
        else:

            def work(_progress: Progress, _cancel: CancelToken) -> Desk:
                return Desk.open(path, passphrase)

        self._run(work)

    def on_with_keyring_clicked(self) -> None:
        if not self.submit.isEnabled():
            return
        path, backend = self._path, self._keyring_backend

        def work(_progress: Progress, _cancel: CancelToken) -> Desk:
            return Desk.open(path, None, keyring_backend=backend)

        self._run(work)

    def _run(self, work: Callable[[Progress, CancelToken], Desk]) -> None:
        self._set_busy(True)
        job = self._workers.start(work)
        job.signals.succeeded.connect(self.on_job_succeeded)
        job.signals.failed.connect(self.on_job_failed)

    def on_job_succeeded(self, desk: Desk) -> None:
        self._clear_fields()
        self.desk_opened.emit(desk)

    def on_job_failed(self, error: DeskError) -> None:
        self._set_busy(False)
        self._fail(error)

    def _fail(self, error: DeskError) -> None:
        self._clear_fields()
        self.error.setText(error.message(self._lang))
        self.error.show()
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.repeat, self.submit, self.show_text, self.with_keyring):
            if widget is not None:
                widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.error.hide()

    def _clear_fields(self) -> None:
        for field in (self.passphrase, self.repeat):
            if field is not None:
                field.clear()
