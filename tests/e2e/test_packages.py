"""Evidence packages made from a real vault, checked with the real tools a recipient has (sha256sum,
openssl, unzip, pdftotext) and with `verify`; every tampering of the issue is caught with its reason."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, Cli, noise_photo
from victim_desk.app.packages import verify
from victim_desk.app.requests import LetterSpec
from victim_desk.core import package as fmt
from victim_desk.core.cancel import CancelToken
from victim_desk.errors import Cancelled, OutputExists
from victim_desk.storage import migrations


@pytest.fixture
def case(desk: Any, tmp_path: Path) -> int:
    desk.profile.set("김하나", "hana@example.org")
    case_id = desk.cases.add("사례 하나")
    for i in range(3):
        desk.sightings.add(case_id, f"https://t.me/room/{i + 100}", seen="2026-11-20T10:00:00+09:00",
                           note="=HYPERLINK(\"x\")")  # fmt: skip
    desk.sightings.add(case_id, "https://www.naver.com/blog/x1", platform="naver")
    list(desk.evidence.add(case_id, [noise_photo(tmp_path / "first.png", 1, 96)], keep_original=True))
    list(desk.evidence.add(case_id, [noise_photo(tmp_path / "second.png", 2, 96)]))
    spec = LetterSpec(
        recipient="telegram", jurisdiction="US", lang="en", case_id=case_id, platform="telegram"
    )
    desk.requests.letter(spec, tmp_path / "letter.txt")
    desk.requests.update(1, "acknowledged", "ticket 4471-AB")
    desk.referrals.write(case_id, "d4u", ["sightings"], tmp_path / "referral.pdf", lang="ko")
    return case_id


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _rewrite(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def _resign(members: dict[str, bytes], key: fmt.SigningKey) -> None:
    """What a forger holding `key` does: recompute every sum and sign them again."""
    summed = [(n, hashlib.sha256(d).hexdigest()) for n, d in members.items() if n not in fmt.UNSUMMED]
    members[fmt.SUMS] = fmt.sums_bytes(summed)
    members[fmt.SIGNATURE] = key.sign(members[fmt.SUMS])


def _checks(report: Any) -> set[tuple[str, str]]:
    return {(f.member, f.check) for f in report.findings}


@pytest.fixture
def package(desk: Any, case: int, tmp_path: Path) -> Path:
    out = tmp_path / "pkg.zip"
    desk.packages.export(case, out, lang="ko")
    return out


def test_a_real_case_verifies_with_coreutils_openssl_and_verify(desk: Any, case: int, package: Path,
                                                               tmp_path: Path) -> None:  # fmt: skip
    members = _members(package)
    assert set(members) == {"sightings.csv", "audit.jsonl", "letters/VD-1-1.txt", "report.pdf", "key.pem",
                            "manifest.json", "SHA256SUMS", "SHA256SUMS.sig"}  # fmt: skip
    unpacked = tmp_path / "unpacked"
    subprocess.run(["unzip", "-q", str(package), "-d", str(unpacked)], check=True)
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
    assert sums.returncode == 0, sums.stdout + sums.stderr
    assert sums.stdout.count(": OK\n") == 6
    signature = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", "SHA256SUMS",
         "-sigfile", "SHA256SUMS.sig"], cwd=unpacked, capture_output=True, text=True,
    )  # fmt: skip
    assert signature.returncode == 0 and "Signature Verified Successfully" in signature.stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", "key.pem", "-outform", "DER"], cwd=unpacked,
                         capture_output=True, check=True).stdout  # fmt: skip
    assert " ".join(hashlib.sha256(der[-32:]).hexdigest()[i:i + 4] for i in range(0, 64, 4)) == \
        desk.packages.key_fingerprint()  # fmt: skip
    report = verify(package, expect_key=desk.packages.key_fingerprint().replace(" ", ":"))
    assert report.ok, report.findings
    assert report.key_fingerprint == desk.packages.key_fingerprint()
    assert report.audit_head == desk.audit.events(case)[-2].hash  # the export itself is audited after


def test_members_carry_the_case(desk: Any, case: int, package: Path, tmp_path: Path) -> None:
    members = _members(package)
    manifest = json.loads(members["manifest.json"])
    assert manifest["schema_version"] == migrations.SCHEMA_VERSION
    assert manifest["case"]["title"] == "사례 하나"
    assert [s["url"] for s in manifest["sightings"]] == [
        *(f"https://t.me/room/{i}" for i in range(100, 103)),
        "https://www.naver.com/blog/x1",
    ]
    assert len(manifest["fingerprints"]) == 2 and manifest["fingerprints"][0]["fingerprint"]["sha256"]
    assert manifest["requests"][0]["status"] == "acknowledged"
    assert manifest["requests"][0]["note"] == "ticket 4471-AB"
    assert manifest["requests"][0]["deadline"] and manifest["requests"][0]["letter"] == "letters/VD-1-1.txt"
    assert manifest["referrals"] == [{"id": 1, "case": case, "org": "d4u", "shared": ["sightings"],
                                      "created_at": manifest["referrals"][0]["created_at"]}]  # fmt: skip
    assert manifest["originals_included"] is False
    # the letter as produced, not re-composed
    assert members["letters/VD-1-1.txt"] == (tmp_path / "letter.txt").read_bytes()
    sheet = members["sightings.csv"]
    assert sheet.startswith(b"\xef\xbb\xbfid,url,platform,seen,status\r\n")
    assert b"HYPERLINK" not in sheet  # notes stay out of the sheet
    events = [json.loads(line) for line in members["audit.jsonl"].decode().splitlines()]
    assert [e["hash"] for e in events] == [e.hash for e in desk.audit.events(case)][: len(events)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_report_reads_in_both_languages(desk: Any, case: int, tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"{lang}.zip"
    desk.packages.export(case, out, lang=lang)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_members(out)["report.pdf"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    heading = "이 패키지를 확인하는 방법" if lang == "ko" else "How to check this package"
    assert heading in flat
    assert "sha256sum -c SHA256SUMS" in flat
    assert "-rawin -in SHA256SUMS -sigfile SHA256SUMS.sig" in flat
    assert desk.packages.key_fingerprint() in flat
    dense = "".join(text.split())  # table cells wrap long addresses and hashes
    assert "https://t.me/room/100" in dense and "ticket4471-AB" in dense
    assert "naver.com/blog/x1" in dense  # the report's sightings: the last one too
    # the timeline: the four sightings added one after another are one step
    assert ("발견 기록 추가 ×4" if lang == "ko" else "Sightings recorded ×4") in flat
    assert desk.audit.events(case)[-2].hash in dense
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NanumGothic" in fonts


def test_originals_only_when_asked(desk: Any, case: int, tmp_path: Path) -> None:
    out = tmp_path / "with.zip"
    result = desk.packages.export(case, out, lang="en", include_originals=True)
    members = _members(out)
    originals = [n for n in members if n.startswith("originals/")]
    assert originals == ["originals/case1-evidence1.png"] and result.originals == 1
    assert members[originals[0]] == (tmp_path / "first.png").read_bytes()
    assert json.loads(members["manifest.json"])["originals_included"] is True
    assert verify(out).ok


def test_encrypted_package_needs_the_right_passphrase(desk: Any, case: int, tmp_path: Path) -> None:
    out = tmp_path / "enc.zip"
    desk.packages.export(case, out, lang="en", passphrase="correct horse battery")
    with zipfile.ZipFile(out) as z:
        assert all(i.flag_bits & 1 for i in z.infolist())
        assert all(i.compress_type == 99 for i in z.infolist())  # WinZip AES (AE-x)
    assert _checks(verify(out)) == {("", "needs_passphrase")}
    assert _checks(verify(out, passphrase="wrong horse battery")) == {("", "wrong_passphrase")}
    assert verify(out, passphrase="correct horse battery").ok
    # ... and 7-Zip, the tool the report names, opens and checks it with the same passphrase.
    seven = shutil.which("7z")
    assert seven, "7z (Debian p7zip-full) is needed by the tests; .ci/run installs it"
    tested = subprocess.run([seven, "t", "-pcorrect horse battery", str(out)], capture_output=True, text=True)
    assert tested.returncode == 0 and "Everything is Ok" in tested.stdout, tested.stdout + tested.stderr
    refused = subprocess.run([seven, "t", "-pwrong horse battery", str(out)], capture_output=True, text=True)
    assert refused.returncode != 0


def test_output_is_never_replaced_and_a_cancel_leaves_nothing(desk: Any, case: int, package: Path,
                                                              tmp_path: Path) -> None:  # fmt: skip
    with pytest.raises(OutputExists):
        desk.packages.export(case, package, lang="ko")
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        token.cancel()

    for i in range(600):
        desk.sightings.add(case, f"https://example.com/extra/{i}")
    out = tmp_path / "cancelled.zip"
    with pytest.raises(Cancelled):
        desk.packages.export(case, out, lang="ko", progress=progress, cancel=token)
    assert seen and seen[0][1] > 600
    assert sorted(p.name for p in tmp_path.iterdir() if "cancelled" in p.name) == []


# --- tampering ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sightings.csv", "audit.jsonl", "letters/VD-1-1.txt", "report.pdf",
                                  "key.pem", "manifest.json", "SHA256SUMS", "SHA256SUMS.sig"])  # fmt: skip
def test_a_flipped_bit_in_any_member_is_caught(package: Path, name: str) -> None:
    members = _members(package)
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x04
    members[name] = bytes(data)
    _rewrite(package, members)
    report = verify(package)
    assert not report.ok
    found = _checks(report)
    if name == fmt.SIGNATURE:
        assert found == {(name, "signature_invalid")}
    elif name == fmt.SUMS:
        assert (fmt.SIGNATURE, "signature_invalid") in found
    else:
        assert (name, "sum_mismatch") in found


def test_a_flipped_bit_in_the_compressed_bytes_is_caught(package: Path) -> None:
    raw = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as z:
        info = z.getinfo("manifest.json")
    raw[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0x10
    package.write_bytes(bytes(raw))
    assert ("manifest.json", "damaged") in _checks(verify(package))


def test_removed_and_added_members_are_named(package: Path) -> None:
    members = _members(package)
    del members["letters/VD-1-1.txt"]
    members["letters/VD-1-9.txt"] = b"a letter nobody sent"
    _rewrite(package, members)
    found = _checks(verify(package))
    assert ("letters/VD-1-1.txt", "missing") in found
    assert ("letters/VD-1-9.txt", "not_listed") in found


def test_a_replaced_key_and_signature_is_caught(desk: Any, package: Path) -> None:
    forger = fmt.SigningKey.generate()
    members = _members(package)
    members["key.pem"] = forger.public_pem()
    _resign(members, forger)
    _rewrite(package, members)
    report = verify(package)
    assert ("key.pem", "key_manifest_mismatch") in _checks(report)
    # a careful forger also rewrites the manifest: only the fingerprint told by another channel is left
    manifest = json.loads(members["manifest.json"])
    manifest["signing_key"]["fingerprint"] = forger.fingerprint
    members["manifest.json"] = json.dumps(manifest).encode()
    _resign(members, forger)
    _rewrite(package, members)
    assert verify(package).key_fingerprint == forger.fingerprint != desk.packages.key_fingerprint()
    expected = verify(package, expect_key=desk.packages.key_fingerprint())
    assert _checks(expected) == {("key.pem", "key_not_expected")}


def test_a_reordered_audit_log_is_caught_even_when_re_signed(desk: Any, package: Path) -> None:
    members = _members(package)
    lines = members["audit.jsonl"].decode().splitlines(keepends=True)
    lines[1], lines[2] = lines[2], lines[1]
    members["audit.jsonl"] = "".join(lines).encode()
    _resign(members, desk.packages.signing_key())  # even the vault's own key cannot make it pass
    _rewrite(package, members)
    found = _checks(verify(package))
    assert ("audit.jsonl", "audit_broken") in found
    assert {c for m, c in found} <= {"audit_broken", "audit_head_mismatch"}


def test_hostile_zips_are_refused_without_extracting(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for name in ("../evil.txt", "/tmp/evil-absolute.txt", "a/../../evil.txt", "C:\\evil.txt"):
        bad = work / "bad.zip"
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr(zipfile.ZipInfo(name), b"owned by a hostile archive")
        assert (name, "unsafe_name") in _checks(verify(bad))
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-absolute.txt").exists()

    bomb = work / "bomb.zip"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("SHA256SUMS", "w") as f,
    ):
        chunk = bytes(1 << 20)
        for _ in range(64):
            f.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    assert _checks(verify(bomb)) == {("SHA256SUMS", "bomb")}

    junk = work / "junk.zip"
    junk.write_bytes(random.Random(7).randbytes(5000))
    assert _checks(verify(junk)) == {("", "not_zip")}


def test_a_truncated_package_is_refused(package: Path) -> None:
    data = package.read_bytes()
    package.write_bytes(data[: len(data) // 2])
    assert _checks(verify(package)) == {("", "truncated")}


# --- the command line -------------------------------------------------------------------------------------


def test_cli_export_verify_show_key(ready_cli: Cli, tmp_path: Path) -> None:
    ready_cli("case", "add", "--title", "cli case")
    ready_cli("sighting", "add", "--case", "1", "--url", "https://t.me/somewhere/55")
    key = ready_cli("vault", "show-key", "--json")
    fingerprint = json.loads(key.stdout)["fingerprint"]
    out = tmp_path / "cli.zip"
    made = ready_cli("--lang", "en", "export", "--case", "1", "-o", str(out), "--lang", "ko", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["key"] == fingerprint
    good = ready_cli("--lang", "en", "verify", str(out), "--expect-key", fingerprint, passphrase=None)
    assert good.returncode == 0, good.stderr
    assert f"Signing key fingerprint: {fingerprint}" in good.stdout
    again = ready_cli("--lang", "en", "export", "--case", "1", "-o", str(out))
    assert again.returncode != 0 and "Traceback" not in again.stderr
    members = _members(out)
    members["sightings.csv"] += b"9,https://t.me/added/1,telegram,,found\r\n"
    _rewrite(out, members)
    bad = ready_cli("--lang", "en", "verify", str(out), passphrase=None)
    assert bad.returncode == 1
    assert "sightings.csv: its hash differs from SHA256SUMS" in bad.stderr
    as_json = ready_cli("verify", str(out), "--json", passphrase=None)
    assert as_json.returncode == 1
    assert {p["check"] for p in json.loads(as_json.stdout)["problems"]} >= {"sum_mismatch"}


def test_cli_encrypt_takes_the_passphrase_from_stdin_or_the_environment(
    ready_cli: Cli, tmp_path: Path
) -> None:
    ready_cli("case", "add", "--title", "enc")
    out = tmp_path / "enc.zip"
    lines = f"{PASSPHRASE}\npackage secret 123\n"  # the vault's passphrase first, then the package's
    made = ready_cli("export", "--case", "1", "-o", str(out), "--encrypt", "--package-passphrase-stdin",
                     "--passphrase-stdin", stdin=lines, passphrase=None)  # fmt: skip
    assert made.returncode == 0, made.stderr
    env = {"VICTIM_DESK_PACKAGE_PASSPHRASE": "package secret 123"}
    assert ready_cli("verify", str(out), env=env, passphrase=None).returncode == 0
    wrong = ready_cli("--lang", "en", "verify", str(out), passphrase=None,
                      env={"VICTIM_DESK_PACKAGE_PASSPHRASE": "not the secret"})  # fmt: skip
    assert wrong.returncode == 1 and "The package passphrase is wrong." in wrong.stderr
    missing = ready_cli("--lang", "en", "export", "--case", "1", "-o", str(tmp_path / "x.zip"), "--encrypt")
    assert missing.returncode == 2 and not (tmp_path / "x.zip").exists()


def test_cli_verify_says_when_the_file_cannot_be_opened(cli: Cli, tmp_path: Path) -> None:
    missing = cli("--lang", "en", "verify", str(tmp_path / "nowhere.zip"), passphrase=None)
    assert (
        missing.returncode == 1 and "cannot be opened" in missing.stderr and "Traceback" not in missing.stderr
    )
    bad_key = cli(
        "--lang", "en", "verify", str(tmp_path / "nowhere.zip"), "--expect-key", "abcd", passphrase=None
    )
    assert bad_key.returncode == 2 and "is not a key fingerprint" in bad_key.stderr


def test_recipient_tools_are_present() -> None:
    # The tests above use them; a machine without them must fail loudly, never skip.
    for tool in ("openssl", "sha256sum", "unzip", "pdftotext", "pdffonts"):
        assert shutil.which(tool), tool
    assert io is not None
