"""Referrals: the directory of organisations, consent-scoped referral letters, and the guide.

A referral letter carries the case reference and the referring person, plus only the fields the person
agreed to share. Only consented data is read from the vault. With `sightings` or `fingerprints` shared,
attachments go beside the letter (`<letter>-sightings.csv`, `<letter>-hashes.csv`) so the receiving centre
can start deletion support without re-typing. Every output name is checked before anything is written; the
files are written inside the transaction that records the referral and its audit event, and any failure
removes the files already written and rolls the record back, so a referral exists whole or not at all.

Requests and their outcomes come through `RequestsProvider`: the requests use case lives in its own module
and plugs in here (`Desk` passes it); until then `NoRequests` says the case has none recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal, Protocol

from victim_desk.core import guide as guide_text
from victim_desk.core.blocks import Document, to_text
from victim_desk.core.model import Profile, Role, Sighting
from victim_desk.core.referral_letter import (
    SHARE_FIELDS,
    HashRow,
    LetterContent,
    Referral,
    RequestSummary,
    compose_letter,
    parse_share,
)
from victim_desk.core.referrals import (
    Directory,
    Organisation,
    fact_text,
    hours_text,
    load_directory,
    phone_text,
)
from victim_desk.core.spreadsheet import sightings_csv_rows, write_sightings_csv
from victim_desk.errors import (
    NoContactToShare,
    NoFingerprintsToShare,
    NoSightingsToShare,
    OutputExists,
    ReferralNeedsProfile,
)
from victim_desk.i18n import Lang, t
from victim_desk.safe_output import write_new_file
from victim_desk.storage.tables import evidence as evidence_table
from victim_desk.storage.tables import profile as profile_table
from victim_desk.storage.tables import referrals as table
from victim_desk.storage.tables import sightings as sightings_table
from victim_desk.storage.vault import Vault

from .cases import Cases
from .unit import change

Format = Literal["pdf", "txt"]


class RequestsProvider(Protocol):
    def for_referral(self, case_id: int) -> Sequence[RequestSummary]:
        """The case's deletion requests with their outcomes, oldest first."""
        ...


class NoRequests:
    """Until the requests use case is connected: no requests recorded."""

    def for_referral(self, case_id: int) -> Sequence[RequestSummary]:
        return ()


@dataclass(frozen=True)
class ReferralWritten:
    referral: Referral
    letter: Path
    attachments: tuple[Path, ...]


def directory() -> Directory:
    """The shipped directory of organisations (no vault needed)."""
    return load_directory()


def guide(lang: Lang) -> Document:
    """The "what you can do now" guide, its numbers from the directory (no vault needed)."""
    return guide_text.compose_guide(lang, load_directory())


@dataclass(frozen=True)
class ShareChoice:
    """A field a referral letter can share, as a consent question shows it."""

    field: str
    label: str  # the field's name in the letter
    about: str  # what exactly goes with it


def share_choices(lang: Lang) -> list[ShareChoice]:
    """Every field that can be shared, in the letter's order, named as the letter names it."""
    return [
        ShareChoice(f, t(f"referral.letter.field_{f}", lang), t(f"referral.letter.about_{f}", lang))
        for f in SHARE_FIELDS
    ]


def org_facts(org: Organisation, lang: Lang) -> list[tuple[str, str]]:
    """(label, text) lines describing an organisation, unconfirmed facts marked in words, source last:
    what `referral list` prints, for screens that lay it out themselves."""
    d = load_directory()

    def label(key: str) -> str:
        return t(f"referral.list.{key}", lang)

    rows = [
        (label("needs"), ", ".join(d.need_label(n, lang) for n in org.needs)),
        (label("helps"), org.helps[lang]),
        (label("region"), d.region_label(org.region, lang)),
    ]
    rows += [(label("phone"), phone_text(p, lang)) for p in org.phones]
    rows += [(label("web"), fact_text(w.address, w.provenance, lang)) for w in org.web]
    rows += [
        (t(f"referral.contact.{c.kind}", lang), fact_text(c.value, c.provenance, lang)) for c in org.contacts
    ]
    hours = hours_text(org.hours, lang)
    if hours:
        rows.append((label("hours"), hours))
    if org.notes:
        rows.append((label("note"), org.notes[lang]))
    source = t("referral.list.source_value", lang, source=d.source_title(org.provenance.source),
               verified_on=org.provenance.verified_on)  # fmt: skip
    rows.append((label("source"), source))
    return rows


def write_document(doc: Document, out: Path, fmt: Format, *, force: bool = False) -> None:
    if fmt == "pdf":
        from victim_desk.render.blocks import write_pdf

        write_pdf(doc, Path(out), force=force)
    else:
        text = to_text(doc)

        def write(f: IO[str]) -> None:
            f.write(text)

        write_new_file(Path(out), write, force=force)


