"""The whole job in the desktop app, in Korean, through the widgets only (issue 13, "Done when").

From no vault at all: create it, choose a mode, add a case, log two sightings, fingerprint a picture, ask
"is this one of ours?" with an edited copy and with an unrelated picture, write a deletion request to a
PDF through the letter wizard, see its clock on the case and on the deadline board, write a referral
with one consent box ticked, export the evidence package, check it with "Verify a package", lock and
unlock. Every step is a click, a typed text or a drop on the real widgets; the vault is only read, to
check what the screens did. After each step no visible text is left in English.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui._evidence import photo
from tests.gui.journey_helpers import (
    HANGUL,
    answer_file_dialog,
    click,
    dialog_of,
    english_left,
    open_tab,
    type_into,
)
from tests.gui.requests_helpers import pdf_text
from victim_desk.app.referrals import directory
from victim_desk.gui.evidence.add_flow import AddSummaryDialog
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.evidence.match_page import MatchPage
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.referrals.letter_dialog import ReferralLetterDialog
from victim_desk.gui.referrals.package_page import PackagePage
from victim_desk.gui.referrals.verify_dialog import VerifyDialog
from victim_desk.gui.requests.board_page import DeadlineBoard
from victim_desk.gui.requests.letter_wizard import LetterWizard
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.sighting_dialog import AddSightingDialog
from victim_desk.gui.sightings_panel import SightingsPanel
from victim_desk.gui.translations import install_translators, remove_translators

PASSPHRASE = "푸른 들판 위 연 다섯 개"
# Organisations keep their own names (StopNCII.org, Take It Down (NCMEC)) in the Korean directory.
ORG_NAMES = frozenset(org.name("ko") for org in directory().organisations)
URLS = ("https://t.me/leaked_channel_5531/12", "https://t.me/leaked_channel_5531/19")


@pytest.fixture
def korean() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "ko")
    try:
        yield
    finally:
        remove_translators(app, translators)


def _edited_copy(source: Path, out: Path) -> Path:
    """What a re-upload does: smaller, re-compressed, a little brighter."""
    img = Image.open(source).convert("RGB")
    img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.Resampling.LANCZOS)
    Image.fromarray(np.clip(np.asarray(img, dtype=np.int16) + 12, 0, 255).astype(np.uint8)).save(
        out, quality=70
    )
    return out


def _drop(zone: object, files: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only from a real drag session; the zone's own handler is what a drop reaches.
    zone.dropEvent(event)  # type: ignore[attr-defined]


class Journey:
    """One person's way through the app; `english` collects untranslated texts per step."""

    def __init__(self, qtbot: QtBot, shell: ShellWindow, files: Path) -> None:
        self.qtbot, self.shell, self.files = qtbot, shell, files
        self.english: dict[str, list[str]] = {}
        self.seen: list[str] = []

    def look(self, step: str) -> None:
        shots = os.environ.get("JOURNEY_SHOTS")  # a folder: keep a picture of every step to look at
        if shots:
            for n, window in enumerate(w for w in QApplication.topLevelWidgets() if w.isVisible()):
                name = f"{len(self.seen):02d}-{step}-{n}.png".replace(" ", "_")
                window.grab().save(str(Path(shots) / name))
        self.seen.append(step)
        left = english_left(names=ORG_NAMES)
        if left:
            self.english[step] = left

    def next_step(self) -> str | None:
        """Victim mode's suggested next step, as the card above the case shows it (None when not shown)."""
        card = self.workspace.next_step
        return card.step if card.isVisible() else None

    def answer(self, chooser: QFileDialog, path: Path) -> None:
        self.look(f"file dialog {chooser.objectName()}")
        answer_file_dialog(self.qtbot, chooser, path)

    @property
    def workspace(self):  # type: ignore[no-untyped-def]
        assert self.shell.workspace is not None
        return self.shell.workspace

    def tab(self, name: str):  # type: ignore[no-untyped-def]
        page = self.workspace.case_pages[name]
        open_tab(self.qtbot, self.workspace.case_tabs, page)
        return page

    def section(self, name: str):  # type: ignore[no-untyped-def]
        page = self.workspace.desk_pages[name]
        open_tab(self.qtbot, self.workspace.sections, page)
        return page

    # --- the steps ----------------------------------------------------------------------------------

    def create_vault(self) -> None:
        screen = self.shell.unlock_screen
        assert screen is not None and screen.creating and screen.repeat is not None
        self.look("create vault")
        type_into(screen.passphrase, PASSPHRASE)
        type_into(screen.repeat, PASSPHRASE)
        with self.qtbot.waitSignal(self.shell.vault_unlocked, timeout=20_000):
            click(self.qtbot, screen.submit)

    def choose_mode(self, counselor: bool) -> None:
        choice = self.shell.mode_choice
        assert choice is not None
        self.look("choose mode")
        click(self.qtbot, choice.counselor if counselor else choice.victim)
        assert self.shell.workspace is not None

    def add_case(self, title: str) -> None:
        self.look("empty workspace")
        type_into(self.workspace.new_title, title)
        click(self.qtbot, self.workspace.findChild(QPushButton, "add_case"))
        assert [c.title for c in self.shell.desk.cases.list()] == [title]
        assert self.workspace.case_id is not None

    def log_sighting(self, url: str, note: str) -> None:
        panel = self.tab("sightings_panel")
        assert isinstance(panel, SightingsPanel)
        click(self.qtbot, panel.add_button)
        dialog = dialog_of(panel, AddSightingDialog)
        self.look("add sighting")
        type_into(dialog.url, url)
        type_into(dialog.note, note)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        with self.qtbot.waitSignal(dialog.sighting_added):
            click(self.qtbot, save)
        self.qtbot.waitUntil(lambda: not dialog.isVisible())

    def fingerprint(self, picture: Path) -> None:
        page = self.tab("evidence_page")
        assert isinstance(page, EvidencePage)
        self.look("evidence tab")
        click(self.qtbot, page.drop_zone.button)
        chooser = dialog_of(page, QFileDialog, "evidence_file_dialog")
        with self.qtbot.waitSignal(page.add_flow.finished, timeout=60_000):
            self.answer(chooser, picture)
        summary = dialog_of(page, AddSummaryDialog)
        self.look("fingerprints saved")
        click(self.qtbot, summary.findChild(QDialogButtonBox).buttons()[0])
        assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == picture.name

    def match(self, files: list[Path]) -> list[str]:
        page = self.section("match_page")
        assert isinstance(page, MatchPage)
        with self.qtbot.waitSignal(page.job_done, timeout=60_000):
            _drop(page.drop_zone, files)
        self.look("match results")
        return [page.results.topLevelItem(i).text(1) for i in range(page.results.topLevelItemCount())]

    def write_letter(self, pdf: Path) -> LetterWizard:
        self.section_cases()
        page = self.tab("requests_page")
        assert isinstance(page, RequestsPage)
        self.look("requests tab")
        click(self.qtbot, page.write_button)
        wizard = dialog_of(page, LetterWizard)
        self.look("letter wizard")
        if wizard.profile_box.isVisible():
            type_into(wizard.profile_name, "황서연")
            type_into(wizard.profile_email, "seoyeon.private@example.org")
            click(self.qtbot, wizard.profile_save)
        self.qtbot.waitUntil(lambda: wizard.next_button.isEnabled())
        click(self.qtbot, wizard.next_button)
        self.look("letter preview")
        click(self.qtbot, wizard.save_button)
        chooser = dialog_of(wizard, QFileDialog, "pdf_file_dialog")
        with self.qtbot.waitSignal(wizard.request_recorded, timeout=60_000):
            self.answer(chooser, pdf)
        self.look("letter saved")
        click(self.qtbot, wizard.close_button)
        self.qtbot.waitUntil(lambda: not wizard.isVisible())
        return wizard

    def section_cases(self) -> None:
        sections = self.workspace.sections
        if sections.tabBar().isVisible():
            open_tab(self.qtbot, sections, sections.widget(0))

    def refer(self) -> ReferralLetterDialog:
        self.section_cases()
        page = self.tab("referrals_page")
        assert isinstance(page, ReferralsPage)
        self.look("referrals tab")
        click(self.qtbot, page.letter_button)
        dialog = dialog_of(self.shell, ReferralLetterDialog)
        boxes = list(dialog.checks.values())
        assert boxes and not any(box.isChecked() for box in boxes)  # none ticked by default
        self.look("referral letter")
        click(self.qtbot, dialog.findChild(QCheckBox, "share_sightings"))
        click(self.qtbot, dialog.save_button)
        chooser = dialog_of(dialog, QFileDialog, "referral_file_dialog")
        with self.qtbot.waitSignal(dialog.referral_written, timeout=60_000):
            self.answer(chooser, self.files / "referral.pdf")
        return dialog

    def export(self, package: Path) -> PackagePage:
        page = self.tab("package_page")
        assert isinstance(page, PackagePage)
        self.look("package tab")
        click(self.qtbot, page.export_button)
        chooser = dialog_of(page, QFileDialog, "package_file_dialog")
        with self.qtbot.waitSignal(page.case_changed, timeout=120_000):
            self.answer(chooser, package)
        assert page.last_result is not None and page.last_error is None
        self.look("package saved")
        return page

    def verify(self, package: Path) -> VerifyDialog:
        button = self.shell.top_bar.tools.widgetForAction(self.shell.tool_actions["verify_package"])
        click(self.qtbot, button)
        dialog = dialog_of(self.shell, VerifyDialog)
        self.look("verify dialog")
        click(self.qtbot, dialog.findChild(QPushButton, "verify_choose"))
        chooser = dialog_of(dialog, QFileDialog, "verify_file_dialog")
        with self.qtbot.waitSignal(dialog.verified, timeout=120_000):
            self.answer(chooser, package)
        self.look("verify results")
        click(self.qtbot, dialog.findChild(QPushButton, "verify_close"))
        return dialog

    def lock_and_unlock(self) -> None:
        with self.qtbot.waitSignal(self.shell.vault_locked):
            click(self.qtbot, self.shell.top_bar.tools.widgetForAction(self.shell.lock_action))
        assert self.shell.desk is None and self.shell.workspace is None
        screen = self.shell.unlock_screen
        assert screen is not None and not screen.creating
        self.look("locked")
        type_into(screen.passphrase, PASSPHRASE)
        with self.qtbot.waitSignal(self.shell.vault_unlocked, timeout=20_000):
            click(self.qtbot, screen.submit)


