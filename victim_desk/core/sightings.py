"""Turning what a person typed or pasted into a valid sighting: the URL, the platform, the date.

Platform ids are the recipient ids of the letters (DESIGN.md) plus `web` for anything else, so a sighting
always knows where its deletion request goes. The platform is guessed from the host when not given; which
hosts belong to which recipient is data, in resources/recipients.json, shared with the letters.

Addresses are stored in one canonical form so the same place is recorded the same way however it was
copied. Internationalised (IDN) host names are stored in Unicode when every label is Hangul, Han, kana or
plain ASCII: that is how Korean users read and type them, and such labels cannot pass for a Latin
brand name. Any other non-ASCII label is stored as punycode (xn--...), as browsers show it, because Cyrillic
or Greek look-alikes ("аpple.com") must not read as the real site in a list, a letter or a court file. Both
spellings of a host lead to the same stored form. `url_key` gives the stricter form used to spot
duplicates.
"""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import idna

from victim_desk.core.letters.recipients import (
    PLATFORMS,
    RECIPIENT_IDS,
    Recipient,
    RecipientsFileInvalid,
    recipients,
    validate_recipients,
)
from victim_desk.core.model import NewSighting, SightingStatus
from victim_desk.errors import (
    FutureDate,
    InvalidDate,
    InvalidStatus,
    InvalidUrl,
    UnknownPlatform,
    UrlHiddenCharacters,
)
from victim_desk.i18n import is_hidden_control

# The recipients moved to core.letters.recipients; these names stay importable from here.
__all__ = [
    "PLATFORMS",
    "RECIPIENT_IDS",
    "Recipient",
    "RecipientsFileInvalid",
    "guess_platform",
    "new_sighting",
    "normalize_platform",
    "normalize_url",
    "parse_moment",
    "parse_status",
    "recipients",
    "url_key",
    "validate_recipients",
]

