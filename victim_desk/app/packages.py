"""Evidence packages: export a case as a signed ZIP a stranger can check, and verify one.

Export reads the case inside one read snapshot (so the sums, the manifest, the report and the audit chain
describe the same moment even if another window writes meanwhile), streams each member into the ZIP as it
reads it (10,000 sightings never sit in memory as one document; they are read once, while sightings.csv
is written, and the report and the manifest use the same rows), signs SHA256SUMS with the vault's own
Ed25519 key (made on first use, kept only in the encrypted vault), and, when asked and allowed by the
vault's network setting, adds an RFC 3161 timestamp. The ZIP is written through `safe_output`, so a
failure or a cancel leaves no partial package under its name. The export itself is then recorded in the
case's audit chain (the package's SHA256SUMS digest), after the package exists.

Verification needs no vault: the person receiving a package has none. See `core/package_verify.py`.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from victim_desk import __version__
from victim_desk.core import package as fmt
from victim_desk.core.audit import AuditEvent
from victim_desk.core.audit_words import TimelineSteps
from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.model import EvidenceItem, Sighting, iso
from victim_desk.core.package_verify import Finding, VerifyReport, verify_package
from victim_desk.core.spreadsheet import iter_sightings_csv_rows, write_sightings_csv
from victim_desk.core.timestamp import TimestampInfo, TimestampProblem, check_response, request_for
from victim_desk.errors import InvalidKeyFingerprint, PackageUnreadable, TimestampRejected
from victim_desk.i18n import Lang, t
from victim_desk.safe_output import write_new_file
from victim_desk.storage import migrations
from victim_desk.storage.tables import audit as audit_table
from victim_desk.storage.tables import cases as cases_table
from victim_desk.storage.tables import evidence as evidence_table
from victim_desk.storage.tables import referrals as referrals_table
from victim_desk.storage.tables import requests as requests_table
from victim_desk.storage.tables import sightings as sightings_table
from victim_desk.storage.tables import signing_key as key_table
from victim_desk.storage.vault import Vault

from .cases import Cases
from .rechecks import Rechecks
from .unit import change, record

_PROGRESS_EVERY = 500


@dataclass(frozen=True)
class ExportResult:
    path: Path
    members: int
    key_fingerprint: str
    sightings: int
    fingerprints: int
    requests: int
    originals: int
    letters_missing: int  # requests made before letters were kept with them
    encrypted: bool
    timestamp: TimestampInfo | None
    sums_sha256: str


class Packages:
    def __init__(self, vault: Vault, cases: Cases, rechecks: Rechecks) -> None:
        self._vault = vault
        self._cases = cases
        self._rechecks = rechecks

    # --- the signing key -------------------------------------------------------------------------

    def signing_key(self) -> fmt.SigningKey:
        """The vault's key, made (and its fingerprint audited) the first time it is needed."""
        stored = key_table.load_signing_key(self._vault.conn)
        if stored is not None:
            return fmt.SigningKey(*stored)
        key = fmt.SigningKey.generate()
        with change(self._vault) as c:
            again = key_table.load_signing_key(c.conn)  # another window may have made it meanwhile
            if again is not None:
                return fmt.SigningKey(*again)
            key_table.store_signing_key(c.conn, c.audit, key.private, key.public, key.fingerprint)
        return key

    def key_fingerprint(self) -> str:
        return self.signing_key().fingerprint

    # --- export ------------------------------------------------------------------------------------

    def export(
        self, case_id: int, out: Path, *, lang: Lang, include_originals: bool = False,
        passphrase: str | None = None, timestamp_url: str | None = None, allow_network_once: bool = False,
        force: bool = False, progress: Progress | None = None, cancel: CancelToken | None = None,
        tsa_verify: bool | str = True,
    ) -> ExportResult:  # fmt: skip
        self._cases.require(case_id)
        if timestamp_url is not None:
            from victim_desk.net.tsa import check_url

            timestamp_url = check_url(timestamp_url)
            self._rechecks.require_permission(allow_network_once)  # refused before any work
        key = self.signing_key()
        result: dict[str, Any] = {}

        def write(f: IO[bytes]) -> None:
            writer = fmt.PackageWriter(f, passphrase or None)
            try:
                members = self._write_members(
                    writer, case_id, key, lang, include_originals, bool(passphrase), timestamp_url, progress,
                    cancel,
                )  # fmt: skip
                result.update(members)
                sums = writer.finish(key.sign)
                result["sums_sha256"] = _sha256(sums)
                if timestamp_url is not None:
                    check(cancel)
                    result["timestamp"], token = _timestamp(timestamp_url, sums, tsa_verify)
                    writer.add_timestamp(token)
            except BaseException:
                # After a failure inside a member (a full disk) the ZIP refuses to close with a ValueError
                # that would hide the real error; the partial file is discarded anyway.
                with contextlib.suppress(Exception):
                    writer.close()
                raise
            writer.close()
            result["members"] = len(writer.digests)

        write_new_file(Path(out), write, binary=True, force=force)
        stamp = result.get("timestamp")
        record(self._vault, "package.export", "case", case_id, case_id, {
            "file": Path(out).name, "sha256sums": result["sums_sha256"], "key": key.fingerprint,
            "originals": result["originals"], "encrypted": bool(passphrase),
            "timestamp": iso(stamp.gen_time) if stamp else None,
        })  # fmt: skip
        return ExportResult(
            path=Path(out), members=result["members"], key_fingerprint=key.fingerprint,
            sightings=result["sightings"], fingerprints=result["fingerprints"], requests=result["requests"],
            originals=result["originals"], letters_missing=result["letters_missing"],
            encrypted=bool(passphrase), timestamp=stamp, sums_sha256=result["sums_sha256"],
        )  # fmt: skip

    def _write_members(
        self, writer: fmt.PackageWriter, case_id: int, key: fmt.SigningKey, lang: Lang,
        include_originals: bool, encrypted: bool, timestamp_url: str | None, progress: Progress | None,
        cancel: CancelToken | None,
    ) -> dict[str, Any]:  # fmt: skip
        conn = self._vault.conn
        conn.execute("BEGIN")  # one read snapshot for every member
        try:
            return self._members_in_snapshot(conn, writer, case_id, key, lang, include_originals, encrypted,
                                             timestamp_url, progress, cancel)  # fmt: skip
        finally:
            conn.execute("COMMIT")

    def _members_in_snapshot(
        self, conn: Any, writer: fmt.PackageWriter, case_id: int, key: fmt.SigningKey, lang: Lang,
        include_originals: bool, encrypted: bool, timestamp_url: str | None, progress: Progress | None,
        cancel: CancelToken | None,
    ) -> dict[str, Any]:  # fmt: skip
        case = cases_table.get_case(conn, case_id)
        total = case.sightings + case.evidence + 3
        done = 0

        def tick(n: int = 1) -> None:
            nonlocal done
            done += n
            check(cancel)
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done >= total):
                progress(min(done, total), total)

        # The sightings are read once, while the CSV is written, and kept for the report and the manifest.
        sightings: list[Sighting] = []

        def read_sightings() -> Iterator[Sighting]:
            for s in sightings_table.list_sightings(conn, case_id):
                tick()
                sightings.append(s)
                yield s

        exported_at = datetime.now(UTC).replace(microsecond=0)
        # 1. sightings.csv (the same writer as a referral's attachment; notes stay out of the sheet)
        with writer.text_member(fmt.SIGHTINGS_CSV) as f:
            sightings_count = write_sightings_csv(
                f, iter_sightings_csv_rows(read_sightings(), with_notes=False)
            )
        # 2. audit.jsonl: the case's own hash chain, one event a line
        head: AuditEvent | None = None
        events = 0
        timeline = TimelineSteps()
        with writer.text_member(fmt.AUDIT) as f:
            for event in audit_table.audit_events(conn, case_id):
                f.write(fmt.json_line(event.to_json()) + "\n")
                head, events = event, events + 1
                timeline.add(event.at, event.action)
        tick()
        # 3. letters/: each request's letter as it was produced
        requests = list(requests_table.list_requests(conn, case_id))
        letter_members: dict[int, str] = {}
        for request_id, reference, text in requests_table.letter_texts(conn, case_id):
            if text is not None:
                name = f"{fmt.LETTERS_DIR}{reference}.txt"
                writer.add(name, text.encode("utf-8"))
                letter_members[request_id] = name
        # 4. originals/, only when asked and only those kept in the vault
        items = evidence_table.list_evidence(conn, case_id)
        originals: dict[int, str] = {}
        if include_originals:
            for item in items:
                if item.has_original:
                    data = evidence_table.evidence_original(conn, item.id)
                    if data is not None:
                        name = f"{fmt.ORIGINALS_DIR}{item.label}{_suffix(item)}"
                        writer.add(name, data)
                        originals[item.id] = name
                        del data
        # 5. report.pdf
        from victim_desk.render.package_report import MAX_ROWS, ReportContent, package_report

        referrals = referrals_table.list_referrals(conn, case_id)
        content = ReportContent(
            case_id=case_id, case_title=case.title, case_created=iso(case.created_at) or "",
            exported_at=iso(exported_at) or "", tool_version=__version__, key_fingerprint=key.fingerprint,
            audit_head=head.hash if head else None, audit_events=events, sightings=sightings[:MAX_ROWS],
            sightings_total=sightings_count, fingerprints=items[:MAX_ROWS], fingerprints_total=len(items),
            requests=requests, timeline=timeline.rows(lang), originals=list(originals.values()),
            encrypted=encrypted,
            referrals=[(iso(r.created_at) or "", r.org, r.shared_fields) for r in referrals],
            timestamp_url=timestamp_url,
        )  # fmt: skip
        writer.add(fmt.REPORT, package_report(content, lang))
        tick()
        # 6. key.pem, then the manifest naming every member so far
        writer.add(fmt.KEY, key.public_pem())
        stored = {eid: obj for eid, _, obj in evidence_table.evidence_fingerprints(conn, case_id)}
        head_fields = {
            "format": fmt.FORMAT, "format_version": fmt.FORMAT_VERSION,
            "tool": {"name": "victim-desk", "version": __version__},
            "schema_version": migrations.SCHEMA_VERSION, "exported_at": iso(exported_at), "lang": lang,
            "case": {"id": case.id, "title": case.title, "created_at": iso(case.created_at)},
            "signing_key": {"algorithm": "ed25519", "fingerprint": key.fingerprint},
            "audit": {"events": events, "head": head.hash if head else None},
            "originals_included": include_originals, "encrypted": encrypted, "timestamp_url": timestamp_url,
            "members": writer.members(),
            "referrals": [r.to_json() for r in referrals],
        }  # fmt: skip
        now = datetime.now(UTC)
        with writer.text_member(fmt.MANIFEST) as f:
            fmt.write_manifest(f, head_fields, [
                ("sightings", (s.to_json() for s in sightings)),
                ("fingerprints", (_fingerprint_entry(e, stored.get(e.id), originals.get(e.id), tick)
                                  for e in items)),
                ("requests", ({**r.to_json(now), "letter": letter_members.get(r.id)} for r in requests)),
            ])  # fmt: skip
        tick()
        return {
            "sightings": sightings_count, "fingerprints": len(items), "requests": len(requests),
            "originals": len(originals), "letters_missing": len(requests) - len(letter_members),
        }  # fmt: skip


