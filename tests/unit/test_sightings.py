"""Validation of what people type: URLs, platforms, dates, statuses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from victim_desk.core.sightings import (
    guess_platform,
    new_sighting,
    normalize_platform,
    normalize_url,
    parse_moment,
    parse_status,
)
from victim_desk.errors import FutureDate, InvalidDate, InvalidStatus, InvalidUrl, UnknownPlatform


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://t.me/some_room/123", "telegram"),
        ("https://telegram.me/x", "telegram"),
        ("https://x.com/user/status/1", "x"),
        ("https://mobile.twitter.com/user", "x"),
        ("https://blog.naver.com/abc/123", "naver"),
        ("https://cafe.naver.com/abc", "naver"),
        ("https://open.kakao.com/o/abc", "kakao"),
        ("https://someone.tistory.com/12", "kakao"),
        ("https://cafe.daum.net/abc", "daum"),
        ("https://www.instagram.com/p/abc/", "meta"),
        ("https://m.facebook.com/story.php?id=1", "meta"),
        ("https://www.youtube.com/watch?v=abc", "google"),
        ("https://www.google.co.jp/search?q=a", "google"),
        ("https://discord.gg/abc", "discord"),
        ("https://old.reddit.com/r/x", "reddit"),
        ("https://example.org/x", "web"),
        ("https://notx.com/x", "web"),
        ("https://t.me.evil.example/x", "web"),
    ],
)
def test_platform_is_guessed_from_the_host(url: str, platform: str) -> None:
    assert guess_platform(url) == platform


@pytest.mark.parametrize("bad", ["", "   ", "not a url", "ftp://example.org/x", "https://", "http://nodot",
                                 "https://exa mple.com", "javascript:alert(1)", "https://a.com:99999/x",
                                 "https://-bad-.com/"])  # fmt: skip
def test_malformed_urls_are_refused(bad: str) -> None:
    with pytest.raises(InvalidUrl):
        normalize_url(bad)


def test_url_without_scheme_is_taken_as_https() -> None:
    assert normalize_url("  t.me/room ") == "https://t.me/room"
    assert normalize_url("HTTPS://X.COM/Path?q=A") == "https://x.com/Path?q=A"


def test_platform_names_and_aliases() -> None:
    assert normalize_platform("Twitter", "https://a.com") == "x"
    assert normalize_platform("텔레그램", "https://a.com") == "telegram"
    assert normalize_platform(None, "https://t.me/a") == "telegram"
    with pytest.raises(UnknownPlatform) as info:
        normalize_platform("myspace", "https://a.com")
    assert "telegram" in info.value.message("en")


def test_dates() -> None:
    assert parse_moment("2026-11-20T10:00+09:00") == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    assert parse_moment("2026-11-20").tzinfo is not None
    assert parse_moment("2026-11-20T10:00:00Z") == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert parse_moment(None) is None
    with pytest.raises(InvalidDate):
        parse_moment("yesterday")
    with pytest.raises(InvalidDate):
        parse_moment("2026-13-40")
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    with pytest.raises(FutureDate):
        parse_moment(future)
    # A minute ahead is a clock difference, not a mistake.
    assert parse_moment((datetime.now(UTC) + timedelta(minutes=1)).isoformat()) is not None


def test_status() -> None:
    assert parse_status(" Removed ") == "removed"
    with pytest.raises(InvalidStatus):
        parse_status("deleted")


def test_new_sighting_keeps_the_note_and_strips_it() -> None:
    item = new_sighting("https://t.me/a", None, "2026-01-01", "  단톡방에서 봄 ")
    assert (item.platform, item.note) == ("telegram", "단톡방에서 봄")
