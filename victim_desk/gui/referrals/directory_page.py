"""The case's "Help and referrals" tab: the directory of organisations, filtered, and referral letters.

Each organisation shows where its facts were read and when; a fact its source does not confirm carries
the words "(unconfirmed)" (the directory's own mark, the same the CLI and letters print), and an entry with
any such fact says so in a sentence above its facts, so nobody has to notice a colour. The text is plain and
selectable: a number can be copied or read out, and nothing opens a browser.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app import referrals as use_case
from victim_desk.core.model import Case
from victim_desk.core.referrals import Organisation
from victim_desk.errors import DeskError
from victim_desk.gui.page import Page
from victim_desk.gui.referrals import html
from victim_desk.gui.referrals.letter_dialog import ReferralLetterDialog
from victim_desk.gui.session import Session


class ReferralsPage(Page):
    @staticmethod
    def page_title() -> str:
        return QCoreApplication.translate("ReferralsPage", "Help and referrals")

    def __init__(self, session: Session, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referrals_page")
        self._session = session
        self._case = case
        self._lang = session.lang
        self.directory = use_case.directory()
        self.shown: list[Organisation] = []
        self.letter_dialog: ReferralLetterDialog | None = None

        intro = QLabel(
            self.tr(
                "Organisations that can help, and what each one does. Facts marked (unconfirmed) could not "
                "be confirmed at their source: please check them before relying on them."
            )
        )
        intro.setWordWrap(True)

        self.need = QComboBox()
        self.need.setObjectName("need_filter")
        self.need.setAccessibleName(self.tr("Kind of help"))
        self.need.addItem(self.tr("Any kind of help"), None)
        for need in self.directory.needs:
            self.need.addItem(self.directory.need_label(need, self._lang), need)
        self.region = QComboBox()
        self.region.setObjectName("region_filter")
        self.region.setAccessibleName(self.tr("Region"))
        self.region.addItem(self.tr("Any region"), None)
        for region in self.directory.regions:
            self.region.addItem(self.directory.region_label(region, self._lang), region)
        need_label = QLabel(self.tr("Kind of help:"))
        need_label.setBuddy(self.need)
        region_label = QLabel(self.tr("Region:"))
        region_label.setBuddy(self.region)
        self.need.currentIndexChanged.connect(self.show_directory)
        self.region.currentIndexChanged.connect(self.show_directory)

        self.letter_button = QPushButton(self.tr("Write a referral letter…"))
        self.letter_button.setObjectName("write_referral")
        self.letter_button.setAccessibleName(self.tr("Write a referral letter"))
        self.letter_button.clicked.connect(self.open_letter_dialog)

        filters = QHBoxLayout()
        filters.addWidget(need_label)
        filters.addWidget(self.need)
        filters.addSpacing(12)
        filters.addWidget(region_label)
        filters.addWidget(self.region)
        filters.addStretch(1)
        filters.addWidget(self.letter_button)

        self.view = QTextBrowser()
        self.view.setObjectName("directory_view")
        self.view.setAccessibleName(self.tr("Organisations"))
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.count = QLabel()
        self.count.setObjectName("directory_count")
        self.count.setStyleSheet("color: #444;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.show_directory()

    def set_filters(self, need: str | None, region: str | None) -> None:
        """Choose the filters by id (what the combo boxes do; for tests and other screens)."""
        self.need.setCurrentIndex(max(0, self.need.findData(need)))
        self.region.setCurrentIndex(max(0, self.region.findData(region)))

    def show_directory(self) -> None:
        try:
            self.shown = self.directory.filter(self.need.currentData(), self.region.currentData())
        except DeskError as exc:
            self._session.banner.show_error(exc.message(self._lang))
            return
        parts = [self._entry(org) for org in self.shown]
        if not parts:
            parts = [html.para(self.tr("No organisation matches both choices. Try “Any region”."))]
        self.view.setHtml("<hr>".join(parts))
        self.count.setText(self.tr("Organisations shown: {count}").format(count=len(self.shown)))

    def _entry(self, org: Organisation) -> str:
        parts = [html.heading(org.name(self._lang))]
        if not org.verified:
            parts.append(
                html.para(
                    self.tr("Not everything here is confirmed: details marked (unconfirmed) need checking.")
                )
            )
        parts.append(html.rows(use_case.org_facts(org, self._lang)))
        return "".join(parts)

    def open_letter_dialog(self) -> ReferralLetterDialog:
        current = self.shown[0].id if len(self.shown) == 1 else None
        dialog = ReferralLetterDialog(self._session, self._case, current, self.window())
        dialog.referral_written.connect(self.case_changed)
        dialog.destroyed.connect(self._forget_dialog)
        dialog.open()
        self.letter_dialog = dialog
        return dialog

    def _forget_dialog(self) -> None:
        self.letter_dialog = None

    def close_down(self) -> None:
        """The vault locks: the letter dialog (a child of the main window) holds case data; close it."""
        if self.letter_dialog is not None:
            self.letter_dialog.close_down()
            self.letter_dialog = None