def _fingerprint_entry(
    item: EvidenceItem, stored: dict[str, Any] | None, original: str | None, tick: Callable[[], None]
) -> dict[str, Any]:
    tick()
    entry = item.to_json()
    entry["label"] = item.label
    entry["fingerprint"] = stored  # whatever the vault recorded for it, provenance included when present
    entry["original_member"] = original
    return entry


def _suffix(item: EvidenceItem) -> str:
    suffix = Path(item.file_name).suffix.lower()
    return suffix if fmt.safe_member_name(f"x{suffix}") and len(suffix) <= 8 else ".bin"


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _timestamp(url: str, sums: bytes, verify: bool | str) -> tuple[TimestampInfo, bytes]:
    """Ask the authority and check its answer before it goes into the package."""
    from victim_desk.net.tsa import request_timestamp

    nonce = secrets.randbits(63)
    answer = request_timestamp(url, request_for(sums, nonce), verify=verify)
    try:
        info = check_response(answer, sums, nonce)
    except TimestampProblem as exc:
        raise TimestampRejected(problem=exc.kind) from None
    return info, answer


# --- verification (no vault) -------------------------------------------------------------------------


def verify(path: Path, *, passphrase: str | None = None, expect_key: str | None = None) -> VerifyReport:
    if expect_key is not None and len(fmt.normalise_fingerprint(expect_key)) != 64:
        raise InvalidKeyFingerprint(value=expect_key)
    try:
        f = Path(path).open("rb")  # noqa: SIM115 (closed by the with below; the error needs its own message)
    except OSError as exc:
        raise PackageUnreadable.from_os(exc, path=str(path)) from None
    with f:
        return verify_package(f, passphrase=passphrase, expect_key=expect_key)


