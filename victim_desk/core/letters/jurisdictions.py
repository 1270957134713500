"""The four legal frames a letter can be written under, read from resources/letters/jurisdictions.json.

Each gives the recipient a clock, and the kind of clock matters as much as its length: the US 48 hours are
statute, the Korean 24 hours are the government's policy target (정부 방침) and must never be quoted as law,
the UK 48 hours were announced on 19 Feb 2026, and the EU DSA sets no fixed deadline at all (there the app
only reminds the user to look again after `review_after_hours`, which is its own suggestion). The data also
lists the elements each frame requires and the escalation routes FACTS.md sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from victim_desk.core.letters.recipients import JURISDICTIONS, Fact
from victim_desk.resources_path import resource

CLOCK_KINDS = ("statute", "policy_target", "announced", "none")


@dataclass(frozen=True)
class Clock:
    kind: str
    hours: int | None
    fact: Fact
    review_after_hours: int | None = None

    def deadline(self, sent_at: datetime) -> datetime | None:
        """When the recipient should have acted; None where the law sets no deadline."""
        return None if self.hours is None else sent_at + timedelta(hours=self.hours)

    def review_at(self, sent_at: datetime) -> datetime | None:
        """When to look again: the deadline, or for frames without one, the app's reminder."""
        due = self.deadline(sent_at)
        if due is not None:
            return due
        return None if self.review_after_hours is None else sent_at + timedelta(hours=self.review_after_hours)


@dataclass(frozen=True)
class Route:
    """Where to turn when a recipient does not act. `document` names the escalation document the app
    can write for it ("kcsc", "police"), or None when the route is only named."""

    id: str
    names: dict[str, str]
    address: str | None
    document: str | None
    fact: Fact

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    clock: Clock
    elements: tuple[str, ...]
    escalation: tuple[Route, ...]

    def route(self, route_id: str) -> Route | None:
        return next((r for r in self.escalation if r.id == route_id), None)


class JurisdictionsFileInvalid(ValueError):
    """The shipped jurisdictions.json breaks its own rules: a bug in the data, caught by the tests."""


def _fact(row: dict[str, Any], where: str) -> Fact:
    if not (isinstance(row.get("source"), str) and isinstance(row.get("verified_on"), str)):
        raise JurisdictionsFileInvalid(f"{where}: needs source and verified_on")
    return Fact(row["source"], row["verified_on"])


def validate_jurisdictions(data: Any, known_elements: frozenset[str]) -> dict[str, Jurisdiction]:
    rows = data.get("jurisdictions") if isinstance(data, dict) else None
    if not isinstance(rows, dict) or set(rows) != set(JURISDICTIONS):
        raise JurisdictionsFileInvalid(f"jurisdictions must be exactly {', '.join(JURISDICTIONS)}")
    found: dict[str, Jurisdiction] = {}
    for code in JURISDICTIONS:
        row = rows[code]
        clock_row = row.get("clock", {})
        kind, hours = clock_row.get("kind"), clock_row.get("hours")
        if kind not in CLOCK_KINDS or (hours is None) != (kind == "none"):
            raise JurisdictionsFileInvalid(f"{code}: a clock has hours unless its kind is 'none'")
        review = clock_row.get("review_after_hours")
        clock = Clock(kind, hours, _fact(clock_row, f"{code} clock"), review)
        elements = tuple(row.get("elements", []))
        unknown = [e for e in elements if e not in known_elements]
        if unknown or not elements:
            raise JurisdictionsFileInvalid(f"{code}: unknown elements {unknown}")
        routes = []
        for r in row.get("escalation", []):
            names = r.get("name", {})
            if not (names.get("ko") and names.get("en")):
                raise JurisdictionsFileInvalid(f"{code} route {r.get('id')!r}: needs names in ko and en")
            routes.append(Route(r["id"], dict(names), r.get("address"), r.get("document"),
                                _fact(r, f"{code} route {r['id']}")))  # fmt: skip
        found[code] = Jurisdiction(code, clock, elements, tuple(routes))
    return found


@cache
def jurisdictions() -> dict[str, Jurisdiction]:
    from victim_desk.core.letters.requirements import ELEMENTS

    text = resource("letters", "jurisdictions.json").read_text(encoding="utf-8")
    return validate_jurisdictions(json.loads(text), frozenset(ELEMENTS))


def get_jurisdiction(code: str) -> Jurisdiction:
    return jurisdictions()[code.upper()]
