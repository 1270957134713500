"""How a clock reads on screen: time left, or how long overdue, and when the screen should look again.

The app layer says what each request's deadline is and what is due (app/request_clocks.py); this module
only words it and picks the update rate: once a minute, and once a second in a deadline's last hour, so
the last minutes are seen going by without waking the app every second for clocks days away.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication

from victim_desk.app.request_clocks import RequestClock

MINUTE_MS = 60_000
SECOND_MS = 1_000
_HOUR = timedelta(hours=1)


def local_zone() -> tzinfo:
    """The computer's time zone: deadlines are shown in the time the person lives in."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def moment(value: datetime | None, zone: tzinfo) -> str:
    if value is None:
        return "—"
    local = value.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Countdown", "{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return QCoreApplication.translate("Countdown", "{hours} h {minutes} min").format(
            hours=hours, minutes=minutes
        )
    return QCoreApplication.translate("Countdown", "{minutes} min {seconds} s").format(
        minutes=minutes, seconds=secs
    )


def time_left(clock: RequestClock, zone: tzinfo) -> str:
    """ "5 h 12 min left", "overdue by 2 d 3 h", or for laws without a deadline the reminder date."""
    request = clock.request
    if not request.is_open:
        return "—"
    remaining = clock.remaining
    if remaining is None:
        return QCoreApplication.translate("Countdown", "No fixed deadline; look again on {date}").format(
            date=moment(request.review_at, zone)
        )
    if remaining > timedelta(0):
        return QCoreApplication.translate("Countdown", "{span} left").format(span=_span(remaining))
    return QCoreApplication.translate("Countdown", "Overdue by {span}").format(span=_span(-remaining))


def interval_ms(clocks: Iterable[RequestClock]) -> int:
    """Once a second while any running clock is in its last hour, else once a minute."""
    for c in clocks:
        remaining = c.remaining
        if c.running and remaining is not None and remaining <= _HOUR:
            return SECOND_MS
    return MINUTE_MS


def crossed(clocks: Iterable[RequestClock], at: datetime) -> bool:
    """Whether a deadline shown as running has passed by `at`: what is due must then be asked again."""
    return any(c.running and c.request.deadline is not None and c.request.deadline <= at for c in clocks)


def due_text(action: str | None) -> str:
    return {
        "follow_up": QCoreApplication.translate("Countdown", "Send a follow-up"),
        "escalate": QCoreApplication.translate("Countdown", "Escalate"),
        "letter": QCoreApplication.translate("Countdown", "Write a letter"),
    }.get(action or "", "")


def status_text(status: str) -> str:
    return {
        "sent": QCoreApplication.translate("Countdown", "Waiting for an answer"),
        "acknowledged": QCoreApplication.translate("Countdown", "Acknowledged"),
        "removed": QCoreApplication.translate("Countdown", "Removed"),
        "refused": QCoreApplication.translate("Countdown", "Refused"),
        "partly": QCoreApplication.translate("Countdown", "Partly removed"),
        "closed": QCoreApplication.translate("Countdown", "Closed"),
    }.get(status, status)


def jurisdiction_labels() -> dict[str, str]:
    return {
        "KR": QCoreApplication.translate("Countdown", "Korea"),
        "US": QCoreApplication.translate("Countdown", "United States"),
        "EU": QCoreApplication.translate("Countdown", "European Union"),
        "UK": QCoreApplication.translate("Countdown", "United Kingdom"),
    }
