"""Settings: what this computer remembers, and (once the vault is open) how the vault works.

Two groups, because they live in two places (see app/preferences.py):
- "On this computer" (usable while locked): language, the window's name and icon, the auto-lock delay,
  kept in the small non-secret preferences file; and "remember on this computer" (the OS key store, in the
  vault's key file), which needs the open vault to store or remove its key.
- "This vault" (only while unlocked): victim or counselor mode, network consent and proxy, kept in the
  encrypted vault.
Saving applies everything at once: a new language rebuilds the screens in it (no restart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.preferences import AUTO_LOCK_RANGE, MAX_DISPLAY_NAME, Preferences
from victim_desk.app.vault_admin import remembers_key, vault_exists
from victim_desk.app.workplace import DeskMode
from victim_desk.core.rechecks import NetworkConsent
from victim_desk.errors import DeskError
from victim_desk.gui.banner import inline_error_label
from victim_desk.gui.modes import scrolling
from victim_desk.gui.screen_fit import fit_to_screen
from victim_desk.i18n import detect_language
from victim_desk.identity import default_display_name

if TYPE_CHECKING:
    from victim_desk.gui.shell import ShellWindow

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}  # each in its own language, so anyone finds theirs


def open_settings(window: ShellWindow) -> None:
    dialog = SettingsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class SettingsDialog(QDialog):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("SettingsDialog", "Settings")

    def __init__(self, window: ShellWindow) -> None:
        super().__init__(window)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(window.windowTitle())  # the neutral name, like every window
        self.setModal(True)
        self._window = window
        self._desk = window.desk
        prefs = window.prefs

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._computer_group(prefs))
        column.addWidget(self._vault_group())
        column.addStretch(1)
        self.error = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_settings")
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # As tall as the content needs (up to 720), never taller than the screen (then it scrolls).
        fit_to_screen(
            self, QSize(680, min(720, content.sizeHint().height() + buttons.sizeHint().height() + 60))
        )
        self.language.setFocus()

    # --- building -----------------------------------------------------------------------------------

    def _computer_group(self, prefs: Preferences) -> QGroupBox:
        box = QGroupBox(self.tr("On this computer"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language = QComboBox()
        self.language.setObjectName("language")
        system = LANGUAGE_NAMES[detect_language()]
        self.language.addItem(self.tr("Same as this computer ({language})").format(language=system), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.lang)))
        self._add(form, self.tr("Language"), self.language)

        self.display_name = QLineEdit(prefs.display_name or "")
        self.display_name.setObjectName("display_name")
        self.display_name.setMaxLength(MAX_DISPLAY_NAME)
        self.display_name.setPlaceholderText(default_display_name(self._window.lang))
        self._add(form, self.tr("Name shown for the window"), self.display_name)
        self.icon = QComboBox()
        self.icon.setObjectName("icon")
        self.icon.addItem(self.tr("Plain notepad"), "neutral")
        self.icon.addItem(self.tr("Notebook with a clasp"), "app")
        self.icon.setCurrentIndex(max(0, self.icon.findData(prefs.icon)))
        self._add(form, self.tr("Icon"), self.icon)
        form.addRow(
            self._note(
                self.tr(
                    "The window, the task bar and the launcher show only this name and icon, so someone "
                    "glancing at the screen does not learn what this app is for."
                )
            )
        )

        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("auto_lock_minutes")
        self.auto_lock.setRange(*AUTO_LOCK_RANGE)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        self._add(form, self.tr("Lock after this long without use"), self.auto_lock)

        self.remember = QCheckBox(self.tr("Remember the vault's key on this computer"))
        self.remember.setObjectName("remember_key")
        self.remember.setAccessibleName(self.remember.text())
        self.remember_was = vault_exists(self._window.vault_path) and remembers_key(self._window.vault_path)
        self.remember.setChecked(self.remember_was)
        self.remember.setEnabled(self._desk is not None)
        form.addRow(self.remember)
        remember_note = self.tr(
            "The key is kept in this computer's protected key store, so the vault opens with one click "
            "instead of the passphrase. Anyone who can use your account on this computer could then open it."
        )
        if self._desk is None:
            remember_note += " " + self.tr("Open the vault to change this.")
        form.addRow(self._note(remember_note))
        return box

    def _vault_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("This vault"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.mode_victim: QRadioButton | None = None
        self.mode_counselor: QRadioButton | None = None
        self.consent: QComboBox | None = None
        self.proxy: QLineEdit | None = None
        if self._desk is None:
            form.addRow(
                self._note(self.tr("Open the vault to change how it works and whether it may go online."))
            )
            return box
        desk = self._desk
        mode = desk.workplace.mode() or DeskMode.COUNSELOR
        self.mode_victim = QRadioButton(self.tr("For myself: one case, with the next step suggested"))
        self.mode_victim.setObjectName("mode_victim")
        self.mode_counselor = QRadioButton(
            self.tr("As a counselor: a list of cases, filters, deadline board")
        )
        self.mode_counselor.setObjectName("mode_counselor")
        group = QButtonGroup(box)
        for button in (self.mode_victim, self.mode_counselor):
            button.setAccessibleName(button.text())
            group.addButton(button)
            form.addRow(button)
        (self.mode_victim if mode is DeskMode.VICTIM else self.mode_counselor).setChecked(True)

        self.consent = QComboBox()
        self.consent.setObjectName("network_consent")
        self.consent.addItem(self.tr("Ask me each time"), NetworkConsent.ASK.value)
        self.consent.addItem(self.tr("Never go online"), NetworkConsent.NEVER.value)
        self.consent.addItem(self.tr("Allowed without asking"), NetworkConsent.ALLOWED.value)
        self.consent.setCurrentIndex(max(0, self.consent.findData(desk.rechecks.consent().value)))
        self._add(form, self.tr("Checking addresses online"), self.consent)
        self.proxy = QLineEdit(desk.rechecks.proxy() or "")
        self.proxy.setObjectName("proxy")
        self.proxy.setPlaceholderText("socks5h://127.0.0.1:9050")
        self._add(form, self.tr("Proxy (optional)"), self.proxy)
        form.addRow(
            self._note(
                self.tr(
                    "A check visits each address, and the site can see where the visit comes from. A proxy "
                    "such as Tor (socks5h://) hides that. Leave it empty to connect directly."
                )
            )
        )
        return box

    def _add(self, form: QFormLayout, label: str, field: QWidget) -> None:
        field.setAccessibleName(label)
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(field)
        form.addRow(caption, field)

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #3d3d3d;")
        return label

    # --- saving -------------------------------------------------------------------------------------

    def chosen_preferences(self) -> Preferences:
        return self._window.prefs.with_changes(
            lang=self.language.currentData(),
            display_name=self.display_name.text(),
            icon=self.icon.currentData(),
            auto_lock_minutes=self.auto_lock.value(),
        )

    def on_save(self) -> None:
        window = self._window
        try:
            prefs = self.chosen_preferences()
            mode_changed = self._save_vault_settings()
            window.preferences.save(prefs)
        except DeskError as exc:
            self.error.setText(exc.message(window.lang))
            self.error.show()
            return
        self.accept()
        language_changed = prefs.language() != window.lang
        window.apply_preferences(prefs)
        if mode_changed and not language_changed and window.desk is not None:
            window.show_workspace()
        window.banner.show_info(QCoreApplication.translate("SettingsDialog", "Settings saved."))

    def _save_vault_settings(self) -> bool:
        """Store what changed inside the vault (each change is audited there); True if the mode changed."""
        desk = self._desk
        if desk is None or self.consent is None or self.proxy is None or self.mode_victim is None:
            return False
        proxy = self.proxy.text().strip() or None
        if proxy != desk.rechecks.proxy():
            desk.rechecks.set_proxy(proxy)
        consent = str(self.consent.currentData())
        if consent != desk.rechecks.consent().value:
            desk.rechecks.set_consent(consent)
        if self.remember.isChecked() != self.remember_was:
            backend = self._window.keyring_backend
            if self.remember.isChecked():
                desk.admin.remember_on_this_computer(backend)
            else:
                desk.admin.forget_on_this_computer(backend)
            self.remember_was = self.remember.isChecked()
        mode = DeskMode.VICTIM if self.mode_victim.isChecked() else DeskMode.COUNSELOR
        if mode is not (desk.workplace.mode() or DeskMode.COUNSELOR):
            desk.workplace.set_mode(mode.value)
            return True
        return False