# --- what a verification means, check by check (for screens that explain it) --------------------------

# Each finding belongs to one of the checks a person can understand; the order is the order they are shown.
CHECK_GROUPS: dict[str, frozenset[str]] = {
    "container": frozenset({"not_zip", "truncated", "bomb", "unsafe_name", "duplicate_name",
                            "needs_passphrase", "wrong_passphrase", "damaged"}),
    "hashes": frozenset({"missing", "not_listed", "sum_mismatch", "sums_invalid", "sums_invalid_name",
                         "original_mismatch"}),
    "signature": frozenset({"key_invalid", "key_not_expected", "signature_invalid", "key_manifest_mismatch"}),
    "timestamp": frozenset({"timestamp_malformed", "timestamp_not_granted", "timestamp_imprint_mismatch",
                            "timestamp_nonce_mismatch", "timestamp_signature_invalid"}),
    "audit": frozenset({"audit_invalid", "audit_broken", "audit_foreign_event", "audit_head_mismatch"}),
    "manifest": frozenset({"manifest_invalid", "manifest_member_absent", "manifest_member_unknown",
                           "sightings_count_mismatch"}),
}  # fmt: skip
CheckStatus = Literal["passed", "failed", "not_checked", "absent"]


@dataclass(frozen=True)
class CheckOutcome:
    """One understandable check of a verification: `absent` = the package has none (a timestamp is
    optional); `not_checked` = the package could not be opened far enough to do it."""

    check: str
    status: CheckStatus
    problems: tuple[str, ...]  # each finding as a sentence, in `lang`


