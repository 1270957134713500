"""The words of a deletion request, composed from the template parts in resources/letters/<lang>.json.

A letter is built from parts rather than kept as one template per recipient × jurisdiction × language
(11 × 4 × 2 = 88 files saying mostly the same thing): the voice (the person herself, an agent with her
authority, a guardian of a minor), the material, the legal basis, the requests, the clock and the
statement are each one part per language, and a recipient that needs different words gets a
`<part>@<recipient>` override. Every element the jurisdiction requires is checked first
(`requirements.missing`); nothing is composed for an incomplete request.

What helps a platform act is all here: every address with when it was found, optionally the evidence's
fingerprints (hashes only, labelled by case and item number, never by file name), the legal basis, the
deadline in the recipient's zone and in Korean time, identical copies, an optional request to preserve
the uploader's data, and any extra substantiation lines a caller passes in (for example signs that a
file was made by AI).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from victim_desk.core.letters.document import Bullets, Document, Grid, Heading, Pairs, Paragraph
from victim_desk.core.letters.jurisdictions import Jurisdiction, get_jurisdiction
from victim_desk.core.letters.recipients import Channel, Recipient
from victim_desk.core.letters.requirements import missing
from victim_desk.core.model import Profile
from victim_desk.errors import LetterIncomplete
from victim_desk.resources_path import resource

KST = ZoneInfo("Asia/Seoul")
VOICES = ("self", "agent", "guardian")
MATERIALS = ("unspecified", "deepfake", "filmed", "shared")


@dataclass(frozen=True)
class Address:
    """One place the material is, as the letter lists it."""

    sighting_id: int
    url: str
    seen: datetime | None


@dataclass(frozen=True)
class HashLine:
    """One evidence item's fingerprints: what lets a platform find copies without seeing an image."""

    label: str
    kind: str
    sha256: str
    md5: str
    pdq: str | None


@dataclass(frozen=True)
class PriorRequest:
    """The request a follow-up cites."""

    reference: str
    sent_at: datetime
    deadline: datetime | None


@dataclass(frozen=True)
class LetterInput:
    recipient: Recipient
    jurisdiction: str
    lang: str
    voice: str
    requester: Profile | None
    addresses: tuple[Address, ...]
    sent_at: datetime
    reference: str
    channel: Channel | None = None
    authority: str | None = None
    material: str = "unspecified"
    fingerprints: tuple[HashLine, ...] = ()
    preserve_data: bool = False
    substantiation: tuple[str, ...] = ()
    follows: PriorRequest | None = None
    escalation_routes: tuple[str, ...] = ()  # names of sourced routes, cited in a follow-up


