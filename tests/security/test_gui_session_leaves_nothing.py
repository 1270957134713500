"""A whole desktop-app session (pytest-qt, offscreen) leaves no case data and no passphrase in any file it
writes (the vault, Qt's settings and caches under the isolated HOME/XDG folders, temp files) and never puts
the passphrase on the clipboard; what it copies is marked secret for clipboard managers and cleared.

The session is a list of steps (`STEPS`), each a function of the `Session` below. Screens added later join
by appending a step that drives them with the `SECRETS` as input; the checks at the end cover it at once.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.security.test_no_plaintext_on_disk import SECRETS, _leaks


@dataclass
class Session:
    qtbot: QtBot
    shell: object  # gui.shell.ShellWindow
    vault: Path
    inbox: Path  # the person's own files (inputs), not searched
    clipboard_seen: list[tuple[str, bytes]] = field(default_factory=list)
    original_chunks: list[bytes] = field(default_factory=list)  # pieces of a fingerprinted picture's pixels

    @property
    def panel(self) -> object:
        workspace = self.shell.workspace  # type: ignore[attr-defined]
        assert workspace is not None and workspace.panel is not None
        return workspace.panel

    def unlock(self) -> None:
        screen = self.shell.unlock_screen  # type: ignore[attr-defined]
        assert screen is not None
        screen.passphrase.setText(PASSPHRASE)
        if screen.repeat is not None:
            screen.repeat.setText(PASSPHRASE)
        with self.qtbot.waitSignal(self.shell.vault_unlocked, timeout=20_000):  # type: ignore[attr-defined]
            screen.submit.click()


def create_vault(s: Session) -> None:
    s.unlock()
    choice = s.shell.mode_choice  # type: ignore[attr-defined]
    if choice is not None:  # a new vault first asks how it will be used
        choice.counselor.click()


def add_case(s: Session) -> None:
    workspace = s.shell.workspace  # type: ignore[attr-defined]
    workspace.new_title.setText(SECRETS["title"])
    workspace.add_case()
    workspace.case_list.setCurrentRow(0)


def add_sighting(s: Session) -> None:
    dialog = s.panel.open_add_dialog()  # type: ignore[attr-defined]
    s.qtbot.keyClicks(dialog.url, SECRETS["url"])
    dialog.note.setPlainText(SECRETS["note"])
    with s.qtbot.waitSignal(dialog.sighting_added, timeout=10_000):
        dialog.on_save_clicked()


def import_sightings(s: Session) -> None:
    from victim_desk.gui.import_flow import ImportSummaryDialog

    listing = s.inbox / "addresses.txt"
    listing.write_text("".join(f"{SECRETS['url']}/imported{n}\n" for n in range(30)), encoding="utf-8")
    s.panel.import_file(listing)  # type: ignore[attr-defined]
    s.qtbot.waitUntil(lambda: s.panel.findChild(ImportSummaryDialog) is not None, timeout=20_000)  # type: ignore[attr-defined]
    s.panel.findChild(ImportSummaryDialog).accept()  # type: ignore[attr-defined]


def change_status(s: Session) -> None:
    from victim_desk.core.model import SightingStatus

    s.panel.table.selectRow(0)  # type: ignore[attr-defined]
    s.panel.set_status(SightingStatus.REQUESTED)  # type: ignore[attr-defined]
    s.qtbot.waitUntil(lambda: s.panel.model.sighting(0).status == SightingStatus.REQUESTED, timeout=10_000)  # type: ignore[attr-defined]


def copy_address(s: Session) -> None:
    from PySide6.QtGui import QGuiApplication

    s.shell.clipboard._timer.setInterval(100)  # type: ignore[attr-defined]  # 10 s in real use
    s.panel.table.selectRow(0)  # type: ignore[attr-defined]
    s.panel.copy_selected_urls()  # type: ignore[attr-defined]
    clipboard = QGuiApplication.clipboard()
    assert SECRETS["url"] in clipboard.text()
    s.qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)


def fingerprint_a_picture(s: Session) -> None:
    """Only fingerprints (and a tiny blurred preview) are kept: the picture itself is never written."""
    import numpy as np
    from PIL import Image

    from victim_desk.gui.evidence.evidence_page import EvidencePage

    workspace = s.shell.workspace  # type: ignore[attr-defined]
    page = workspace.case_pages["evidence_page"]
    assert isinstance(page, EvidencePage)
    workspace.case_tabs.setCurrentWidget(page)
    noise = np.random.default_rng(15).integers(0, 256, (96, 128, 3), dtype=np.uint8)
    picture = s.inbox / f"{SECRETS['title']}.png"
    Image.fromarray(noise).save(picture)
    stored = picture.read_bytes()  # as a file (kept as is) and as pixels (kept decoded)
    s.original_chunks = [stored[i : i + 48] for i in range(64, len(stored) - 48, 4096)]
    s.original_chunks += [noise.tobytes()[i : i + 48] for i in range(0, noise.size, 4096)]
    with s.qtbot.waitSignal(page.add_flow.finished, timeout=60_000):
        page.add_files([picture])
    assert page.table.rowCount() == 1


def idle_lock_and_unlock_again(s: Session) -> None:
    with s.qtbot.waitSignal(s.shell.vault_locked, timeout=10_000):  # type: ignore[attr-defined]
        s.shell.on_idle_timed_out()  # type: ignore[attr-defined]
    s.unlock()
    s.shell.workspace.case_list.setCurrentRow(0)  # type: ignore[attr-defined]


def quick_exit(s: Session) -> None:
    with s.qtbot.waitSignal(s.shell.quick_exited, timeout=10_000):  # type: ignore[attr-defined]
        s.shell.quick_exit()  # type: ignore[attr-defined]


# Append steps for new screens here (letters, evidence, packages, ...): each takes the Session.
STEPS: list[Callable[[Session], None]] = [
    create_vault,
    add_case,
    add_sighting,
    import_sightings,
    change_status,
    copy_address,
    fingerprint_a_picture,
    idle_lock_and_unlock_again,
    quick_exit,
]


def test_a_gui_session_leaves_no_case_data_or_passphrase_behind(
    qtbot: QtBot, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    from victim_desk.gui.shell import ShellWindow

    inbox = tmp_path.parent / f"{tmp_path.name}-inbox"
    inbox.mkdir()
    shell = ShellWindow(tmp_path / "vault", "en", idle_ms=600_000, quit_app=lambda: None)
    qtbot.addWidget(shell)
    shell.show()
    session = Session(qtbot, shell, tmp_path / "vault", inbox)
    clipboard = QGuiApplication.clipboard()

    def remember() -> None:
        data = clipboard.mimeData()
        hint = bytes(data.data("x-kde-passwordManagerHint").data()) if data is not None else b""
        session.clipboard_seen.append((clipboard.text(), hint))

    clipboard.dataChanged.connect(remember)
    try:
        for step in STEPS:
            step(session)
    finally:
        clipboard.dataChanged.disconnect(remember)
        shell.shut_down()

    assert (tmp_path / "vault" / "vault.db").is_file()
    copied = [(text, hint) for text, hint in session.clipboard_seen if text]
    assert copied, "nothing was copied: the clipboard was not tested"
    assert all(hint == b"secret" for _, hint in copied)
    assert not any(PASSPHRASE in text for text, _ in session.clipboard_seen)
    assert _leaks([tmp_path, isolated_home]) == []
    needles = [PASSPHRASE.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    assert len(session.original_chunks) >= 8, "no picture was fingerprinted"
    needles += session.original_chunks
    files = [p for root in (tmp_path, isolated_home) for p in root.rglob("*") if p.is_file()]
    assert not [str(p) for p in files for n in needles if n in p.read_bytes()]