# Findings whose params hold a code rather than a figure or a name; the JSON output keeps the code.
_NAMED_PARAMS: dict[str, dict[str, str]] = {
    "bomb": {"reason": "package.bomb_reason."},
    "audit_broken": {"kind": "package.audit_kind."},
}


def finding_message(finding: Finding, lang: Lang) -> str:
    """A finding as a person reads it: the member it is about, then what is wrong with it."""
    params = dict(finding.params)
    for name, prefix in _NAMED_PARAMS.get(finding.check, {}).items():
        if name in params:  # a code (members, out_of_order): its words, in the sentence's language
            params[name] = t(f"{prefix}{params[name]}", lang)
    text = t(f"package.check.{finding.check}", lang, **params)
    return f"{finding.member}: {text}" if finding.member else str(text)


def check_outcomes(report: VerifyReport, lang: Lang) -> list[CheckOutcome]:
    """The report as one outcome per check (container, hashes, signature, timestamp, audit, manifest)."""
    grouped: dict[str, list[str]] = {name: [] for name in CHECK_GROUPS}
    for finding in report.findings:
        group = next((g for g, checks in CHECK_GROUPS.items() if finding.check in checks), "container")
        grouped[group].append(finding_message(finding, lang))
    opened = not grouped["container"]
    outcomes = []
    for name, problems in grouped.items():
        status: CheckStatus
        if problems:
            status = "failed"
        elif not opened:
            status = "not_checked"
        elif name == "timestamp" and report.timestamp is None:
            status = "absent"
        else:
            status = "passed"
        outcomes.append(CheckOutcome(name, status, tuple(problems)))
    return outcomes
