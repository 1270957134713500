"""Loading the Qt translations for the screens (Korean first; English is the source language).

The screens' strings are translated per area so that areas can be worked on side by side without
touching one shared file: the modules directly in `victim_desk/gui/` form the area "shell", and each
subpackage `victim_desk/gui/<area>/` is an area of its own. Each area has
resources/i18n/gui/<area>_<lang>.ts, compiled to a .qm with pyside6-lrelease; both are committed so an
installed wheel needs no Qt tools. Qt's own qtbase translation is loaded too, so standard buttons and the
file dialog speak the same language as the rest of the window.

After changing any tr() string (tests/gui checks both steps were done for every area):

    python -m victim_desk.gui.translations            # every area; or name areas: ... shell evidence
    (then translate the entries marked unfinished in the .ts, e.g. with pyside6-linguist, and run it again)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from victim_desk.i18n import Lang
from victim_desk.resources_path import resource

SHELL_AREA = "shell"
GUI_DIR = Path(__file__).resolve().parent


def qm_name(area: str, lang: Lang) -> str:
    return f"{area}_{lang}.qm"


def install_translators(app: QCoreApplication, lang: Lang) -> list[QTranslator]:
    """Install the translators for `lang` on `app` and return them (to remove them again in tests)."""
    if lang == "en":
        return []
    installed: list[QTranslator] = []
    folder = resource("i18n", "gui")
    suffix = f"_{lang}.qm"
    nodes = sorted((n for n in folder.iterdir() if n.name.endswith(suffix)), key=lambda n: n.name)
    for node in nodes:
        translator = QTranslator(app)
        data = node.read_bytes()
        # load(bytes) keeps a pointer into the buffer: it must live as long as the translator.
        translator._data = data  # type: ignore[attr-defined]
        if data and translator.load(data):
            app.installTranslator(translator)
            installed.append(translator)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


# The translators the running app installed for its language, so a change of language can replace them.
_current: list[QTranslator] = []


def switch_language(app: QCoreApplication, lang: Lang) -> None:
    """Replace the app's translators by those of `lang` (the screens must then be rebuilt to use them)."""
    remove_translators(app, _current)
    for translator in _current:
        translator.deleteLater()
    _current[:] = install_translators(app, lang)


# --- for developers: keeping the .ts and .qm files up to date ----------------------------------------


def areas(gui_dir: Path = GUI_DIR) -> dict[str, list[Path]]:
    """Each translation area and its source files: the shell, then one area per subpackage."""
    found = {SHELL_AREA: sorted(gui_dir.glob("*.py"))}
    for sub in sorted(p for p in gui_dir.iterdir() if (p / "__init__.py").is_file()):
        found[sub.name] = sorted(sub.rglob("*.py"))
    return found


def qt_tool(name: str) -> str:
    """A Qt tool shipped with PySide6 (next to this Python) or on PATH."""
    tool = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(tool).exists():
        raise FileNotFoundError(name)
    return tool


def update_ts(sources: list[Path], ts: Path) -> None:
    """Merge the tr() strings of `sources` into `ts` (new ones marked unfinished, gone ones dropped)."""
    command = [qt_tool("pyside6-lupdate"), *map(str, sources), "-ts", str(ts)]
    subprocess.run([*command, "-locations", "none", "-no-obsolete"], check=True, capture_output=True)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main(argv: list[str]) -> int:
    folder = Path(str(resource("i18n", "gui")))
    wanted = areas()
    chosen = argv or list(wanted)
    for area in chosen:
        ts = folder / f"{area}_ko.ts"
        update_ts(wanted[area], ts)
        compile_qm(ts, folder / qm_name(area, "ko"))
        unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{area}: {unfinished} string(s) still to translate in {ts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
