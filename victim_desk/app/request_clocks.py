"""The requests' clocks as a screen shows them: how long each recipient has left, and what is due next.

The desktop app counts down live, per case and (for counselors) across every case on one board sorted by
deadline. Both views are computed here from the same rules the CLI's `request next` uses
(core.letters.followup), with "now" passed in, so a screen only formats what it gets and a test can move
the clock. Escalation routes come from the request's jurisdiction, as the CLI lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from victim_desk.core.letters.followup import due_actions
from victim_desk.core.letters.jurisdictions import Route, get_jurisdiction
from victim_desk.core.model import Request

if TYPE_CHECKING:
    from victim_desk.app.cases import Cases
    from victim_desk.app.requests import Requests


@dataclass(frozen=True)
class RequestClock:
    """One request and its clock at `at`. `remaining` is negative once overdue and None where the law
    sets no deadline (then `review_at` is the app's own reminder). `due` is "follow_up", "escalate" or
    None: what the rules say to do about this request now."""

    request: Request
    at: datetime
    due: str | None
    case_title: str = ""

    @property
    def remaining(self) -> timedelta | None:
        return None if self.request.deadline is None else self.request.deadline - self.at

    @property
    def overdue(self) -> bool:
        return self.request.overdue(self.at)

    @property
    def running(self) -> bool:
        """The recipient still has time: open, with a deadline not yet passed."""
        remaining = self.remaining
        return self.request.is_open and remaining is not None and remaining > timedelta(0)


def clocks(requests: Requests, case_id: int, at: datetime) -> list[RequestClock]:
    """The case's requests, newest first, each with its clock and what is due about it at `at`."""
    due = {d.request: d.action for d in requests.next(case_id, at=at) if d.request is not None}
    found = [RequestClock(r, at, due.get(r.id)) for r in requests.list(case_id)]
    return sorted(found, key=lambda c: c.request.id, reverse=True)


def board(requests: Requests, cases: Cases, at: datetime) -> list[RequestClock]:
    """Every case's open requests, the nearest deadline first (requests without one last, by review date):
    what a counselor with dozens of cases looks at first."""
    titles = {c.id: c.title for c in cases.list()}
    every = list(requests.list(None))  # one query for all cases (a per-case loop costs 3x at 60 cases)
    by_case: dict[int, list[Request]] = {}
    for r in every:
        by_case.setdefault(r.case_id, []).append(r)
    # The rules for follow-ups and escalation need only the requests; sightings matter only for letters
    # not yet written, which the board does not list.
    due = {
        d.request: d.action
        for group in by_case.values()
        for d in due_actions(group, (), at)
        if d.request is not None
    }
    found = [
        RequestClock(r, at, due.get(r.id), titles.get(r.case_id, ""))
        for r in every
        if r.is_open or r.id in due
    ]
    far = datetime.max.replace(tzinfo=at.tzinfo)

    def key(c: RequestClock) -> tuple[bool, datetime, datetime, int]:
        r = c.request
        return (r.deadline is None, r.deadline or far, r.review_at or far, r.id)

    return sorted(found, key=key)


def escalation_routes(request: Request) -> list[Route]:
    """The routes of the request's jurisdiction this app can write a document for (KR: kcsc, police)."""
    return [r for r in get_jurisdiction(request.jurisdiction).escalation if r.document]
