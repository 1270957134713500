"""A case's "Requests" tab: what is due next, every request with its live countdown, and what to do about it.

Writing a letter opens the wizard; a follow-up or an escalation document is written to a file the person
chooses (through the application layer, as a job); the recipient's answer is recorded with one click.
"Now" comes from `clock` (the application layer's own by default), so a test can move time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.requests import ANSWERS, LetterResult
from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import Case
from victim_desk.errors import DeskError
from victim_desk.gui.file_dialogs import private_file_dialog
from victim_desk.gui.labels import platform_labels
from victim_desk.gui.page import Page
from victim_desk.gui.progress import JobProgress
from victim_desk.gui.requests import countdown
from victim_desk.gui.requests.clock_table import ClockTable
from victim_desk.gui.requests.letter_wizard import LetterWizard
from victim_desk.gui.session import Session


class RequestsPage(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("RequestsPage", "Requests")

    def __init__(
        self,
        session: Session,
        case: Case,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requests_page")
        self._session = session
        self._desk = session.desk
        self._lang = session.lang
        self.case_id = case.id
        self._clock = clock or session.desk.requests.now
        self._closed = False
        self.wizard: LetterWizard | None = None
        self._letter_due: str | None = None  # the platform of the first letter due: the wizard starts there
        self.confirm_box: QMessageBox | None = None

        title = QLabel(self.tr("Removal requests"))
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.write_button = QPushButton(self.tr("Write a removal letter…"))
        self.write_button.setObjectName("write_letter")
        self.write_button.clicked.connect(lambda: self.open_wizard(self._letter_due))
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.write_button)

        self.due = QLabel()
        self.due.setObjectName("due")
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.PlainText)
        self.due.setStyleSheet("background: #eef3f8; color: #1d2b3a; padding: 8px; border-radius: 6px;")

        self.table = ClockTable(self._clock, self._lang, with_case=False)
        self.table.setObjectName("requests_table")
        self.table.setAccessibleName(self.tr("Requests of this case"))
        self.table.reload_wanted.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)

        self.follow_up_button = QPushButton(self.tr("Write the follow-up…"))
        self.follow_up_button.setObjectName("follow_up")
        self.follow_up_button.clicked.connect(self.choose_follow_up_file)
        self.escalate_button = QPushButton(self.tr("Escalate…"))
        self.escalate_button.setObjectName("escalate")
        self.escalate_button.setMenu(QMenu(self))
        self.answer_button = QPushButton(self.tr("Record the answer"))
        self.answer_button.setObjectName("record_answer")
        self.answer_button.setMenu(self._answer_menu())
        actions = QHBoxLayout()
        actions.addWidget(self.follow_up_button)
        actions.addWidget(self.escalate_button)
        actions.addStretch(1)
        actions.addWidget(self.answer_button)

        self.empty = QLabel(self.tr('No removal request yet. "Write a removal letter…" starts one.'))
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.due)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._closed:
            return
        now = self._clock()
        try:
            clocks = self._desk.requests.clocks(self.case_id, at=now)
            due = self._desk.requests.next(self.case_id, at=now)
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._lang))
            return
        self.table.show_clocks(clocks)
        self.empty.setVisible(not clocks)
        self._letter_due = next((d.platform for d in due if d.action == "letter"), None)
        lines = []
        for d in due:
            if d.action == "letter":
                text = self.tr("• {platform}: {count} address(es) with no removal request yet.")
                platform = platform_labels().get(d.platform, d.platform)
                lines.append(text.format(platform=platform, count=len(d.sightings)))
            else:
                reference = next((c.request.reference for c in clocks if c.request.id == d.request), "")
                lines.append(self.tr("• {reference}: {action} (since {since}).").format(
                    reference=reference, action=countdown.due_text(d.action),
                    since=countdown.moment(d.since, countdown.local_zone())))  # fmt: skip
        self.due.setText(
            self.tr("Due next:") + "\n" + "\n".join(lines) if lines else self.tr("Nothing is due right now.")
        )
        self.on_selection_changed()

    def on_selection_changed(self) -> None:
        chosen = self.table.selected()
        is_open = chosen is not None and chosen.request.is_open
        self.follow_up_button.setEnabled(is_open)
        self.answer_button.setEnabled(chosen is not None)
        menu = self.escalate_button.menu()
        menu.clear()
        routes = self._desk.requests.escalation_routes(chosen.request.id) if chosen is not None else []
        for route in routes:
            action = menu.addAction(route.name(self._lang))
            action.setObjectName(f"route_{route.id}")
            action.triggered.connect(partial(self.choose_escalation_file, route.id))
        settled = chosen is None or str(chosen.request.status) in ("removed", "closed")
        self.escalate_button.setEnabled(bool(routes) and not settled)

    # --- letters ------------------------------------------------------------------------------------------

    def open_wizard(self, platform: str | None = None) -> LetterWizard:
        wizard = LetterWizard(self._session, self.case_id, self, platform=platform)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.request_recorded.connect(self.on_request_recorded)
        wizard.finished.connect(self.on_wizard_finished)
        self.wizard = wizard
        wizard.open()
        return wizard

    def on_wizard_finished(self) -> None:
        self.wizard = None

    def on_request_recorded(self, _request: object) -> None:
        self.refresh()
        self.case_changed.emit()

    def choose_follow_up_file(self) -> QFileDialog | None:
        chosen = self.table.selected()
        if chosen is None:
            return None
        return self._save_dialog(
            self.tr("Save the follow-up as PDF"), partial(self.write_follow_up, chosen.request.id)
        )

    def choose_escalation_file(self, route: str) -> QFileDialog | None:
        chosen = self.table.selected()
        if chosen is None:
            return None
        return self._save_dialog(
            self.tr("Save the escalation document as PDF"),
            partial(self.write_escalation, chosen.request.id, route),
        )

    def write_follow_up(self, request_id: int, path: Path, force: bool = False) -> None:
        desk = self._desk
        self._run_letter(path, force, lambda f: desk.requests.follow_up(request_id, path, "pdf", force=f),
                         partial(self.write_follow_up, request_id))  # fmt: skip

    def write_escalation(self, request_id: int, route: str, path: Path, force: bool = False) -> None:
        desk = self._desk
        self._run_letter(
            path, force, lambda f: desk.requests.escalate(request_id, route, path, "pdf", force=f),
            partial(self.write_escalation, request_id, route),
        )  # fmt: skip

    def _run_letter(
        self, path: Path, force: bool, make: Callable[[bool], LetterResult], again: Callable[..., None]
    ) -> None:
        if not force and os.path.lexists(path):
            self._confirm_replace(path, lambda: again(path, True))
            return

        def work(progress: Progress, cancel: CancelToken) -> LetterResult:
            return make(force)

        job = self._session.workers.start(work)
        JobProgress(job, self.tr("Making the PDF…"), self)
        job.signals.succeeded.connect(self.on_letter_written)
        job.signals.failed.connect(self.on_failed)

    def on_letter_written(self, result: LetterResult) -> None:
        if self._closed:
            return
        name = result.path.name if result.path else ""
        if result.request is not None:
            message = self.tr("Follow-up saved as {name} and recorded as {reference}.").format(
                name=name, reference=result.request.reference
            )
        else:
            message = self.tr("Escalation document saved as {name}.").format(name=name)
        self._session.banner.show_info(message)
        self.refresh()
        self.case_changed.emit()

    # --- answers --------------------------------------------------------------------------------------------

    def _answer_menu(self) -> QMenu:
        menu = QMenu(self)
        for answer in ANSWERS:
            action = QAction(countdown.status_text(answer), menu)
            action.setObjectName(f"answer_{answer}")
            action.triggered.connect(partial(self.record_answer, answer))
            menu.addAction(action)
        return menu

    def record_answer(self, answer: str, _checked: bool = False) -> None:
        chosen = self.table.selected()
        if chosen is None:
            return
        try:
            request = self._desk.requests.update(chosen.request.id, answer)
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._lang))
            return
        self._session.banner.show_info(
            self.tr('{reference}: recorded as "{status}".').format(
                reference=request.reference, status=countdown.status_text(str(request.status))
            )
        )
        self.refresh()
        self.case_changed.emit()

    # --- shared ------------------------------------------------------------------------------------------

    def on_failed(self, error: DeskError) -> None:
        if not self._closed:
            self._session.banner.show_error(error.message(self._lang))

    def _save_dialog(self, title: str, chosen: Callable[[Path], None]) -> QFileDialog:
        dialog = private_file_dialog(
            self, title, "pdf_file_dialog", [self.tr("PDF files (*.pdf)")], save=True, suffix="pdf"
        )
        dialog.fileSelected.connect(lambda path: chosen(Path(path)) if path else None)
        dialog.open()
        return dialog

    def _confirm_replace(self, path: Path, action: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Replace the file?"),
            self.tr("A file named {name} already exists in that folder. Replace it?").format(name=path.name),
            QMessageBox.StandardButton.NoButton, self,
        )  # fmt: skip
        box.setObjectName("confirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirm_yes")
        no = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        no.setObjectName("confirm_no")
        box.setDefaultButton(no)
        box.buttonClicked.connect(lambda button: action() if button is yes else None)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()

    def close_down(self) -> None:
        self._closed = True
        self.table.stop()
        if self.wizard is not None:
            self.wizard.close()
