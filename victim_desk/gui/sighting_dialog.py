"""Adding one sighting: where the material was seen, on which platform, when, and a note.

The dialog validates by trying to save through the application layer: the rules (what a URL is, which
dates are plausible) live once, in core, and their `DeskError` message is shown right under the fields.
Nothing is saved until it is all valid, and the dialog stays open so nothing typed is lost.
It is opened with open(), never exec(): a nested event loop would outlive an idle lock or a quick exit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from victim_desk.core.model import Sighting
from victim_desk.core.sightings import guess_platform, normalize_url
from victim_desk.errors import DeskError, FutureDate, InvalidDate, InvalidUrl, UnknownPlatform
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.labels import PLATFORM_CHOICES, platform_labels
from victim_desk.i18n import Lang

# save(url, platform, seen_iso, note) -> the saved Sighting; raises DeskError when something is invalid.
Save = Callable[[str, str | None, str | None, str], Sighting]


class AddSightingDialog(QDialog):
    sighting_added = Signal(object)  # the saved Sighting

    def __init__(self, save: Save, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_sighting_dialog")
        self.setWindowTitle(self.tr("Add a sighting"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._save = save
        self._lang = lang
        self._platform_chosen = False  # once the person picks a platform, stop guessing over her choice

        intro = QLabel(self.tr("Write down where you saw it. Only the address is needed; the rest can wait."))
        intro.setWordWrap(True)

        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://t.me/…")
        self.url.textEdited.connect(self.on_url_text_edited)

        self.platform = QComboBox()
        self.platform.setObjectName("platform")
        names = platform_labels()
        for platform_id in PLATFORM_CHOICES:
            self.platform.addItem(names[platform_id], platform_id)
        self.platform.setCurrentIndex(self.platform.findData("web"))
        self.platform.activated.connect(self.on_platform_activated)

        self.seen = QDateTimeEdit(QDateTime.currentDateTime())
        self.seen.setObjectName("seen")
        self.seen.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.seen.setCalendarPopup(True)
        self.seen.setMaximumDateTime(QDateTime.currentDateTime().addSecs(600))
        self.seen_unknown = QCheckBox(self.tr("I am not sure when"))
        self.seen_unknown.setObjectName("seen_unknown")
        self.seen_unknown.toggled.connect(self.seen.setDisabled)
        seen_row = QHBoxLayout()
        seen_row.addWidget(self.seen, 1)
        seen_row.addWidget(self.seen_unknown)

        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(
            self.tr("Optional: anything that will help later (room name, who posted)")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.error = inline_error_label()

        form = QFormLayout()
        form.addRow(self.tr("Address (URL)"), self.url)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Seen"), seen_row)
        form.addRow(self.tr("Note"), self.note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.on_save_clicked)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def on_url_text_edited(self, text: str) -> None:
        self.error.hide()
        if self._platform_chosen:
            return
        try:
            guess = guess_platform(normalize_url(text))
        except DeskError:
            return  # not an address yet; keep the current choice while she types
        self.platform.setCurrentIndex(max(0, self.platform.findData(guess)))

    def on_platform_activated(self, _index: int) -> None:
        self._platform_chosen = True

    def on_save_clicked(self) -> None:
        seen = None
        if not self.seen_unknown.isChecked():
            local: datetime = self.seen.dateTime().toPython()  # type: ignore[assignment]
            seen = local.astimezone().isoformat(timespec="seconds")
        try:
            sighting = self._save(self.url.text(), self.platform.currentData(), seen, self.note.toPlainText())
        except DeskError as exc:
            self._show_error(exc)
            return
        self.sighting_added.emit(sighting)
        self.accept()

    def _show_error(self, exc: DeskError) -> None:
        self.error.setText(exc.message(self._lang))
        self.error.show()
        self.adjustSize()  # make room for the message instead of letting it cover the note
        field: QWidget | None = {
            InvalidUrl: self.url,
            UnknownPlatform: self.platform,
            InvalidDate: self.seen,
            FutureDate: self.seen,
        }.get(type(exc))
        if field is not None:
            field.setFocus()
