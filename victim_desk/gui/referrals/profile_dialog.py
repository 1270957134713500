"""Who is referring: the vault's profile (name, e-mail, optional phone, victim or counselor).

A referral letter always says who refers, so a vault without a profile cannot write one; this small form
saves it through `desk.profiles.set` (the same as `victim-desk profile set`), once, and the letter dialog
continues.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from victim_desk.desk import Desk
from victim_desk.errors import DeskError
from victim_desk.gui.banner import inline_error_label
from victim_desk.i18n import Lang


class ProfileDialog(QDialog):
    def __init__(self, desk: Desk, lang: Lang, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("profile_dialog")
        self.setWindowTitle(self.tr("Who is referring"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._desk = desk
        self._lang = lang
        intro = QLabel(
            self.tr(
                "This is kept in the encrypted vault and printed as the referring person on letters. "
                "If you are writing for yourself, choose “Myself”."
            )
        )
        intro.setWordWrap(True)
        self.role = QComboBox()
        self.role.setObjectName("profile_role")
        self.role.setAccessibleName(self.tr("Who you are"))
        self.role.addItem(self.tr("Myself (the person concerned)"), "victim")
        self.role.addItem(self.tr("A counselor acting for her"), "counselor")
        self.name = QLineEdit()
        self.name.setObjectName("profile_name")
        self.name.setAccessibleName(self.tr("Name"))
        self.email = QLineEdit()
        self.email.setObjectName("profile_email")
        self.email.setAccessibleName(self.tr("E-mail"))
        self.phone = QLineEdit()
        self.phone.setObjectName("profile_phone")
        self.phone.setAccessibleName(self.tr("Phone (optional)"))
        self.organization = QLineEdit()
        self.organization.setObjectName("profile_organization")
        self.organization.setAccessibleName(self.tr("Organisation (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("Who you are:"), self.role)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("E-mail:"), self.email)
        form.addRow(self.tr("Phone (optional):"), self.phone)
        form.addRow(self.tr("Organisation (optional):"), self.organization)
        self.error = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self._desk.profile.set(
                self.name.text(),
                self.email.text(),
                self.phone.text() or None,
                self.role.currentData(),
                self.organization.text().strip() or None,
            )
        except DeskError as exc:
            self.error.setText(exc.message(self._lang))
            self.error.show()
            return
        self.accept()
