"""Shared set-up for the requests screens' tests: sample sightings, a session with a quick clipboard, a
movable clock, and reading PDFs back with pdftotext (a missing tool fails the test, never skips it)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from victim_desk.desk import Desk
from victim_desk.gui.safety import SecretClipboard
from victim_desk.gui.session import Session
from victim_desk.gui.shell import ShellWindow

PASSPHRASE = "바다 위 고래 seven lanterns"
TG_URLS = ("https://t.me/leaked_channel_4821/77", "https://t.me/leaked_channel_4821/78")
X_URL = "https://x.com/someone_bad_account/status/1234567890"


def add_sightings(vault: Path, case_title: str | None = None) -> int:
    """Two Telegram sightings and one on X in the first case (or a new case titled `case_title`)."""
    with Desk.open(vault, PASSPHRASE) as desk:
        case_id = desk.cases.add(case_title) if case_title else desk.cases.list()[0].id
        for url in TG_URLS:
            desk.sightings.add(case_id, url, "telegram", "2026-11-30 21:40", "")
        desk.sightings.add(case_id, X_URL, "x", "2026-11-30 22:05", "")
        return case_id


def session_of(shell: ShellWindow, clear_ms: int = 400) -> Session:
    """The shell's session, with a clipboard that forgets quickly (its own timer, shortened)."""
    assert shell.desk is not None
    clipboard = SecretClipboard(QGuiApplication.clipboard(), clear_ms, parent=shell)
    return Session(shell.desk, shell.workers, clipboard, shell.banner, shell.lang)  # type: ignore[arg-type]


class MovableClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext (poppler-utils) is needed to read the PDFs back"
    return subprocess.run([tool, "-layout", str(path), "-"], check=True, capture_output=True).stdout.decode()
