"""Each jurisdiction's required elements are checked before a letter is composed; what is missing is
named in the person's language with how to supply it; the shipped data sources every fact."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from victim_desk.core.letters.compose import Address, LetterInput, compose
from victim_desk.core.letters.document import as_text
from victim_desk.core.letters.jurisdictions import jurisdictions
from victim_desk.core.letters.recipients import get_recipient, recipients
from victim_desk.core.model import Profile, Role
from victim_desk.errors import JurisdictionNotAnswered, LetterIncomplete, UnknownRecipient
from victim_desk.resources_path import resource

SENT = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
HANA = Profile("김하나", "hana@example.org", "010-0000-0000", Role.VICTIM)
URLS = (Address(1, "https://t.me/somechannel/1234", SENT - timedelta(days=1)),)

# Every address, phone number or form the shipped data names, as ../shared/FACTS.md gives it. A new one
# must be added here only after it is added to FACTS.md with its source.
FACTS_ADDRESSES = {
    "abuse@telegram.org",  # FACTS.md: UNVERIFIED
    "https://help.x.com/en/rules-and-policies/us-tida",
    "https://stopncii.org",
    "1377",
    "https://ecrm.police.go.kr",
    "https://d4u.stop.or.kr",
    "1-800-843-5678",
    "0345 6000 459",
}


def letter(**changes: object) -> LetterInput:
    base: dict[str, object] = dict(
        recipient=get_recipient("telegram"), jurisdiction="US", lang="ko", voice="self", requester=HANA,
        addresses=URLS, sent_at=SENT, reference="VD-1-1",
    )  # fmt: skip
    base.update(changes)
    return LetterInput(**base)  # type: ignore[arg-type]


def test_shipped_recipients_name_no_address_that_facts_does_not_give() -> None:
    found = {c.address for r in recipients() for c in r.channels if c.address}
    found |= {route.address for j in jurisdictions().values() for route in j.escalation if route.address}
    assert found <= FACTS_ADDRESSES, found - FACTS_ADDRESSES


def test_telegram_email_is_shipped_marked_unverified_and_never_used_as_a_draft_address() -> None:
    telegram = get_recipient("telegram")
    email = telegram.email("KR")
    assert email is not None and email.address == "abuse@telegram.org" and email.verified is False
    assert telegram.channels_for("KR")[0].verified  # the verified in-app report comes first


def test_every_verified_fact_has_a_source_and_date() -> None:
    for r in recipients():
        assert r.jurisdictions, r.id
        for fact in r.jurisdictions.values():
            assert fact.source and fact.verified_on
        for c in r.channels:
            if c.verified:
                assert c.fact.source and c.fact.source.startswith("FACTS.md") and c.fact.verified_on
    for j in jurisdictions().values():
        assert j.clock.fact.source and j.clock.fact.verified_on


def test_clocks_are_the_sourced_ones_and_korea_is_a_policy_target() -> None:
    clocks = {code: (j.clock.kind, j.clock.hours) for code, j in jurisdictions().items()}
    assert clocks == {"KR": ("policy_target", 24), "US": ("statute", 48), "EU": ("none", None),
                      "UK": ("announced", 48)}  # fmt: skip


def test_the_korean_regulator_answers_only_to_korean_law() -> None:
    kcsc = get_recipient("kcsc")
    assert list(kcsc.jurisdictions) == ["KR"]
    with pytest.raises(JurisdictionNotAnswered) as caught:
        compose(letter(recipient=kcsc, jurisdiction="US"))
    assert "US" in caught.value.message("en") and "KR" in caught.value.message("ko")


def test_an_unknown_recipient_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRecipient) as caught:
        get_recipient("myspace")
    assert "telegram" in caught.value.message("ko") and "myspace" in caught.value.message("en")


@pytest.mark.parametrize(
    ("jurisdiction", "requester", "voice", "authority", "addresses", "expected"),
    [
        ("US", None, "self", None, URLS, ["signature", "requester_contact"]),
        ("EU", None, "self", None, URLS, ["requester_name", "requester_email"]),
        ("KR", None, "agent", None, (), ["requester_name", "requester_contact", "authority", "urls"]),
        ("UK", HANA, "guardian", "  ", URLS, ["authority"]),
        ("US", HANA, "self", None, (), ["urls"]),
        ("EU", Profile("김하나", "", "010-1234-5678"), "self", None, URLS, ["requester_email"]),
    ],
)
def test_missing_elements_are_each_named_with_how_to_supply_them(
    jurisdiction: str, requester: Profile | None, voice: str, authority: str | None,
    addresses: tuple[Address, ...], expected: list[str],
) -> None:  # fmt: skip
    with pytest.raises(LetterIncomplete) as caught:
        compose(letter(jurisdiction=jurisdiction, requester=requester, voice=voice, authority=authority,
                       addresses=addresses))  # fmt: skip
    assert caught.value.params["missing"] == expected
    assert caught.value.exit_code == 2
    ko, en = caught.value.message("ko"), caught.value.message("en")
    assert len(ko.splitlines()) == 1 + len(expected) and len(en.splitlines()) == 1 + len(expected)
    if "requester_email" in expected or "requester_contact" in expected:
        assert "profile set --name" in ko and "--email" in en
    if "authority" in expected:
        assert "--authority" in ko and "--voice self" in en
    if "urls" in expected:
        assert "sighting add --case" in en


def test_a_phone_is_contact_enough_for_the_us_but_the_dsa_needs_an_email() -> None:
    phone_only = Profile("Hana Kim", "", "010-1234-5678")
    assert "010-1234-5678" in as_text(compose(letter(jurisdiction="US", requester=phone_only)))
    with pytest.raises(LetterIncomplete):
        compose(letter(jurisdiction="EU", requester=phone_only))


def test_a_template_missing_its_statement_refuses_instead_of_omitting_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from victim_desk.core.letters import compose as module

    broken = {k: v for k, v in module.parts("en").items() if k != "good_faith"}
    monkeypatch.setattr(module, "parts", lambda lang: broken)
    with pytest.raises(LetterIncomplete) as caught:
        compose(letter(lang="en"))
    assert caught.value.params["missing"] == ["good_faith"]


def test_both_languages_have_the_same_parts_and_placeholders() -> None:
    ko = json.loads(resource("letters", "ko.json").read_text(encoding="utf-8"))
    en = json.loads(resource("letters", "en.json").read_text(encoding="utf-8"))
    assert set(ko) == set(en)
    for key in ko:
        if key.startswith("_"):
            continue
        assert set(re.findall(r"\{(\w+)", ko[key])) == set(re.findall(r"\{(\w+)", en[key])), key
