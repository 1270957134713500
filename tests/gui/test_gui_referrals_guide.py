"""The guide is one click away on every screen: locked and unlocked, in the user's language, readable
text with the directory's numbers as plain selectable text, hidden with the window on lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import make_vault, open_shell
from victim_desk.app import referrals as use_case
from victim_desk.gui.referrals.guide_window import GuideWindow
from victim_desk.gui.shell import ShellWindow


def _open(qtbot: QtBot, shell: ShellWindow) -> GuideWindow:
    shell.tool_actions["guide"].trigger()
    guide = shell.findChild(GuideWindow, "guide_window")
    assert guide is not None
    qtbot.waitExposed(guide)
    assert guide.parent() is shell
    return guide


def test_guide_opens_from_the_locked_shell_with_the_directory_numbers(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell = make_shell(make_vault(tmp_path / "vault"), "en")
    assert shell.desk is None  # locked
    guide = _open(qtbot, shell)
    text = guide.text.toPlainText()
    assert guide.windowTitle() == "What you can do now"
    assert "1366" in text  # the women's hotline, from the directory
    doc = use_case.guide("en")
    shown = 0
    for block in doc.blocks:  # every heading, paragraph and list item of the guide, word for word
        for piece in getattr(block, "items", None) or [getattr(block, "text", "")]:
            assert piece in text
            shown += 1
    assert shown >= 10
    flags = guide.text.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not guide.text.openExternalLinks() and not guide.text.openLinks()
    assert "<a " not in guide.text.toHtml()

    guide.close()
    again = _open(qtbot, shell)
    assert again is guide  # one guide window, brought back


def test_guide_opens_from_the_unlocked_shell_in_korean_and_hides_on_lock(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault"), "ko")
    assert shell.desk is not None
    guide = _open(qtbot, shell)
    assert use_case.guide("ko").title in guide.text.toPlainText()
    assert "1366" in guide.text.toPlainText()
    with qtbot.waitSignal(shell.vault_locked):
        shell.lock()
    assert not guide.isVisible()
