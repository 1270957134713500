"""Every window is sized by the one `screen_fit.fit_to_screen`: never larger than the screen's free area.

The offscreen screen is 800 x 600, smaller than what the letter dialogs, the verifier and the guide ask
for, so each of them must have been shrunk to fit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import case_page, make_vault, open_shell
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.referrals.guide_window import show_guide
from victim_desk.gui.referrals.verify_dialog import show_verify
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.screen_fit import SHARE, available_area, fit_to_screen
from victim_desk.gui.shell import ShellWindow


def test_a_window_larger_than_the_screen_is_shrunk_and_centred(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    area = available_area(window)
    fit_to_screen(window, QSize(area.width() * 3, area.height() * 3))
    assert window.width() <= int(area.width() * SHARE) and window.height() <= int(area.height() * SHARE)
    assert abs(window.geometry().center().x() - area.center().x()) <= 1
    assert abs(window.geometry().center().y() - area.center().y()) <= 1


def test_a_small_window_keeps_its_size_and_a_dialog_is_left_for_qt_to_place(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    fit_to_screen(dialog, QSize(300, 200), centre=False)
    assert dialog.size() == QSize(300, 200)
    assert not dialog.testAttribute(Qt.WidgetAttribute.WA_Moved)  # Qt centres it over its parent


def test_the_letter_dialogs_the_verifier_and_the_guide_open_inside_the_screen(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
) -> None:
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault"))
    referrals = case_page(shell, "referrals_page")
    requests = case_page(shell, "requests_page")
    assert isinstance(referrals, ReferralsPage) and isinstance(requests, RequestsPage)
    opened: dict[str, QWidget] = {
        "referral letter": referrals.open_letter_dialog(),
        "removal letter": requests.open_wizard(),
        "verifier": show_verify(shell),
        "guide": show_guide(shell),
    }
    area = available_area(shell)
    for name, window in opened.items():
        window.show()
        qtbot.waitExposed(window)
        shown = window.frameGeometry()
        assert QRect(area).contains(shown), (name, shown, area)
        assert window.width() <= int(area.width() * SHARE), name
        window.close()