@cache
def parts(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads(resource("letters", f"{lang}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def part(lang: str, key: str, recipient: str | None = None, **params: object) -> str:
    table = parts(lang)
    template = table.get(f"{key}@{recipient}") if recipient else None
    text = template if template is not None else table[key]
    return text.format(**params) if params else text


def moment_text(moment: datetime, zone: ZoneInfo) -> str:
    """A time as people read it in letters: 2026-12-03 14:05, in the given zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def zone_label(zone: ZoneInfo, lang: str) -> str:
    return part(lang, "zone.kst") if zone.key == KST.key else zone.key


def both_zones(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """`moment` in the recipient's zone and in Korean time (once when they are the same zone)."""
    kst = f"{moment_text(moment, KST)} ({part(lang, 'zone.kst')})"
    if zone.key == KST.key:
        return kst
    return f"{moment_text(moment, zone)} ({zone.key}) / {kst}"


def check(letter: LetterInput) -> Jurisdiction:
    """The letter's jurisdiction once every required element is present; LetterIncomplete (exit 2)
    naming each missing one otherwise. The recipient must answer to the jurisdiction."""
    letter.recipient.require_jurisdiction(letter.jurisdiction)
    jurisdiction = get_jurisdiction(letter.jurisdiction)
    absent = missing(letter, parts(letter.lang), jurisdiction.elements)
    if absent:
        raise LetterIncomplete(missing=absent, jurisdiction=letter.jurisdiction)
    return jurisdiction


def deadline_of(letter: LetterInput) -> datetime | None:
    return get_jurisdiction(letter.jurisdiction).clock.deadline(letter.sent_at)


def compose(letter: LetterInput) -> Document:
    """The request (or, with `follows`, the follow-up) as a Document; checks the elements first."""
    jurisdiction = check(letter)
    lang, rid = letter.lang, letter.recipient.id
    zone = letter.recipient.zone()
    requester = letter.requester
    assert requester is not None  # check() guarantees it for every jurisdiction's elements
    title = (
        part(lang, "title.followup", rid, reference=letter.follows.reference)
        if letter.follows
        else part(lang, f"title.{letter.jurisdiction}", rid)
    )
    doc = Document(title=title, lang=lang, footer=part(lang, "footer", rid, reference=letter.reference))
    deadline = jurisdiction.clock.deadline(letter.sent_at)
    doc.add(Pairs(_header(letter, zone, deadline)))

    if letter.follows:
        first = letter.follows
        sentence = (
            part(lang, "followup.first_deadline", rid, deadline=both_zones(first.deadline, zone, lang))
            if first.deadline
            else part(lang, "followup.no_deadline", rid)
        )
        doc.add(Paragraph(part(lang, "followup.intro", rid, first_date=both_zones(first.sent_at, zone, lang),
                               first_reference=first.reference, count=len(letter.addresses),
                               first_deadline_sentence=sentence)))  # fmt: skip

    authority = (letter.authority or "").strip()
    doc.add(Paragraph(part(lang, f"voice.{letter.voice}", rid, authority=authority)))
    material = part(lang, f"material.{letter.material}", rid)
    doc.add(Paragraph(part(lang, "what", rid, count=len(letter.addresses), material=material)))

    doc.add(Heading(part(lang, "heading.basis", rid)))
    doc.add(Paragraph(part(lang, f"basis.{letter.jurisdiction}", rid)))
    if letter.jurisdiction == "KR" and letter.material in ("deepfake", "unspecified"):
        doc.add(Paragraph(part(lang, "basis.KR.synthetic", rid)))

    doc.add(Heading(part(lang, "heading.request", rid)))
    asks = [part(lang, "request.remove", rid)]
    if letter.jurisdiction == "KR":
        asks.append(part(lang, "request.temporary", rid))
    asks.append(part(lang, "request.copies", rid))
    if letter.fingerprints:
        asks.append(part(lang, "request.copies_hashes", rid))
    if letter.preserve_data:
        asks.append(part(lang, "request.preserve", rid))
    asks.append(part(lang, "request.notify", rid))
    doc.add(Bullets(tuple(asks)))

    doc.add(Heading(part(lang, "heading.deadline", rid)))
    doc.add(Paragraph(_clock_text(letter, jurisdiction, zone, deadline)))
    if letter.follows and letter.escalation_routes:
        doc.add(Paragraph(part(lang, "followup.routes", rid, routes="; ".join(letter.escalation_routes))))

    doc.add(Heading(part(lang, "heading.addresses", rid, count=len(letter.addresses))))
    not_recorded = part(lang, "not_recorded", rid)
    rows = tuple(
        (str(n), a.url, moment_text(a.seen, KST) if a.seen else not_recorded)
        for n, a in enumerate(letter.addresses, 1)
    )
    doc.add(Grid((part(lang, "col.number"), part(lang, "col.url"), part(lang, "col.found")), rows,
                 (0.08, 0.70, 0.22)))  # fmt: skip

    if letter.fingerprints:
        doc.add(Heading(part(lang, "heading.fingerprints", rid)))
        hash_rows = tuple(
            (h.label, part(lang, f"kind.{h.kind}"), h.sha256, h.md5, h.pdq or "-")
            for h in letter.fingerprints
        )
        doc.add(Grid((part(lang, "col.label"), part(lang, "col.kind"), "SHA-256", "MD5", "PDQ"), hash_rows,
                     (0.14, 0.08, 0.30, 0.18, 0.30)))  # fmt: skip

    extra = tuple(line.strip() for line in letter.substantiation if line.strip())
    if extra:
        doc.add(Heading(part(lang, "heading.substantiation", rid)))
        doc.add(Bullets(extra))

    doc.add(Heading(part(lang, "heading.statement", rid)))
    doc.add(Paragraph(part(lang, "good_faith", rid)))
    signature = part(lang, "signature", rid, name=requester.name)
    if letter.voice != "self":
        signature += f" ({part(lang, f'signature_role.{letter.voice}', rid)})"
    doc.add(Paragraph(signature, bold=True))
    doc.add(Paragraph(moment_text(letter.sent_at, KST) + f" ({part(lang, 'zone.kst')})"))
    return doc


def _header(letter: LetterInput, zone: ZoneInfo, deadline: datetime | None) -> tuple[tuple[str, str], ...]:
    lang, rid, requester = letter.lang, letter.recipient.id, letter.requester
    assert requester is not None
    rows: list[tuple[str, str]] = [(part(lang, "label.to"), letter.recipient.name(lang))]
    if letter.channel is not None:
        channel = letter.channel.name(lang)
        if letter.channel.address:
            channel += f" — {letter.channel.address}"
        rows.append((part(lang, "label.channel"), channel))
    rows.append((part(lang, "label.from"), requester.name))
    authority = (letter.authority or "").strip()
    rows.append(
        (part(lang, "label.acting_as"), part(lang, f"acting_as.{letter.voice}", rid, authority=authority))
    )
    if requester.organization:
        rows.append((part(lang, "label.organization"), requester.organization))
    if requester.email:
        rows.append((part(lang, "label.email"), requester.email))
    if requester.phone:
        rows.append((part(lang, "label.phone"), requester.phone))
    rows.append((part(lang, "label.date"), both_zones(letter.sent_at, zone, lang)))
    rows.append((part(lang, "label.reference"), letter.reference))
    rows.append(
        (part(lang, "label.deadline"),
         both_zones(deadline, zone, lang) if deadline else part(lang, "label.no_deadline"))
    )  # fmt: skip
    return tuple(rows)


def _clock_text(
    letter: LetterInput, jurisdiction: Jurisdiction, zone: ZoneInfo, deadline: datetime | None
) -> str:
    clock = jurisdiction.clock
    if deadline is None:
        return part(letter.lang, f"clock.{clock.kind}", letter.recipient.id)
    return part(
        letter.lang,
        f"clock.{clock.kind}",
        letter.recipient.id,
        hours=clock.hours,
        deadline=both_zones(deadline, zone, letter.lang),
    )
