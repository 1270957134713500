"""The domain's nouns as plain dataclasses: what a case, a sighting, a profile is, independent of storage.

Times are timezone-aware `datetime`s everywhere in the program; they become ISO 8601 strings with an offset
only at the edges (the database, JSON output, letters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class SightingStatus(StrEnum):
    FOUND = "found"
    REQUESTED = "requested"
    REMOVED = "removed"
    REAPPEARED = "reappeared"


class Role(StrEnum):
    VICTIM = "victim"
    COUNSELOR = "counselor"


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Profile:
    """Who signs the letters: the person herself or the counselor acting for her."""

    name: str
    email: str
    phone: str | None = None
    role: Role = Role.VICTIM
    organization: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "role": str(self.role),
            "organization": self.organization,
        }


@dataclass(frozen=True)
class Case:
    id: int
    title: str
    created_at: datetime
    sightings: int = 0
    evidence: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "created_at": iso(self.created_at),
            "sightings": self.sightings,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Sighting:
    """One place where the material was found."""

    id: int
    case_id: int
    url: str
    platform: str
    seen: datetime | None
    status: SightingStatus
    last_checked: datetime | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case": self.case_id,
            "url": self.url,
            "platform": self.platform,
            "seen": iso(self.seen),
            "status": str(self.status),
            "last_checked": iso(self.last_checked),
            "note": self.note,
        }


@dataclass(frozen=True)
class NewSighting:
    """A validated sighting not yet saved (from the CLI, the GUI or a bulk import)."""

    url: str
    platform: str
    seen: datetime | None
    note: str = ""


def evidence_label(case_id: int, evidence_id: int) -> str:
    """The neutral name an evidence item goes by wherever it leaves the computer (hash lists, letters,
    packages): its case and item numbers, never its file name, which can identify the person."""
    return f"case{case_id}-evidence{evidence_id}"


@dataclass(frozen=True)
class EvidenceItem:
    """A fingerprinted file of a case. The original is not kept unless the user explicitly chose so."""

    id: int
    case_id: int
    file_name: str
    kind: str
    size: int
    sha256: str
    md5: str
    pdq: str | None
    pdq_quality: int | None
    phash: str | None
    added_at: datetime
    has_preview: bool
    has_original: bool
    # What the file said about its making when it was added (core/provenance JSON form); None for items
    # added before provenance was read.
    provenance: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        """The item's neutral name (`evidence_label`)."""
        return evidence_label(self.case_id, self.id)

    def to_json(self, *, reveal: bool = False) -> dict[str, Any]:
        """The item as one JSON object; sensitive provenance values (prompts) only when `reveal`."""
        obj = {
            "id": self.id,
            "case": self.case_id,
            "file": self.file_name,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "md5": self.md5,
            "pdq": self.pdq,
            "pdq_quality": self.pdq_quality,
            "phash": self.phash,
            "added_at": iso(self.added_at),
            "preview": self.has_preview,
            "original": self.has_original,
        }
        if self.provenance is not None:
            from victim_desk.core.provenance.types import redacted

            obj["provenance"] = self.provenance if reveal else redacted(self.provenance)
        return obj


class RequestStatus(StrEnum):
    """Where a deletion request stands. `sent` until the recipient answers; the rest record its answer."""

    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    REMOVED = "removed"
    REFUSED = "refused"
    PARTLY = "partly"
    CLOSED = "closed"


# A request in these states still waits on the recipient: its clock runs and it can become overdue.
OPEN_REQUEST_STATUSES = frozenset({RequestStatus.SENT, RequestStatus.ACKNOWLEDGED, RequestStatus.PARTLY})


@dataclass(frozen=True)
class Request:
    """A deletion request (or follow-up) as produced: whom, under which law, covering which sightings,
    with its clock. `deadline` is None where the law sets none; `review_at` is then the app's reminder."""

    id: int
    case_id: int
    sightings: tuple[int, ...]
    platform: str
    recipient: str
    channel: str
    jurisdiction: str
    lang: str
    voice: str
    reference: str
    follows: int | None
    sent_at: datetime
    deadline: datetime | None
    review_at: datetime | None
    status: RequestStatus
    note: str
    escalated_at: datetime | None
    options: dict[str, Any]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    def overdue(self, now: datetime) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < now

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "case": self.case_id,
            "sighting": self.sightings[0] if len(self.sightings) == 1 else list(self.sightings),
            "platform": self.platform,
            "recipient": self.recipient,
            "channel": self.channel,
            "jurisdiction": self.jurisdiction,
            "lang": self.lang,
            "reference": self.reference,
            "follows": self.follows,
            "sent_at": iso(self.sent_at),
            "deadline": iso(self.deadline),
            "review_at": iso(self.review_at),
            "status": str(self.status),
            "overdue": self.overdue(now),
            "escalated_at": iso(self.escalated_at),
            "note": self.note,
        }
