"""What an unlocked vault looks like: the cases on the left, the chosen case's screens on the right.

The case's screens are tabs (sightings, evidence, requests, ...) and the screens that look across all
cases sit beside "Cases" as sections; both lists live in `gui/pages.py`. The vault's mode
(app.workplace) changes the layout: in victim mode a single case fills the window (no list) with its next
step above it, and the sections meant for many cases (the deadline board) are hidden; in counselor mode
the list has search and filters. Sections are shown or hidden by name, so a section that is not built
yet is simply absent. Lives only while the vault is open. Locking calls `close_down()` and throws the
whole widget away, so no case data stays in memory in a hidden widget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.workplace import CaseOverview, DeskMode
from victim_desk.core.model import Case
from victim_desk.errors import DeskError
from victim_desk.gui.modes import CaseFilterBar, NextStepCard
from victim_desk.gui.page import Page
from victim_desk.gui.page_tabs import PageTabs
from victim_desk.gui.pages import CASE_PAGES, DESK_PAGES
from victim_desk.gui.session import Session
from victim_desk.gui.sightings_panel import SightingsPanel

# Sections across all cases that only make sense with many cases: shown in counselor mode only.
COUNSELOR_SECTIONS = frozenset({"deadline_board"})


class Workspace(QWidget):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, select_case: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self._session = session
        self._desk = session.desk
        self._workers = session.workers
        self._clipboard = session.clipboard
        self._banner = session.banner
        self._lang = session.lang
        self.case_id: int | None = None
        self.case_tabs: PageTabs | None = None
        self.case_pages: dict[str, Page] = {}
        self.desk_pages: dict[str, Page] = {}
        self.mode = self._desk.workplace.mode() or DeskMode.COUNSELOR
        self.overviews: dict[int, CaseOverview] = {}

        heading = QLabel(self.tr("Cases"))
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.filters = CaseFilterBar()
        self.filters.changed.connect(self.apply_filters)
        self.filters.setVisible(self.mode is DeskMode.COUNSELOR)
        self.case_list = QListWidget()
        self.case_list.setObjectName("case_list")
        self.case_list.setAccessibleName(self.tr("Cases"))
        self.case_list.currentItemChanged.connect(self.on_case_list_current_item_changed)
        self.new_title = QLineEdit()
        self.new_title.setObjectName("new_case_title")
        self.new_title.setPlaceholderText(self.tr("A name for the case (a nickname is enough)"))
        self.new_title.setAccessibleName(self.tr("A name for the new case"))
        self.new_title.returnPressed.connect(self.add_case)
        add = QPushButton(self.tr("Add case"))
        add.setObjectName("add_case")
        add.clicked.connect(self.add_case)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_title, 1)
        add_row.addWidget(add)

        self.left = left = QWidget()
        left.setObjectName("case_column")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.case_list, 1)
        left_layout.addLayout(add_row)

        self.placeholder = QLabel(
            self.tr("Choose a case on the left, or add one. Everything you write here stays encrypted.")
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #3d3d3d;")  # 10:1 on the window colour
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.next_step = NextStepCard(self._lang)
        self.next_step.hide()
        right_column = QWidget()
        right_layout = QVBoxLayout(right_column)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.next_step)
        right_layout.addWidget(self.right, 1)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right_column)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 900])
        self.sections = PageTabs()
        self.sections.setObjectName("workspace_sections")
        self.sections.setDocumentMode(True)
        self.sections.addTab(splitter, self.tr("Cases"))
        for spec in DESK_PAGES:
            page = spec.make(session, None)
            page.setObjectName(spec.name)
            page.case_changed.connect(self.on_page_case_changed)
            self.desk_pages[spec.name] = page
            index = self.sections.addTab(page, spec.title())
            self.sections.setTabVisible(index, self.section_visible(spec.name))
        self.sections.currentChanged.connect(self.on_sections_current_changed)
        # A single section (victim mode, or nothing across cases yet) needs no tab to choose it.
        shown = sum(self.sections.isTabVisible(i) for i in range(self.sections.count()))
        self.sections.tabBar().setVisible(shown > 1)
        if shown <= 1:  # its focus goes to the (hidden) tab bar, which traps Tab: no stop at all then
            self.sections.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(self.sections)

        self.refresh_cases(select_id=select_case)

    def focus_start(self) -> None:
        """Where the keyboard starts: the case list, or the case itself when it is the only one."""
        if self.single_case and self.case_tabs is not None:
            self.case_tabs.setFocus()
        else:
            self.case_list.setFocus()

    def section_visible(self, name: str) -> bool:
        return self.mode is DeskMode.COUNSELOR or name not in COUNSELOR_SECTIONS

    @property
    def single_case(self) -> bool:
        """Victim mode with exactly one case: the case fills the window and the list is not shown."""
        return self.mode is DeskMode.VICTIM and len(self.overviews) == 1

    def refresh_cases(self, select_id: int | None = None) -> None:
        current = self.current_case_id() if select_id is None else select_id
        self.overviews = {o.case.id: o for o in self._desk.workplace.overview()}
        self.case_list.blockSignals(True)
        self.case_list.clear()
        chosen = None
        for overview in self.overviews.values():
            case = overview.case
            item = QListWidgetItem(self._case_text(case))
            item.setData(Qt.ItemDataRole.UserRole, case)
            self.case_list.addItem(item)
            if case.id == current:
                chosen = item
        self.case_list.blockSignals(False)
        self.apply_filters()
        self.left.setVisible(not self.single_case)
        if chosen is None and self.single_case:
            chosen = self.case_list.item(0)
        if chosen is not None:
            self.case_list.setCurrentItem(chosen)
        self._show_next_step()

    def apply_filters(self) -> None:
        """Counselor mode: hide the cases the search and filters leave out (the app layer decides)."""
        for row in range(self.case_list.count()):
            item = self.case_list.item(row)
            overview = self.overviews.get(item.data(Qt.ItemDataRole.UserRole).id)
            keep = overview is None or self.mode is not DeskMode.COUNSELOR or self.filters.matches(overview)
            item.setHidden(not keep)

    def _show_next_step(self) -> None:
        overview = self.overviews.get(self.case_id) if self.case_id is not None else None
        if self.mode is DeskMode.VICTIM and overview is not None:
            self.next_step.show_for(overview)
            self.next_step.show()
        else:
            self.next_step.hide()

    def current_case_id(self) -> int | None:
        item = self.case_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole).id

    def add_case(self) -> None:
        try:
            case_id = self._desk.cases.add(self.new_title.text())
        except DeskError as exc:
            self._banner.show_error(exc.message(self._lang))
            self.new_title.setFocus()
            return
        self.new_title.clear()
        self._banner.show_info(self.tr("Case added."))
        self.refresh_cases(select_id=case_id)

    @property
    def panel(self) -> SightingsPanel | None:
        """The chosen case's sightings screen (the first tab), if a case is chosen."""
        page = self.case_pages.get("sightings_panel")
        return page if isinstance(page, SightingsPanel) else None

    def on_case_list_current_item_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        case: Case | None = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if case is not None and self.case_id == case.id:
            return
        self._drop_case_pages()
        self.next_step.hide()
        if case is None:
            return
        self.case_id = case.id
        self.case_tabs = PageTabs()
        self.case_tabs.setObjectName("case_tabs")
        for spec in CASE_PAGES:
            page = spec.make(self._session, case, self.case_tabs)
            page.setObjectName(spec.name)
            page.case_changed.connect(self.on_page_case_changed)
            self.case_pages[spec.name] = page
            self.case_tabs.addTab(page, spec.title())
        self.case_tabs.currentChanged.connect(self.on_case_tabs_current_changed)
        self.right.addWidget(self.case_tabs)
        self.right.setCurrentWidget(self.case_tabs)
        self._show_next_step()

    def on_case_tabs_current_changed(self, index: int) -> None:
        if self.case_tabs is not None and isinstance(page := self.case_tabs.widget(index), Page):
            page.refresh()

    def on_sections_current_changed(self, index: int) -> None:
        if isinstance(page := self.sections.widget(index), Page):
            page.refresh()

    def on_page_case_changed(self) -> None:
        # Only the counts change: update the texts without rebuilding (which would rebuild the pages).
        self.overviews = {o.case.id: o for o in self._desk.workplace.overview()}
        for row in range(self.case_list.count()):
            item = self.case_list.item(row)
            overview = self.overviews.get(item.data(Qt.ItemDataRole.UserRole).id)
            if overview is not None:
                item.setData(Qt.ItemDataRole.UserRole, overview.case)
                item.setText(self._case_text(overview.case))
        self.apply_filters()
        self._show_next_step()

    def close_down(self) -> None:
        for page in [*self.case_pages.values(), *self.desk_pages.values()]:
            page.close_down()

    def _drop_case_pages(self) -> None:
        for page in self.case_pages.values():
            page.close_down()
        self.case_pages = {}
        self.case_id = None
        if self.case_tabs is not None:
            self.right.removeWidget(self.case_tabs)
            self.case_tabs.deleteLater()
            self.case_tabs = None

    def _case_text(self, case: Case) -> str:
        return self.tr("{title}  ·  {count}").format(title=case.title, count=case.sightings)
