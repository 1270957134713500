"""Starting the desktop app: `run(vault)` is what `victim-desk` with no command calls.

Sets up what every screen relies on: Korean-first translations (or the language chosen in the settings),
a font that renders Hangul, a calm style with a visible keyboard-focus ring, and a last-resort error
hook that logs without case data and shows a plain message instead of a traceback. It also keeps Qt
from writing state to disk: no recent-files lists, and Qt's own settings (which the file dialog uses to
remember folders) are pointed at a place that cannot be written.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from victim_desk.app.preferences import PreferencesStore
from victim_desk.app.vault_admin import default_vault_path
from victim_desk.errors import UnexpectedError
from victim_desk.gui.fonts import app_font
from victim_desk.gui.shell import ShellWindow, load_icon
from victim_desk.gui.translations import switch_language
from victim_desk.hardening import harden
from victim_desk.i18n import Lang
from victim_desk.identity import DEFAULT_ICON, default_display_name
from victim_desk.logs import log_unexpected

# The focus ring: every control that can take keyboard focus shows a 2 px dark-blue frame (8.6:1 on the
# window colour) when it has it. Buttons get a full style of their own, because a style sheet that sets a
# button's border replaces the platform's drawing of it.
FOCUS = "#1a4fa0"
STYLE = f"""
QWidget {{ font-size: 11pt; }}
QPushButton {{ padding: 6px 14px; border: 1px solid #767676; border-radius: 5px; background: #fafafa;
    color: #1a1a1a; }}
QPushButton:hover {{ background: #eef2f8; }}
QPushButton:pressed {{ background: #dde5f1; }}
QPushButton:disabled {{ color: #6b6b6b; border-color: #b5b5b5; }}
QPushButton:default {{ border: 1px solid #1a4fa0; }}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {FOCUS}; }}
QLineEdit, QPlainTextEdit, QComboBox, QDateTimeEdit, QSpinBox {{ padding: 4px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateTimeEdit:focus, QSpinBox:focus,
QListView:focus, QTreeView:focus, QTableView:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {FOCUS}; border-radius: 4px; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS}; }}
QTableView {{ gridline-color: #e3e3e3; }}
"""


# Set to 1 only by packaging/smoke.py: quit as soon as the first window is shown, so the smoke test of a
# built bundle can prove the desktop app starts (Qt, plugins, fonts, translations) without a person there.
SMOKE_QUIT_ENV = "VICTIM_DESK_GUI_SMOKE_QUIT"


# Typed text must stay easy to tell from a placeholder, yet a placeholder ("e.g. https://…") must be readable:
# WCAG's 4.5:1 against the field. Qt's default is a light grey near 2.5:1 on white.
PLACEHOLDER_CONTRAST = 4.5


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio between two colours: 1 (same) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.red())
            + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def placeholder_colour(text: QColor, base: QColor) -> QColor:
    """The lightest mix of the text colour toward the field's colour that still reads at 4.5:1 on it (with a
    margin for rounding): paler than typed text, on a light or a dark theme alike."""
    for step in range(8, -1, -1):  # 40 % toward the base colour, then darker in 5 % steps
        share = step * 0.05
        mixed = QColor(
            round(text.red() + (base.red() - text.red()) * share),
            round(text.green() + (base.green() - text.green()) * share),
            round(text.blue() + (base.blue() - text.blue()) * share),
        )
        if contrast_ratio(mixed, base) >= PLACEHOLDER_CONTRAST + 0.2:
            return mixed
    return QColor(text)


def readable_palette(palette: QPalette) -> QPalette:
    """`palette` with placeholder text readable on the base colour in the active and inactive states (a
    disabled field's placeholder keeps the style's dimmed look, as its text does)."""
    result = QPalette(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        colour = placeholder_colour(palette.color(group, role.Text), palette.color(group, role.Base))
        result.setColor(group, role.PlaceholderText, colour)
    return result


def run(vault: Path | None) -> int:
    """Open the desktop app on `vault` (or the default vault); returns the exit status."""
    harden()  # also when the app is started without the CLI (hardening.py)
    store = PreferencesStore.default()
    lang = store.load().language()
    app = create_application(lang)
    window = ShellWindow(Path(vault) if vault else default_vault_path(), lang, preferences=store)
    restore = install_error_hook(window.banner.show_error, lang)
    try:
        window.show()
        if os.environ.get(SMOKE_QUIT_ENV) == "1":
            QTimer.singleShot(0, lambda: _smoke_quit(app, window))
        return int(app.exec())
    finally:
        window.shut_down()
        restore()


def _smoke_quit(app: QApplication, window: ShellWindow) -> None:
    """The smoke test's "started": the event loop runs and the window is on screen. Says so and quits."""
    if window.isVisible():
        print("gui-smoke: window shown", file=sys.stderr, flush=True)
    app.quit()


def create_application(lang: Lang) -> QApplication:
    existing = QApplication.instance()
    # Qt's own command-line options are not offered: argv may hold a vault path, and nothing else is ours.
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("victim-desk")
    # What the task bar shows before the window sets the chosen name: the neutral one, never ours.
    app.setApplicationDisplayName(default_display_name(lang))
    # Wayland matches the window to its desktop entry by this name; Flatpak renames the entry to the app id.
    app.setDesktopFileName(os.environ.get("FLATPAK_ID") or "victim-desk")
    app.setStyle("Fusion")  # the same calm, predictable look on every desktop
    app.setPalette(readable_palette(app.palette()))  # after the style, which brings its own palette
    app.setWindowIcon(load_icon(DEFAULT_ICON))
    app.setFont(app_font(app.font()))
    app.setStyleSheet(STYLE)
    switch_language(app, lang)
    keep_qt_settings_off_disk()
    return app


def keep_qt_settings_off_disk() -> None:
    """QFileDialog saves visited folders to QSettings("QtProject"); make that write go nowhere.

    A folder name can be a person's name or a case. The path below can never be created (it is inside
    the null device), so QSettings reports an access error and nothing reaches disk. Windows keeps native
    settings in the registry, which this does not cover yet: a job for the Windows packaging work.
    """
    nowhere = os.path.join(os.devnull, "victim-desk-no-settings")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, nowhere)


class _ErrorRelay(QObject):
    """Carries "something unexpected happened" to the GUI thread, whichever thread it happened on."""

    unexpected_raised = Signal(str)


def install_error_hook(show: Callable[[str], None], lang: Lang) -> Callable[[], None]:
    """Route uncaught exceptions (sys.excepthook, threads) to the log and to a calm message via `show`.

    The log records only where it happened, never the exception's text (logs.log_unexpected). Returns a
    function that puts the previous hooks back.
    """
    relay = _ErrorRelay()
    relay.unexpected_raised.connect(show)
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_hook(kind, exc, tb)
            return
        log_unexpected(exc.with_traceback(tb), "gui")
        relay.unexpected_raised.emit(UnexpectedError().message(lang))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
        relay.deleteLater()

    return restore
