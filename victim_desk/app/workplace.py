"""How the desk is laid out for its user, and what each case needs next.

Two ways of working share one vault format: *victim mode* (one case front and centre, with the next step
said in plain words) and *counselor mode* (many cases with search, filters and a deadline board). The
choice is a setting of the vault (it describes whose desk this is, so it is encrypted with the rest) and
is unset until the person picks one after creating the vault; front ends treat "unset" as counselor mode,
the layout that hides nothing.

`overview()` gives each case's counts, a coarse status and its next step, computed here so that the
desktop app (and any other front end) only shows them. The steps follow the order the work is done in:
log where the material was found -> fingerprint the material -> request deletion -> follow the clock ->
get support -> keep an eye out for its return.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from victim_desk.core.model import OPEN_REQUEST_STATUSES, Case, SightingStatus
from victim_desk.errors import InvalidDeskMode
from victim_desk.i18n import Lang, t
from victim_desk.storage.tables import referrals as referrals_table
from victim_desk.storage.tables import requests as requests_table
from victim_desk.storage.tables import settings as settings_table
from victim_desk.storage.tables import sightings as sightings_table
from victim_desk.storage.vault import Vault

from .cases import Cases
from .unit import change

MODE_KEY = "desk.mode"


class DeskMode(StrEnum):
    VICTIM = "victim"
    COUNSELOR = "counselor"


class CaseStatus(StrEnum):
    """Coarse state of a case for filtering: nothing logged yet, something still online, all removed."""

    NEW = "new"
    ONLINE = "online"
    RESOLVED = "resolved"


class NextStep(StrEnum):
    LOG = "log"
    FINGERPRINT = "fingerprint"
    REQUEST = "request"
    FOLLOW = "follow"
    SUPPORT = "support"
    WATCH = "watch"

    def headline(self, lang: Lang) -> str:
        return str(t(f"next_step.{self.value}", lang))

    def detail(self, lang: Lang) -> str:
        return str(t(f"next_step.{self.value}.detail", lang))


# Sightings in these states are still (or again) online.
_ONLINE = frozenset({SightingStatus.FOUND, SightingStatus.REQUESTED, SightingStatus.REAPPEARED})
# ...and in these nobody has asked for their removal since they were (last) seen.
_UNREQUESTED = frozenset({SightingStatus.FOUND, SightingStatus.REAPPEARED})


@dataclass(frozen=True)
class CaseOverview:
    case: Case
    online: int  # sightings still (or again) online
    unrequested: int  # online sightings no request covers yet
    open_requests: int  # requests still waiting on their recipient
    referrals: int

    @property
    def status(self) -> CaseStatus:
        if self.case.sightings == 0:
            return CaseStatus.NEW
        return CaseStatus.ONLINE if self.online or self.open_requests else CaseStatus.RESOLVED

    @property
    def next_step(self) -> NextStep:
        return next_step(self)

    def matches(
        self, text: str = "", *, status: CaseStatus | None = None, open_requests_only: bool = False
    ) -> bool:
        """Whether a counselor's search and filters keep this case: `text` anywhere in the title
        (case-insensitive, spaces at the ends ignored), the given status, at least one open request."""
        needle = text.strip().casefold()
        if needle and needle not in self.case.title.casefold():
            return False
        if status is not None and self.status is not status:
            return False
        return not (open_requests_only and self.open_requests == 0)


def next_step(o: CaseOverview) -> NextStep:
    """The one thing to suggest next, in the order the work is done (see the module docstring)."""
    if o.case.sightings == 0:
        return NextStep.LOG
    if o.case.evidence == 0 and o.online:
        return NextStep.FINGERPRINT
    if o.unrequested:
        return NextStep.REQUEST
    if o.open_requests:
        return NextStep.FOLLOW
    if o.referrals == 0:
        return NextStep.SUPPORT
    return NextStep.WATCH


class Workplace:
    def __init__(self, vault: Vault, cases: Cases) -> None:
        self._vault = vault
        self._cases = cases

    def mode(self) -> DeskMode | None:
        """The chosen mode, or None if none was chosen yet (an unreadable value counts as none)."""
        value = settings_table.get_setting(self._vault.conn, MODE_KEY)
        try:
            return DeskMode(value) if value is not None else None
        except ValueError:
            return None

    def set_mode(self, value: str) -> DeskMode:
        try:
            mode = DeskMode(value)
        except ValueError:
            raise InvalidDeskMode(value=value, choices=", ".join(m.value for m in DeskMode)) from None
        with change(self._vault) as c:
            settings_table.set_setting(c.conn, c.audit, MODE_KEY, mode.value)
        return mode

    def overview(self) -> list[CaseOverview]:
        """Every case with its counts, status and next step, in the order of `cases.list()`."""
        return self._overviews(self._cases.list(), None)

    def case_overview(self, case_id: int) -> CaseOverview:
        self._cases.require(case_id)
        case = next(c for c in self._cases.list() if c.id == case_id)
        return self._overviews([case], case_id)[0]

    def _overviews(self, cases: list[Case], case_id: int | None) -> list[CaseOverview]:
        # Counted by SQLite in three grouped queries, whatever the number of cases: the workspace asks
        # again after every change, and a counselor's vault may hold large cases.
        conn = self._vault.conn
        sightings = sightings_table.status_counts(conn, case_id)
        requests = requests_table.status_counts(conn, case_id)
        referrals = referrals_table.counts(conn, case_id)
        open_statuses = {str(s) for s in OPEN_REQUEST_STATUSES}
        result = []
        for case in cases:
            statuses = sightings.get(case.id, {})
            result.append(
                CaseOverview(
                    case=case,
                    online=sum(n for s, n in statuses.items() if s in _ONLINE),
                    unrequested=sum(n for s, n in statuses.items() if s in _UNREQUESTED),
                    open_requests=sum(n for s, n in requests.get(case.id, {}).items() if s in open_statuses),
                    referrals=referrals.get(case.id, 0),
                )
            )
        return result
