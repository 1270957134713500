"""Deletion requests: letters that meet each law's requirements, the request each records, its clock,
the recipient's answer, follow-ups and escalation documents.

Producing a letter and recording its request happen together: inside one transaction the request row
(with the id its reference cites), the covered sightings' move to `requested`, their audit events and
the output file are made; if the file cannot be written nothing is recorded, and if the record cannot
be committed the file is removed again. Every required element is checked before anything is written,
so a refusal leaves neither a file nor a record. "Now" comes from the `clock` given to the service, so
tests pin it.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from victim_desk.core.letters import compose as letters
from victim_desk.core.letters.document import Document, as_text
from victim_desk.core.letters.eml import as_eml
from victim_desk.core.letters.escalation import (
    EscalationInput,
    PlacedAddress,
    SentRequest,
    compose_escalation,
)
from victim_desk.core.letters.followup import Due, chains, due_actions
from victim_desk.core.letters.jurisdictions import Route, get_jurisdiction
from victim_desk.core.letters.recipients import Channel, Recipient, get_recipient
from victim_desk.core.letters.requirements import PROFILE_ELEMENTS
from victim_desk.core.model import Request, RequestStatus, Role, Sighting, SightingStatus
from victim_desk.core.provenance import statements as provenance_statements
from victim_desk.core.referral_letter import RequestSummary
from victim_desk.core.sightings import normalize_platform, parse_moment
from victim_desk.errors import (
    EscalationNotAvailable,
    InvalidRequestStatus,
    LetterIncomplete,
    LetterOptionConflict,
    NoAiIndicators,
    OutputExists,
    RequestClosed,
    UnknownChannel,
)
from victim_desk.i18n import Lang, t
from victim_desk.safe_output import write_new_file
from victim_desk.storage.tables import evidence as evidence_table
from victim_desk.storage.tables import profile as profile_table
from victim_desk.storage.tables import requests as table
from victim_desk.storage.tables import sightings as sightings_table
from victim_desk.storage.vault import Vault

from . import request_clocks
from .cases import Cases
from .request_clocks import RequestClock
from .unit import change

FORMATS = ("pdf", "txt", "eml")
ANSWERS = ("acknowledged", "removed", "refused", "partly", "closed")


@dataclass(frozen=True)
class LetterSpec:
    """What the person asked for: one sighting, or every open sighting of a case on one platform."""

    recipient: str
    jurisdiction: str
    lang: str
    sighting_id: int | None = None
    case_id: int | None = None
    platform: str | None = None
    voice: str | None = None  # default: agent for a counselor's profile, else self
    channel: str | None = None  # a channel kind; default: the recipient's first verified one
    authority: str | None = None
    material: str = "unspecified"
    include_fingerprints: bool = False
    preserve_data: bool = False
    substantiation: tuple[str, ...] = ()
    # Cite what the case's evidence files say about being AI-made (core/provenance), as indicators with
    # their source; for a Korean letter with unspecified material, such indicators name it 허위영상물.
    cite_ai_indicators: bool = False
    # Chosen addresses of one case (the desktop wizard's checkboxes); an empty tuple means none was chosen,
    # which the letter's own check reports as missing URLs. Excludes `sighting_id` and `platform`.
    sighting_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class LetterResult:
    request: Request | None  # None for escalation documents, which are not requests
    path: Path | None  # None when the request was recorded without a file (sent through a web form)
    format: str
    notices: tuple[str, ...]  # message keys the front end shows (an unverified channel, an empty To)
    text: str = ""  # the letter as plain text (what a web form takes); empty for escalation documents


@dataclass(frozen=True)
class Draft:
    """A letter as it would be made now, before anything is written or recorded: for a preview.

    `missing` lists the element ids the jurisdiction requires and the inputs lack (the same check that
    refuses a letter); `text` is empty while anything is missing. `form_address` is the recipient's
    form (https) for this jurisdiction where the sources give one, else None."""

    text: str
    missing: tuple[str, ...]
    voice: str
    channel: Channel | None
    form_address: str | None
    addresses: int

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def needs_profile(self) -> bool:
        """Whether what is missing is the requester's own details (saved with `Profiles.set`)."""
        return any(e in PROFILE_ELEMENTS for e in self.missing)

    def missing_lines(self, lang: Lang) -> builtins.list[tuple[str, str]]:
        """Each missing element's name and how to supply it in the desktop app, in `lang`."""
        return [(t(f"letter.element.{e}", lang), t(f"letter.supply_here.{e}", lang)) for e in self.missing]


