"""What each kind of audit event is called in plain words, for everyone who tells a case's history.

The evidence package's report (its timeline) and the desktop app's case history name events with the same
catalogue entries; keeping the list of named actions here lets both use it without one service importing
the other. An action not listed is shown by its own name ("other").
"""

from __future__ import annotations

from victim_desk.i18n import Lang, t

# The actions with their own words (`package.report.action.<action>` in the catalogue).
TIMELINE_ACTIONS = frozenset({
    "case.add", "sighting.add", "sighting.status", "sighting.check", "evidence.add", "request.add",
    "request.sent", "request.status", "request.escalate", "referral.add", "package.export",
})  # fmt: skip


def action_words(action: str, lang: Lang) -> str:
    """The kind of event in plain words ("Sighting recorded"); an unlisted action is named as it is."""
    key = action if action in TIMELINE_ACTIONS else "other"
    return t(f"package.report.action.{key}", lang, action=action)


class TimelineSteps:
    """A case's history told in steps: consecutive events of one kind on one day become one step
    ("Sightings recorded ×2000"), so a bulk import reads as one line, not thousands."""

    def __init__(self) -> None:
        self._steps: list[tuple[str, str, int]] = []  # (time of the step's first event, action, events)

    def add(self, at: str, action: str) -> None:
        """The next event, in chain order (`at` is its ISO 8601 time)."""
        if self._steps:
            first, last_action, count = self._steps[-1]
            if last_action == action and first[:10] == at[:10]:
                self._steps[-1] = (first, action, count + 1)
                return
        self._steps.append((at, action, 1))

    def rows(self, lang: Lang) -> list[tuple[str, str]]:
        """(time, what) per step, in plain words; a step of several events says how many."""
        rows = []
        for at, action, count in self._steps:
            words = action_words(action, lang)
            rows.append((at, f"{words} ×{count}" if count > 1 else words))
        return rows
