"""Loading the Qt translations for the screens (Korean first; English is the source language).

Our strings live in resources/i18n/victim_desk_<lang>.ts, compiled to .qm with pyside6-lrelease; both are
committed so an installed wheel needs no Qt tools. Qt's own qtbase translation is loaded too, so standard
buttons and the file dialog speak the same language as the rest of the window.

After changing any tr() string (tests/gui checks both steps were done):

    pyside6-lupdate victim_desk/gui/*.py -ts resources/i18n/victim_desk_ko.ts -locations none -no-obsolete
    (translate the entries marked unfinished, e.g. with pyside6-linguist)
    pyside6-lrelease resources/i18n/victim_desk_ko.ts -qm resources/i18n/victim_desk_ko.qm
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from victim_desk.i18n import Lang
from victim_desk.resources_path import resource


def qm_name(lang: Lang) -> str:
    return f"victim_desk_{lang}.qm"


def install_translators(app: QCoreApplication, lang: Lang) -> list[QTranslator]:
    """Install the translators for `lang` on `app` and return them (to remove them again in tests)."""
    if lang == "en":
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    node = resource("i18n", qm_name(lang))
    data = node.read_bytes() if node.is_file() else b""
    # load(bytes) keeps a pointer into the buffer: it must live as long as the translator.
    ours._data = data  # type: ignore[attr-defined]
    if data and ours.load(data):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
