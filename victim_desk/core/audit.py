"""The hash-chained audit log: every change to a case, in order, tamper-evident.

Each case has its own chain (vault-wide events such as the profile form one more, with case_id null): an
event's hash covers its own content and the hash of the case's previous event, so removing, reordering or
editing any event breaks every hash after it, and one case's chain can be exported and checked on its own.
The same rules verify the chain inside the vault and inside an evidence package (audit.jsonl), where a
stranger can recompute it with a few lines of any language:
hash = sha256(canonical JSON of the event without "hash"), canonical = sorted keys, no spaces, UTF-8.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    action: str
    entity: str
    entity_id: int | None
    case_id: int | None
    details: Mapping[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "case_id": self.case_id,
            "details": dict(self.details),
            "prev_hash": self.prev_hash,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.body(), "hash": self.hash}


def canonical(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def event_hash(body: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(body)).hexdigest()


class ChainProblem(NamedTuple):
    """Where a chain is broken: the event's sequence number and what is wrong with it."""

    seq: int
    kind: str  # "out_of_order" | "unlinked" | "altered"

    def __str__(self) -> str:
        what = {"out_of_order": "is out of order", "unlinked": "does not link to the one before it",
                "altered": "was altered"}[self.kind]  # fmt: skip
        return f"audit: event {self.seq} {what}"


def chain_problems(events: Iterable[AuditEvent]) -> list[ChainProblem]:
    """Where the chain is broken; an empty list means every event is intact and in order."""
    problems: list[ChainProblem] = []
    last: dict[int | None, tuple[int, str]] = {}
    for event in events:
        prev_seq, prev = last.get(event.case_id, (-1, GENESIS))
        if event.seq <= prev_seq:
            problems.append(ChainProblem(event.seq, "out_of_order"))
        if event.prev_hash != prev:
            problems.append(ChainProblem(event.seq, "unlinked"))
        if event_hash(event.body()) != event.hash:
            problems.append(ChainProblem(event.seq, "altered"))
        last[event.case_id] = (event.seq, event.hash)
    return problems