class Referrals:
    def __init__(self, vault: Vault, cases: Cases, requests: RequestsProvider | None = None) -> None:
        self._vault = vault
        self._cases = cases
        self.requests: RequestsProvider = requests or NoRequests()

    def list(self, case_id: int) -> list[Referral]:
        self._cases.require(case_id)
        return table.list_referrals(self._vault.conn, case_id)

    def write(
        self,
        case_id: int,
        org_id: str,
        share: Sequence[str],
        out: Path,
        *,
        lang: Lang,
        fmt: Format = "pdf",
        force: bool = False,
    ) -> ReferralWritten:
        """Write the letter (and its attachments) and record the referral; see the module docstring."""
        org = load_directory().get(org_id)
        fields = parse_share(share)
        out = Path(out)
        planned: list[tuple[Path, str]] = []
        if "sightings" in fields:
            planned.append((_beside(out, "sightings"), "sightings"))
        if "fingerprints" in fields:
            planned.append((_beside(out, "hashes"), "hashes"))
        if not force:
            for path in (out, *(p for p, _ in planned)):
                if path.exists() or path.is_symlink():
                    raise OutputExists(path=str(path))
        found = self._gather(case_id, fields)
        referrer, sightings, hashes = found.referrer, found.sightings, found.hashes

        written: list[Path] = []
        try:
            with change(self._vault) as c:
                details = {"files": [out.name, *(p.name for p, _ in planned)], "format": fmt, "lang": lang,
                           "sightings": len(sightings) if "sightings" in fields else 0,
                           "fingerprints": len(hashes)}  # fmt: skip
                referral = table.add_referral(c.conn, c.audit, case_id, org.id, fields, details)
                content = LetterContent(
                    referral_id=referral.id,
                    case_id=case_id,
                    created_at=referral.created_at,
                    org=org,
                    fields=fields,
                    referrer=referrer,
                    case_title=found.title,
                    sightings=sightings if "sightings" in fields else (),
                    hashes=hashes,
                    requests=found.requests,
                    attachments=[(p.name, kind) for p, kind in planned],
                    notes=found.notes,
                )
                for path, kind in planned:
                    if kind == "sightings":
                        _write_sightings(
                            path, sightings_csv_rows(sightings, with_notes="notes" in fields), force
                        )
                    else:
                        _write_hashes(path, hashes, force)
                    written.append(path)
                write_document(compose_letter(content, lang), out, fmt, force=force)
                written.append(out)
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        return ReferralWritten(referral, out, tuple(p for p, _ in planned))

    def preview(self, case_id: int, org_id: str, share: Sequence[str], *, lang: Lang) -> str:
        """The letter `write` would produce now, as text, without writing or recording anything.

        Reads exactly what `write` reads (only the consented parts). The referral number is the one the
        next referral would get and the date is now; both are set for real when the letter is written.
        """
        org = load_directory().get(org_id)
        fields = parse_share(share)
        found = self._gather(case_id, fields)
        attachments = [(f"…-{kind}.csv", kind) for kind, f in (("sightings", "sightings"),
                       ("hashes", "fingerprints")) if f in fields]  # fmt: skip
        content = LetterContent(
            referral_id=table.next_referral_id(self._vault.conn),
            case_id=case_id,
            created_at=datetime.now(UTC).replace(microsecond=0),
            org=org,
            fields=fields,
            referrer=found.referrer,
            case_title=found.title,
            sightings=found.sightings if "sightings" in fields else (),
            hashes=found.hashes,
            requests=found.requests,
            attachments=attachments,
            notes=found.notes,
        )
        return to_text(compose_letter(content, lang))

    def unavailable(self, case_id: int) -> dict[str, str]:
        """Fields that cannot be shared for this case, each with why: `no_profile` (for all: a letter needs
        the referring person), `counselor_vault` (contact), `no_sightings`, `no_fingerprints`."""
        case = self._cases.get(case_id)
        referrer = profile_table.load_profile(self._vault.conn)
        if referrer is None:
            return {f: "no_profile" for f in SHARE_FIELDS}
        blocked: dict[str, str] = {}
        if referrer.role != Role.VICTIM:
            blocked["contact"] = "counselor_vault"
        if not case.sightings:
            blocked["sightings"] = "no_sightings"
        if not case.evidence:
            blocked["fingerprints"] = "no_fingerprints"
        return blocked

    def _gather(self, case_id: int, fields: tuple[str, ...]) -> _Gathered:
        """Read only the consented parts of the case; refuse what cannot be shared (see `unavailable`)."""
        case = self._cases.get(case_id)
        conn = self._vault.conn
        referrer = profile_table.load_profile(conn)
        if referrer is None:
            raise ReferralNeedsProfile()
        if "contact" in fields and referrer.role != Role.VICTIM:
            raise NoContactToShare()
        sightings = (
            list(sightings_table.list_sightings(conn, case_id))
            if {"sightings", "notes"} & set(fields)
            else []
        )
        if "sightings" in fields and not sightings:
            raise NoSightingsToShare(case_id=case_id)
        hashes: list[HashRow] = []
        if "fingerprints" in fields:
            from victim_desk.core.fingerprint.hashlist import stored_hash_list_rows

            stored = evidence_table.evidence_fingerprints(conn, case_id)
            hashes = [HashRow(label, pdq, md5, sha) for pdq, md5, sha, label in stored_hash_list_rows(stored)]
            if not hashes:
                raise NoFingerprintsToShare(case_id=case_id)
        requests = list(self.requests.for_referral(case_id)) if "requests" in fields else []
        title = case.title if "name" in fields and referrer.role != Role.VICTIM else None
        notes = [(s.id, s.note) for s in sightings if s.note.strip()] if "notes" in fields else []
        return _Gathered(referrer, sightings, hashes, requests, title, notes)


@dataclass(frozen=True)
class _Gathered:
    referrer: Profile
    sightings: list[Sighting]
    hashes: list[HashRow]
    requests: list[RequestSummary]
    title: str | None
    notes: list[tuple[int, str]]


def _beside(out: Path, kind: str) -> Path:
    return out.with_name(f"{out.stem}-{kind}.csv")


def _write_sightings(path: Path, rows: list[list[str]], force: bool) -> None:
    def write(f: IO[str]) -> None:
        write_sightings_csv(f, rows)

    write_new_file(path, write, force=force)


def _write_hashes(path: Path, hashes: Sequence[HashRow], force: bool) -> None:
    from victim_desk.core.fingerprint.hashlist import write_hash_list_csv

    rows = [(h.pdq, h.md5, h.sha256, h.label) for h in hashes]
    write_new_file(path, lambda f: write_hash_list_csv(rows, f), force=force)
