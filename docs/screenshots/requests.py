"""Screenshot scenes of the requests screens: the letter wizard (what is missing, the preview), a case's
Requests tab with its countdown, the deadline board and the case history.

`scenes()` is what docs/screenshots/make.py calls on an unlocked shell holding sample data; each scene
adds what it needs if the sample lacks it (a profile, sightings, a request), all synthetic. Run alone to
look at them: `python docs/screenshots/requests.py OUT_DIR [ko|en]` (QT_SCALE_FACTOR=2 for 200 %).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from victim_desk.app.requests import LetterSpec
from victim_desk.core.model import Case
from victim_desk.gui.requests.letter_wizard import LetterWizard
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.shell import ShellWindow

SAMPLE_URLS = (
    ("https://t.me/sample_channel_0001/12", "telegram"),
    ("https://t.me/sample_channel_0001/13", "telegram"),
    ("https://x.com/sample_account_0002/status/100200300", "x"),
)


def _case(shell: ShellWindow) -> Case:
    """The first case, with sample sightings if it has none; chosen in the case list."""
    desk, workspace = shell.desk, shell.workspace
    assert desk is not None and workspace is not None
    if not desk.cases.list():
        desk.cases.add("Sample case")
    case = desk.cases.list()[0]
    if not list(desk.sightings.list(case.id)):
        for url, platform in SAMPLE_URLS:
            desk.sightings.add(case.id, url, platform, "2026-11-30 21:40", "")
    workspace.refresh_cases()
    workspace.sections.setCurrentIndex(0)
    workspace.case_list.setCurrentRow(0)
    return case


def _profile(shell: ShellWindow) -> None:
    assert shell.desk is not None
    if shell.desk.profile.get() is None:
        shell.desk.profile.set("Sample Person", "sample.person@example.org")


def _request(shell: ShellWindow) -> None:
    """At least one recorded request in the first case (sent through a form: no file)."""
    desk = shell.desk
    assert desk is not None
    case = _case(shell)
    _profile(shell)
    if not list(desk.requests.list(case.id)):
        ids = tuple(s.id for s in desk.sightings.list(case.id) if s.platform == "telegram")
        if ids:
            desk.requests.letter(
                LetterSpec("telegram", "KR", shell.lang, case_id=case.id, sighting_ids=ids), None
            )


def _requests_tab(shell: ShellWindow) -> RequestsPage:
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    page = workspace.case_pages["requests_page"]
    workspace.case_tabs.setCurrentWidget(page)
    assert isinstance(page, RequestsPage)
    return page


def wizard_missing(shell: ShellWindow) -> QWidget:
    _case(shell)
    wizard = _requests_tab(shell).open_wizard()
    wizard.voice.setCurrentIndex(wizard.voice.findData("guardian"))  # the guardian's details are missing
    return wizard


def wizard_preview(shell: ShellWindow) -> QWidget:
    _case(shell)
    _profile(shell)
    wizard: LetterWizard = _requests_tab(shell).open_wizard()
    wizard.go_next()
    return wizard


def requests_tab(shell: ShellWindow) -> QWidget:
    _request(shell)
    page = _requests_tab(shell)
    page.refresh()
    page.table.selectRow(0)
    return shell


def board(shell: ShellWindow) -> QWidget:
    _request(shell)
    workspace = shell.workspace
    assert workspace is not None
    workspace.sections.setCurrentWidget(workspace.desk_pages["deadline_board"])
    return shell


def history(shell: ShellWindow) -> QWidget:
    _request(shell)
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    page = workspace.case_pages["timeline_page"]
    workspace.case_tabs.setCurrentWidget(page)
    page.refresh()
    return shell


def scenes() -> list[tuple[str, Callable[[ShellWindow], QWidget]]]:
    return [
        ("requests-wizard-missing", wizard_missing),
        ("requests-wizard-preview", wizard_preview),
        ("requests-tab", requests_tab),
        ("requests-board", board),
        ("requests-history", history),
    ]


def main(argv: list[str]) -> int:
    """Make a sample vault, open it in a window and save each scene as OUT_DIR/<name>-<lang>.png."""
    from victim_desk.desk import Desk
    from victim_desk.gui.app import create_application

    out = Path(argv[0]) if argv else Path("screenshots")
    lang = argv[1] if len(argv) > 1 else "ko"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang)  # type: ignore[arg-type]
    vault = Path(tempfile.mkdtemp()) / "vault"
    Desk.create(vault, "sample passphrase for screenshots").lock()
    for name, scene in scenes():
        shell = ShellWindow(vault, lang)  # type: ignore[arg-type]
        screen = app.primaryScreen().availableGeometry()
        shell.resize(min(1180, screen.width()), min(760, screen.height()))
        shell.show()
        shell.on_desk_opened(Desk.open(vault, "sample passphrase for screenshots"))
        widget = scene(shell)
        for _ in range(20):
            app.processEvents()
        widget.grab().save(str(out / f"{name}-{lang}.png"))
        for child in QApplication.topLevelWidgets():
            if child is not shell:
                child.close()
        shell.shut_down()
        shell.close()
        shell.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
