"""The clock and time parsing every table shares: stored times are UTC ISO 8601 with an offset."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
