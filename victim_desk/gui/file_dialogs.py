"""Qt's own file dialog, set up the one safe way for every screen that opens or saves a file.

The platform's dialog would add the chosen file to the desktop's "recently used" list, which shows someone
else where the material or a letter is; Qt's own dialog adds nothing there (and `gui.app` keeps Qt from
remembering folders). Every dialog starts at the home folder, is modal to its window only (so Quick exit
still works) and is deleted when it closes. Replacing an existing file is asked by the screen in the app's
own words, because the app layer refuses to overwrite anyway, unless the screen lets Qt ask.
"""

from __future__ import annotations

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QFileDialog, QWidget


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