@pytest.mark.parametrize("mode", ["counselor", "victim"])
def test_the_whole_job_in_korean_through_the_widgets(
    qtbot: QtBot, korean: None, make_shell: Callable[..., ShellWindow], tmp_path: Path, mode: str
) -> None:
    files = tmp_path / "files"
    files.mkdir()
    vault = tmp_path / "vault"
    assert not vault.exists()
    journey = Journey(qtbot, make_shell(vault, lang="ko"), files)
    shell = journey.shell

    journey.create_vault()
    journey.choose_mode(counselor=mode == "counselor")
    assert shell.desk is not None and shell.desk.workplace.mode().value == mode
    journey.add_case("민지의 사건")
    case_id = shell.desk.cases.list()[0].id
    journey.log_sighting(URLS[0], "단체방에서 처음 봄")
    journey.log_sighting(URLS[1], "다른 게시물")
    assert sorted(s.url for s in shell.desk.sightings.list(case_id)) == sorted(URLS)
    assert {s.platform for s in shell.desk.sightings.list(case_id)} == {"telegram"}
    assert journey.next_step() == ("fingerprint" if mode == "victim" else None)

    original = photo(files / "saved-picture.jpg", seed=5101, size=(640, 480))
    journey.fingerprint(original)
    [item] = shell.desk.evidence.list(case_id)
    assert item.file_name == "saved-picture.jpg" and item.pdq
    assert journey.next_step() == ("request" if mode == "victim" else None)

    copy = _edited_copy(original, files / "found-online.jpg")
    unrelated = photo(files / "someone-else.jpg", seed=5102, size=(640, 480))
    results = journey.workspace.desk_pages["match_page"].results
    [found] = journey.match([copy])
    assert HANGUL.search(found) and results.topLevelItem(0).childCount() == 1
    assert "saved-picture.jpg" in results.topLevelItem(0).child(0).text(0)
    assert "PDQ" in results.topLevelItem(0).child(0).text(1)  # how: a near-identical picture
    [no_match] = journey.match([unrelated])
    assert HANGUL.search(no_match) and results.topLevelItem(0).childCount() == 0

    pdf = files / "삭제요청.pdf"
    journey.write_letter(pdf)
    text = pdf_text(pdf)
    assert HANGUL.search(text) and URLS[0] in text and URLS[1] in text
    [request] = shell.desk.requests.list(case_id)
    assert request.reference in text

    requests_page = journey.tab("requests_page")
    assert isinstance(requests_page, RequestsPage)
    assert requests_page.table.rowCount() == 1
    assert request.reference in " ".join(
        requests_page.table.item(0, c).text() for c in range(requests_page.table.columnCount())
    )
    if mode == "counselor":
        board = journey.section("deadline_board")
        assert isinstance(board, DeadlineBoard)
        journey.look("deadline board")
        assert board.table.rowCount() == 1
        row = " ".join(board.table.item(0, c).text() for c in range(board.table.columnCount()))
        assert request.reference in row and "민지의 사건" in row
    else:  # one case fills the window, its next step above it; no board for a single case
        assert not journey.workspace.left.isVisible() and journey.workspace.next_step.isVisible()
        assert journey.next_step() == "follow"

    dialog = journey.refer()
    assert dialog.last_written is not None
    referral_text = pdf_text(dialog.last_written.letter)
    [attachment] = dialog.last_written.attachments  # the ticked field: the sightings, beside the letter
    assert URLS[0] in attachment.read_text(encoding="utf-8") and HANGUL.search(referral_text)
    assert "seoyeon.private@example.org" not in referral_text  # contact was not ticked

    package = files / "증거-꾸러미.zip"
    journey.export(package)
    assert package.is_file()
    report = journey.verify(package)
    assert report.report is not None and report.report.ok

    journey.lock_and_unlock()
    assert shell.workspace is not None
    assert [c.title for c in shell.desk.cases.list()] == ["민지의 사건"]
    journey.look("unlocked again")
    assert journey.english == {}


def test_qt_file_dialog_words_missing_from_qts_korean_are_ours(korean: None) -> None:
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "찾는 위치(&L):"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "파일 형식(&T):"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "%1 File") == "%1 파일"
