"""Reading the hash-chained audit log (writing it is `unit.change`'s job), raw or in plain words.

The desktop app shows a case's history read-only, newest first, in the person's language, with the chain's
check said plainly; the words come from `core.audit_words`, which the evidence package's timeline uses too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from victim_desk.core.audit import AuditEvent, chain_problems
from victim_desk.core.audit_words import action_words
from victim_desk.i18n import Lang, t
from victim_desk.storage.tables.audit import audit_events, last_seq
from victim_desk.storage.vault import Vault

_SUBJECTS = frozenset({"case", "sighting", "evidence", "request", "referral"})


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    at: datetime
    what: str  # the kind of event, in plain words
    subject: str  # which record ("Request 3"), or ""
    change: str  # what changed ("waiting for an answer → removed"), or ""


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]  # newest first
    problems: Sequence[str]  # where the chain is broken, in plain words; empty when intact

    @property
    def intact(self) -> bool:
        return not self.problems


class AuditLog:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def events(self, case_id: int | None = None) -> list[AuditEvent]:
        """One case's chain, or the vault-wide chain when `case_id` is None."""
        return list(audit_events(self._vault.conn, case_id))

    def version(self) -> int:
        """A number that grows with every change saved to the vault, by this program or another one.

        Every write goes through `unit.change` with its audit event, so the newest event's sequence number
        moves whenever anything was saved. A screen that remembers it can tell, with one indexed read,
        whether what it shows may be out of date (the desktop app's workspace does, when a tab comes back).
        """
        return last_seq(self._vault.conn)

    def timeline(self, case_id: int, lang: Lang) -> Timeline:
        """The case's events in plain words, newest first, and the check of its chain."""
        events = self.events(case_id)
        problems = [t(f"vault.finding.audit_{p.kind}", lang, seq=p.seq) for p in chain_problems(events)]
        entries = [describe(e, lang) for e in reversed(events)]
        return Timeline(entries, problems)


def describe(event: AuditEvent, lang: Lang) -> TimelineEntry:
    what = action_words(event.action, lang)
    subject = ""
    if event.entity in _SUBJECTS and event.entity_id is not None:
        subject = t(f"timeline.subject.{event.entity}", lang, id=event.entity_id)
    return TimelineEntry(event.seq, datetime.fromisoformat(event.at), what, subject, _change(event, lang))


def _change(event: AuditEvent, lang: Lang) -> str:
    d = event.details
    if event.action == "request.status":
        return t("timeline.change", lang, before=t(f"request.status.{d.get('from')}", lang),
                 after=t(f"request.status.{d.get('to')}", lang))  # fmt: skip
    if event.action == "sighting.status":
        return t("timeline.change", lang, before=t(f"status.{d.get('from')}", lang),
                 after=t(f"status.{d.get('to')}", lang))  # fmt: skip
    if event.action == "request.add" and d.get("reference"):
        return t(
            "timeline.request_reference", lang, reference=d["reference"], count=len(d.get("sightings", []))
        )
    if event.action == "request.escalate" and d.get("route"):
        return t("timeline.escalated", lang, route=d["route"])
    return ""
