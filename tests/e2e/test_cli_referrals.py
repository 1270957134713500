"""`referral list`, `referral --case ... --to ...` and `guide` through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli


def _pdftotext(path: Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed by the tests"
    return subprocess.run([exe, str(path), "-"], check=True, capture_output=True).stdout.decode("utf-8")


def test_referral_list_needs_no_vault_and_speaks_the_document_language(cli: Cli) -> None:
    ko = cli("referral", "list", passphrase=None)
    assert ko.returncode == 0, ko.stderr
    assert "여성긴급전화 1366  [women1366]" in ko.stdout
    assert "844-878-2274 (확인 필요)" in ko.stdout
    assert "운영 시간 확인 필요" in ko.stdout  # FACTS.md's "?" hours
    en = cli("referral", "list", "--lang", "en", passphrase=None)
    assert "Women's Emergency Hotline 1366  [women1366]" in en.stdout
    assert "844-878-2274 (unconfirmed)" in en.stdout
    assert not cli.vault.exists()


def test_referral_list_json_rows_and_filters(cli: Cli) -> None:
    result = cli("referral", "list", "--need", "legal", "--region", "KR", "--json", passphrase=None)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["sunflower", "klac", "kba_legal_aid", "family_law_center",
                                       "sv_crisis_center", "women_lawyers"]  # fmt: skip
    for row in rows:
        assert {"id", "names", "phones", "needs", "source", "verified_on"} <= row.keys()
        assert "legal" in row["needs"]
        for phone in row["phones"]:
            assert phone["source"] and phone["verified_on"]
    everything = cli("referral", "list", "--json", passphrase=None).stdout.splitlines()
    assert len(everything) == 17


def test_referral_list_bad_filter_and_misplaced_options(cli: Cli) -> None:
    bad = cli("--lang", "en", "referral", "list", "--need", "lawyer", passphrase=None)
    assert bad.returncode == 1 and "'lawyer'" in bad.stderr and "legal" in bad.stderr
    mixed = cli("--lang", "en", "referral", "list", "--case", "1", "-o", "x.pdf", passphrase=None)
    assert mixed.returncode == 2 and "--case, -o" in mixed.stderr
    missing = cli("--lang", "en", "referral", "--to", "d4u", passphrase=None)
    assert missing.returncode == 2 and "--case, -o" in missing.stderr
    # A typo in the organisation or a field is said before any vault or passphrase is needed.
    typo = cli("--lang", "en", "referral", "--case", "1", "--to", "d4uu", "-o", "x.pdf", passphrase=None)
    assert typo.returncode == 1 and "no organisation 'd4uu'" in typo.stderr
    field = cli("--lang", "en", "referral", "--case", "1", "--to", "d4u", "--share", "nam", "-o", "x.pdf",
                passphrase=None)  # fmt: skip
    assert field.returncode == 2 and "'nam' is not a field" in field.stderr


def test_referral_letter_through_the_contract_command(ready_cli: Cli, tmp_path: Path) -> None:
    cli = ready_cli
    assert (
        cli("profile", "set", "--name", "CLINAMEKEY 하늘", "--email", "cli-key@example.org").returncode == 0
    )
    assert cli("case", "add", "--title", "CLITITLEKEY").returncode == 0
    added = cli("sighting", "add", "--case", "1", "--url", "https://t.me/clikey_room", "--seen",
                "2026-11-20T21:15:00+09:00")  # fmt: skip
    assert added.returncode == 0, added.stderr
    out = tmp_path / "OUT.pdf"
    result = cli(
        "--lang", "en", "referral", "--case", "1", "--to", "d4u", "--share", "sightings", "-o", str(out),
        "--lang", "ko",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "shared: sightings" in result.stdout and "OUT-sightings.csv" in result.stdout
    text = _pdftotext(out)
    # Messages in English (--lang before the command), the letter in Korean (--lang after it).
    assert "https://t.me/clikey_room" in text and "지원 연계 의뢰서" in text
    assert "CLINAMEKEY" not in text and "cli-key@example.org" not in text and "CLITITLEKEY" not in text

    english = tmp_path / "en.txt"
    result = cli(
        "referral", "--case", "1", "--to", "kcsc", "--share", "name", "--lang", "en", "-o", str(english)
    )
    assert result.returncode == 0, result.stderr
    letter = english.read_text(encoding="utf-8")
    assert "CLINAMEKEY" in letter and "Referral" in letter and "1377 (option 3: digital sex crime)" in letter
    assert "clikey_room" not in letter

    again = cli("--lang", "en", "referral", "--case", "1", "--to", "d4u", "-o", str(out))
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--to", "center-xyz", "-o", "{out}"], "no organisation 'center-xyz'"),
        (["--to", "d4u", "--share", "diary", "-o", "{out}"], "'diary' is not a field"),
        (["--to", "d4u", "--share", "sightings", "-o", "{out}"], "no sightings recorded"),
        (["--to", "d4u", "-o", "{docx}"], "file type is not clear"),
    ],
)
def test_referral_bad_input_says_so_and_writes_nothing(
    ready_cli: Cli, tmp_path: Path, args: list[str], needle: str
) -> None:
    cli = ready_cli
    cli("profile", "set", "--name", "누군가", "--email", "someone@example.org")
    cli("case", "add", "--title", "빈 사건")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    filled = [a.format(out=out_dir / "letter.pdf", docx=out_dir / "letter.docx") for a in args]
    result = cli("--lang", "en", "referral", "--case", "1", *filled)
    assert result.returncode != 0
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out_dir.iterdir()) == []


def test_guide_prints_writes_pdf_and_text_and_refuses_what_it_should(cli: Cli, tmp_path: Path) -> None:
    shown = cli("guide", "--lang", "en", passphrase=None)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("What you can do now") and "1377" in shown.stdout
    korean = cli("guide", passphrase=None)
    assert korean.stdout.startswith("지금 할 수 있는 일")

    pdf = tmp_path / "guide.pdf"
    assert cli("guide", "-o", str(pdf), passphrase=None).returncode == 0
    assert "지금 할 수 있는 일" in _pdftotext(pdf)
    txt = tmp_path / "guide.txt"
    assert cli("guide", "--lang", "en", "-o", str(txt), passphrase=None).returncode == 0
    assert "What you can do now" in txt.read_text(encoding="utf-8")

    exists = cli("--lang", "en", "guide", "-o", str(pdf), passphrase=None)
    assert exists.returncode == 1 and "already exists" in exists.stderr
    odd = cli("--lang", "en", "guide", "-o", str(tmp_path / "guide.docx"), passphrase=None)
    assert odd.returncode == 2 and "file type is not clear" in odd.stderr
    assert not (tmp_path / "guide.docx").exists()
    assert not cli.vault.exists()


def test_the_two_referral_forms_parse_as_the_contract_writes_them() -> None:
    from victim_desk.cli.parser import build_parser

    parser = build_parser("en")
    letter = parser.parse_args(
        ["referral", "--case", "3", "--to", "d4u", "--share", "name", "contact", "--share", "notes",
         "-o", "OUT.pdf", "--lang", "en"]
    )  # fmt: skip
    assert (letter.action, letter.case_id, letter.org, letter.share) == (
        None,
        3,
        "d4u",
        ["name", "contact", "notes"],
    )
    assert (str(letter.output), letter.document_lang, letter.lang) == ("OUT.pdf", "en", None)
    listing = parser.parse_args(["referral", "list", "--need", "legal", "--region", "KR", "--json"])
    assert (listing.action, listing.need, listing.region, listing.json) == ("list", "legal", "KR", True)
