"""The list of screens: the tabs of one case, the screens across all cases, and the top bar's tools.

One list per kind, so a new screen is one line here and a module of its own, and the workspace that
shows them never needs to know them by name. A screen's title comes from its own class (`page_title()`),
so its translation lives with it, in its own area (see gui/translations.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from victim_desk.core.model import Case
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.evidence.match_page import MatchPage
from victim_desk.gui.page import Page
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.referrals.guide_window import guide_title, open_guide
from victim_desk.gui.referrals.package_page import PackagePage
from victim_desk.gui.referrals.verify_dialog import open_verify, verify_title
from victim_desk.gui.requests.board_page import DeadlineBoard
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.requests.timeline_page import TimelinePage
from victim_desk.gui.session import Session
from victim_desk.gui.settings.dialog import SettingsDialog, open_settings
from victim_desk.gui.sightings_panel import SightingsPanel

if TYPE_CHECKING:
    from victim_desk.gui.shell import ShellWindow


@dataclass(frozen=True)
class CasePage:
    """A tab shown for the chosen case: `make(session, case, parent)` builds it."""

    name: str  # the object name of the tab's widget: stable, for tests and accessibility
    title: Callable[[], str]
    make: Callable[[Session, Case, QWidget | None], Page]


@dataclass(frozen=True)
class DeskPage:
    """A screen across all cases (beside "Cases"): `make(session, parent)` builds it."""

    name: str
    title: Callable[[], str]
    make: Callable[[Session, QWidget | None], Page]


@dataclass(frozen=True)
class ShellTool:
    """An action in the top bar, there whether the vault is locked or not: `open(window)` runs it.

    For what needs no case data or works either way (the guide, settings); `window.desk` is None while
    the vault is locked. What it opens must be a child of `window`, so locking and quick exit hide it.
    """

    name: str  # the action's object name
    title: Callable[[], str]
    open: Callable[[ShellWindow], None]


CASE_PAGES: list[CasePage] = [
    CasePage("sightings_panel", SightingsPanel.page_title, SightingsPanel),
    CasePage("evidence_page", EvidencePage.page_title, EvidencePage),
    CasePage("requests_page", RequestsPage.page_title, RequestsPage),
    CasePage("referrals_page", ReferralsPage.page_title, ReferralsPage),
    CasePage("package_page", PackagePage.page_title, PackagePage),
    CasePage("timeline_page", TimelinePage.page_title, TimelinePage),
]

DESK_PAGES: list[DeskPage] = [
    DeskPage("match_page", MatchPage.page_title, MatchPage),
    DeskPage("deadline_board", DeadlineBoard.page_title, DeadlineBoard),
]

SHELL_TOOLS: list[ShellTool] = [
    ShellTool("guide", guide_title, open_guide),
    ShellTool("verify_package", verify_title, open_verify),
    ShellTool("settings", SettingsDialog.page_title, open_settings),
]
