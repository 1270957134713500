"""The one top-level window: a toolbar that always offers Quick exit, a message strip, and the current screen.

It owns the session: which `Desk` is open, when it locks (by hand, after idle time, on quit) and the
quick exit. Screens are swapped inside it rather than opening new windows, so there is one place that can
hide everything at once. The title is always the neutral app name, never a case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from victim_desk.desk import Desk
from victim_desk.gui.banner import MessageBanner
from victim_desk.gui.safety import IDLE_LOCK_MS, QUICK_EXIT_KEYS, InputWatcher, SecretClipboard
from victim_desk.gui.session import Session
from victim_desk.gui.unlock import UnlockScreen
from victim_desk.gui.workers import Workers
from victim_desk.gui.workspace import Workspace
from victim_desk.i18n import Lang
from victim_desk.identity import DISPLAY_NAME

WINDOW_TITLE = DISPLAY_NAME


class ShellWindow(QMainWindow):
    vault_unlocked = Signal()
    vault_locked = Signal()
    quick_exited = Signal()

    def __init__(
        self,
        vault_path: Path,
        lang: Lang,
        *,
        idle_ms: int = IDLE_LOCK_MS,
        quit_app: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1180, 760)
        self.vault_path = vault_path
        self.lang = lang
        self.desk: Desk | None = None
        self.workspace: Workspace | None = None
        self.unlock_screen: UnlockScreen | None = None
        self._quit_app = quit_app or QApplication.quit
        self._exiting = False

        self.workers = Workers(self)
        self.clipboard = SecretClipboard(QGuiApplication.clipboard(), parent=self)
        self.watcher = InputWatcher(idle_ms, self)
        self.watcher.idle_timed_out.connect(self.on_idle_timed_out)
        self.watcher.quick_exit_pressed.connect(self.quick_exit)
        app = QApplication.instance()
        assert app is not None  # a window cannot exist before its application
        app.installEventFilter(self.watcher)

        self._build_toolbar()
        self.banner = MessageBanner()
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.show_unlock_screen()

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Safety"))
        bar.setObjectName("safety_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.quick_exit_action = QAction(self.tr("Quick exit"), self)
        self.quick_exit_action.setObjectName("quick_exit")
        self.quick_exit_action.setToolTip(
            self.tr("Locks the vault and closes every window at once. Keys: {keys}").format(
                keys=QUICK_EXIT_KEYS
            )
        )
        self.quick_exit_action.triggered.connect(self.quick_exit)
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setObjectName("lock")
        self.lock_action.setToolTip(self.tr("Lock the vault now. Your passphrase opens it again."))
        self.lock_action.triggered.connect(self.lock)
        bar.addAction(self.lock_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        hint = QLabel(QUICK_EXIT_KEYS)
        hint.setObjectName("quick_exit_keys")
        hint.setStyleSheet("color: #666; padding-right: 8px;")
        bar.addWidget(hint)
        bar.addAction(self.quick_exit_action)
        # Distinct but not alarming: it must be findable at a glance in a hurry.
        button = bar.widgetForAction(self.quick_exit_action)
        button.setObjectName("quick_exit_button")
        button.setStyleSheet(
            "QToolButton { background: #6b4f8a; color: white; font-weight: 600; padding: 6px 16px;"
            " border-radius: 6px; } QToolButton:hover { background: #5a4176; }"
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # --- screens ------------------------------------------------------------------------------------

    def show_unlock_screen(self) -> None:
        screen = UnlockScreen(self.vault_path, self.workers, self.lang)
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
        self.desk = desk
        self.banner.clear()
        self.workspace = Workspace(Session(desk, self.workers, self.clipboard, self.banner, self.lang))
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._drop(self.unlock_screen)
        self.unlock_screen = None
        self.lock_action.setEnabled(True)
        self.watcher.set_armed(True)
        self.vault_unlocked.emit()

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
        if self.desk is not None:
            self.desk.lock()
            self.desk = None
        self.lock_action.setEnabled(False)

    def _drop(self, widget: QWidget | None) -> None:
        if widget is None:
            return
        self.stack.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