_MAX_URL = 8192
_WHITESPACE = re.compile(r"\s")
# Clocks drift and people type the minute they see; only a clearly future time is a mistake.
_FUTURE_SLACK = timedelta(minutes=10)
# Ideographic and full-width full stops, which Korean and Japanese input methods type for ".".
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# Scripts a host label may be shown in without risk of passing for another name (see the module docstring).
_READABLE_SCRIPTS = ("HANGUL", "CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
# What may stand unescaped in a path, query or fragment (RFC 3986 pchar and friends, minus "%").
_URL_SAFE = _UNRESERVED | frozenset("!$&'()*+,;=:@/?")
_HEX = frozenset(string.hexdigits)


# --- platforms (hosts and aliases from resources/recipients.json, via core.letters.recipients) -----


@cache
def _host_table() -> dict[str, str]:
    """Registrable domain (the host or any parent of it) -> platform id."""
    return {host: r.id for r in recipients() for host in r.hosts}


@cache
def _alias_table() -> dict[str, str]:
    """What people call a platform -> its id."""
    return {alias: r.id for r in recipients() for alias in r.aliases}


# --- addresses ------------------------------------------------------------------------------------


def normalize_url(raw: str) -> str:
    """A clean absolute http(s) URL, or InvalidUrl. 't.me/room' is taken to mean https://t.me/room.

    Refused: spaces, control characters and invisible formatting characters (bidi overrides and isolates,
    zero-width characters), which make an address differ from how it looks. The scheme is lower-cased and
    the host put in its canonical form (lower case; IDN as described in the module docstring); the rest is
    kept as typed.
    """
    text = raw.strip()
    if not text or len(text) > _MAX_URL or _WHITESPACE.search(text):
        raise InvalidUrl(url=_shorten(text))
    if any(is_hidden_control(c) or unicodedata.category(c) == "Cf" for c in text):
        raise UrlHiddenCharacters(url=_shorten(text))
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").translate(_DOTS)
        port = parts.port
    except ValueError:
        raise InvalidUrl(url=_shorten(raw.strip())) from None
    if parts.scheme.lower() not in ("http", "https") or not _plausible_host(host):
        raise InvalidUrl(url=_shorten(raw.strip()))
    labels = [_shown_label(label, raw) for label in host.split(".")]
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (userinfo.lower() + "@" if userinfo else "") + ".".join(labels)
    if port is not None:
        netloc += f":{port}"
    clean = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    # What is stored must read back as the same host: a mapped label must not turn into URL syntax (IDNA
    # 2003 maps a fullwidth "］" to "]", and "https://]..." is then an invalid IPv6 address to every reader).
    try:
        again = urlsplit(clean)
        same = again.hostname == ".".join(labels).lower() and again.port == port
    except ValueError:
        same = False
    if not same:
        raise InvalidUrl(url=_shorten(raw.strip()))
    return clean


def url_key(url: str) -> str:
    """The form two addresses share when they lead to the same place; for spotting duplicates only.

    Beyond `normalize_url`: the host in ASCII (punycode) without a trailing dot; http and https count as
    the same (the same material, whichever way it was reached); a default port (80 for http, 443 for https)
    is dropped; an empty path is "/" (only that: "/a/" and "/a" can be different pages, so they stay
    apart); percent-escapes are normalised both ways (Unicode paths encoded as UTF-8, escapes of plain
    letters decoded, hex in upper case), so "/한글" and "/%ED%95%9C%EA%B8%80" are one; an empty query or
    fragment is dropped. A non-empty fragment is KEPT: single-page sites put the content in it
    (web.telegram.org/k/#@room, old twitter.com/#!/user), so two fragments can be two different rooms.
    Raises InvalidUrl like `normalize_url` for what is not an address.
    """
    parts = urlsplit(normalize_url(url))
    host = ".".join(_ascii_label(label, url) for label in (parts.hostname or "").rstrip(".").split("."))
    port = parts.port
    netloc = parts.netloc.rpartition("@")[0]
    netloc = (netloc + "@" if netloc else "") + host
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        netloc += f":{port}"
    key = f"https://{netloc}{_escapes(parts.path) or '/'}"
    if parts.query:
        key += "?" + _escapes(parts.query)
    if parts.fragment:
        key += "#" + _escapes(parts.fragment)
    return key


def _ascii_label(label: str, raw: str) -> str:
    """One host label in ASCII: lower case, IDN as punycode (UTS #46 mapping, as browsers do)."""
    if label.isascii() and not label.startswith("xn--"):
        return label.lower()
    if label.startswith("xn--"):
        try:
            return idna.alabel(idna.ulabel(label)).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            return label  # not valid punycode: kept exactly as the person saw it
    try:
        mapped = idna.uts46_remap(label, std3_rules=False, transitional=False)
        return idna.alabel(mapped).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        pass
    try:
        # IDNA 2003, which browsers still accept for symbols such as emoji that IDNA 2008 refuses.
        return label.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidUrl(url=_shorten(raw.strip())) from None


def _shown_label(label: str, raw: str) -> str:
    """One host label as stored: Unicode when it reads safely, punycode otherwise (see module docstring)."""
    ascii_label = _ascii_label(label, raw)
    if not ascii_label.startswith("xn--"):
        return ascii_label
    try:
        unicode_label = idna.ulabel(ascii_label)
    except (idna.IDNAError, UnicodeError):
        return ascii_label
    readable = all(
        (c.isascii() and (c.isalnum() or c == "-")) or unicodedata.name(c, "").startswith(_READABLE_SCRIPTS)
        for c in unicode_label
    )
    return unicode_label if readable else ascii_label


def _escapes(part: str) -> str:
    """`part` with percent-escapes in one form: needed ones upper-case, needless ones decoded."""
    text = unicodedata.normalize("NFC", part)
    out: list[str] = []
    i = 0
    while i < len(text):
        c, pair = text[i], text[i + 1 : i + 3]
        if c == "%" and len(pair) == 2 and set(pair) <= _HEX:
            value = int(pair, 16)
            out.append(chr(value) if chr(value) in _UNRESERVED else f"%{value:02X}")
            i += 3
            continue
        if c in _URL_SAFE:
            out.append(c)
        else:
            out.extend(f"%{b:02X}" for b in c.encode("utf-8", errors="surrogatepass"))
        i += 1
    return "".join(out)


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
    hosts = _host_table()
    for i in range(len(labels) - 1):
        found = hosts.get(".".join(labels[i:]))
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
    name = _alias_table().get(name, name)
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
    """`text` fit for an error message: cut to `limit`, invisible formatting characters shown as escapes
    (the message's own formatting makes controls and bidi characters visible)."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf" else c for c in short)