def _writer(data: bytes) -> Callable[[Any], None]:
    def write(f: Any) -> None:
        f.write(data)

    return write


def output_format(out: Path, fmt: str | None) -> str:
    """The format asked for, else the file's extension, else PDF."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "pdf"


class Requests:
    def __init__(self, vault: Vault, cases: Cases, clock: Callable[[], datetime] | None = None) -> None:
        self._vault = vault
        self._cases = cases
        self._clock = clock or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._clock().astimezone(UTC).replace(microsecond=0)

    # --- letters ------------------------------------------------------------------------------------

    def letter(
        self, spec: LetterSpec, out: Path | None, fmt: str | None = None, *, force: bool = False
    ) -> LetterResult:
        """Make the letter, record its request and write it to `out`. With `out` None nothing is written:
        the request is recorded with its text kept in the vault (the letter went through a web form)."""
        letter, case_id, platform, options = self._letter_input(spec)
        kind = output_format(out, fmt) if out is not None else "txt"
        return self._produce(letter, case_id, platform, None, options, out, kind, force)

    def draft(self, spec: LetterSpec) -> Draft:
        """The letter `spec` would make now, or what it lacks; writes and records nothing."""
        letter, case_id, _platform, _options = self._letter_input(spec)
        channel = letter.channel
        form = next(
            (c.address for c in letter.recipient.channels_for(letter.jurisdiction)
             if c.kind in ("web_form", "hash_sharing") and c.address and c.address.startswith("https://")),
            None,
        )  # fmt: skip
        try:
            final = replace(letter, reference=f"VD-{case_id}-{table.next_id(self._vault.conn)}")
            text = as_text(letters.compose(final))
            missing: tuple[str, ...] = ()
        except LetterIncomplete as exc:
            text, missing = "", tuple(exc.params.get("missing") or ())  # type: ignore[arg-type]
        return Draft(text, missing, letter.voice, channel, form, len(letter.addresses))

    def default_voice(self) -> str:
        """Who writes when nobody says: an agent for a counselor's profile, else the person herself."""
        profile = profile_table.load_profile(self._vault.conn)
        return "agent" if profile and profile.role == Role.COUNSELOR else "self"

    def _letter_input(self, spec: LetterSpec) -> tuple[letters.LetterInput, int, str, dict[str, Any]]:
        recipient = get_recipient(spec.recipient)
        recipient.require_jurisdiction(spec.jurisdiction)
        case_id, platform, covered = self._covered(spec)
        profile = profile_table.load_profile(self._vault.conn)
        voice = spec.voice or self.default_voice()
        channel = self._channel(recipient, spec.jurisdiction, spec.channel)
        fingerprints = self._fingerprints(case_id) if spec.include_fingerprints else ()
        if spec.cite_ai_indicators:
            spec = self._with_ai_indicators(spec, case_id)
        letter = letters.LetterInput(
            recipient=recipient, jurisdiction=spec.jurisdiction, lang=spec.lang, voice=voice,
            requester=profile, addresses=tuple(letters.Address(s.id, s.url, s.seen) for s in covered),
            sent_at=self.now(), reference="", channel=channel, authority=spec.authority,
            material=spec.material, fingerprints=fingerprints, preserve_data=spec.preserve_data,
            substantiation=spec.substantiation,
        )  # fmt: skip
        options = {
            "voice": voice,
            "authority": spec.authority,
            "material": spec.material,
            "fingerprints": spec.include_fingerprints,
            "preserve_data": spec.preserve_data,
        }
        return letter, case_id, platform, options

    def follow_up(
        self, request_id: int, out: Path, fmt: str | None = None, *, lang: str | None = None,
        force: bool = False, substantiation: Sequence[str] = (),
    ) -> LetterResult:  # fmt: skip
        """A follow-up to `request_id` citing it (date, reference, deadline), itself a new request with
        a new clock, covering the first request's addresses that are not yet removed."""
        first = table.get_request(self._vault.conn, request_id)
        if not first.is_open:
            raise RequestClosed(id=first.id, status=str(first.status))
        recipient = get_recipient(first.recipient)
        sightings = [sightings_table.get_sighting(self._vault.conn, sid) for sid in first.sightings]
        still = [s for s in sightings if s.status != SightingStatus.REMOVED]
        opts = first.options
        jurisdiction = get_jurisdiction(first.jurisdiction)
        doc_lang = lang or first.lang
        letter = letters.LetterInput(
            recipient=recipient, jurisdiction=first.jurisdiction, lang=doc_lang, voice=first.voice,
            requester=profile_table.load_profile(self._vault.conn),
            addresses=tuple(letters.Address(s.id, s.url, s.seen) for s in still), sent_at=self.now(),
            reference="", channel=self._channel(recipient, first.jurisdiction, first.channel or None),
            authority=opts.get("authority"), material=opts.get("material", "unspecified"),
            fingerprints=self._fingerprints(first.case_id) if opts.get("fingerprints") else (),
            preserve_data=bool(opts.get("preserve_data")), substantiation=tuple(substantiation),
            follows=letters.PriorRequest(first.reference, first.sent_at, first.deadline),
            escalation_routes=tuple(r.name(doc_lang) for r in jurisdiction.escalation),
        )  # fmt: skip
        return self._produce(letter, first.case_id, first.platform, first.id, dict(opts), out,
                             output_format(out, fmt), force)  # fmt: skip

    def escalate(
        self, request_id: int, route_id: str, out: Path, fmt: str | None = None, *, lang: str | None = None,
        force: bool = False, substantiation: Sequence[str] = (),
    ) -> LetterResult:  # fmt: skip
        """The escalation document of `route_id` (for Korean requests: `kcsc`, `police`) for the request's
        addresses, citing every request of the case that covered them."""
        conn = self._vault.conn
        request = table.get_request(conn, request_id)
        jurisdiction = get_jurisdiction(request.jurisdiction)
        route = jurisdiction.route(route_id.strip().lower())
        if route is None or route.document is None:
            available = ", ".join(r.id for r in jurisdiction.escalation if r.document) or "-"
            raise EscalationNotAvailable(
                route=route_id, jurisdiction=request.jurisdiction, available=available
            )
        if request.status in (RequestStatus.REMOVED, RequestStatus.CLOSED):
            raise RequestClosed(id=request.id, status=str(request.status))
        kind = output_format(out, fmt)
        if kind == "eml":
            raise LetterOptionConflict(option="--format eml", kind="--escalate")
        doc_lang = lang or request.lang
        covered = set(request.sightings)
        related = [r for r in table.list_requests(conn, request.case_id) if covered & set(r.sightings)]
        escalation = EscalationInput(
            route=route, lang=doc_lang, case_id=request.case_id, requester=profile_table.load_profile(conn),
            addresses=tuple(PlacedAddress(s.url, s.platform, s.seen, str(s.status))
                            for s in (sightings_table.get_sighting(conn, sid) for sid in request.sightings)),
            requests=tuple(SentRequest(r.reference, get_recipient(r.recipient).name(doc_lang), r.sent_at,
                                       r.deadline, str(r.status)) for r in related),
            fingerprints=self._fingerprints(request.case_id) if request.options.get("fingerprints") else (),
            material=request.options.get("material", "unspecified"), voice=request.voice,
            authority=request.options.get("authority"), substantiation=tuple(substantiation),
        )  # fmt: skip
        doc = compose_escalation(escalation)
        data = self._render(doc, kind, None, None)
        self._refuse_existing(out, force)
        with change(self._vault) as c:
            write_new_file(Path(out), _writer(data), binary=True, force=force)
            table.set_escalated(c.conn, c.audit, request, route.id, self.now())
        return LetterResult(None, Path(out), kind, ())

    # --- the clock and the answer -----------------------------------------------------------------

    def mark_sent(self, request_id: int, at: str | None = None) -> Request:
        """Re-date the sending (the letter went out later than it was made); the deadline moves with it."""
        sent_at = parse_moment(at, now=self.now()) if at else self.now()
        assert sent_at is not None
        with change(self._vault) as c:
            request = table.get_request(c.conn, request_id)
            clock = get_jurisdiction(request.jurisdiction).clock
            table.set_sent(
                c.conn, c.audit, request, sent_at, clock.deadline(sent_at), clock.review_at(sent_at)
            )
            return table.get_request(c.conn, request_id)

    def update(self, request_id: int, status: str, note: str | None = None) -> Request:
        """Record the recipient's answer. `removed` marks every covered sighting removed."""
        value = status.strip().lower()
        if value not in ANSWERS:
            raise InvalidRequestStatus(known=", ".join(ANSWERS))
        with change(self._vault) as c:
            request = table.get_request(c.conn, request_id)
            table.set_status(c.conn, c.audit, request, RequestStatus(value), note)
            if value == "removed":
                sightings_table.set_statuses(c.conn, c.audit, request.sightings, SightingStatus.REMOVED,
                                             f"request:{request.id}")  # fmt: skip
            return table.get_request(c.conn, request_id)

    def get(self, request_id: int) -> Request:
        return table.get_request(self._vault.conn, request_id)

    def list(
        self, case_id: int | None = None, *, overdue: bool = False, at: datetime | None = None
    ) -> Iterator[Request]:
        if case_id is not None:
            self._cases.require(case_id)
        return table.list_requests(self._vault.conn, case_id, (at or self.now()) if overdue else None)

    def for_referral(self, case_id: int) -> builtins.list[RequestSummary]:
        """The case's requests with their outcomes, oldest first, as a referral letter shows them
        (`referrals.RequestsProvider`): the organisation taking the case over sees what was asked already."""
        return [
            RequestSummary(
                id=r.id,
                recipient=r.recipient,
                jurisdiction=r.jurisdiction,
                sent_at=r.sent_at,
                deadline=r.deadline,
                status=str(r.status),
                outcome=r.note,
            )
            for r in self.list(case_id)
        ]

    def json_lines(
        self, case_id: int | None = None, *, overdue: bool = False, at: datetime | None = None
    ) -> Iterator[str]:
        """Each request as one JSON object (the form of `Request.to_json(at)`), built by SQLite."""
        if case_id is not None:
            self._cases.require(case_id)
        return table.request_json_lines(self._vault.conn, at or self.now(), case_id, overdue)

    def next(self, case_id: int | None = None, *, at: datetime | None = None) -> builtins.list[Due]:
        """What is due now, per case (see core.letters.followup)."""
        conn = self._vault.conn
        if case_id is not None:
            self._cases.require(case_id)
            case_ids = [case_id]
        else:
            case_ids = [c.id for c in self._cases.list()]
        found: builtins.list[Due] = []
        for cid in case_ids:
            requests = list(table.list_requests(conn, cid))
            sightings = list(sightings_table.list_sightings(conn, cid))
            found.extend(due_actions(requests, sightings, at or self.now()))
        return found

    def clocks(self, case_id: int, at: datetime | None = None) -> builtins.list[RequestClock]:
        """The case's requests with their clocks and what is due (see app.request_clocks)."""
        return request_clocks.clocks(self, case_id, at or self.now())

    def board(self, at: datetime | None = None) -> builtins.list[RequestClock]:
        """Open requests across all cases, the nearest deadline first."""
        return request_clocks.board(self, self._cases, at or self.now())

    def escalation_routes(self, request_id: int) -> builtins.list[Route]:
        return request_clocks.escalation_routes(self.get(request_id))

    def chain(self, request_id: int) -> builtins.list[Request]:
        request = self.get(request_id)
        for group in chains(table.list_requests(self._vault.conn, request.case_id)):
            if any(r.id == request_id for r in group):
                return group
        return [request]

    # --- helpers ------------------------------------------------------------------------------------

    def _covered(self, spec: LetterSpec) -> tuple[int, str, builtins.list[Sighting]]:
        conn = self._vault.conn
        if spec.sighting_ids is not None:
            if spec.sighting_id is not None or spec.platform is not None or spec.case_id is None:
                raise LetterOptionConflict(option="--sighting/--platform", kind="--case")
            self._cases.require(spec.case_id)
            chosen = sightings_table.get_sightings(conn, spec.sighting_ids)
            if any(s.case_id != spec.case_id for s in chosen):
                raise LetterOptionConflict(option="--sighting", kind="--case")
            # The request is filed under the recipient's platform when it is one of the chosen ones.
            platforms = [s.platform for s in chosen]
            wanted = "web" if spec.recipient == "generic" else spec.recipient
            platform = wanted if wanted in platforms else (platforms[0] if platforms else wanted)
            return spec.case_id, platform, chosen
        if spec.sighting_id is not None:
            if spec.case_id is not None or spec.platform is not None:
                raise LetterOptionConflict(option="--case/--platform", kind="--sighting")
            sighting = sightings_table.get_sighting(conn, spec.sighting_id)
            return sighting.case_id, sighting.platform, [sighting]
        assert spec.case_id is not None and spec.platform is not None
        self._cases.require(spec.case_id)
        platform = normalize_platform(spec.platform, "")
        covered = [
            s for s in sightings_table.list_sightings(conn, spec.case_id)
            if s.platform == platform and s.status != SightingStatus.REMOVED
        ]  # fmt: skip
        return spec.case_id, platform, covered

    @staticmethod
    def _channel(recipient: Recipient, jurisdiction: str, kind: str | None) -> Channel | None:
        usable = recipient.channels_for(jurisdiction)
        if not kind:
            return usable[0] if usable else None
        chosen = next((c for c in usable if c.kind == kind.strip().lower()), None)
        if chosen is None:
            raise UnknownChannel(channel=kind, recipient=recipient.id,
                                 known=", ".join(c.kind for c in usable) or "-")  # fmt: skip
        return chosen

    def _fingerprints(self, case_id: int) -> tuple[letters.HashLine, ...]:
        # Labelled by case and item number, never by file name: the letter leaves the computer.
        return tuple(
            letters.HashLine(e.label, e.kind, e.sha256, e.md5, e.pdq)
            for e in evidence_table.list_evidence(self._vault.conn, case_id)
        )

    def _with_ai_indicators(self, spec: LetterSpec, case_id: int) -> LetterSpec:
        """The spec with the case's AI-made indicators added to its substantiation (each file's stated
        indicators once, labelled like the fingerprints, never by file name) and, where they support it,
        the material named as synthetic. Files that state nothing add nothing: absence proves nothing."""
        lines: list[str] = []
        synthetic = False
        lang: Lang = "ko" if spec.lang == "ko" else "en"
        for item in evidence_table.list_evidence(self._vault.conn, case_id):
            cited = provenance_statements.substantiation(item.provenance, lang)
            if cited:
                lines.append(f"{item.label}:")
                lines.extend(cited)
                synthetic = synthetic or provenance_statements.supports_synthetic(item.provenance)
        if not lines:
            raise NoAiIndicators(case_id=case_id)
        material = "deepfake" if synthetic and spec.material == "unspecified" else spec.material
        return replace(spec, substantiation=(*spec.substantiation, *lines), material=material)

    @staticmethod
    def _refuse_existing(out: Path, force: bool) -> None:
        if not force and os.path.lexists(out):
            raise OutputExists(path=str(out))

    def _render(self, doc: Document, kind: str, letter: letters.LetterInput | None, to: str | None) -> bytes:
        if kind == "txt":
            return as_text(doc).encode("utf-8")
        if kind == "eml":
            assert letter is not None and letter.requester is not None
            return as_eml(doc, sender_name=letter.requester.name, sender_email=letter.requester.email,
                          to=to, sent_at=letter.sent_at)  # fmt: skip
        from victim_desk.render.letter_pdf import letter_pdf

        return letter_pdf(doc)

    def _produce(
        self, letter: letters.LetterInput, case_id: int, platform: str, follows: int | None,
        options: dict[str, Any], out: Path | None, kind: str, force: bool,
    ) -> LetterResult:  # fmt: skip
        letters.check(letter)  # every required element, before anything is written
        if out is not None:
            self._refuse_existing(out, force)
        notices: list[str] = []
        channel = letter.channel
        if channel is not None and not channel.verified:
            notices.append("letter.notice_unverified_channel")
        email = letter.recipient.email(letter.jurisdiction)
        to = email.address if email is not None and email.verified else None
        if kind == "eml" and to is None:
            notices.append("letter.notice_no_address")
        clock = get_jurisdiction(letter.jurisdiction).clock
        written = False
        text = ""
        try:
            with change(self._vault) as c:
                request_id = table.next_id(c.conn)
                final = replace(letter, reference=f"VD-{case_id}-{request_id}")
                document = letters.compose(final)
                data = self._render(document, kind, final, to)
                new = table.NewRequest(
                    case_id=case_id, platform=platform, recipient=letter.recipient.id,
                    channel=channel.kind if channel else "", jurisdiction=letter.jurisdiction,
                    lang=letter.lang,
                    voice=letter.voice, follows=follows, sent_at=letter.sent_at,
                    deadline=clock.deadline(letter.sent_at), review_at=clock.review_at(letter.sent_at),
                    options={**options, "format": kind if out is not None else "none"},
                )  # fmt: skip
                ids = [a.sighting_id for a in letter.addresses]
                # The letter's text is kept with its request: an evidence package carries what was sent.
                text = as_text(document)
                table.add_request(c.conn, c.audit, request_id, final.reference, new, ids, text)
                sightings_table.set_statuses(
                    c.conn, c.audit, ids, SightingStatus.REQUESTED, f"request:{request_id}"
                )
                if out is not None:
                    write_new_file(Path(out), _writer(data), binary=True, force=force)
                    written = True
        except BaseException:
            if written and out is not None:  # not committed: the file must not claim a request not kept
                Path(out).unlink(missing_ok=True)
            raise
        return LetterResult(self.get(request_id), Path(out) if out is not None else None, kind,
                            tuple(notices), text)  # fmt: skip
