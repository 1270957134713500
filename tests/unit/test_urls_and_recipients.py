"""Addresses that are not what they look like, one canonical form per address, and the recipients file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from victim_desk.core.sightings import (
    PLATFORMS,
    RECIPIENT_IDS,
    RecipientsFileInvalid,
    guess_platform,
    normalize_platform,
    normalize_url,
    recipients,
    url_key,
    validate_recipients,
)
from victim_desk.errors import InvalidUrl, UrlHiddenCharacters
from victim_desk.resources_path import resource

HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
          "\u200e", "\u200f", "\u061c", "\x00", "\x1b", "\x7f", "\x9b", "\u200b", "\ufeff"]  # fmt: skip


@pytest.mark.parametrize("char", HIDDEN)
def test_hidden_characters_are_refused_with_their_own_message(char: str) -> None:
    with pytest.raises(UrlHiddenCharacters) as info:
        normalize_url(f"https://t.me/room{char}gpj.exe")
    message = info.value.message("en")
    assert "hidden control characters" in message
    assert char not in message  # shown as an escape, so the message itself cannot be reversed or hidden
    assert f"\\u{ord(char):04x}" in message or f"\\x{ord(char):02x}" in message
    assert isinstance(info.value, InvalidUrl)  # callers that catch any bad address still do


def test_hangul_domain_and_its_punycode_are_one_address() -> None:
    unicode_form = normalize_url("https://한국.kr/자료")
    assert unicode_form == "https://한국.kr/자료"  # readable for the person who typed it
    assert normalize_url("https://xn--3e0b707e.kr/자료") == unicode_form
    assert normalize_url("HTTPS://XN--3E0B707E.KR/자료") == unicode_form
    assert url_key("https://한국.kr/자료") == url_key("https://xn--3e0b707e.kr/%EC%9E%90%EB%A3%8C")
    assert url_key("https://한국.kr/자료") == "https://xn--3e0b707e.kr/%EC%9E%90%EB%A3%8C"


def test_look_alike_scripts_are_stored_as_punycode() -> None:
    # Cyrillic letters that read as "apple": shown as browsers show them, never as a Latin name.
    assert normalize_url("https://аррӏе.com/x") == "https://xn--80ak6aa92e.com/x"
    assert normalize_url("https://xn--80ak6aa92e.com/x") == "https://xn--80ak6aa92e.com/x"


def test_full_width_input_becomes_the_plain_host() -> None:
    assert normalize_url("https://ｔ。ｍｅ/room") == "https://t.me/room"
    assert guess_platform(normalize_url("ｔ．ｍｅ/room")) == "telegram"


def test_hosts_with_underscores_still_work() -> None:
    assert normalize_url("https://My_Site.example.com/a") == "https://my_site.example.com/a"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://t.me/room", "https://T.ME/room"),
        ("https://t.me", "https://t.me/"),
        ("https://t.me:443/room", "https://t.me/room"),
        ("http://t.me:80/room", "https://t.me/room"),
        ("http://t.me/room", "https://t.me/room"),
        ("https://t.me./room", "https://t.me/room"),
        ("https://t.me/room#", "https://t.me/room"),
        ("https://t.me/room?", "https://t.me/room"),
        ("https://t.me/%72oom", "https://t.me/room"),
        ("https://t.me/a%2fb", "https://t.me/a%2Fb"),
        ("t.me/room", "https://t.me/room"),
    ],
)
def test_url_key_treats_these_as_the_same(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://t.me/room", "https://t.me/Room"),
        ("https://t.me/room/", "https://t.me/room"),
        ("https://web.telegram.org/k/#@room_a", "https://web.telegram.org/k/#@room_b"),
        ("https://t.me/room?a=1", "https://t.me/room?a=2"),
        ("https://t.me:8443/room", "https://t.me/room"),
        ("https://www.x.com/a", "https://x.com/a"),
    ],
)
def test_url_key_keeps_these_apart(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_url_key_refuses_what_is_not_an_address() -> None:
    with pytest.raises(InvalidUrl):
        url_key("not an address")


def test_the_shipped_recipients_file_is_valid_and_complete() -> None:
    found = recipients()
    assert tuple(r.id for r in found) == RECIPIENT_IDS
    assert (*RECIPIENT_IDS, "web") == PLATFORMS
    for r in found:
        assert r.names["ko"] and r.names["en"]


def _shipped() -> dict:
    return json.loads(resource("recipients.json").read_text(encoding="utf-8"))


def test_a_host_listed_twice_fails_validation() -> None:
    data = _shipped()
    data["recipients"][1]["hosts"].append("t.me")  # google claims telegram's host
    with pytest.raises(RecipientsFileInvalid, match=r"t\.me"):
        validate_recipients(data)


def test_an_unknown_or_missing_id_fails_validation() -> None:
    data = _shipped()
    unknown = copy.deepcopy(data)
    unknown["recipients"].append(
        {"id": "myspace", "names": {"ko": "마이스페이스", "en": "MySpace"}, "hosts": []}
    )
    with pytest.raises(RecipientsFileInvalid, match="myspace"):
        validate_recipients(unknown)
    missing = copy.deepcopy(data)
    missing["recipients"] = [r for r in missing["recipients"] if r["id"] != "kcsc"]
    with pytest.raises(RecipientsFileInvalid, match="kcsc"):
        validate_recipients(missing)
    nameless = copy.deepcopy(data)
    del nameless["recipients"][0]["names"]["ko"]
    with pytest.raises(RecipientsFileInvalid, match="names"):
        validate_recipients(nameless)


def test_aliases_come_from_the_file() -> None:
    assert normalize_platform("Instagram", "https://a.com") == "meta"
    assert normalize_platform("유튜브", "https://a.com") == "google"
    assert normalize_platform("tistory", "https://a.com") == "kakao"


@pytest.mark.parametrize("url", ["］．Ⱞ", "https://［．example．com/", "https://a］b.example.com/"])
def test_a_host_that_maps_to_url_syntax_is_refused(url: str) -> None:
    """Found by the long fuzz run: IDNA 2003 maps a fullwidth bracket to "]", and the stored address then
    failed to parse everywhere it was read ("Invalid IPv6 URL" escaped the sightings import)."""
    with pytest.raises(InvalidUrl):
        normalize_url(url)


def test_the_fuzzed_sightings_file_gives_a_calm_row_error(tmp_path: Path) -> None:
    from victim_desk.core.sighting_import import parse, read_text

    path = tmp_path / "found.csv"
    path.write_bytes(b"\xff\xfe=\xff\x0e\xff.,")  # UTF-16 "］．Ⱞ," as the fuzzer wrote it
    result = parse(read_text(path), "found.csv")
    assert not result.rows
    assert [type(e.error).__name__ for e in result.errors] == ["InvalidUrl"]
