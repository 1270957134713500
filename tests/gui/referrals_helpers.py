"""Shared set-up for the referrals/guide/package screen tests: a real vault with a victim's profile and
recognisable case data, and the shell opened on it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from victim_desk.desk import Desk
from victim_desk.gui.page import Page
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "바다 위 고래 seven lanterns"
NAME = "Seo-yeon Hwang-Testperson"
EMAIL = "seoyeon.private@example.org"
URL = "https://example.org/leaked/clip-47110815"
NOTE = "note-only-for-the-case-9321"


def make_vault(path: Path, *, profile: bool = True, sightings: int = 1) -> Path:
    with Desk.create(path, PASSPHRASE) as desk:
        case_id = desk.cases.add("case of the test")
        if profile:
            desk.profile.set(NAME, EMAIL, "010-5555-0199", "victim")
        if sightings:
            desk.sightings.add(case_id, URL, "web", None, NOTE)
        if sightings > 1:
            listing = path.parent / "more.txt"
            listing.write_text(
                "\n".join(f"https://example.net/item/{n:06d}" for n in range(sightings - 1)), encoding="utf-8"
            )
            desk.sightings.import_file(case_id, listing)
    return path


def open_shell(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], path: Path, lang: str = "en"
) -> ShellWindow:
    shell = make_shell(path, lang)
    screen = shell.unlock_screen
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=20_000):
        screen.submit.click()
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def case_page(shell: ShellWindow, name: str) -> Page:
    assert shell.workspace is not None and shell.workspace.case_tabs is not None
    page = shell.workspace.case_pages[name]
    shell.workspace.case_tabs.setCurrentWidget(page)
    return page


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")
