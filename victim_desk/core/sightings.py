"""Turning what a person typed or pasted into a valid sighting: the URL, the platform, the date.

Platform ids are the recipient ids of the letters (DESIGN.md) plus `web` for anything else, so a sighting
always knows where its deletion request goes. The platform is guessed from the host when not given.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from victim_desk.core.model import NewSighting, SightingStatus
from victim_desk.errors import FutureDate, InvalidDate, InvalidStatus, InvalidUrl, UnknownPlatform

PLATFORMS: tuple[str, ...] = (
    "telegram", "google", "meta", "x", "naver", "kakao", "daum", "discord", "reddit", "kcsc", "generic",
    "web",
)  # fmt: skip

# What people call a platform -> its id.
_ALIASES = {
    "twitter": "x",
    "facebook": "meta",
    "instagram": "meta",
    "threads": "meta",
    "whatsapp": "meta",
    "youtube": "google",
    "tistory": "kakao",
    "텔레그램": "telegram",
    "구글": "google",
    "유튜브": "google",
    "페이스북": "meta",
    "인스타그램": "meta",
    "트위터": "x",
    "엑스": "x",
    "네이버": "naver",
    "카카오": "kakao",
    "카카오톡": "kakao",
    "다음": "daum",
    "디스코드": "discord",
    "레딧": "reddit",
}

# Registrable domains (the host or any parent of it) -> platform id.
_HOSTS = {
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.org": "telegram",
    "telegram.dog": "telegram",
    "telegra.ph": "telegram",
    "google.com": "google",
    "google.co.kr": "google",
    "youtube.com": "google",
    "youtu.be": "google",
    "blogspot.com": "google",
    "googleusercontent.com": "google",
    "facebook.com": "meta",
    "fb.com": "meta",
    "fb.watch": "meta",
    "fbcdn.net": "meta",
    "instagram.com": "meta",
    "cdninstagram.com": "meta",
    "threads.net": "meta",
    "threads.com": "meta",
    "whatsapp.com": "meta",
    "messenger.com": "meta",
    "x.com": "x",
    "twitter.com": "x",
    "t.co": "x",
    "twimg.com": "x",
    "naver.com": "naver",
    "naver.me": "naver",
    "pstatic.net": "naver",
    "kakao.com": "kakao",
    "kakaocorp.com": "kakao",
    "kakaocdn.net": "kakao",
    "tistory.com": "kakao",
    "daum.net": "daum",
    "daumcdn.net": "daum",
    "discord.com": "discord",
    "discord.gg": "discord",
    "discordapp.com": "discord",
    "discordapp.net": "discord",
    "reddit.com": "reddit",
    "redd.it": "reddit",
    "redditmedia.com": "reddit",
}

_MAX_URL = 8192
_WHITESPACE = re.compile(r"\s")
# Clocks drift and people type the minute they see; only a clearly future time is a mistake.
_FUTURE_SLACK = timedelta(minutes=10)


def normalize_url(raw: str) -> str:
    """A clean absolute http(s) URL, or InvalidUrl. 't.me/room' is taken to mean https://t.me/room."""
    text = raw.strip()
    if not text or len(text) > _MAX_URL or _WHITESPACE.search(text):
        raise InvalidUrl(url=_shorten(text))
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise InvalidUrl(url=_shorten(raw.strip())) from None
    if parts.scheme.lower() not in ("http", "https") or not _plausible_host(host):
        raise InvalidUrl(url=_shorten(raw.strip()))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


def _plausible_host(host: str) -> bool:
    if not host or host.startswith(".") or (host.endswith(".") and host.count(".") == 1):
        return False
    if host == "localhost":
        return True
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:
        return False
    return all(label and not label.startswith("-") and not label.endswith("-") for label in labels)


def guess_platform(url: str) -> str:
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        found = _HOSTS.get(".".join(labels[i:]))
        if found:
            return found
    # google.de, google.co.jp and the like.
    if "google" in labels[:-1] and labels.index("google") >= len(labels) - 3:
        return "google"
    return "web"


def normalize_platform(raw: str | None, url: str) -> str:
    if raw is None or not raw.strip():
        return guess_platform(url)
    name = raw.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in PLATFORMS:
        raise UnknownPlatform(platform=raw.strip(), known=", ".join(PLATFORMS))
    return name


def parse_moment(raw: str | None, *, now: datetime | None = None) -> datetime | None:
    """ISO 8601 date or date-time; without an offset it is the computer's local time. Not in the future."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day).astimezone()
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.astimezone()
    except ValueError:
        raise InvalidDate(value=_shorten(text)) from None
    current = now or datetime.now(UTC)
    if moment - current > _FUTURE_SLACK:
        raise FutureDate(value=text)
    return moment


def parse_status(raw: str) -> SightingStatus:
    try:
        return SightingStatus(raw.strip().lower())
    except ValueError:
        raise InvalidStatus(known=", ".join(s.value for s in SightingStatus)) from None


def new_sighting(
    url: str, platform: str | None = None, seen: str | None = None, note: str | None = None
) -> NewSighting:
    """Validate one sighting as typed; raises the DeskError that names what is wrong."""
    clean = normalize_url(url)
    return NewSighting(
        url=clean,
        platform=normalize_platform(platform, clean),
        seen=parse_moment(seen),
        note=(note or "").strip(),
    )


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
