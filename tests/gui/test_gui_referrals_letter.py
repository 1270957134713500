"""Referral letter: nothing shared by default, exactly the ticked field shared, the preview is the letter,
no silent overwrite, and the referring person can be entered when the vault has none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import EMAIL, NAME, NOTE, URL, case_page, make_vault, open_shell, pdf_text
from victim_desk.core.referral_letter import SHARE_FIELDS
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.referrals.letter_dialog import ReferralLetterDialog
from victim_desk.gui.shell import ShellWindow

PERSONAL = (NAME, EMAIL, "010-5555-0199", URL, NOTE)


def _dialog(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path, **vault: object
) -> tuple[ShellWindow, ReferralLetterDialog]:
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault", **vault))  # type: ignore[arg-type]
    page = case_page(shell, "referrals_page")
    assert isinstance(page, ReferralsPage)
    dialog = page.open_letter_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.parent() is shell  # locking and quick exit hide it with the main window
    return shell, dialog


def _save(qtbot: QtBot, dialog: ReferralLetterDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.referral_written, timeout=30_000):
        dialog.save_to(path)


def test_nothing_is_ticked_and_nothing_personal_is_in_the_letter(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, dialog = _dialog(qtbot, make_shell, tmp_path)
    assert set(dialog.checks) == set(SHARE_FIELDS)
    assert not any(box.isChecked() for box in dialog.checks.values())
    assert dialog.shared() == []
    preview = dialog.preview.toPlainText()
    assert "nothing was agreed to be shared" in preview
    for secret in PERSONAL:
        assert secret not in preview

    out = tmp_path / "letter-none.pdf"
    _save(qtbot, dialog, out)
    text = pdf_text(out)
    assert "Referral" in text and "nothing was agreed to be shared" in text
    for secret in PERSONAL:
        assert secret not in text
    assert "saved" in shell.banner.text and "letter-none.pdf" in shell.banner.text


def test_ticking_one_field_shares_exactly_that_field(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    _shell, dialog = _dialog(qtbot, make_shell, tmp_path)
    dialog.checks["name"].setChecked(True)
    assert dialog.shared() == ["name"]
    preview = dialog.preview.toPlainText()
    assert NAME in preview and EMAIL not in preview and URL not in preview

    out = tmp_path / "letter-name.pdf"
    _save(qtbot, dialog, out)
    text = pdf_text(out)
    assert NAME in text
    for secret in (EMAIL, "010-5555-0199", URL, NOTE):
        assert secret not in text


def test_sightings_field_brings_the_addresses_and_the_attachment(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    _shell, dialog = _dialog(qtbot, make_shell, tmp_path)
    dialog.checks["sightings"].setChecked(True)
    assert URL in dialog.preview.toPlainText()
    dialog.as_text.setChecked(True)
    out = tmp_path / "letter.txt"
    _save(qtbot, dialog, out)
    text = out.read_text(encoding="utf-8")
    assert URL in text and NAME not in text and NOTE not in text
    assert (tmp_path / "letter-sightings.csv").is_file()
    assert dialog.last_written is not None and dialog.last_written.referral.shared_fields == ("sightings",)


def test_fields_the_case_cannot_share_are_disabled_with_the_reason(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    _shell, dialog = _dialog(qtbot, make_shell, tmp_path, sightings=0)
    assert not dialog.checks["sightings"].isEnabled()
    assert "none recorded in this case" in dialog.abouts["sightings"].text()
    assert not dialog.checks["fingerprints"].isEnabled()
    assert dialog.checks["name"].isEnabled() and dialog.checks["contact"].isEnabled()


def test_an_existing_file_is_replaced_only_after_a_yes(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path, monkeypatch
):
    _shell, dialog = _dialog(qtbot, make_shell, tmp_path)
    out = tmp_path / "existing.txt"
    out.write_text("a letter written before, keep me please", encoding="utf-8")
    dialog.as_text.setChecked(True)
    asked: list[str] = []

    def say_no(message: str, answered: Callable[[bool], None]) -> None:
        asked.append(message)
        answered(False)

    monkeypatch.setattr(dialog, "ask_replace", say_no)
    dialog.save_to(out)
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert "existing.txt" in asked[0]
    assert out.read_text(encoding="utf-8") == "a letter written before, keep me please"
    assert dialog.last_written is None

    monkeypatch.setattr(dialog, "ask_replace", lambda message, answered: answered(True))
    with qtbot.waitSignal(dialog.referral_written, timeout=30_000):
        dialog.save_to(out)
    assert "keep me please" not in out.read_text(encoding="utf-8")


def test_without_a_profile_the_referring_person_is_entered_first(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, dialog = _dialog(qtbot, make_shell, tmp_path, profile=False)
    assert not dialog.save_button.isEnabled()
    assert dialog.profile_button.isVisible()
    assert not any(box.isEnabled() for box in dialog.checks.values())

    profile = dialog.open_profile_dialog()
    profile.name.setText("Counselor Kim Testname")
    profile.email.setText("not-an-address")
    profile.save()
    assert profile.error.isVisible() and "profile" in profile.error.text()
    profile.email.setText("kim.counselor@example.org")
    profile.role.setCurrentIndex(profile.role.findData("counselor"))
    profile.save()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert not dialog.profile_button.isVisible()
    assert not dialog.checks["contact"].isEnabled()  # a counselor's vault keeps no contact of hers
    assert "Counselor Kim Testname" in dialog.preview.toPlainText()
    assert shell.desk is not None and shell.desk.profile.get() is not None


def test_locking_closes_the_letter_and_drops_its_preview(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, dialog = _dialog(qtbot, make_shell, tmp_path)
    dialog.checks["sightings"].setChecked(True)
    assert URL in dialog.preview.toPlainText()
    with qtbot.waitSignal(dialog.destroyed, timeout=10_000):
        shell.lock()
    assert not any(URL in w.toPlainText() for w in shell.findChildren(type(dialog.preview)))
