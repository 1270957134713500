"""What a composed letter says, in every rendering: each required element, the addresses with when they
were found, the deadline in the recipient's zone and Korean time, the voice, the optional parts, and
the extra substantiation lines a caller passes in. PDFs are read back with poppler; drafts with `email`."""

from __future__ import annotations

import email
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

from victim_desk.core.letters.compose import Address, HashLine, LetterInput, PriorRequest, compose
from victim_desk.core.letters.document import as_text
from victim_desk.core.letters.eml import as_eml
from victim_desk.core.letters.recipients import get_recipient
from victim_desk.core.model import Profile, Role
from victim_desk.render.letter_pdf import letter_pdf

SENT = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 2026-12-01 00:00 in Seoul
COUNSELOR = Profile("박상담", "sangdam@center.example", "02-000-0000", Role.COUNSELOR, "해바라기 상담소")
URLS = (
    Address(1, "https://t.me/somechannel/1234", datetime(2026, 11, 29, 12, 30, tzinfo=UTC)),
    Address(2, "https://t.me/한글방/5678", None),
    Address(3, "https://t.me/s/room%ED%95%9C?x=1", None),
)
HASH = HashLine("case1-evidence7", "image", "ab" * 32, "cd" * 16, "ef" * 32)


def letter(**changes: object) -> LetterInput:
    base: dict[str, object] = dict(
        recipient=get_recipient("telegram"), jurisdiction="US", lang="en", voice="agent", requester=COUNSELOR,
        addresses=URLS, sent_at=SENT, reference="VD-1-9", authority="power of attorney dated 2026-11-28",
    )  # fmt: skip
    base.update(changes)
    return LetterInput(**base)  # type: ignore[arg-type]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    out = tmp_path / "letter.pdf"
    out.write_bytes(data)
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed by the tests"
    return subprocess.run([exe, str(out), "-"], check=True, capture_output=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    return "".join(text.split())


def test_us_letter_has_all_four_elements_deadline_and_every_address(tmp_path: Path) -> None:
    doc = compose(letter())
    for text in (as_text(doc), pdf_text(letter_pdf(doc), tmp_path)):
        squeezed = flat(text)
        assert flat("Electronic signature: /s/ 박상담") in squeezed  # (1) signature
        for a in URLS:  # (2) identification and location
            assert flat(a.url) in squeezed, a.url
        assert (
            flat("good-faith belief that the material identified above is not consensual") in squeezed
        )  # (3)
        assert "sangdam@center.example" in squeezed and "02-000-0000" in squeezed  # (4) contact
        assert flat("no later than 48 hours") in squeezed
        # Deadline = sent + 48 h, in the recipient's zone (UTC) and in Korean time.
        assert flat("2026-12-02 15:00 (UTC) / 2026-12-03 00:00 (Korean time)") in squeezed
        assert flat("2026-11-29 21:30") in squeezed  # when the first address was found, Korean time
        assert flat("identical copies") in squeezed
        assert flat("power of attorney dated 2026-11-28") in squeezed
        assert "해바라기상담소" in squeezed


def test_korean_letter_quotes_the_24_hours_as_policy_not_law(tmp_path: Path) -> None:
    doc = compose(letter(recipient=get_recipient("naver"), jurisdiction="KR", lang="ko", material="deepfake"))
    text = flat(pdf_text(letter_pdf(doc), tmp_path))
    assert flat("불법촬영물등 유통 신고·삭제요청서") in text
    assert flat("정보통신망 이용촉진 및 정보보호 등에 관한 법률」 제44조의2") in text
    assert flat("「전기통신사업법」 제22조의5") in text
    assert flat("법정 기한이 아닌 정부 방침") in text
    assert flat("24시간 안에 삭제하는 것을 목표") in text
    assert flat("임시조치(30일 이내)") in text
    assert flat("제14조의2") in text  # a deepfake: the crime is cited
    assert flat("위임 근거: power of attorney") in text
    # Naver's zone is Korean time: the deadline is given once, not twice.
    assert flat("2026-12-02 00:00 (한국 시간)") in text and "(UTC)" not in text


def test_filmed_material_does_not_cite_the_deepfake_crime() -> None:
    text = as_text(compose(letter(jurisdiction="KR", lang="ko", material="filmed")))
    assert "동의 없이 촬영된 성적 촬영물(불법촬영물)" in text and "제14조의2" not in text


def test_eu_notice_has_its_four_elements_and_no_invented_deadline() -> None:
    text = as_text(compose(letter(jurisdiction="EU", voice="self", authority=None)))
    assert "Article 16(2) of the Digital Services Act" in text
    assert "No fixed deadline" in text and "sets no fixed deadline" in text
    assert "hours after receiving" not in text
    assert "https://t.me/somechannel/1234" in text and "박상담" in text and "sangdam@center.example" in text


def test_uk_letter_cites_the_offence_and_the_announced_duty_as_announced() -> None:
    text = as_text(compose(letter(jurisdiction="UK")))
    assert "section 66B of the Sexual Offences Act 2003" in text and "priority offence" in text
    assert "A 48-hour removal duty was announced on 19 February 2026" in text


def test_three_voices_speak_differently() -> None:
    self_text = as_text(compose(letter(voice="self", authority=None)))
    agent = as_text(compose(letter(voice="agent")))
    guardian = as_text(compose(letter(voice="guardian", authority="mother (family relation certificate)")))
    assert "I am the person shown in the material" in self_text and "Authority:" not in self_text
    assert "on behalf of the person shown" in agent and "(for the depicted person" in agent
    assert "legal guardian (mother (family relation certificate))" in guardian and "minor" in guardian
    ko = as_text(compose(letter(voice="guardian", lang="ko", authority="어머니 (가족관계증명서)")))
    assert "미성년자의 법정대리인(어머니 (가족관계증명서))" in ko


def test_optional_parts_appear_only_when_chosen_and_substantiation_lines_are_passed_through() -> None:
    plain = as_text(compose(letter()))
    assert "preserve the uploader's account data" not in plain and "ab" * 32 not in plain
    ai_line = "C2PA manifest names an AI generator (case1-evidence7)"
    rich = as_text(compose(letter(preserve_data=True, fingerprints=(HASH,), substantiation=(ai_line,))))
    assert "preserve the uploader's account data" in rich
    assert "ab" * 32 in rich and "cd" * 16 in rich and "case1-evidence7" in rich
    assert "Further substantiation" in rich and "C2PA manifest names an AI generator" in rich


def test_follow_up_cites_the_first_request_by_date_reference_and_deadline() -> None:
    first = PriorRequest("VD-1-2", SENT - timedelta(days=5), SENT - timedelta(days=3))
    text = as_text(compose(letter(follows=first, escalation_routes=("US Federal Trade Commission (FTC)",))))
    assert "Follow-up: removal request VD-1-2 not yet acted on" in text
    assert "On 2026-11-25 15:00 (UTC) / 2026-11-26 00:00 (Korean time) I sent you a removal request" in text
    assert "The deadline for that request was 2026-11-27 15:00 (UTC)" in text
    assert "I will take the matter to: US Federal Trade Commission (FTC)" in text


def test_eml_draft_parses_with_hangul_name_subject_and_body() -> None:
    doc = compose(letter(lang="ko"))
    raw = as_eml(doc, sender_name=COUNSELOR.name, sender_email=COUNSELOR.email, to="abuse@example.org",
                 sent_at=SENT)  # fmt: skip
    assert b"\r\n" in raw and all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert raw.isascii()  # headers RFC 2047-encoded, body transfer-encoded
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "TAKE IT DOWN Act에 따른 삭제 요청"
    assert msg["From"].addresses[0].display_name == "박상담"
    assert msg["From"].addresses[0].addr_spec == "sangdam@center.example"
    assert msg["To"] == "abuse@example.org" and msg["X-Unsent"] == "1"
    assert msg["Date"].datetime == SENT
    body = msg.get_body().get_content()
    assert msg.get_content_charset() == "utf-8"
    for a in URLS:
        assert a.url in body
    assert "전자서명: /s/ 박상담" in body


def test_eml_without_a_verified_address_has_no_to_header() -> None:
    raw = as_eml(
        compose(letter()), sender_name="Hana", sender_email="hana@example.org", to=None, sent_at=SENT
    )
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] is None and msg["From"].addresses[0].addr_spec == "hana@example.org"
