"""Documents for when a platform does not act: a report text for the Korean regulator
(방송미디어통신심의위원회) and a summary to hand in with a police cyber-crime report (ecrm.police.go.kr).

Both are built from what the case already holds — the addresses with when each was found, the letters
sent with their references, deadlines and answers, the evidence's fingerprints — so a person does not
retype any of it at the worst moment. The police summary also says what to attach. Only routes that
FACTS.md sources exist (resources/letters/jurisdictions.json); other jurisdictions' routes are named, not
written for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from victim_desk.core.letters.compose import KST, HashLine, moment_text, part, parts
from victim_desk.core.letters.document import Bullets, Document, Grid, Heading, Pairs, Paragraph
from victim_desk.core.letters.jurisdictions import Route
from victim_desk.core.letters.requirements import ELEMENTS
from victim_desk.core.model import Profile
from victim_desk.errors import LetterIncomplete

ESCALATION_DOCUMENTS = ("kcsc", "police")
_ELEMENTS = ("requester_name", "requester_contact", "urls")


@dataclass(frozen=True)
class PlacedAddress:
    url: str
    platform: str
    seen: datetime | None
    status: str


@dataclass(frozen=True)
class SentRequest:
    reference: str
    recipient: str  # the recipient's name in the document's language
    sent_at: datetime
    deadline: datetime | None
    status: str


@dataclass(frozen=True)
class EscalationInput:
    route: Route
    lang: str
    case_id: int
    requester: Profile | None
    addresses: tuple[PlacedAddress, ...]
    requests: tuple[SentRequest, ...]
    fingerprints: tuple[HashLine, ...] = ()
    material: str = "unspecified"
    voice: str = "self"
    authority: str | None = None
    substantiation: tuple[str, ...] = ()


def _check(e: EscalationInput) -> None:
    # The same element checks as letters, over the fields an escalation has.
    class _View:
        requester = e.requester
        voice = e.voice
        authority = e.authority
        addresses = e.addresses

    absent = [el for el in _ELEMENTS if not ELEMENTS[el](_View, parts(e.lang))]  # type: ignore[arg-type]
    if absent:
        raise LetterIncomplete(missing=absent, jurisdiction="KR")


def compose_escalation(e: EscalationInput) -> Document:
    """The route's document (`route.document` is "kcsc" or "police")."""
    _check(e)
    assert e.requester is not None
    lang = e.lang
    material = part(lang, f"material.{e.material}")
    material = material[:1].upper() + material[1:]
    if e.route.document == "kcsc":
        doc = Document(part(lang, "esc.kcsc.title"), lang)
        doc.add(Pairs((*_who(e), (part(lang, "label.submit"), _route_line(e.route, lang)))))
        doc.add(Paragraph(part(lang, "esc.kcsc.intro", material=material)))
        doc.add(Paragraph(part(lang, "esc.kcsc.target")))
    else:
        doc = Document(part(lang, "esc.police.title"), lang)
        doc.add(Paragraph(part(lang, "esc.police.how"), bold=True))
        doc.add(Pairs((*_who(e), (part(lang, "label.submit"), _route_line(e.route, lang)))))
        doc.add(Heading(part(lang, "esc.heading.what")))
        seen = sorted(a.seen for a in e.addresses if a.seen)
        none = part(lang, "not_recorded")
        doc.add(Paragraph(part(lang, "esc.police.what", material=material, count=len(e.addresses),
                               first_seen=_kst(seen[0], lang) if seen else none,
                               last_seen=_kst(seen[-1], lang) if seen else none)))  # fmt: skip
        if e.material in ("deepfake", "unspecified"):
            doc.add(Paragraph(part(lang, "esc.police.crime")))
        doc.add(Paragraph(part(lang, "esc.police.private")))

    doc.add(Heading(part(lang, "esc.heading.where")))
    none = part(lang, "not_recorded")
    doc.add(Grid(
        (part(lang, "col.number"), part(lang, "col.url"), part(lang, "col.platform"), part(lang, "col.found"),
         part(lang, "col.status")),
        tuple((str(n), a.url, a.platform, moment_text(a.seen, KST) if a.seen else none,
               part(lang, f"sighting_status.{a.status}")) for n, a in enumerate(e.addresses, 1)),
        (0.07, 0.47, 0.12, 0.17, 0.17),
    ))  # fmt: skip

    doc.add(Heading(part(lang, "esc.heading.requests")))
    if e.requests:
        doc.add(Grid(
            (part(lang, "col.reference"), part(lang, "col.recipient"), part(lang, "col.sent"),
             part(lang, "col.deadline"), part(lang, "col.status")),
            tuple((r.reference, r.recipient, moment_text(r.sent_at, KST),
                   moment_text(r.deadline, KST) if r.deadline else "-",
                   part(lang, f"request_status.{r.status}")) for r in e.requests),
            (0.2, 0.22, 0.2, 0.2, 0.18),
        ))  # fmt: skip
    else:
        doc.add(Paragraph(part(lang, "esc.no_requests")))

    if e.fingerprints:
        doc.add(Heading(part(lang, "heading.fingerprints")))
        doc.add(Grid((part(lang, "col.label"), part(lang, "col.kind"), "SHA-256", "MD5", "PDQ"),
                     tuple((h.label, part(lang, f"kind.{h.kind}"), h.sha256, h.md5, h.pdq or "-")
                           for h in e.fingerprints),
                     (0.14, 0.08, 0.30, 0.18, 0.30)))  # fmt: skip
    extra = tuple(line.strip() for line in e.substantiation if line.strip())
    if extra:
        doc.add(Heading(part(lang, "heading.substantiation")))
        doc.add(Bullets(extra))

    if e.route.document == "police":
        doc.add(Heading(part(lang, "esc.heading.attach")))
        references = ", ".join(r.reference for r in e.requests) or "-"
        doc.add(Bullets((
            part(lang, "esc.attach.summary"),
            part(lang, "esc.attach.letters", references=references),
            part(lang, "esc.attach.screens"),
            part(lang, "esc.attach.package", case=e.case_id),
            part(lang, "esc.attach.hashes", case=e.case_id),
        )))  # fmt: skip
    else:
        doc.add(Heading(part(lang, "heading.statement")))
        doc.add(Paragraph(part(lang, "good_faith")))
        doc.add(Paragraph(part(lang, "signature", name=e.requester.name), bold=True))
    return doc


def _kst(moment: datetime, lang: str) -> str:
    return f"{moment_text(moment, KST)} ({part(lang, 'zone.kst')})"


def _route_line(route: Route, lang: str) -> str:
    return route.name(lang) + (f" — {route.address}" if route.address else "")


def _who(e: EscalationInput) -> tuple[tuple[str, str], ...]:
    lang, requester = e.lang, e.requester
    assert requester is not None
    rows = [(part(lang, "label.from"), requester.name),
            (part(lang, "label.acting_as"),
             part(lang, f"acting_as.{e.voice}", authority=(e.authority or "").strip()))]  # fmt: skip
    if requester.organization:
        rows.append((part(lang, "label.organization"), requester.organization))
    if requester.email:
        rows.append((part(lang, "label.email"), requester.email))
    if requester.phone:
        rows.append((part(lang, "label.phone"), requester.phone))
    return tuple(rows)
