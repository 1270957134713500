"""The shipped directory: complete against FACTS.md, every fact sourced and dated, unconfirmed ones marked,
and a directory missing any of that refused at load."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from victim_desk.core.referrals import load_directory, parse_directory
from victim_desk.errors import DirectoryInvalid, UnknownNeed, UnknownOrganisation, UnknownRegion
from victim_desk.resources_path import resource


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("referrals.json").read_text(encoding="utf-8"))
    return data


# Every organisation of FACTS.md's two directory tables (and its numbers), in its order: Korea first.
EXPECTED = [
    ("d4u", "중앙디지털성범죄피해자지원센터", ["02-735-8994", "1366"], ["d4u.stop.or.kr"]),
    ("women1366", "여성긴급전화 1366", ["1366"], []),
    ("sunflower", "해바라기센터", [], ["sunflowercenter.or.kr"]),
    ("klac", "대한법률구조공단", ["132"], ["klac.or.kr"]),
    ("kba_legal_aid", "대한변협법률구조재단", ["02-3476-6515"], []),
    ("family_law_center", "한국가정법률상담소", ["1644-7077"], []),
    ("sv_crisis_center", "한국성폭력위기센터", ["02-883-9284", "02-883-9285"], []),
    ("women_lawyers", "한국여성변호사회", ["02-595-2097"], []),
    ("police", "경찰", ["112"], ["ecrm.police.go.kr"]),
    ("kcsc", "방송통신심의위원회", ["1377"], []),
    ("youth1388", "청소년상담 1388", ["1388"], ["1388.go.kr"]),
    ("ksvrc", "한국성폭력상담소", [], []),
    ("stopncii", "StopNCII.org", [], ["stopncii.org"]),
    ("takeitdown", "Take It Down (NCMEC)", [], ["takeitdown.ncmec.org"]),
    ("cybertipline", "NCMEC CyberTipline", ["1-800-843-5678"], []),
    ("ccri", "Cyber Civil Rights Initiative", ["844-878-2274"], []),
    ("rph_uk", "Revenge Porn Helpline", ["0345 6000 459"], []),
]


def test_every_organisation_of_the_facts_is_there_in_order_with_its_numbers_and_no_others() -> None:
    orgs = load_directory().organisations
    assert [o.id for o in orgs] == [e[0] for e in EXPECTED]
    for org, (_, name, phones, web) in zip(orgs, EXPECTED, strict=True):
        assert org.names["ko"].startswith(name), org.id
        assert org.names["en"].strip(), org.id
        assert [p.number for p in org.phones] == phones, org.id
        assert [w.address for w in org.web] == web, org.id
    assert {c.value for c in load_directory().get("stopncii").contacts} == {"stopncii@swgfl.org.uk"}
    assert {(c.kind, c.value) for c in load_directory().get("youth1388").contacts} == {
        ("text", "#1388"),
        ("kakaotalk", "1388"),
    }


def test_every_entry_and_every_fact_in_the_file_has_a_source_and_a_date() -> None:
    data = _raw()
    for org in data["organisations"]:
        facts = [org, *org.get("phones", []), *org.get("web", []), *org.get("contacts", [])]
        if "hours" in org:
            facts.append(org["hours"])
        for fact in facts:
            assert fact.get("source") in data["sources"], (org["id"], fact)
            assert fact.get("verified_on", "").startswith("2026-"), (org["id"], fact)
            assert isinstance(fact.get("verified"), bool), (org["id"], fact)


def test_what_the_facts_mark_unverified_is_marked_and_nothing_is_invented() -> None:
    d = load_directory()
    assert d.get("ccri").phones[0].provenance.verified is False
    klac = d.get("klac")
    assert klac.hours is not None and klac.hours.provenance.verified is False
    for org_id in ("kba_legal_aid", "family_law_center", "sv_crisis_center", "women_lawyers", "ksvrc"):
        hours = d.get(org_id).hours  # "?" in FACTS.md: no hours, flagged
        assert hours is not None and hours.text is None and not hours.provenance.verified, org_id
        assert d.get(org_id).verified is False
    ksvrc = d.get("ksvrc")
    assert ksvrc.phones == () and ksvrc.notes is not None  # its phone is UNVERIFIED: none is shipped
    assert d.get("women1366").verified is True
    # Only what FACTS.md marks is unconfirmed.
    unconfirmed = {
        (o.id, kind)
        for o in d.organisations
        for kind, items in (("phone", o.phones), ("web", o.web), ("contact", o.contacts))
        for item in items
        if not item.provenance.verified
    }
    assert unconfirmed == {("ccri", "phone")}


@pytest.mark.parametrize(
    ("break_it", "problem", "english", "korean"),
    [
        (lambda d: d["organisations"][0]["phones"][0].pop("source"), "no_source",
         "phone 1: no source is given", "1번째 전화번호: 출처가 적혀 있지 않습니다"),
        (lambda d: d["organisations"][0]["phones"][0].pop("verified_on"), "no_verified_on",
         "phone 1: the date it was checked is missing", "1번째 전화번호: 확인한 날짜가 없거나"),
        (lambda d: d["organisations"][1].pop("source"), "no_source",
         "organisation women1366: no source is given", "기관 women1366: 출처가 적혀 있지 않습니다"),
        (lambda d: d["organisations"][1].pop("verified_on"), "no_verified_on",
         "organisation women1366: the date it was checked", "기관 women1366: 확인한 날짜가"),
        (lambda d: d["organisations"][0]["web"][0].update(source="a blog"), "unknown_source",
         "the source a blog is not in the list of sources", "출처 목록에 없는 출처를 적었습니다: a blog"),
        (lambda d: d["organisations"][3]["hours"].pop("verified"), "verified_not_bool",
         "opening hours: whether it is confirmed must be true or false", "운영 시간: 확인 여부는"),
        (lambda d: d["organisations"][0]["needs"].append("astrology"), "needs_some_of",
         "its needs must be chosen from: counseling", "도움 분야는 다음 중에서 골라 적어야 합니다"),
        (lambda d: d["organisations"][0].update(region="Mars"), "unknown_region",
         "the region Mars is not in the list of regions", "지역 목록에 없는 지역을 적었습니다: Mars"),
        (lambda d: d["organisations"][1].update(id="d4u"), "id_twice",
         "the id d4u is used twice", "같은 식별자를 두 기관에 썼습니다: d4u"),
        (lambda d: d["organisations"][0]["phones"][0].update(number="call us"), "bad_number",
         "phone 1: the phone number is not valid", "1번째 전화번호: 전화번호가 올바르지 않습니다"),
        (lambda d: d["organisations"][0]["names"].pop("en"), "needs_both_languages",
         "it needs both Korean and English text", "한국어와 영어 글이 모두 있어야 합니다"),
    ],
)  # fmt: skip
def test_a_directory_missing_provenance_or_vocabulary_is_refused(
    break_it: Any, problem: str, english: str, korean: str
) -> None:
    data = copy.deepcopy(_raw())
    parse_directory(data)  # the shipped one passes
    break_it(data)
    with pytest.raises(DirectoryInvalid) as caught:
        parse_directory(data)
    assert caught.value.params["problem"] == problem
    assert english in caught.value.message("en")
    assert korean in caught.value.message("ko")


def test_filter_by_need_and_region_with_the_region_tree() -> None:
    d = load_directory()
    assert [o.id for o in d.filter(need="shelter")] == ["women1366"]
    legal = [o.id for o in d.filter(need="legal")]
    assert legal == ["sunflower", "klac", "kba_legal_aid", "family_law_center", "sv_crisis_center",
                     "women_lawyers"]  # fmt: skip
    korea = d.filter(region="KR")
    assert {o.region for o in korea} == {"KR-nationwide", "KR-local"} and len(korea) == 12
    assert [o.id for o in d.filter(region="KR-local")] == ["sunflower"]
    assert [o.id for o in d.filter(need="counseling", region="uk")] == ["rph_uk"]
    assert [o.id for o in d.filter(need="deletion", region="international")] == ["stopncii", "takeitdown"]
    assert d.filter(need="medical", region="US") == []


def test_unknown_need_region_and_organisation_are_plain_errors() -> None:
    d = load_directory()
    with pytest.raises(UnknownNeed) as need:
        d.filter(need="lawyer")
    assert "legal" in need.value.message("en") and "lawyer" in need.value.message("en")
    with pytest.raises(UnknownRegion):
        d.filter(region="Korea")
    with pytest.raises(UnknownOrganisation) as org:
        d.get("center-xyz")
    assert "d4u" in org.value.message("ko")
    assert d.get(" D4U ").id == "d4u"


def test_json_row_carries_the_contract_fields() -> None:
    row = load_directory().get("ccri").to_json()
    for key in ("id", "names", "phones", "needs", "source", "verified_on", "verified"):
        assert key in row
    assert row["verified"] is False
    assert row["phones"][0] == {
        "number": "844-878-2274",
        "note": None,
        "source": "facts-intl-directory",
        "verified_on": "2026-11",
        "verified": False,
    }
