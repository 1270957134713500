"""Adding files and checking files offer the same pictures-and-videos filter, from one constant."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.gui._evidence import evidence_page, match_page
from victim_desk.gui.evidence.drop_zone import MEDIA_PATTERNS, media_filters
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.translations import install_translators, remove_translators


def _opened(qtbot: QtBot, parent) -> QFileDialog:  # type: ignore[no-untyped-def]
    dialog = parent.findChild(QFileDialog, "evidence_file_dialog")
    assert isinstance(dialog, QFileDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_add_and_check_offer_the_same_media_filter(qtbot: QtBot, unlocked: ShellWindow) -> None:
    page = evidence_page(unlocked)
    page.add_flow.choose()
    added = _opened(qtbot, page)
    offered = added.nameFilters()
    assert offered == media_filters()
    assert offered[0] == f"Pictures and videos ({MEDIA_PATTERNS})"
    assert "*.heic" in MEDIA_PATTERNS and "*.webm" in MEDIA_PATTERNS
    added.reject()

    checking = match_page(unlocked)
    checking.on_choose_clicked()
    checked = _opened(qtbot, checking)
    assert checked.nameFilters() == offered
    checked.reject()


def test_the_filter_is_in_korean_with_the_same_patterns(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "ko")
    try:
        assert media_filters() == [f"사진과 동영상 ({MEDIA_PATTERNS})", "모든 파일 (*)"]
    finally:
        remove_translators(app, translators)
