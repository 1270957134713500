"""The letter wizard on a real vault: what is missing and filling it in place, the Korean PDF read back,
refusing to overwrite, copying for a web form (then wiped), opening the form only after saying so, and
marking as sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui.requests_helpers import TG_URLS, X_URL, add_sightings, pdf_text, session_of
from victim_desk.core.model import SightingStatus
from victim_desk.gui.requests.letter_wizard import LetterWizard
from victim_desk.gui.requests.requests_page import RequestsPage
from victim_desk.gui.shell import ShellWindow


@pytest.fixture
def shell(qtbot: QtBot, vault_path: Path, unlocked_with_sightings: ShellWindow) -> ShellWindow:
    return unlocked_with_sightings


@pytest.fixture
def unlocked_with_sightings(qtbot: QtBot, vault_path: Path, make_shell, passphrase: str) -> ShellWindow:
    add_sightings(vault_path)
    shell = make_shell(vault_path)
    screen = shell.unlock_screen
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def _page(shell: ShellWindow) -> RequestsPage:
    page = shell.workspace.case_pages["requests_page"]
    assert isinstance(page, RequestsPage)
    return page


def _own_page(shell: ShellWindow, clear_ms: int = 400) -> RequestsPage:
    """A Requests page on the shell's case with a quickly-forgetting clipboard, child of the window."""
    case = shell.desk.cases.list()[0]
    page = RequestsPage(session_of(shell, clear_ms), case, shell)
    return page


def _checked(wizard: LetterWizard) -> list[str]:
    return wizard.addresses.model.checked_texts()


