"""The "what you can do now" guide: every number in it comes from the directory, unconfirmed facts are
marked, both languages cover the same ground, and a broken placeholder is refused."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from victim_desk.app.referrals import guide, write_document
from victim_desk.core.blocks import to_text
from victim_desk.core.guide import compose_guide, guide_data
from victim_desk.core.referrals import load_directory
from victim_desk.errors import GuideInvalid

# A run of digits, possibly joined by hyphens or single spaces (0345 6000 459, 1-800-843-5678).
_DIGIT_RUN = re.compile(r"(?<![\d])\d(?:[\d-]| (?=\d))*\d|(?<![\d])\d(?![\d])")


def phone_like(text: str) -> list[str]:
    """What could be read as a phone number: 3+ digits in a row, or 6+ digits joined by separators.
    (Hours like 09–18, ages like 18 and the article 14-2 are not.)"""
    found = []
    for token in _DIGIT_RUN.findall(text):
        digits = sum(c.isdigit() for c in token)
        joined = any(c in "- " for c in token)
        if (joined and digits >= 6) or (not joined and digits >= 3):
            found.append(token)
    return found


def directory_numbers() -> set[str]:
    d = load_directory()
    numbers = {p.number for o in d.organisations for p in o.phones}
    numbers |= {c.value.lstrip("#") for o in d.organisations for c in o.contacts if c.kind != "email"}
    return numbers


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_phone_like_token_in_the_guide_is_a_directory_number(lang: str) -> None:
    text = to_text(guide(lang))  # type: ignore[arg-type]
    tokens = phone_like(text)
    assert tokens, "the guide names no number at all"
    numbers = directory_numbers()
    for token in tokens:
        assert token in numbers, token
    # The 24-hour lines and the places to go are all there.
    for number in ("1366", "1377", "112", "1388", "02-735-8994", "132", "0345 6000 459"):
        assert number in tokens, number


def test_the_number_check_itself_catches_a_stray_number() -> None:
    assert phone_like("call 02-735-8994 or 1366, open 09–18, age 18, Article 14-2") == ["02-735-8994", "1366"]
    assert "010-1234-5678" not in directory_numbers()
    assert phone_like("call 010-1234-5678") == ["010-1234-5678"]


@pytest.mark.parametrize(
    ("lang", "mark", "topics"),
    [
        ("ko", "(확인 필요)", ["퍼뜨리지 마세요", "24시간", "삭제 지원", "경찰에 신고", "법률 지원",
                              "나를 돌보기", "지문(해시)", "전달하거나"]),
        ("en", "(unconfirmed)", ["without spreading it", "24-hour lines", "taken down",
                                 "Reporting to the police", "Legal aid", "Looking after yourself",
                                 "fingerprint", "Do not forward"]),
    ],
)  # fmt: skip
def test_each_language_covers_every_topic_and_marks_unconfirmed_facts(
    lang: str, mark: str, topics: list[str]
) -> None:
    text = to_text(guide(lang))  # type: ignore[arg-type]
    for topic in topics:
        assert topic in text, topic
    assert f"844-878-2274 {mark}" in text  # the CCRI number FACTS.md marks UNVERIFIED
    assert mark in text.split("132")[1].split("\n")[0]  # the legal aid hours, UNVERIFIED
    assert "{" not in text and "}" not in text


def test_both_languages_have_the_same_shape() -> None:
    data = guide_data()
    ko, en = data["ko"], data["en"]
    assert len(ko["sections"]) == len(en["sections"])
    for a, b in zip(ko["sections"], en["sections"], strict=True):
        assert len(a.get("bullets", [])) == len(b.get("bullets", []))
        placeholders = [sorted(re.findall(r"\{[a-z]+:[^}]+\}", " ".join(s["bullets"]))) for s in (a, b)]
        assert placeholders[0] == placeholders[1], a["heading"]


@pytest.mark.parametrize(
    "placeholder", ["{phone:nobody}", "{phone:ksvrc}", "{phone:d4u:3}", "{web:women1366}", "{fax:d4u}"]
)
def test_a_placeholder_the_directory_cannot_fill_is_refused(placeholder: str) -> None:
    data = copy.deepcopy(guide_data())
    data["en"]["sections"][0]["bullets"].append(f"Call {placeholder} now.")
    with pytest.raises(GuideInvalid):
        compose_guide("en", load_directory(), data)


def test_guide_pdf_reads_back_in_korean(tmp_path: Path) -> None:
    out = tmp_path / "guide.pdf"
    write_document(guide("ko"), out, "pdf")
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed"
    text = subprocess.run([exe, str(out), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    flat = re.sub(r"\s+", "", text)
    for needle in ("지금할수있는일", "여성긴급전화1366", "02-735-8994", "퍼뜨리지마세요", "(확인필요)"):
        assert needle in flat, needle
    tokens = phone_like(text.replace("\n", "  "))
    assert set(tokens) <= directory_numbers()
