"""Qt's own file dialog, set up the one safe way for every screen that opens or saves a file.

The platform's dialog would add the chosen file to the desktop's "recently used" list, which shows someone
else where the material or a letter is; Qt's own dialog adds nothing there (and `gui.app` keeps Qt from
remembering folders). Every dialog starts at the home folder, is modal to its window only (so Quick exit
still works) and is deleted when it closes. Replacing an existing file is asked in the app's own words
(`confirm_replace`, one question for every screen), because the app layer refuses to overwrite anyway,
unless the screen lets Qt ask.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def private_file_dialog(
    parent: QWidget,
    title: str,
    name: str,
    filters: list[str],
    *,
    save: bool = False,
    many: bool = False,
    suggested: str = "",
    suffix: str = "",
    qt_asks_before_replacing: bool = False,
) -> QFileDialog:
    """A configured, not yet opened dialog: connect `fileSelected`/`filesSelected`, then `open()` it."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not qt_asks_before_replacing)
        if suffix:
            dialog.setDefaultSuffix(suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    dialog.setDirectory(QDir.homePath())
    if suggested:
        dialog.selectFile(suggested)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.finished.connect(dialog.deleteLater)
    return dialog


def confirm_replace(parent: QWidget, path: Path, on_yes: Callable[[], object]) -> QMessageBox:
    """Ask whether to replace the existing file `path`; `on_yes()` runs only after "Replace".

    The question is opened with open(), never exec(), and the answer arrives later: a nested event loop
    would outlive a lock and then write for a vault that is closed (a box hidden by the lock never
    answers). Window-modal, "Cancel" is the default (Enter or Escape keep the file), deleted on close.
    Returned so that a screen can keep it (tests answer it through the buttons `confirm_yes`/`confirm_no`).
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("file_dialogs", "Replace the file?"),
        QCoreApplication.translate(
            "file_dialogs", "A file named {name} already exists in that folder. Replace it?"
        ).format(name=path.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("confirm_replace")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is shown as it is, never as markup
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(QCoreApplication.translate("file_dialogs", "Replace"))
    yes.setObjectName("confirm_yes")
    no = box.button(QMessageBox.StandardButton.No)
    no.setText(QCoreApplication.translate("file_dialogs", "Cancel"))
    no.setObjectName("confirm_no")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(no)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda answer: on_yes() if answer == QMessageBox.StandardButton.Yes else None)
    box.open()
    return box
