"""What a referral letter says, built only from what the person agreed to share.

A counselor refers almost every case onward, and the person decides what goes with it. The letter always
carries a case reference and the referring person; every other piece of the case is a named field that must
be consented to (`SHARE_FIELDS`), and the letter lists what was and was not shared. The composer is handed
only the consented data (the application layer does not even read the rest), and it still looks at
`fields` before printing anything, so a mistake in one place does not leak.

Who "the person" is depends on the vault's profile: a counselor's own name and work contact are the
referring person and always appear (that is how the centre answers); a victim writing for herself is shown
as a self-referral, and her name and contact appear only when she shares `name` / `contact`. For a
counselor's vault, `name` shares the name as recorded in the case (its title), the only place the app keeps
it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from victim_desk.core.blocks import Bullets, Document, Heading, KeyValues, Para, Table, plain_rows
from victim_desk.core.model import Profile, Role, Sighting, iso
from victim_desk.core.referrals import Organisation, fact_text, phone_text
from victim_desk.errors import UnknownShareField
from victim_desk.i18n import Lang, t

SHARE_FIELDS: tuple[str, ...] = ("name", "contact", "sightings", "fingerprints", "requests", "notes")


def parse_share(values: Iterable[str]) -> tuple[str, ...]:
    """The consented fields, in the letter's order; "a,b" and repeated --share both work."""
    chosen: set[str] = set()
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in SHARE_FIELDS:
                raise UnknownShareField(field=part.strip(), known=", ".join(SHARE_FIELDS))
            chosen.add(name)
    return tuple(f for f in SHARE_FIELDS if f in chosen)


@dataclass(frozen=True)
class RequestSummary:
    """A deletion request of the case and its outcome, as a referral shows it."""

    id: int
    recipient: str
    jurisdiction: str
    sent_at: datetime | None
    deadline: datetime | None
    status: str
    outcome: str = ""


@dataclass(frozen=True)
class HashRow:
    label: str
    pdq: str | None
    md5: str | None
    sha256: str | None


@dataclass(frozen=True)
class Referral:
    """A referral as recorded in the case."""

    id: int
    case_id: int
    org: str
    shared_fields: tuple[str, ...]
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "case": self.case_id, "org": self.org, "shared": list(self.shared_fields),
                "created_at": iso(self.created_at)}  # fmt: skip


@dataclass(frozen=True)
class LetterContent:
    """Everything a letter may show; the consent-scoped parts are empty unless in `fields`."""

    referral_id: int
    case_id: int
    created_at: datetime
    org: Organisation
    fields: tuple[str, ...]
    referrer: Profile
    case_title: str | None = None
    sightings: Sequence[Sighting] = ()
    hashes: Sequence[HashRow] = ()
    requests: Sequence[RequestSummary] = ()
    attachments: Sequence[tuple[str, str]] = ()  # (file name, what it is: "sightings" | "hashes")
    notes: Sequence[tuple[int, str]] = field(default_factory=tuple)  # (sighting id, note)