def _click(box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None
    button.click()


def _fill_profile(qtbot: QtBot, wizard: LetterWizard) -> None:
    wizard.profile_name.setText("김하늘")
    wizard.profile_email.setText("haneul.kim@example.org")
    qtbot.mouseClick(wizard.profile_save, Qt.MouseButton.LeftButton)


def test_missing_profile_is_named_and_filled_in_place(qtbot: QtBot, shell: ShellWindow):
    wizard = _page(shell).open_wizard()
    assert wizard.isVisible() and wizard.parent() is not None and wizard.window() is not shell
    # Preselected by platform: most open addresses are on Telegram, so Telegram and its two addresses.
    assert wizard.recipient.currentData() == "telegram"
    assert [text.split(" · ")[1] for text in _checked(wizard)] == list(TG_URLS)
    assert wizard.jurisdiction.currentData() == "KR"

    assert wizard.missing_box.isVisibleTo(wizard) and wizard.profile_box.isVisibleTo(wizard)
    assert "the requester's name" in wizard.missing.text()
    assert "Your details" in wizard.missing.text()  # says how to supply it: here, not by a command
    assert not wizard.next_button.isEnabled()

    wizard.profile_name.setText("김하늘")
    wizard.profile_email.setText("not-an-address")
    qtbot.mouseClick(wizard.profile_save, Qt.MouseButton.LeftButton)
    assert wizard.profile_error.isVisibleTo(wizard)  # the app layer's own refusal, shown inline
    assert shell.desk.profile.get() is None

    _fill_profile(qtbot, wizard)
    assert shell.desk.profile.get().name == "김하늘"
    assert not wizard.missing_box.isVisibleTo(wizard) and not wizard.profile_box.isVisibleTo(wizard)
    assert wizard.next_button.isEnabled()

    # A guardian's letter needs the guardian's relation to the minor.
    wizard.voice.setCurrentIndex(wizard.voice.findData("guardian"))
    assert wizard.authority.isVisibleTo(wizard)
    assert "relation to the minor" in wizard.authority_label.text()
    assert "authority to act" in wizard.missing.text() and not wizard.next_button.isEnabled()
    wizard.authority.setText("어머니 (가족관계증명서)")
    assert wizard.next_button.isEnabled()
    assert "어머니 (가족관계증명서)" in wizard.draft.text

    # Unticking every address leaves the letter without URLs: said, not silently allowed.
    wizard.addresses.untick_shown.click()
    assert "the address(es) where the material is" in wizard.missing.text()
    assert not wizard.next_button.isEnabled()


def test_korean_letter_to_pdf_read_back(qtbot: QtBot, shell: ShellWindow, tmp_path: Path):
    page = _page(shell)
    wizard = page.open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.language.setCurrentIndex(wizard.language.findData("ko"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.steps.currentIndex() == 1
    preview = wizard.preview.toPlainText()
    assert "불법촬영물등 유통 신고·삭제요청서" in preview and TG_URLS[0] in preview

    out = tmp_path / "요청서.pdf"
    wizard.save_pdf(out)
    qtbot.waitUntil(lambda: wizard.request is not None, timeout=20_000)
    text = pdf_text(out)
    assert "신고·삭제요청서" in text and "김하늘" in text
    assert TG_URLS[1] in text and X_URL not in text
    request = wizard.request
    assert request.reference in text and request.reference in wizard.outcome.text()
    assert not wizard.save_button.isEnabled()  # a second save would be a second request
    # The tab shows the new request; the covered sightings are now "requested".
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == request.reference
    statuses = {s.url: s.status for s in shell.desk.sightings.list(request.case_id)}
    assert statuses[TG_URLS[0]] == SightingStatus.REQUESTED and statuses[X_URL] == SightingStatus.FOUND


def test_existing_file_is_replaced_only_when_confirmed(qtbot: QtBot, shell: ShellWindow, tmp_path: Path):
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    out = tmp_path / "letter.pdf"
    out.write_bytes(b"someone else's file, kept")

    wizard.save_pdf(out)
    box = wizard.confirm_box
    assert box is not None and box.isVisible() and "letter.pdf" in box.text()
    _click(box, "confirm_no")
    assert out.read_bytes() == b"someone else's file, kept"
    assert wizard.request is None and list(shell.desk.requests.list()) == []

    wizard.save_pdf(out)
    _click(wizard.confirm_box, "confirm_yes")
    qtbot.waitUntil(lambda: wizard.request is not None, timeout=20_000)
    assert out.read_bytes().startswith(b"%PDF")


def test_save_through_the_file_dialog(qtbot: QtBot, shell: ShellWindow, tmp_path: Path):
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    dialog = wizard.choose_pdf()
    assert isinstance(dialog, QFileDialog) and dialog.parent() is wizard
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(str(tmp_path / "chosen-name"))
    dialog.accept()
    qtbot.waitUntil(lambda: wizard.request is not None, timeout=20_000)
    assert (tmp_path / "chosen-name.pdf").read_bytes().startswith(b"%PDF")


def test_copy_for_a_web_form_then_the_clipboard_is_wiped(qtbot: QtBot, shell: ShellWindow):
    page = _own_page(shell, clear_ms=400)
    wizard = page.open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    qtbot.mouseClick(wizard.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == wizard.preview.toPlainText() and TG_URLS[0] in clipboard.text()
    assert "cleared in 1 seconds" in wizard.outcome.text()  # says so, with the clipboard's own delay
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)


def test_form_opens_only_after_naming_the_address(qtbot: QtBot, shell: ShellWindow, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    wizard = _page(shell).open_wizard(platform="x")
    _fill_profile(qtbot, wizard)
    assert wizard.recipient.currentData() == "x" and _checked(wizard) == [f"X (Twitter) · {X_URL}"]

    wizard.jurisdiction.setCurrentIndex(wizard.jurisdiction.findData("KR"))
    assert not wizard.form_button.isEnabled()  # no form address for X under Korean law in the sources
    assert "knows no form address" in wizard.channel.text()
    wizard.jurisdiction.setCurrentIndex(wizard.jurisdiction.findData("US"))
    assert wizard.form_button.isEnabled()
    wizard.go_next()

    address = "https://help.x.com/en/rules-and-policies/us-tida"
    box = wizard.ask_open_form()
    assert box is not None and box.isVisible() and address in box.text()
    _click(box, "confirm_no")
    assert opened == []
    _click(wizard.ask_open_form(), "confirm_yes")
    assert [u.toString() for u in opened] == [address]


def test_mark_as_sent_records_once_then_re_dates(qtbot: QtBot, shell: ShellWindow):
    page = _page(shell)
    wizard = page.open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    with qtbot.waitSignal(wizard.request_recorded):
        qtbot.mouseClick(wizard.sent_button, Qt.MouseButton.LeftButton)
    first = wizard.request
    assert first is not None and "Marked as sent" in wizard.outcome.text()
    assert first.options["format"] == "none"  # sent through a form: no file, the text kept in the vault
    qtbot.mouseClick(wizard.sent_button, Qt.MouseButton.LeftButton)
    again = shell.desk.requests.get(first.id)
    assert again.sent_at >= first.sent_at
    assert [r.id for r in shell.desk.requests.list()] == [first.id]
    assert page.table.rowCount() == 1


def test_escape_closes_the_wizard_without_recording(qtbot: QtBot, shell: ShellWindow):
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert list(shell.desk.requests.list()) == []


def test_a_folder_that_cannot_be_written_is_explained_and_nothing_recorded(
    qtbot: QtBot, shell: ShellWindow, tmp_path: Path
):
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    wizard.save_pdf(tmp_path / "no such folder" / "letter.pdf")
    qtbot.waitUntil(lambda: shell.banner.kind == "error", timeout=20_000)
    assert "no such folder" in wizard.outcome.text()  # the app layer's own message, naming the place
    assert wizard.request is None and list(shell.desk.requests.list()) == []
    assert {s.status for s in shell.desk.sightings.list(1)} == {SightingStatus.FOUND}
    assert wizard.save_button.isEnabled()  # the person can choose another folder


def test_every_control_is_reached_by_tab_and_named(qtbot: QtBot, shell: ShellWindow):
    wizard = _page(shell).open_wizard()
    wanted = {"recipient", "jurisdiction", "language", "voice", "material", "urls", "profile_name",
              "profile_email", "profile_phone", "profile_save", "next", "close"}  # fmt: skip
    reached, widget = set(), wizard.nextInFocusChain()
    while widget is not wizard:
        if widget.objectName() in wanted and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            reached.add(widget.objectName())
            assert widget.accessibleName() or isinstance(widget, QPushButton), widget.objectName()
        widget = widget.nextInFocusChain()
    assert reached == wanted


def test_locking_hides_the_wizard_and_its_letter(qtbot: QtBot, shell: ShellWindow):
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    wizard.go_next()
    assert wizard.isVisible()
    shell.lock()
    assert shell.desk is None
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in shell.findChildren(LetterWizard)))


def test_addresses_filter_tick_shown_and_keyboard(qtbot: QtBot, shell: ShellWindow):
    """The address list is a model/view list: a filter box, tick/untick what is shown, Space ticks a row;
    each change makes one new draft."""
    wizard = _page(shell).open_wizard()
    _fill_profile(qtbot, wizard)
    picker = wizard.addresses
    assert wizard.recipient.currentData() == "telegram" and picker.count.text() == "2 of 3 ticked"
    drafts: list[object] = []
    picker.model.checks_changed.connect(lambda: drafts.append(wizard.draft))

    qtbot.keyClicks(picker.filter, "x.com")
    assert picker.shown_rows() == [2] and picker.count.text() == "2 of 3 ticked · 1 shown"
    picker.tick_shown.click()
    assert _checked(wizard)[-1] == f"X (Twitter) · {X_URL}" and X_URL in wizard.draft.text
    assert len(drafts) == 1 and picker.count.text() == "3 of 3 ticked · 1 shown"

    picker.filter.clear()
    picker.untick_shown.click()  # all three shown: none ticked, the letter says what is missing
    assert _checked(wizard) == [] and not wizard.next_button.isEnabled()
    assert "the address(es) where the material is" in wizard.missing.text()

    view = picker.view
    view.setFocus()
    view.setCurrentIndex(picker.proxy.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _checked(wizard) == [f"Telegram · {TG_URLS[0]}"] and wizard.next_button.isEnabled()
    assert TG_URLS[0] in wizard.draft.text and TG_URLS[1] not in wizard.draft.text
