"""What a check may conclude (pure rules): status codes, status transitions, and the removal-page data."""

from __future__ import annotations

from typing import Any

import pytest

from victim_desk.core.model import SightingStatus as S
from victim_desk.core.rechecks import (
    Outcome,
    RemovalCheckInvalid,
    classify_status,
    next_status,
    removal_rules,
    reported_outcome,
    validate_removal_checks,
)


def test_only_404_410_451_mean_removed_and_no_failure_does() -> None:
    removed = [code for code in range(100, 600) if classify_status(code)[0] is Outcome.REMOVED]
    assert removed == [404, 410, 451]
    for code in (401, 403, 429, 500, 502, 503, 400, 418):
        assert classify_status(code)[0] is Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("before", "outcome", "after", "reported"),
    [
        (S.FOUND, Outcome.REMOVED, S.REMOVED, Outcome.REMOVED),
        (S.REQUESTED, Outcome.REMOVED, S.REMOVED, Outcome.REMOVED),
        (S.REMOVED, Outcome.REACHABLE, S.REAPPEARED, Outcome.REAPPEARED),
        (S.REAPPEARED, Outcome.REMOVED, S.REMOVED, Outcome.REMOVED),
        (S.FOUND, Outcome.REACHABLE, S.FOUND, Outcome.REACHABLE),
        (S.REQUESTED, Outcome.UNKNOWN, S.REQUESTED, Outcome.UNKNOWN),
        (S.REMOVED, Outcome.UNKNOWN, S.REMOVED, Outcome.UNKNOWN),
    ],
)
def test_status_transitions(before: S, outcome: Outcome, after: S, reported: Outcome) -> None:
    assert next_status(before, outcome) is after
    assert reported_outcome(before, outcome) is reported


def test_the_shipped_rules_load() -> None:
    rules = removal_rules()
    assert [r.recipient for r in rules] == ["telegram"]


def _data(**rule: Any) -> dict[str, Any]:
    base = {"match": r"https://site\.test/(?P<id>\d+)", "fetch": "https://site.test/embed/{id}",
            "removed_if_body_matches": ["gone for good"], "source": "test", "verified_on": None}  # fmt: skip
    base.update(rule)
    return {"recipients": [{"id": "generic", "removal_check": {"rules": [{k: v for k, v in base.items()
                                                                          if v != "DROP"}]}}]}  # fmt: skip


@pytest.mark.parametrize(
    "bad",
    [
        {"source": "DROP"},
        {"fetch": "http://site.test/{id}"},
        {"fetch": "https://{id}.site.test/"},
        {"fetch": "https://site.test/{post}"},
        {"match": "("},
        {"removed_if_body_matches": []},
        {"removed_if_body_matches": ["("]},
        {"read_limit": 10_000_000},
    ],
)
def test_a_broken_rule_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(RemovalCheckInvalid):
        validate_removal_checks(_data(**bad))


def test_a_rule_judges_pages_from_data() -> None:
    (rule,) = validate_removal_checks(_data(present_if_body_matches=["data-item="]))
    assert rule.target("https://site.test/77") == "https://site.test/embed/77"
    assert rule.target("https://other.test/77") is None
    assert str(rule.judge("<p>GONE FOR GOOD</p>")[0]) == "removed"
    assert str(rule.judge('<div data-item="77">')[0]) == "reachable"
    assert str(rule.judge("<p>a new page layout</p>")[1]) == "unrecognised_page"
