"""The workspace reloads only the screen in view: hidden screens are marked stale and reload when shown.

Each screen's `refresh()` is counted (and still runs), so the tests see exactly which screens reloaded.
"""

from __future__ import annotations

from collections import Counter

import pytest
from pytestqt.qtbot import QtBot

from victim_desk.gui.page import Page
from victim_desk.gui.requests.timeline_page import TimelinePage
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.workspace import Workspace

URL = "https://example.org/refresh-check/item-7"


def _count_refreshes(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    for page in workspace.pages():

        def counted(page: Page = page, real=page.refresh) -> None:  # type: ignore[no-untyped-def]
            calls[page.objectName()] += 1
            real()

        monkeypatch.setattr(page, "refresh", counted)
    return calls


def _workspace(shell: ShellWindow) -> Workspace:
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    return workspace


def test_switching_tabs_reloads_no_hidden_screen_and_nothing_unchanged(
    qtbot: QtBot, unlocked: ShellWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(unlocked)
    tabs = workspace.case_tabs
    assert tabs is not None
    calls = _count_refreshes(workspace, monkeypatch)
    for _round in range(2):
        for index in [*range(1, tabs.count()), 0]:
            tabs.setCurrentIndex(index)
        for index in [*range(1, workspace.sections.count()), 0]:
            workspace.sections.setCurrentIndex(index)
    assert calls == Counter()  # nothing changed: every screen still shows what it loaded


def test_a_change_reloads_the_screen_in_view_and_a_hidden_one_only_when_shown(
    qtbot: QtBot, unlocked: ShellWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(unlocked)
    tabs = workspace.case_tabs
    desk = unlocked.desk
    assert tabs is not None and desk is not None
    panel = workspace.case_pages["sightings_panel"]
    timeline = workspace.case_pages["timeline_page"]
    assert isinstance(timeline, TimelinePage)
    tabs.setCurrentWidget(workspace.case_pages["evidence_page"])
    rows_before = timeline.table.rowCount()
    calls = _count_refreshes(workspace, monkeypatch)

    # A screen that is not in view (a job of the sightings tab ending) says the case changed.
    desk.sightings.add(timeline.case_id, URL)
    panel.case_changed.emit()
    assert calls == Counter({"evidence_page": 1})  # only the screen in view reloaded
    hidden = {p.objectName() for p in workspace.pages()} - {"sightings_panel", "evidence_page"}
    assert {p.objectName() for p in workspace.stale} == hidden
    assert timeline.table.rowCount() == rows_before  # not read yet

    tabs.setCurrentWidget(timeline)  # comes into view: reloads once, with the change
    assert calls["timeline_page"] == 1 and timeline not in workspace.stale
    assert timeline.table.rowCount() == rows_before + 1
    tabs.setCurrentWidget(workspace.case_pages["evidence_page"])
    tabs.setCurrentWidget(timeline)
    assert calls["timeline_page"] == 1 and calls["evidence_page"] == 1  # nothing new: no reload

    # Back to "Cases" from another section: the case's tab in view comes back up to date too.
    board = workspace.desk_pages["deadline_board"]
    workspace.sections.setCurrentWidget(board)
    assert calls["deadline_board"] == 1
    desk.cases.add("a case added meanwhile")
    workspace.sections.setCurrentIndex(0)
    assert calls["timeline_page"] == 2
