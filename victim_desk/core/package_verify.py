"""Checking an evidence package: every sum, the signature, the timestamp, the audit chain, the manifest.

`verify_package` reads the ZIP member by member as streams, in memory: nothing is ever extracted, so a
hostile name (`../x`, `/etc/x`) can do no harm, and it is reported all the same. Sizes are bounded before
anything is decompressed (declared totals, member count, compression ratio), so a ZIP bomb is refused
instead of filling the memory. It never stops at the first problem: a person comparing a package with
what they were told wants to know everything that is wrong — which member, which check — in one go.

Pure: reads bytes from a file object; the application layer opens the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from victim_desk.core.audit import AuditEvent, chain_problems
from victim_desk.core.package import (
    AUDIT,
    FORMAT,
    KEY,
    MANIFEST,
    REQUIRED,
    SIGHTINGS_CSV,
    SIGNATURE,
    SUMS,
    TIMESTAMP,
    UNSUMMED,
    SumsInvalid,
    key_fingerprint,
    load_public_pem,
    normalise_fingerprint,
    parse_sums,
    safe_member_name,
    signature_holds,
)
from victim_desk.core.timestamp import TimestampInfo, TimestampProblem, check_response


@dataclass(frozen=True)
class Limits:
    """What a package may declare before it is read at all."""

    max_members: int = 200_000
    max_total: int = 16 * 2**30  # originals of long videos can be large; a bomb declares far more
    max_small: int = 512 * 2**20  # members read whole (manifest, sums, key, signature, token)
    max_ratio: int = 200  # deflate rarely exceeds ~20:1 on real text; zeros reach ~1000:1
    ratio_floor: int = 8 * 2**20  # small members may compress as much as they like


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold: the member it is about ("" for the whole package), the check (a
    message key suffix `package.check.<check>`) and the details the message names."""

    member: str
    check: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class VerifyReport:
    findings: list[Finding] = field(default_factory=list)
    members: int = 0
    key_fingerprint: str | None = None
    timestamp: TimestampInfo | None = None
    audit_events: int = 0
    audit_head: str | None = None
    case_id: int | None = None
    encrypted: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, member: str, check: str, **params: Any) -> None:
        self.findings.append(Finding(member, check, params))


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def verify_package(
    source: IO[bytes],
    *,
    passphrase: str | None = None,
    expect_key: str | None = None,
    limits: Limits = Limits(),
) -> VerifyReport:
    import pyzipper

    report = VerifyReport()
    start = source.read(4)
    source.seek(0)
    try:
        archive = pyzipper.AESZipFile(source)
    except (pyzipper.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        report.add("", "truncated" if start in _ZIP_MAGIC else "not_zip")
        return report
    with archive:
        infos = archive.infolist()
        if not _structure_sound(infos, report, limits):
            return report
        report.encrypted = any(i.flag_bits & 0x1 for i in infos)
        if report.encrypted:
            if not passphrase:
                report.add("", "needs_passphrase")
                return report
            archive.setpassword(passphrase.encode("utf-8"))
        digests = _hash_members(archive, infos, report)
        if digests is None:
            return report
        _check_all(archive, digests, report, expect_key, limits)
    return report


def _structure_sound(infos: list[Any], report: VerifyReport, limits: Limits) -> bool:
    if len(infos) > limits.max_members:
        report.add("", "bomb", reason="members", count=len(infos))
        return False
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if not safe_member_name(name):
            report.add(name, "unsafe_name")
        elif name in seen:
            report.add(name, "duplicate_name")
        seen.add(name)
        total += info.file_size
        ratio_bomb = info.file_size > limits.ratio_floor and (
            info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio
        )
        if ratio_bomb or info.file_size > limits.max_total:
            report.add(name, "bomb", reason="ratio", count=info.file_size)
    if total > limits.max_total:
        report.add("", "bomb", reason="total", count=total)
    return not report.findings


def _hash_members(archive: Any, infos: list[Any], report: VerifyReport) -> dict[str, str] | None:
    """name -> SHA-256 of every member, read as a stream; unreadable members are findings."""
    digests: dict[str, str] = {}
    for info in infos:
        if info.is_dir():
            report.add(info.filename, "not_listed")
            continue
        sha = hashlib.sha256()
        try:
            with archive.open(info) as stream:
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    sha.update(chunk)
        except RuntimeError as exc:  # pyzipper: "Bad password for file ..."
            if "password" in str(exc).lower():
                report.add("", "wrong_passphrase")
                return None
            report.add(info.filename, "damaged")
            continue
        except Exception:  # BadZipFile (CRC, AES HMAC), zlib.error, EOFError, struct errors: all "damaged"
            report.add(info.filename, "damaged")
            continue
        digests[info.filename] = sha.hexdigest()
        report.members += 1
    return digests


def _read_small(archive: Any, name: str, limits: Limits) -> bytes:
    with archive.open(name) as stream:
        data = bytes(stream.read(limits.max_small + 1))
    if len(data) > limits.max_small:
        raise ValueError("too large")
    return data


def _check_all(
    archive: Any, digests: dict[str, str], report: VerifyReport, expect_key: str | None, limits: Limits
) -> None:
    for name in REQUIRED:
        if name not in digests and not any(f.member == name for f in report.findings):
            report.add(name, "missing")
    sums_data = _read_small(archive, SUMS, limits) if SUMS in digests else None
    listed: dict[str, str] | None = None
    if sums_data is not None:
        try:
            listed = parse_sums(sums_data)
        except SumsInvalid as exc:
            report.add(SUMS, "sums_invalid", line=exc.line)
    if listed is not None:
        _check_sums(listed, digests, report)
    if sums_data is not None:
        _check_signature(archive, digests, sums_data, report, expect_key, limits)
        if TIMESTAMP in digests:
            try:
                report.timestamp = check_response(_read_small(archive, TIMESTAMP, limits), sums_data)
            except TimestampProblem as exc:
                report.add(TIMESTAMP, f"timestamp_{exc.kind}")
    manifest = _load_manifest(archive, digests, report, limits)
    _check_audit(archive, digests, report, manifest)
    if manifest is not None and listed is not None:
        _check_manifest(archive, manifest, listed, digests, report)


def _check_sums(listed: dict[str, str], digests: dict[str, str], report: VerifyReport) -> None:
    for name, digest in listed.items():
        if name in UNSUMMED or not safe_member_name(name):
            report.add(SUMS, "sums_invalid_name", name=name)
        elif name not in digests:
            if not any(f.member == name for f in report.findings):
                report.add(name, "missing")
        elif digests[name] != digest:
            report.add(name, "sum_mismatch")
    for name in digests:
        if name not in UNSUMMED and name not in listed:
            report.add(name, "not_listed")


def _check_signature(
    archive: Any, digests: dict[str, str], sums: bytes, report: VerifyReport, expect_key: str | None,
    limits: Limits,
) -> None:  # fmt: skip
    if KEY not in digests:
        return
    public = load_public_pem(_read_small(archive, KEY, limits))
    if public is None:
        report.add(KEY, "key_invalid")
        return
    report.key_fingerprint = key_fingerprint(public)
    if expect_key is not None and normalise_fingerprint(expect_key) != normalise_fingerprint(
        report.key_fingerprint
    ):
        report.add(KEY, "key_not_expected", found=report.key_fingerprint, expected=expect_key)
    if SIGNATURE in digests and not signature_holds(public, _read_small(archive, SIGNATURE, limits), sums):
        report.add(SIGNATURE, "signature_invalid")


def _load_manifest(
    archive: Any, digests: dict[str, str], report: VerifyReport, limits: Limits
) -> dict[str, Any] | None:
    if MANIFEST not in digests:
        return None
    try:
        manifest = json.loads(_read_small(archive, MANIFEST, limits).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        report.add(MANIFEST, "manifest_invalid")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        report.add(MANIFEST, "manifest_invalid")
        return None
    case = manifest.get("case")
    report.case_id = case.get("id") if isinstance(case, dict) else None
    return manifest


def _lines(archive: Any, name: str) -> Iterator[str]:
    with archive.open(name) as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _check_audit(
    archive: Any, digests: dict[str, str], report: VerifyReport, manifest: dict[str, Any] | None
) -> None:
    if AUDIT not in digests:
        return
    events: list[AuditEvent] = []
    try:
        for number, line in enumerate(_lines(archive, AUDIT), 1):
            if not line.strip():
                continue
            try:
                events.append(AuditEvent(**json.loads(line)))
            except (ValueError, TypeError):
                report.add(AUDIT, "audit_invalid", line=number)
                return
    except UnicodeDecodeError:
        report.add(AUDIT, "audit_invalid", line=0)
        return
    for problem in chain_problems(events):
        report.add(AUDIT, "audit_broken", seq=problem.seq, kind=problem.kind)
    report.audit_events = len(events)
    report.audit_head = events[-1].hash if events else None
    if manifest is None:
        return
    case_id = report.case_id
    foreign = [e.seq for e in events if e.case_id != case_id]
    if foreign:
        report.add(AUDIT, "audit_foreign_event", seq=foreign[0])
    recorded = manifest.get("audit") or {}
    if recorded.get("head") != report.audit_head or recorded.get("events") != len(events):
        report.add(AUDIT, "audit_head_mismatch", head=str(recorded.get("head")),
                   events=str(recorded.get("events")))  # fmt: skip


def _check_manifest(
    archive: Any, manifest: dict[str, Any], listed: dict[str, str], digests: dict[str, str],
    report: VerifyReport,
) -> None:  # fmt: skip
    members = manifest.get("members")
    named = set(members) if isinstance(members, list) and all(isinstance(m, str) for m in members) else None
    if named is None:
        report.add(MANIFEST, "manifest_invalid")
        return
    summed = set(listed) - {MANIFEST}
    for name in sorted(named - summed):
        report.add(name, "manifest_member_absent")
    for name in sorted(summed - named):
        report.add(name, "manifest_member_unknown")
    key = (manifest.get("signing_key") or {}).get("fingerprint")
    if report.key_fingerprint is not None and key != report.key_fingerprint:
        report.add(KEY, "key_manifest_mismatch")
    sightings = manifest.get("sightings")
    if not isinstance(sightings, list):
        report.add(MANIFEST, "manifest_invalid")
        return
    if SIGHTINGS_CSV in digests:
        try:
            rows = sum(1 for _ in csv.reader(_lines(archive, SIGHTINGS_CSV))) - 1
        except (UnicodeDecodeError, csv.Error):
            rows = -1
        if rows != len(sightings):
            report.add(SIGHTINGS_CSV, "sightings_count_mismatch", csv=rows, manifest=len(sightings))
    for item in manifest.get("fingerprints") or []:
        original = item.get("original_member") if isinstance(item, dict) else None
        if original and original in digests and digests[original] != item.get("sha256"):
            report.add(original, "original_mismatch")
    for item in manifest.get("requests") or []:
        letter = item.get("letter") if isinstance(item, dict) else None
        if letter and letter not in listed:
            report.add(letter, "manifest_member_absent")
