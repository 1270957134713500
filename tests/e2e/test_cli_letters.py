"""`letter` and `request` through the real command line: PDFs read back with poppler for every required
element, the addresses and the Hangul; fonts embedded; .eml parsed by `email`; each bad input refused
with its own message and nothing left behind."""

from __future__ import annotations

import email
import json
import shutil
import subprocess
from email import policy
from pathlib import Path
from typing import Any

import pytest


def poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    assert exe, f"{tool} (poppler-utils) is needed by the tests"
    return subprocess.run([exe, *args], check=True, capture_output=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    return "".join(text.split())


HANGUL_URL = "https://t.me/한글방/77"
PERCENT_URL = "https://t.me/s/room%ED%95%9C%EA%B8%80?before=12"


@pytest.fixture
def case_cli(ready_cli: Any) -> Any:
    cli = ready_cli
    assert cli("profile", "set", "--name", "김하나", "--email", "hana@example.org").returncode == 0
    assert cli("case", "add", "--title", "첫 사례").returncode == 0
    for url in ("https://t.me/somechannel/1234", HANGUL_URL, PERCENT_URL):
        r = cli("sighting", "add", "--case", "1", "--url", url, "--seen", "2026-11-20T21:15:00+09:00")
        assert r.returncode == 0, r.stderr
    return cli


def test_pdf_letter_reads_back_with_every_element_and_embedded_fonts(case_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "telegram-kr.pdf"
    r = case_cli(
        "letter", "--case", "1", "--platform", "telegram", "--to", "telegram", "--jurisdiction", "KR",
        "--lang", "ko", "--material", "deepfake", "--preserve-data", "-o", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "VD-1-1" in r.stdout and "주소 3개" in r.stdout
    text = flat(poppler("pdftotext", str(out), "-"))
    needles = (
        "불법촬영물등 유통 신고·삭제요청서", "김하나", "hana@example.org", "제44조의2", "제22조의5",
        "정부 방침", "https://t.me/somechannel/1234", HANGUL_URL, PERCENT_URL, "2026-11-20 21:15",
        "동일한 복제물", "게시자의 계정 정보", "전자서명: /s/ 김하나", "VD-1-1",
    )  # fmt: skip
    for needle in needles:
        assert flat(needle) in text, needle
    fonts = poppler("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all("NanumGothic" in row and row.split()[-5] == "yes" for row in fonts), fonts
    listed = json.loads(case_cli("sighting", "list", "--case", "1", "--json").stdout.splitlines()[0])
    assert listed["status"] == "requested"


def test_text_and_eml_formats(case_cli: Any, tmp_path: Path) -> None:
    txt, eml = tmp_path / "form.txt", tmp_path / "draft.eml"
    r = case_cli("letter", "--sighting", "2", "--to", "telegram", "--jurisdiction", "EU", "--lang", "en",
                 "-o", str(txt))  # fmt: skip
    assert r.returncode == 0, r.stderr
    body = txt.read_text(encoding="utf-8")
    assert HANGUL_URL in body and "Article 16(2) of the Digital Services Act" in body
    assert "https://t.me/somechannel/1234" not in body  # one sighting, one address
    r = case_cli("letter", "--sighting", "1", "--to", "telegram", "--jurisdiction", "US", "--lang", "ko",
                 "--channel", "email", "-o", str(eml))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "확인되지 않았습니다" in r.stderr and "받는 사람 칸을 비워" in r.stderr  # unverified address
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] is None and msg["From"].addresses[0].display_name == "김하나"
    assert "https://t.me/somechannel/1234" in msg.get_body().get_content()


def test_500_addresses_in_one_letter(ready_cli: Any, tmp_path: Path) -> None:
    cli = ready_cli
    cli("profile", "set", "--name", "Counselor Park", "--email", "park@center.example", "--role", "counselor")
    cli("case", "add", "--title", "many")
    urls = [f"https://t.me/c/{1000 + i}/{i * 37}" for i in range(500)]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    assert cli("sighting", "import", "--case", "1", str(listing)).returncode == 0
    out = tmp_path / "many.pdf"
    r = cli("letter", "--case", "1", "--platform", "telegram", "--to", "telegram", "--jurisdiction", "US",
            "--lang", "en", "--authority", "power of attorney 2026-11-28", "-o", str(out))  # fmt: skip
    assert r.returncode == 0, r.stderr
    text = flat(poppler("pdftotext", str(out), "-"))
    assert all(u in text for u in urls)
    assert "Addresses(500)" in text
    rows = [json.loads(x) for x in cli("request", "list", "--json").stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["sighting"] == list(range(1, 501))


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--sighting", "99", "--to", "telegram", "--jurisdiction", "KR"], 1, "99"),
        (["--case", "1", "--platform", "discord", "--to", "discord", "--jurisdiction", "KR"], 2,
         "sighting add --case"),
        (["--sighting", "1", "--to", "myspace", "--jurisdiction", "KR"], 1, "letter --recipients"),
        (["--sighting", "1", "--to", "kcsc", "--jurisdiction", "US"], 1, "KR"),
        (["--sighting", "1", "--to", "naver", "--jurisdiction", "UK"], 1, "naver"),
        (["--sighting", "1", "--to", "telegram", "--jurisdiction", "KR", "--voice", "agent"], 2,
         "--authority"),
        (["--sighting", "1", "--jurisdiction", "KR"], 2, "--to"),
        (["--sighting", "1", "--to", "telegram", "--jurisdiction", "KR", "--channel", "fax"], 1, "in_app"),
    ],
)  # fmt: skip
def test_bad_letter_input_is_refused_with_its_message_and_no_file(
    case_cli: Any, tmp_path: Path, args: list[str], code: int, needle: str
) -> None:
    out = tmp_path / "out" / "letter.pdf"
    out.parent.mkdir()
    r = case_cli("--lang", "en", "letter", *args, "--lang", "ko", "-o", str(out))
    assert r.returncode == code, (r.stdout, r.stderr)
    assert needle in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip()) > 20
    assert list(out.parent.iterdir()) == []
    assert case_cli("request", "list", "--json").stdout == ""


def test_no_profile_means_no_contact_and_each_missing_element_is_named(
    ready_cli: Any, tmp_path: Path
) -> None:
    cli = ready_cli
    cli("case", "add", "--title", "t")
    cli("sighting", "add", "--case", "1", "--url", "https://x.com/someone/status/1")
    out = tmp_path / "x.pdf"
    r = cli("letter", "--sighting", "1", "--to", "x", "--jurisdiction", "EU", "--lang", "ko", "-o", str(out))
    assert r.returncode == 2
    assert (
        "요청인의 이름" in r.stderr and "요청인의 전자우편" in r.stderr and "profile set --name" in r.stderr
    )
    r = cli("--lang", "en", "letter", "--sighting", "1", "--to", "x", "--jurisdiction", "US", "-o", str(out))
    assert r.returncode == 2 and "a signature" in r.stderr and "contact details" in r.stderr
    assert not out.exists()


def test_a_sighting_without_an_address_cannot_be_recorded(case_cli: Any) -> None:
    r = case_cli("sighting", "add", "--case", "1", "--url", "", "--platform", "telegram")
    assert r.returncode == 1 and r.stderr.strip()


def test_an_existing_output_is_kept_unless_forced(case_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    out.mkdir()
    target = out / "letter.pdf"
    target.write_bytes(b"the letter sent yesterday")
    args = [
        "letter",
        "--sighting",
        "1",
        "--to",
        "telegram",
        "--jurisdiction",
        "US",
        "--lang",
        "en",
        "-o",
        str(target),
    ]
    r = case_cli(*args)
    assert r.returncode == 1 and str(target) in r.stderr
    assert target.read_bytes() == b"the letter sent yesterday" and [p.name for p in out.iterdir()] == [
        "letter.pdf"
    ]
    assert case_cli("request", "list", "--json").stdout == ""
    assert case_cli(*args, "--force").returncode == 0
    assert target.read_bytes().startswith(b"%PDF-") and [p.name for p in out.iterdir()] == ["letter.pdf"]


def test_request_commands_keep_the_clock(case_cli: Any, tmp_path: Path) -> None:
    cli = case_cli
    cli("letter", "--case", "1", "--platform", "telegram", "--to", "telegram", "--jurisdiction", "KR",
        "--lang", "ko", "-o", str(tmp_path / "a.txt"))  # fmt: skip
    r = cli("request", "sent", "1", "--at", "2026-11-01T09:00:00+09:00")
    assert r.returncode == 0 and "2026-11-02 09:00" in r.stdout
    row = json.loads(cli("request", "list", "--json").stdout)
    assert row["sighting"] == [1, 2, 3] and row["sent_at"] == "2026-11-01T00:00:00+00:00"
    assert (
        row["deadline"] == "2026-11-02T00:00:00+00:00" and row["status"] == "sent" and row["overdue"] is True
    )
    for key in ("id", "sighting", "recipient", "jurisdiction", "sent_at", "deadline", "status"):
        assert key in row
    assert json.loads(cli("request", "list", "--overdue", "--json", "--as-of", "2026-11-01T12:00:00+00:00")
                      .stdout or "null") is None  # fmt: skip
    none_due = cli("--lang", "en", "request", "list", "--overdue", "--as-of", "2026-11-01T12:00:00+00:00")
    assert none_due.stdout.strip() == "No deletion request is overdue."
    human = cli("request", "next").stdout
    assert "victim-desk letter --follow-up 1" in human and "사례 1" in human
    r = cli("letter", "--follow-up", "1", "--lang", "en", "-o", str(tmp_path / "f.pdf"))
    assert r.returncode == 0, r.stderr
    text = flat(poppler("pdftotext", str(tmp_path / "f.pdf"), "-"))
    assert (
        flat("removal request (reference VD-1-1)") in text and flat("2026-11-01 09:00 (Korean time)") in text
    )
    cli("request", "sent", "2", "--at", "2026-11-03T09:00:00+09:00")
    assert "--escalate 2 --route kcsc" in cli("request", "next").stdout
    r = cli("letter", "--escalate", "2", "--route", "police", "-o", str(tmp_path / "police.pdf"))
    assert r.returncode == 0, r.stderr
    police = flat(poppler("pdftotext", str(tmp_path / "police.pdf"), "-"))
    assert (
        "ecrm.police.go.kr" in police and HANGUL_URL in police and "VD-1-1" in police and "VD-1-2" in police
    )
    r = cli("request", "update", "1", "--status", "removed", "--note", "답변 받음")
    assert r.returncode == 0 and "3개" in r.stdout
    statuses = {
        json.loads(x)["status"] for x in cli("sighting", "list", "--case", "1", "--json").stdout.splitlines()
    }
    assert statuses == {"removed"}
    r = cli("request", "update", "1", "--status", "gone")
    assert r.returncode == 1 and "acknowledged" in r.stderr


def test_recipients_are_listed_with_channels_and_unverified_marked(ready_cli: Any) -> None:
    r = ready_cli("--lang", "en", "letter", "--recipients")
    assert r.returncode == 0
    assert "abuse@telegram.org (not verified)" in r.stdout
    assert "https://help.x.com/en/rules-and-policies/us-tida" in r.stdout
    assert "government policy target, not a statutory deadline" in r.stdout
    rows = [json.loads(x) for x in ready_cli("letter", "--recipients", "--json").stdout.splitlines()]
    assert [x["id"] for x in rows][:2] == ["telegram", "google"] and len(rows) == 11
    kcsc = next(x for x in rows if x["id"] == "kcsc")
    assert list(kcsc["jurisdictions"]) == ["KR"] and kcsc["clocks"]["KR"]["kind"] == "policy_target"
