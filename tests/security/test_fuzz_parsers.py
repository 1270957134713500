"""Parsers of untrusted input never fail with anything but a DeskError (which becomes a calm message)."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from victim_desk.core.sighting_import import parse
from victim_desk.core.sightings import new_sighting
from victim_desk.errors import DeskError, VaultCorrupt
from victim_desk.storage.keywrap import KeyFile

_FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_urlish = st.one_of(
    st.text(max_size=80),
    st.builds(lambda a, b: f"https://{a}/{b}", st.text(max_size=20), st.text(max_size=20)),
    st.sampled_from(
        ["https://t.me/a", "t.me/x", "http://[::1]/", "https://xn--/", "https://a..b/", "https://a.b:0/"]
    ),
)


@_FAST
@given(_urlish, st.one_of(st.none(), st.text(max_size=12)), st.one_of(st.none(), st.text(max_size=30)),
       st.one_of(st.none(), st.text(max_size=40)))  # fmt: skip
def test_new_sighting_only_raises_desk_errors(
    url: str, platform: str | None, seen: str | None, note: str | None
) -> None:
    with contextlib.suppress(DeskError):
        new_sighting(url, platform, seen, note)


@_FAST
@given(st.text(max_size=600))
def test_import_parser_only_raises_desk_errors(text: str) -> None:
    try:
        parsed = parse(text)
    except DeskError:
        return
    for line, _ in parsed.rows:
        assert line >= 1


@_FAST
@given(st.lists(st.sampled_from(["url", "platform", "seen", "note", ",", ";", "\t", '"', "\n",
                                 "https://t.me/a", "2026-01-01", "메모", "\r\n"]), max_size=60))  # fmt: skip
def test_csv_like_inputs(parts: list[str]) -> None:
    with contextlib.suppress(DeskError):
        parse("".join(parts))


@_FAST
@given(st.one_of(st.text(max_size=200), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12).map(__import__("json").dumps)))  # fmt: skip
def test_key_file_parser_only_says_corrupt(text: str) -> None:
    with contextlib.suppress(VaultCorrupt):
        KeyFile.from_json(text)
