"""Run in a child process by test_gui_shell_access.py: opens the app the way `victim-desk` does (style,
font, translations) on the screen the environment describes, and prints where things ended up as JSON.

Qt reads QT_SCALE_FACTOR and the platform once per process, hence a process of its own per screen.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from victim_desk.desk import Desk
from victim_desk.gui.app import create_application
from victim_desk.gui.settings.dialog import SettingsDialog
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "probe passphrase, long enough"


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def global_rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def placeholders(root: QWidget) -> list[list[str]]:
    """Each visible field showing a placeholder: its name, the placeholder colour (with alpha) and the
    colour of the field it is drawn on."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        text = getattr(widget, "placeholderText", None)
        if callable(text) and text() and widget.isVisible():
            palette = widget.palette()
            colour = palette.color(QPalette.ColorRole.PlaceholderText).name(QColor.NameFormat.HexArgb)
            found.append(
                [widget.objectName() or text()[:20], colour, palette.color(QPalette.ColorRole.Base).name()]
            )
    return found


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def main(folder: str, lang: str, font_pt: str) -> None:
    app = create_application(lang)  # type: ignore[arg-type]
    if float(font_pt) > 0:
        font = app.font()
        font.setPointSizeF(float(font_pt))
        app.setFont(font)
        app.setStyleSheet(app.styleSheet().replace("font-size: 11pt", f"font-size: {font_pt}pt"))
    vault = Path(folder) / "vault"
    with Desk.create(vault, PASSPHRASE) as desk:
        desk.workplace.set_mode("counselor")
        for title in ("사례 A", "사례 B"):
            case = desk.cases.add(title)
            desk.sightings.add(case, f"https://t.me/probe_room/{case}")
    found: dict[str, object] = {}
    shell = ShellWindow(vault, lang, quit_app=lambda: None)  # type: ignore[arg-type]
    shell.show()
    settle(app)
    screen = shell.screen()
    found["available"] = rect(screen.availableGeometry())
    button = shell.findChild(QWidget, "quick_exit_button")

    def measure(state: str) -> None:
        settle(app)
        found[state] = {
            "window": rect(shell.frameGeometry()),
            "quick_exit": global_rect(button),
            "quick_exit_visible": button.isVisible(),
        }

    measure("locked")
    shell.on_desk_opened(Desk.open(vault, PASSPHRASE))
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    measure("unlocked")
    shell.tool_actions["settings"].trigger()
    settle(app)
    dialog = shell.findChild(SettingsDialog)
    found["settings"] = rect(dialog.frameGeometry())
    found["settings_save"] = global_rect(dialog.save_button)
    found["placeholders"] = placeholders(shell) + placeholders(dialog)
    shell.shut_down()
    print(json.dumps(found))


if __name__ == "__main__":
    main(*sys.argv[1:])
