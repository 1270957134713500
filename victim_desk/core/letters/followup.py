"""What is due now in a case: letters not yet written, follow-ups of ignored requests, escalation.

A request and its follow-ups form a chain. The chain is settled once any of them is `removed` or
`closed`. A `refused` answer, or a follow-up whose own clock ran out, makes escalation due (once: an
escalation document produced for the chain ends it). A first request whose clock ran out (or, where the
law sets no deadline, whose review date passed) makes a follow-up due. Sightings still `found` or
`reappeared` that no open chain covers make a letter due for their platform. Pure: the caller passes
"now", so the rules are tested at any moment without a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from victim_desk.core.model import Request, RequestStatus, Sighting, SightingStatus

_SETTLED = frozenset({RequestStatus.REMOVED, RequestStatus.CLOSED})


@dataclass(frozen=True)
class Due:
    case_id: int
    action: str  # "letter" | "follow_up" | "escalate"
    since: datetime | None
    platform: str
    request: int | None = None
    recipient: str | None = None
    jurisdiction: str | None = None
    sightings: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "case": self.case_id,
            "action": self.action,
            "since": None if self.since is None else self.since.isoformat(timespec="seconds"),
            "platform": self.platform,
            "request": self.request,
            "recipient": self.recipient,
            "jurisdiction": self.jurisdiction,
            "sightings": list(self.sightings),
        }


def chains(requests: Iterable[Request]) -> list[list[Request]]:
    """Requests grouped into chains (a first request, then its follow-ups in order)."""
    by_id = {r.id: r for r in requests}
    roots: dict[int, list[Request]] = {}
    for r in sorted(by_id.values(), key=lambda r: r.id):
        root = r
        while root.follows is not None and root.follows in by_id:
            root = by_id[root.follows]
        roots.setdefault(root.id, []).append(r)
    return list(roots.values())


def due_actions(requests: Iterable[Request], sightings: Iterable[Sighting], now: datetime) -> list[Due]:
    found: list[Due] = []
    covered: set[int] = set()
    for chain in chains(requests):
        first, last = chain[0], chain[-1]
        if any(r.status in _SETTLED for r in chain):
            continue
        covered.update(s for r in chain for s in r.sightings)
        escalated = any(r.escalated_at is not None for r in chain)
        refused = next((r for r in chain if r.status == RequestStatus.REFUSED), None)
        common = {"case_id": first.case_id, "platform": first.platform, "recipient": first.recipient,
                  "jurisdiction": first.jurisdiction, "sightings": first.sightings}  # fmt: skip
        if refused is not None:
            if not escalated:
                found.append(Due(action="escalate", since=refused.sent_at, request=refused.id, **common))  # type: ignore[arg-type]
            continue
        if last.review_at is None or last.review_at > now or not last.is_open:
            continue
        if last.follows is None:
            found.append(Due(action="follow_up", since=last.review_at, request=last.id, **common))  # type: ignore[arg-type]
        elif not escalated:
            found.append(Due(action="escalate", since=last.review_at, request=last.id, **common))  # type: ignore[arg-type]
    waiting: dict[tuple[int, str], list[int]] = {}
    for s in sightings:
        if s.status in (SightingStatus.FOUND, SightingStatus.REAPPEARED) and s.id not in covered:
            waiting.setdefault((s.case_id, s.platform), []).append(s.id)
    for (case_id, platform), ids in sorted(waiting.items()):
        recipient = "generic" if platform == "web" else platform
        found.append(Due(case_id, "letter", None, platform, recipient=recipient, sightings=tuple(ids)))
    order = {"escalate": 0, "follow_up": 1, "letter": 2}
    return sorted(found, key=lambda d: (d.case_id, order[d.action], d.request or 0, d.platform))
