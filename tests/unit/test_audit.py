"""The audit chain detects edits, deletions and reordering, per case."""

from __future__ import annotations

from dataclasses import replace

from victim_desk.core.audit import GENESIS, AuditEvent, chain_problems, event_hash


def _chain(specs: list[tuple[int, int | None]]) -> list[AuditEvent]:
    heads: dict[int | None, str] = {}
    events = []
    for seq, case in specs:
        body = {
            "seq": seq, "at": "2026-11-21T00:00:00+00:00", "action": "x", "entity": "case",
            "entity_id": case, "case_id": case, "details": {"n": seq, "메모": "기록"},
            "prev_hash": heads.get(case, GENESIS),
        }  # fmt: skip
        digest = event_hash(body)
        heads[case] = digest
        events.append(AuditEvent(**{**body, "hash": digest}))
    return events


def test_intact_chain_has_no_problems() -> None:
    assert chain_problems(_chain([(1, None), (2, 1), (3, 2), (4, 1), (5, 2)])) == []


def test_one_case_chain_verifies_on_its_own() -> None:
    events = _chain([(1, None), (2, 1), (3, 2), (4, 1)])
    assert chain_problems([e for e in events if e.case_id == 1]) == []


def test_edit_delete_and_reorder_are_detected() -> None:
    events = _chain([(1, 1), (2, 1), (3, 1)])
    edited = [events[0], replace(events[1], details={"n": 99}), events[2]]
    assert any(p.kind == "altered" for p in chain_problems(edited))
    assert any(p.kind == "unlinked" for p in chain_problems([events[0], events[2]]))
    assert str(chain_problems(edited)[0]).startswith("audit: event ")
    assert chain_problems([events[1], events[0], events[2]])
