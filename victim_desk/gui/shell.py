"""The one top-level window: a top bar that always offers Quick exit, a message strip, and the current screen.

It owns the session: which `Desk` is open, when it locks (by hand, after idle time, when the computer's
session locks or it goes to sleep, on quit) and the quick exit. Screens are swapped inside it rather than
opening new windows, so there is one place that can hide everything at once. The title is always the
neutral display name (app.preferences / display_name.py), never a case and never this app's own name.

The top bar is a plain row, not a QToolBar: a tool bar hides what does not fit behind a "»" menu, and at
200 % or with a large font that was the Quick exit button. Here the screens' tools sit in a tool bar that
may fold, and Quick exit sits outside it, always shown, at the right end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.preferences import Preferences, PreferencesStore
from victim_desk.app.workplace import DeskMode
from victim_desk.desk import Desk
from victim_desk.errors import DeskError
from victim_desk.gui.banner import MessageBanner
from victim_desk.gui.modes import ModeChoice
from victim_desk.gui.pages import SHELL_TOOLS
from victim_desk.gui.safety import QUICK_EXIT_KEYS, InputWatcher, SecretClipboard
from victim_desk.gui.screen_fit import fit_to_screen
from victim_desk.gui.session import Session
from victim_desk.gui.session_lock import SessionLockSource
from victim_desk.gui.translations import switch_language
from victim_desk.gui.unlock import UnlockScreen
from victim_desk.gui.workers import Workers
from victim_desk.gui.workspace import Workspace
from victim_desk.i18n import Lang
from victim_desk.identity import ICONS
from victim_desk.resources_path import resource

QUICK_EXIT_STYLE = (
    "QToolButton { background: #6b4f8a; color: white; font-weight: 600; padding: 6px 16px;"
    " border: 3px solid #6b4f8a; border-radius: 6px; }"
    " QToolButton:hover { background: #5a4176; border-color: #5a4176; }"
    " QToolButton:focus { border: 3px solid #111111; }"
)


def load_icon(choice: str) -> QIcon:
    node = resource("icons", ICONS.get(choice, ICONS["neutral"]))
    return QIcon(QPixmap.fromImage(QImage.fromData(node.read_bytes()))) if node.is_file() else QIcon()


class _TopBar(QWidget):
    """Tools on the left (they may fold), the quick-exit keys and the Quick exit button on the right."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("top_bar")
        self.tools = QToolBar(self)
        self.tools.setObjectName("safety_toolbar")
        self.tools.setMovable(False)
        self.tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tools.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hint = QLabel(QUICK_EXIT_KEYS)
        self.hint.setObjectName("quick_exit_keys")
        self.hint.setStyleSheet("color: #4d4d4d; padding-right: 8px;")  # 7.3:1 on the window colour
        self.quick_exit = QToolButton(self)
        self.quick_exit.setObjectName("quick_exit_button")
        self.quick_exit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.quick_exit.setStyleSheet(QUICK_EXIT_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 8, 4)
        layout.addWidget(self.tools, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.quick_exit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The keys are also in the button's tooltip and accessible description: drop the label, not room.
        needed = self.quick_exit.sizeHint().width() + self.hint.sizeHint().width() + 200
        self.hint.setVisible(event.size().width() >= needed)
        super().resizeEvent(event)


class ShellWindow(QMainWindow):
    vault_unlocked = Signal()
    vault_locked = Signal()
    quick_exited = Signal()
    language_changed = Signal(str)

    def __init__(
        self,
        vault_path: Path,
        lang: Lang,
        *,
        idle_ms: int | None = None,
        quit_app: Callable[[], None] | None = None,
        preferences: PreferencesStore | None = None,
        lock_source: SessionLockSource | None = None,
        keyring_backend: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.vault_path = vault_path
        self.lang = lang
        self.preferences = preferences or PreferencesStore(None)
        self.prefs: Preferences = self.preferences.load()
        self.keyring_backend = keyring_backend  # None: the OS key store (tests pass a stand-in)
        self.desk: Desk | None = None
        self.workspace: Workspace | None = None
        self.unlock_screen: UnlockScreen | None = None
        self.mode_choice: ModeChoice | None = None
        self._quit_app = quit_app or QApplication.quit
        self._exiting = False

        self.workers = Workers(self)
        self.clipboard = SecretClipboard(QGuiApplication.clipboard(), parent=self)
        self.watcher = InputWatcher(idle_ms if idle_ms is not None else self.prefs.auto_lock_ms, self)
        self.watcher.idle_timed_out.connect(self.on_idle_timed_out)
        self.watcher.quick_exit_pressed.connect(self.quick_exit)
        app = QApplication.instance()
        assert app is not None  # a window cannot exist before its application
        app.installEventFilter(self.watcher)
        self.lock_source = lock_source or SessionLockSource(self)
        self.lock_source.session_locked.connect(self.on_session_locked)

        self._build_top_bar()
        self.banner = MessageBanner()
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.apply_appearance()
        fit_to_screen(self)
        self.show_unlock_screen()

    def _build_top_bar(self) -> None:
        self.top_bar = _TopBar(self)
        self.quick_exit_action = QAction(self)
        self.quick_exit_action.setObjectName("quick_exit")
        self.quick_exit_action.triggered.connect(self.quick_exit)
        self.top_bar.quick_exit.setDefaultAction(self.quick_exit_action)
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lock")
        self.lock_action.triggered.connect(self.lock)
        self.top_bar.tools.addAction(self.lock_action)
        self.tool_actions: dict[str, QAction] = {}
        for tool in SHELL_TOOLS:
            action = QAction(self)
            action.setObjectName(tool.name)
            action.triggered.connect(lambda _checked=False, tool=tool: tool.open(self))
            self.top_bar.tools.addAction(action)
            self.tool_actions[tool.name] = action
        for action in self.top_bar.tools.actions():
            # Tool bar buttons take no focus by default: keyboard users must reach them with Tab.
            self.top_bar.tools.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMenuWidget(self.top_bar)
        self.retranslate_top_bar()

    def retranslate_top_bar(self) -> None:
        self.quick_exit_action.setText(self.tr("Quick exit"))
        tip = self.tr("Locks the vault and closes every window at once. Keys: {keys}").format(
            keys=QUICK_EXIT_KEYS
        )
        self.quick_exit_action.setToolTip(tip)
        self.top_bar.quick_exit.setAccessibleName(self.tr("Quick exit"))
        self.top_bar.quick_exit.setAccessibleDescription(tip)
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Lock the vault now. Your passphrase opens it again."))
        for tool in SHELL_TOOLS:
            self.tool_actions[tool.name].setText(tool.title())
        for action in self.top_bar.tools.actions():
            self.top_bar.tools.widgetForAction(action).setAccessibleName(action.text())
        self.top_bar.tools.setWindowTitle(self.tr("Safety"))

    def apply_appearance(self) -> None:
        """Window name and icon from the preferences: neutral unless the person chose otherwise."""
        title = self.prefs.title(self.lang)
        self.setWindowTitle(title)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setApplicationDisplayName(title)
            icon = load_icon(self.prefs.icon)
            app.setWindowIcon(icon)
            self.setWindowIcon(icon)

    # --- screens ------------------------------------------------------------------------------------

    def show_unlock_screen(self) -> None:
        screen = UnlockScreen(self.vault_path, self.workers, self.lang, keyring_backend=self.keyring_backend)
        screen.desk_opened.connect(self.on_desk_opened)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self._drop(self.unlock_screen)
        self.unlock_screen = screen
        self.lock_action.setEnabled(False)
        screen.passphrase.setFocus()

    def on_desk_opened(self, desk: Desk) -> None:
        if self._exiting or self.desk is not None:
            desk.lock()  # opened while quitting: nobody is there to use it
            return
        created = self.unlock_screen is not None and self.unlock_screen.creating
        self.desk = desk
        self.banner.clear()
        self._drop(self.unlock_screen)
        self.unlock_screen = None
        self.lock_action.setEnabled(True)
        self.watcher.set_armed(True)
        if created and desk.workplace.mode() is None:
            self.show_mode_choice()
        else:
            self.show_workspace()
        self.vault_unlocked.emit()

    def show_mode_choice(self) -> None:
        """After creating a vault: victim or counselor mode, a calm choice that settings can change later."""
        choice = ModeChoice()
        choice.chosen.connect(self.on_mode_chosen)
        self.stack.addWidget(choice)
        self.stack.setCurrentWidget(choice)
        self._drop(self.mode_choice)
        self.mode_choice = choice
        choice.victim.setFocus()

    def on_mode_chosen(self, mode: str) -> None:
        if self.desk is None:
            return
        try:
            self.desk.workplace.set_mode(mode)
        except DeskError as exc:
            self.banner.show_error(exc.message(self.lang))
            return
        self._drop(self.mode_choice)
        self.mode_choice = None
        self.show_workspace()

    def show_workspace(self, case_id: int | None = None) -> None:
        """(Re)build the workspace, e.g. after the mode or the language changed; keeps the chosen case."""
        assert self.desk is not None
        old = self.workspace
        if old is not None:
            case_id = case_id if case_id is not None else old.case_id
            old.close_down()
        session = Session(self.desk, self.workers, self.clipboard, self.banner, self.lang)
        self.workspace = Workspace(session, select_case=case_id)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._drop(old)
        self.workspace.focus_start()

    @property
    def mode(self) -> DeskMode | None:
        return None if self.workspace is None else self.workspace.mode

    # --- settings -----------------------------------------------------------------------------------

    def apply_preferences(self, prefs: Preferences) -> None:
        """Use saved preferences at once: auto-lock delay, name and icon, and the language (rebuilding the
        screens in it; a half-typed passphrase is cleared, nothing else is lost)."""
        self.prefs = prefs
        was_armed = self.desk is not None
        self.watcher.set_armed(False)
        self.watcher.set_interval(prefs.auto_lock_ms)
        self.watcher.set_armed(was_armed)
        self.set_language(prefs.language())
        self.apply_appearance()

    def set_language(self, lang: Lang) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        app = QApplication.instance()
        if app is not None:
            switch_language(app, lang)
        self.retranslate_top_bar()
        if self.desk is None:
            self.show_unlock_screen()
        elif self.mode_choice is not None:
            self.show_mode_choice()
        else:
            self.show_workspace()
        self.apply_appearance()
        self.language_changed.emit(lang)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_top_bar()
        super().changeEvent(event)

    # --- locking and leaving ------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault and return to the passphrase screen. Safe to call when already locked."""
        if self.desk is None:
            return
        self._close_session()
        self.banner.clear()  # a message may quote case data (a copied address, an import's lines)
        self.show_unlock_screen()
        self.vault_locked.emit()

    def on_idle_timed_out(self) -> None:
        if self.desk is None:
            return
        self.lock()
        minutes = max(1, round(self.watcher.idle_ms / 60000))
        self.banner.show_info(
            self.tr("The vault was locked after {minutes} minutes without use. Nothing was lost.").format(
                minutes=minutes
            )
        )

    def on_session_locked(self, _reason: str) -> None:
        """The computer's session locked or it is going to sleep: lock too, quietly."""
        if self.desk is None:
            return
        self.lock()
        self.banner.show_info(
            self.tr("The vault was locked because the computer was locked. Nothing was lost.")
        )

    def quick_exit(self) -> None:
        """Hide everything first (what someone walking in sees), then lock, then quit."""
        if self._exiting:
            return
        self._exiting = True
        self.watcher.set_armed(False)
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        if self.workers.busy:
            # Waiting for a job blocks the event loop; make the window system hide the windows first.
            QGuiApplication.sync()
        self.clipboard.clear_now()
        self._close_session()
        self.quick_exited.emit()
        self._quit_app()

    def shut_down(self) -> None:
        """At the end of the app: lock whatever is open and stop watching input."""
        self._close_session()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watcher)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clipboard.clear_now()
        self._close_session()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.lock_source.watch_window(self)
        super().showEvent(event)

    def _close_session(self) -> None:
        self.watcher.set_armed(False)
        # Jobs stop at their next step (never killed); a vault that finished opening meanwhile is locked too.
        for outcome in self.workers.cancel_all_and_wait():
            if isinstance(outcome, Desk) and outcome is not self.desk:
                outcome.lock()
        self.clipboard.clear_now()
        # Dialogs and menus are their own windows: hiding the workspace would leave them showing case data.
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible():
                widget.hide()
        if self.workspace is not None:
            self.workspace.close_down()
            self._drop(self.workspace)
            self.workspace = None
        self._drop(self.mode_choice)
        self.mode_choice = None
        if self.desk is not None:
            self.desk.lock()
            self.desk = None
        self.lock_action.setEnabled(False)

    def _drop(self, widget: QObject | None) -> None:
        if not isinstance(widget, QWidget):
            return
        self.stack.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
