"""Korean for the few words of Qt's own file dialog that Qt's Korean translation leaves in English.

Every file is chosen in Qt's own dialog (the platform's would add it to "recently used"), and Qt ships
`qtbase_ko.qm` without "&Look in:", "Files of &type:" and the kind names of its list ("Folder",
"jpg File"): a Korean screen then asks its most important question in English. Marking them here puts
them into the shell's translation file (resources/i18n/gui/shell_ko.ts); Qt looks a word up in every
installed translator under the dialog's own context, so ours answers where Qt's has nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Show hidden files"),
    QT_TRANSLATE_NOOP("QFileDialog", "Computer"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
)
