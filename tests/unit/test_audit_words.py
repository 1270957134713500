"""Audit events in plain words, and a case's history told in steps (package report, case history)."""

from __future__ import annotations

import pytest

from victim_desk.core.audit_words import TIMELINE_ACTIONS, TimelineSteps, action_words

DAY = "2026-11-21T09:00:00+00:00"
NEXT_DAY = "2026-11-22T09:00:00+00:00"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_named_action_has_its_own_words(lang: str) -> None:
    other = action_words("not.an.action", lang)
    words = {action_words(action, lang) for action in TIMELINE_ACTIONS}
    assert len(words) == len(TIMELINE_ACTIONS) and other not in words


def test_an_unnamed_action_is_shown_by_its_name() -> None:
    assert action_words("profile.set", "en") == "Recorded: profile.set"
    assert action_words("profile.set", "ko") == "기록: profile.set"
    assert action_words("sighting.add", "en") == "Sightings recorded"


def test_consecutive_events_of_one_kind_on_one_day_are_one_step() -> None:
    steps = TimelineSteps()
    steps.add(DAY, "case.add")
    for i in range(2000):
        steps.add(f"2026-11-21T09:{i % 60:02d}:00+00:00", "sighting.add")
    steps.add(DAY, "evidence.add")
    steps.add(DAY, "sighting.add")  # the same kind again after another: a new step
    steps.add(NEXT_DAY, "sighting.add")  # another day: a new step
    steps.add(NEXT_DAY, "sighting.add")
    assert steps.rows("en") == [
        (DAY, "Case opened"),
        ("2026-11-21T09:00:00+00:00", "Sightings recorded ×2000"),
        (DAY, "Files fingerprinted"),
        (DAY, "Sightings recorded"),
        (NEXT_DAY, "Sightings recorded ×2"),
    ]
    assert steps.rows("ko")[1] == ("2026-11-21T09:00:00+00:00", "발견 기록 추가 ×2000")


def test_unnamed_actions_are_counted_by_action_not_by_how_their_words_begin() -> None:
    # "Recorded: note.x" is how "Recorded: note.xy" begins; they are still two kinds of event.
    steps = TimelineSteps()
    for action in ("note.xy", "note.x", "note.x"):
        steps.add(DAY, action)
    assert steps.rows("en") == [(DAY, "Recorded: note.xy"), (DAY, "Recorded: note.x ×2")]


def test_no_events_no_steps() -> None:
    assert TimelineSteps().rows("en") == []
