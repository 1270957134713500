"""The "Help and referrals" tab: the directory filtered by need and region, sources, unconfirmed facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import case_page, make_vault, open_shell
from victim_desk.app import referrals as use_case
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.shell import ShellWindow


def _page(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path, lang: str = "en"
) -> ReferralsPage:
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault"), lang)
    page = case_page(shell, "referrals_page")
    assert isinstance(page, ReferralsPage)
    return page


def test_need_and_region_filters_show_exactly_the_matching_organisations(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    page = _page(qtbot, make_shell, tmp_path)
    directory = use_case.directory()
    assert len(page.shown) == len(directory.organisations)  # no filter at first

    page.set_filters("police", None)
    expected = directory.filter("police", None)
    assert [o.id for o in page.shown] == [o.id for o in expected]
    assert 0 < len(expected) < len(directory.organisations)
    text = page.view.toPlainText()
    for org in expected:
        assert org.name("en") in text
    for org in directory.organisations:
        if org not in expected:
            assert org.name("en") not in text
    assert page.count.text() == f"Organisations shown: {len(expected)}"

    # A parent region matches the regions under it (KR holds KR-nationwide and KR-local).
    page.set_filters(None, "KR")
    assert {o.region for o in page.shown} <= {"KR", "KR-nationwide", "KR-local"}
    assert any(o.region == "KR-local" for o in page.shown)
    page.set_filters("deletion", "UK")
    assert [o.id for o in page.shown] == [o.id for o in directory.filter("deletion", "UK")]
    page.set_filters("shelter", "international")
    if not page.shown:
        assert "No organisation matches both choices" in page.view.toPlainText()


def test_each_entry_shows_its_source_and_date_and_unconfirmed_facts_in_words(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    page = _page(qtbot, make_shell, tmp_path)
    directory = use_case.directory()
    unconfirmed = [o for o in directory.organisations if not o.verified]
    confirmed = [o for o in directory.organisations if o.verified]
    assert unconfirmed and confirmed  # the shipped directory has both kinds

    org = unconfirmed[0]
    page.set_filters(org.needs[0], org.region)
    text = page.view.toPlainText()
    entry = text[text.index(org.name("en")) :]
    assert "Not everything here is confirmed" in entry
    assert "(unconfirmed)" in entry
    assert f"(read {org.provenance.verified_on})" in entry
    assert directory.source_title(org.provenance.source) in entry

    good = confirmed[0]
    page.set_filters(good.needs[0], good.region)
    text = page.view.toPlainText()
    start = text.index(good.name("en"))
    following = [text.find(o.name("en"), start + 1) for o in page.shown if o is not good]
    end = min([i for i in following if i > start] or [len(text)])
    assert "Not everything here is confirmed" not in text[start:end]
    assert "(unconfirmed)" not in text[start:end]
    assert f"(read {good.provenance.verified_on})" in text[start:end]


def test_korean_directory_uses_korean_labels_and_mark(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    page = _page(qtbot, make_shell, tmp_path, "ko")
    text = page.view.toPlainText()
    assert "(확인 필요)" in text
    assert use_case.directory().organisations[0].name("ko") in text
    assert page.need.itemText(1) == use_case.directory().need_label(page.need.itemData(1), "ko")
