"""Referral letters read back from real PDFs: exactly the consented fields appear, nothing else of the case
does; attachments open in Korean Excel and cannot run formulas; the referral is recorded in the case and
its audit chain; bad input writes nothing."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from victim_desk.app import referrals as referrals_module
from victim_desk.core.audit import chain_problems
from victim_desk.core.fingerprint.hashlist import read_hash_list
from victim_desk.core.referral_letter import SHARE_FIELDS
from victim_desk.errors import (
    NoContactToShare,
    NoFingerprintsToShare,
    NoSightingsToShare,
    OutputExists,
    ReferralNeedsProfile,
    UnknownOrganisation,
    UnknownShareField,
)

NAME = "윤하늘NAMEKEY"
EMAIL = "mailkey-4711@example.org"
PHONE = "010-4711-0815"
TITLE = "TITLEKEY-사건기록"
COUNSELOR = "COUNSELKEY 박지은"
COUNSELOR_ORG = "ORGKEY지원센터"
COUNSELOR_EMAIL = "counsel-key@center.example"
URLS = ("https://t.me/urlkey_room_a1", "https://example.com/urlkey-b2")
SEEN = "2026-11-20T12:15:00+00:00"
NOTES = ("NOTEKEY-first 메모", "=NOTEKEY(formula)")
EVIDENCE_FILE = "evidfilekey_photo.png"


def _pdftotext(path: Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed by the tests"
    return subprocess.run([exe, str(path), "-"], check=True, capture_output=True).stdout.decode("utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _photo(path: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    Image.fromarray(small).resize((320, 240), Image.Resampling.BICUBIC).save(path)
    return path


def _setup(desk: Any, tmp_path: Path, role: str) -> tuple[int, dict[str, str]]:
    if role == "victim":
        desk.profile.set(NAME, EMAIL, PHONE, "victim")
    else:
        desk.profile.set(COUNSELOR, COUNSELOR_EMAIL, None, "counselor", COUNSELOR_ORG)
    case = desk.cases.add(TITLE)
    desk.sightings.add(case, URLS[0], None, SEEN, NOTES[0])
    desk.sightings.add(case, URLS[1], None, None, NOTES[1])
    photo = _photo(tmp_path / EVIDENCE_FILE, 7)
    [(_, item)] = list(desk.evidence.add(case, [photo]))
    return case, {"pdq": item.pdq, "md5": item.md5, "sha256": item.sha256}


def _needles(role: str, hashes: dict[str, str]) -> dict[str, list[str]]:
    return {
        "name": [NAME] if role == "victim" else [TITLE],
        "contact": [EMAIL, PHONE],
        "sightings": [*URLS, SEEN[:16]],
        "fingerprints": [hashes["pdq"][:16], hashes["md5"][:16]],
        "requests": ["No deletion requests are recorded."],
        "notes": [NOTES[0], NOTES[1]],
    }


# Never in any letter: the case's title for a victim's own vault, file names, full checksums.
def _never(role: str, hashes: dict[str, str]) -> list[str]:
    return [EVIDENCE_FILE, hashes["sha256"][:16], *([TITLE] if role == "victim" else [])]


def _check_exactly(text: str, fields: tuple[str, ...], role: str, hashes: dict[str, str]) -> None:
    flat = _flat(text)
    for name, needles in _needles(role, hashes).items():
        for needle in needles:
            if name in fields:
                assert _flat(needle) in flat, (fields, name, needle)
            else:
                assert _flat(needle) not in flat, (fields, name, needle)
    for needle in _never(role, hashes):
        assert _flat(needle) not in flat, (fields, needle)


SUBSETS = [(), *((f,) for f in SHARE_FIELDS), ("sightings", "fingerprints"), SHARE_FIELDS]


def test_victim_letter_carries_exactly_the_consented_fields(desk: Any, tmp_path: Path) -> None:
    case, hashes = _setup(desk, tmp_path, "victim")
    for number, fields in enumerate(SUBSETS):
        out = tmp_path / f"letter{number}.pdf"
        written = desk.referrals.write(case, "d4u", list(fields), out, lang="en")
        assert written.referral.shared_fields == fields
        text = _pdftotext(out)
        _check_exactly(text, fields, "victim", hashes)
        # The letter always names the receiver, the reference and what was (not) shared.
        assert "Central Digital Sex Crime Victim Support Center" in text
        assert f"case {case} · referral {written.referral.id}" in text
        assert "referring herself" in text
        if fields:
            assert "The person agreed to share the following" in text
        else:
            assert "nothingwasagreedtobeshared" in _flat(text)


def test_counselor_letter_always_names_the_counselor_and_shares_the_case_name_only_with_consent(
    desk: Any, tmp_path: Path
) -> None:
    case, hashes = _setup(desk, tmp_path, "counselor")
    for number, fields in enumerate([(), ("name",), ("sightings", "notes"), ("fingerprints", "requests")]):
        out = tmp_path / f"c{number}.pdf"
        desk.referrals.write(case, "klac", list(fields), out, lang="ko")
        text = _pdftotext(out)
        _check_exactly(text.replace("기록된 삭제 요청이 없습니다.", "No deletion requests are recorded."),
                       fields, "counselor", hashes)  # fmt: skip
        for needle in (COUNSELOR, COUNSELOR_ORG, COUNSELOR_EMAIL, "대한법률구조공단", "지원 연계 의뢰서"):
            assert _flat(needle) in _flat(text), needle
    with pytest.raises(NoContactToShare):
        desk.referrals.write(case, "klac", ["contact"], tmp_path / "never.pdf", lang="ko")
    assert not (tmp_path / "never.pdf").exists()


def test_text_letter_says_the_same_and_marks_an_unconfirmed_number(desk: Any, tmp_path: Path) -> None:
    case, hashes = _setup(desk, tmp_path, "victim")
    out = tmp_path / "letter.txt"
    desk.referrals.write(case, "ccri", ["name", "notes"], out, lang="en", fmt="txt")
    text = out.read_text(encoding="utf-8")
    _check_exactly(text, ("name", "notes"), "victim", hashes)
    assert "844-878-2274 (unconfirmed)" in text  # FACTS.md marks the CCRI number UNVERIFIED
    assert "Not shared: Contact, Sightings, Fingerprints (hashes), Deletion requests and outcomes" in text


def test_attachments_open_in_korean_excel_and_cannot_run_formulas(desk: Any, tmp_path: Path) -> None:
    case, hashes = _setup(desk, tmp_path, "victim")
    out = tmp_path / "to-center.pdf"
    written = desk.referrals.write(case, "d4u", ["sightings", "fingerprints", "notes"], out, lang="ko")
    sightings_csv, hashes_csv = tmp_path / "to-center-sightings.csv", tmp_path / "to-center-hashes.csv"
    assert written.attachments == (sightings_csv, hashes_csv)
    raw = sightings_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel in a Korean locale would read CP949 without
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["id", "url", "platform", "seen", "status", "note"]
    assert [r[1] for r in rows[1:]] == list(URLS)
    assert rows[1][3] == SEEN and rows[1][5] == NOTES[0]
    assert rows[2][5] == "'" + NOTES[1]  # "=NOTEKEY(...)" would be run as a formula
    text = _pdftotext(out)
    assert "to-center-sightings.csv" in text and "to-center-hashes.csv" in text
    [known] = read_hash_list(hashes_csv)
    assert known.pdq == (hashes["pdq"],) and known.md5 == hashes["md5"] and known.sha256 == hashes["sha256"]
    assert known.label == f"case{case}-evidence1"
    assert EVIDENCE_FILE not in hashes_csv.read_text(encoding="utf-8")


def test_the_sightings_attachment_has_no_notes_unless_notes_are_shared(desk: Any, tmp_path: Path) -> None:
    case, _ = _setup(desk, tmp_path, "victim")
    desk.referrals.write(case, "d4u", ["sightings"], tmp_path / "l.pdf", lang="ko")
    text = (tmp_path / "l-sightings.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "id,url,platform,seen,status"
    assert "NOTEKEY" not in text
    assert not (tmp_path / "l-hashes.csv").exists()


def test_the_referral_is_recorded_in_the_case_and_its_audit_chain(desk: Any, tmp_path: Path) -> None:
    case, _ = _setup(desk, tmp_path, "victim")
    desk.referrals.write(case, "stopncii", ["fingerprints", "name"], tmp_path / "r.pdf", lang="en")
    [referral] = desk.referrals.list(case)
    assert (referral.org, referral.shared_fields) == ("stopncii", ("name", "fingerprints"))
    event = desk.audit.events(case)[-1]
    assert (event.action, event.entity, event.entity_id) == ("referral.add", "referral", referral.id)
    assert event.details["org"] == "stopncii"
    assert event.details["shared"] == ["name", "fingerprints"]
    assert event.details["files"] == ["r.pdf", "r-hashes.csv"]
    assert event.at == referral.to_json()["created_at"]
    assert chain_problems(desk.audit.events(case)) == []  # the case's chain still verifies


def _snapshot(desk: Any, case: int, folder: Path) -> tuple[Any, ...]:
    return (
        sorted(p.name for p in folder.iterdir()),
        len(desk.referrals.list(case)),
        len(desk.audit.events(case)),
    )


@pytest.mark.parametrize(
    ("org", "share", "error"),
    [
        ("center-xyz", [], UnknownOrganisation),
        ("d4u", ["sightings", "passwords"], UnknownShareField),
        ("d4u", ["name,diary"], UnknownShareField),
    ],
)
def test_bad_organisation_or_field_writes_nothing(
    desk: Any, tmp_path: Path, org: str, share: list[str], error: type
) -> None:
    case, _ = _setup(desk, tmp_path, "victim")
    before = _snapshot(desk, case, tmp_path)
    with pytest.raises(error):
        desk.referrals.write(case, org, share, tmp_path / "out.pdf", lang="ko")
    assert _snapshot(desk, case, tmp_path) == before


def test_sharing_what_the_case_does_not_have_writes_nothing(desk: Any, tmp_path: Path) -> None:
    desk.profile.set(NAME, EMAIL, None, "victim")
    empty = desk.cases.add("빈 사건 empty")
    before = _snapshot(desk, empty, tmp_path)
    with pytest.raises(NoSightingsToShare) as caught:
        desk.referrals.write(empty, "d4u", ["sightings"], tmp_path / "out.pdf", lang="ko")
    # The message says what to do in words that fit a window; the CLI adds the command that does it.
    assert "주소를 기록" in caught.value.message("ko") and "sighting" not in caught.value.message("ko")
    assert "'sighting add'" in caught.value.cli_message("ko")
    with pytest.raises(NoFingerprintsToShare):
        desk.referrals.write(empty, "d4u", ["fingerprints"], tmp_path / "out.pdf", lang="ko")
    assert _snapshot(desk, empty, tmp_path) == before


def test_no_profile_is_a_plain_message(desk: Any, tmp_path: Path) -> None:
    case = desk.cases.add("no profile yet")
    with pytest.raises(ReferralNeedsProfile):
        desk.referrals.write(case, "d4u", [], tmp_path / "out.pdf", lang="ko")
    assert list(tmp_path.iterdir()) == [tmp_path / "vault"]


@pytest.mark.parametrize("existing", ["out.pdf", "out-sightings.csv", "out-hashes.csv"])
def test_an_existing_letter_or_attachment_is_never_replaced(desk: Any, tmp_path: Path, existing: str) -> None:
    case, _ = _setup(desk, tmp_path, "victim")
    (tmp_path / existing).write_bytes(b"an earlier file, kept")
    before = _snapshot(desk, case, tmp_path)
    with pytest.raises(OutputExists) as caught:
        desk.referrals.write(case, "d4u", ["sightings", "fingerprints"], tmp_path / "out.pdf", lang="ko")
    assert existing in caught.value.message("en")
    assert _snapshot(desk, case, tmp_path) == before
    assert (tmp_path / existing).read_bytes() == b"an earlier file, kept"
    desk.referrals.write(
        case, "d4u", ["sightings", "fingerprints"], tmp_path / "out.pdf", lang="ko", force=True
    )
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_failure_while_writing_removes_the_attachments_and_records_nothing(
    desk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _ = _setup(desk, tmp_path, "victim")
    before = _snapshot(desk, case, tmp_path)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(referrals_module, "write_document", broken)
    with pytest.raises(OSError):
        desk.referrals.write(case, "d4u", ["sightings", "fingerprints"], tmp_path / "out.pdf", lang="ko")
    assert _snapshot(desk, case, tmp_path) == before


def test_requests_come_from_the_connected_provider(desk: Any, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from victim_desk.core.referral_letter import RequestSummary

    case, _ = _setup(desk, tmp_path, "victim")
    sent = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    class Provider:
        def for_referral(self, case_id: int) -> list[RequestSummary]:
            assert case_id == case
            return [RequestSummary(1, "telegram", "KR", sent, None, "removed", "OUTCOMEKEY removed in 20h")]

    desk.referrals.requests = Provider()
    desk.referrals.write(case, "d4u", ["requests"], tmp_path / "with.pdf", lang="en")
    desk.referrals.write(case, "d4u", ["notes"], tmp_path / "without.pdf", lang="en")
    assert "OUTCOMEKEY" in _pdftotext(tmp_path / "with.pdf")
    assert "OUTCOMEKEY" not in _pdftotext(tmp_path / "without.pdf")


def test_a_real_request_and_its_outcome_travel_with_consent(desk: Any, tmp_path: Path) -> None:
    # The desk connects the requests use case to referrals: a letter actually sent, then refused with a
    # note, appears in a referral that shares requests, and only there.
    from victim_desk.app.requests import LetterSpec

    case, _ = _setup(desk, tmp_path, "victim")
    spec = LetterSpec(recipient="telegram", jurisdiction="KR", lang="en", case_id=case, platform="telegram")
    produced = desk.requests.letter(spec, tmp_path / "request.txt")
    assert produced.request is not None
    desk.requests.update(produced.request.id, "refused", "REFUSALKEY they say it is allowed")
    desk.referrals.write(case, "d4u", ["requests"], tmp_path / "with.pdf", lang="en")
    desk.referrals.write(case, "d4u", [], tmp_path / "without.pdf", lang="en")
    shared = _flat(_pdftotext(tmp_path / "with.pdf"))
    assert _flat("REFUSALKEY they say it is allowed") in shared and "refused" in shared
    assert "REFUSALKEY" not in _pdftotext(tmp_path / "without.pdf")