def compose_letter(c: LetterContent, lang: Lang) -> Document:
    def m(key: str, **params: object) -> str:
        return t(f"referral.letter.{key}", lang, **params)

    shared = set(c.fields)
    self_referral = c.referrer.role == Role.VICTIM
    doc = Document(title=m("title"), footer=m("footer", case=c.case_id, referral=c.referral_id), lang=lang)
    org_rows: list[tuple[str, str]] = [(m("to"), c.org.name(lang))]
    if c.org.phones:
        org_rows.append((m("org_phone"), "\n".join(phone_text(p, lang) for p in c.org.phones)))
    if c.org.web:
        webs = "\n".join(fact_text(w.address, w.provenance, lang) for w in c.org.web)
        org_rows.append((m("org_web"), webs))
    org_rows.append((m("reference"), m("reference_value", case=c.case_id, referral=c.referral_id)))
    org_rows.append((m("date"), iso(c.created_at) or ""))
    doc.add(KeyValues(tuple(org_rows)))

    doc.add(Heading(m("referrer")))
    if self_referral:
        doc.add(Para(m("self_referral")))
    else:
        p = c.referrer
        rows: list[tuple[str, str]] = [(t("field.name", lang), p.name)]
        if p.organization:
            rows.append((t("field.organization", lang), p.organization))
        rows.append((t("field.email", lang), p.email))
        if p.phone:
            rows.append((t("field.phone", lang), p.phone))
        doc.add(KeyValues(tuple(rows)))

    doc.add(Heading(m("consent")))
    if c.fields:
        doc.add(Para(m("consent_intro")))
        doc.add(Bullets(tuple(f"{m('field_' + f)}: {m('about_' + f)}" for f in c.fields)))
    else:
        doc.add(Para(m("consent_none")))
    withheld = [m("field_" + f) for f in SHARE_FIELDS if f not in shared]
    if withheld:
        doc.add(Para(m("not_shared", fields=", ".join(withheld)), small=True))

    if "name" in shared:
        doc.add(Heading(m("field_name")))
        if self_referral:
            doc.add(KeyValues(((t("field.name", lang), c.referrer.name),)))
        else:
            doc.add(KeyValues(((m("name_in_case"), c.case_title or ""),)))
    if "contact" in shared and self_referral:
        doc.add(Heading(m("field_contact")))
        contact: list[tuple[str, str]] = [(t("field.email", lang), c.referrer.email)]
        if c.referrer.phone:
            contact.append((t("field.phone", lang), c.referrer.phone))
        doc.add(KeyValues(tuple(contact)))
    if "sightings" in shared:
        doc.add(Heading(m("field_sightings")))
        doc.add(Para(m("sightings_count", count=len(c.sightings))))
        header = ("#", m("col_url"), m("col_platform"), m("col_seen"), m("col_status"))
        sighting_rows = [
            (s.id, s.url, s.platform, iso(s.seen) or "-", t(f"status.{s.status}", lang)) for s in c.sightings
        ]
        doc.add(Table(header, plain_rows(sighting_rows), (0.07, 0.53, 0.12, 0.17, 0.11)))
    if "fingerprints" in shared:
        doc.add(Heading(m("field_fingerprints")))
        doc.add(Para(m("fingerprints_intro", count=len(c.hashes))))
        hash_rows = [(h.label, h.pdq or "-", h.md5 or "-") for h in c.hashes]
        doc.add(Table((m("col_label"), "PDQ", "MD5"), plain_rows(hash_rows), (0.26, 0.46, 0.28)))
    if "requests" in shared:
        doc.add(Heading(m("field_requests")))
        if not c.requests:
            doc.add(Para(m("requests_none")))
        else:
            columns = ("recipient", "jurisdiction", "sent", "deadline", "status", "outcome")
            request_header = tuple(m(f"col_{name}") for name in columns)
            request_rows = [
                (
                    r.recipient,
                    r.jurisdiction,
                    iso(r.sent_at) or "-",
                    iso(r.deadline) or "-",
                    r.status,
                    r.outcome,
                )
                for r in c.requests
            ]
            doc.add(Table(request_header, plain_rows(request_rows), (0.14, 0.1, 0.19, 0.19, 0.12, 0.26)))
    if "notes" in shared:
        doc.add(Heading(m("field_notes")))
        if not c.notes:
            doc.add(Para(m("notes_none")))
        else:
            doc.add(Bullets(tuple(m("note_line", id=sid, note=note) for sid, note in c.notes)))
    if c.attachments:
        doc.add(Heading(m("attachments")))
        doc.add(Bullets(tuple(f"{name}: {m('attachment_' + kind)}" for name, kind in c.attachments)))
    doc.add(Heading(m("next_steps")))
    doc.add(Para(m("closing_self") if self_referral else m("closing_counselor")))
    return doc
