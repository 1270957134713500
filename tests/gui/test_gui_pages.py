"""The workspace builds every listed screen: a tab per case page, a section per desk page, a tool each."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from victim_desk.gui.page import Page
from victim_desk.gui.pages import CASE_PAGES, DESK_PAGES, SHELL_TOOLS
from victim_desk.gui.shell import ShellWindow


def test_every_listed_screen_is_built_and_dropped_with_its_case(qtbot: QtBot, unlocked: ShellWindow):
    workspace = unlocked.workspace
    assert workspace is not None and workspace.case_tabs is not None
    names = [workspace.case_tabs.widget(i).objectName() for i in range(workspace.case_tabs.count())]
    assert names == [spec.name for spec in CASE_PAGES]
    assert all(isinstance(page, Page) for page in workspace.case_pages.values())
    sections = [workspace.sections.widget(i).objectName() for i in range(1, workspace.sections.count())]
    assert sections == [spec.name for spec in DESK_PAGES]
    assert sorted(unlocked.tool_actions) == sorted(tool.name for tool in SHELL_TOOLS)

    first_tabs = workspace.case_tabs
    workspace.new_title.setText("second case")
    workspace.add_case()  # selects the new case: the first case's screens are thrown away
    assert workspace.case_tabs is not None and workspace.case_tabs is not first_tabs
    assert workspace.case_list.currentItem().text().startswith("second case")
