"""The app layer behind the desktop shell: the next step of a case, the counselor's filters, the mode,
the proxy kept in the vault, and the small preferences file of this computer."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from victim_desk.app.preferences import Preferences, PreferencesStore
from victim_desk.app.requests import LetterSpec
from victim_desk.app.workplace import CaseStatus, DeskMode, NextStep
from victim_desk.errors import InvalidDeskMode, InvalidPreference, InvalidProxy
from victim_desk.identity import DISPLAY_NAMES, default_display_name


def _picture(path: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, (64, 96, 3), dtype=np.uint8)).save(path)
    return path


def test_the_next_step_follows_the_work_in_order(desk: Any, tmp_path: Path) -> None:
    desk.profile.set("김하나", "hana@example.org")
    case = desk.cases.add("사례 하나")
    step = lambda: desk.workplace.case_overview(case).next_step  # noqa: E731
    assert step() is NextStep.LOG
    assert desk.workplace.case_overview(case).status is CaseStatus.NEW

    desk.sightings.add(case, "https://t.me/room/101", seen="2026-11-20T10:00:00+09:00")
    assert step() is NextStep.FINGERPRINT
    list(desk.evidence.add(case, [_picture(tmp_path / "a.png", 1)]))
    assert step() is NextStep.REQUEST

    result = desk.requests.letter(LetterSpec("telegram", "KR", "ko", case_id=case, platform="telegram"),
                                  tmp_path / "letter.pdf")  # fmt: skip
    assert step() is NextStep.FOLLOW
    overview = desk.workplace.case_overview(case)
    assert (overview.open_requests, overview.unrequested, overview.status) == (1, 0, CaseStatus.ONLINE)

    desk.requests.update(result.request.id, "removed")
    assert step() is NextStep.SUPPORT
    assert desk.workplace.case_overview(case).status is CaseStatus.RESOLVED
    desk.referrals.write(case, "d4u", [], tmp_path / "referral.pdf", lang="ko")
    assert step() is NextStep.WATCH

    # A new sighting of the same material starts the work again where it is needed.
    desk.sightings.add(case, "https://t.me/room/202")
    assert step() is NextStep.REQUEST
    for each in NextStep:  # every step is said in both languages, in plain words
        assert each.headline("ko") != each.headline("en") and len(each.detail("ko")) > 20


def test_counselor_filters_search_status_and_open_requests(desk: Any, tmp_path: Path) -> None:
    desk.profile.set("김하나", "hana@example.org")
    waiting = desk.cases.add("Lee Minji")
    desk.sightings.add(waiting, "https://t.me/room/1")
    desk.requests.letter(LetterSpec("telegram", "KR", "ko", case_id=waiting, platform="telegram"),
                         tmp_path / "l.pdf")  # fmt: skip
    done = desk.cases.add("Park Jiwoo")
    sighting = desk.sightings.add(done, "https://x.com/u/status/1")
    desk.sightings.set_status(sighting.id, "removed")
    empty = desk.cases.add("Kim Sora")
    by_id = {o.case.id: o for o in desk.workplace.overview()}
    keep = lambda **kw: sorted(i for i, o in by_id.items() if o.matches(**kw))  # noqa: E731

    assert keep() == [waiting, done, empty]
    assert keep(text="  minji ") == [waiting]  # case-insensitive, spaces ignored
    assert keep(text="nobody") == []
    assert keep(status=CaseStatus.ONLINE) == [waiting]
    assert keep(status=CaseStatus.RESOLVED) == [done]
    assert keep(status=CaseStatus.NEW) == [empty]
    assert keep(open_requests_only=True) == [waiting]
    assert keep(text="park", open_requests_only=True) == []


def test_mode_is_unset_until_chosen_and_refuses_unknown_values(desk: Any) -> None:
    assert desk.workplace.mode() is None
    assert desk.workplace.set_mode("victim") is DeskMode.VICTIM
    assert desk.workplace.mode() is DeskMode.VICTIM
    with pytest.raises(InvalidDeskMode) as info:
        desk.workplace.set_mode("admin")
    assert "victim, counselor" in info.value.message("en") and "'admin'" in info.value.message("ko")
    assert desk.workplace.mode() is DeskMode.VICTIM


def test_proxy_is_kept_in_the_vault_and_audited_without_its_password(desk: Any) -> None:
    assert desk.rechecks.proxy() is None
    desk.rechecks.set_proxy("socks5h://walker:s3cret-pass@127.0.0.1:9050")
    assert desk.rechecks.proxy() == "socks5h://walker:s3cret-pass@127.0.0.1:9050"
    with pytest.raises(InvalidProxy):
        desk.rechecks.set_proxy("ftp://127.0.0.1")
    assert desk.rechecks.proxy() == "socks5h://walker:s3cret-pass@127.0.0.1:9050"
    desk.rechecks.set_proxy("")
    assert desk.rechecks.proxy() is None
    events = [e for e in desk.audit.events(None) if e.action == "setting.set"]
    trail = json.dumps([e.details for e in events])
    assert "socks5h://***@127.0.0.1:9050" in trail
    assert "s3cret-pass" not in trail and "walker" not in trail


def test_preferences_round_trip_in_a_private_file(tmp_path: Path) -> None:
    store = PreferencesStore(tmp_path / "config" / "settings.json")
    assert store.load() == Preferences()  # nothing yet: the defaults
    chosen = Preferences(lang="en", display_name="  Recipes ", icon="app", auto_lock_minutes=12)
    store.save(chosen)
    loaded = store.load()
    assert loaded == Preferences(lang="en", display_name="Recipes", icon="app", auto_lock_minutes=12)
    assert loaded.title("ko") == "Recipes" and loaded.auto_lock_ms == 12 * 60_000
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600  # type: ignore[arg-type]
    assert stat.S_IMODE(os.stat(tmp_path / "config").st_mode) == 0o700
    body = json.loads(store.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert set(body) == {"format", "lang", "display_name", "icon", "auto_lock_minutes"}


def test_bad_preferences_fall_back_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"lang": "fr", "display_name": "Budget", "icon": "skull",
                                "auto_lock_minutes": "ten"}))  # fmt: skip
    assert PreferencesStore(path).load() == Preferences(display_name="Budget")
    path.write_text("{not json")
    assert PreferencesStore(path).load() == Preferences()
    for bad in ({"auto_lock_minutes": 0}, {"auto_lock_minutes": 1000}, {"display_name": "a\nb"},
                {"display_name": "x" * 41}, {"icon": "victim"}):  # fmt: skip
        with pytest.raises(InvalidPreference):
            Preferences().with_changes(**bad)


def test_the_default_name_is_neutral_in_both_languages() -> None:
    assert default_display_name("ko") == "메모" and default_display_name("en") == "Memo Pad"
    assert Preferences().title("en") == DISPLAY_NAMES["en"]
    for name in DISPLAY_NAMES.values():
        assert "victim" not in name.lower() and "desk" not in name.lower()
