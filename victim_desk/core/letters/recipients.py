"""Who a deletion request can go to: platforms and regulators, read from resources/recipients.json.

The same file is the single source of which hosts belong to which platform (`core.sightings` guesses a
sighting's platform from it) and of each recipient's reporting channels and the jurisdictions it answers
to. Every channel and jurisdiction carries its `source` and `verified_on`; a channel FACTS.md does not
verify is kept only with `verified: false`, so no screen or letter can present it as checked. Keys this
module does not know (for example `removal_check`, used by re-checks) are passed through in `extra`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from victim_desk.errors import JurisdictionNotAnswered, UnknownRecipient
from victim_desk.resources_path import resource

# The recipient ids are a fixed contract (DESIGN.md); resources/recipients.json must list exactly these.
RECIPIENT_IDS: tuple[str, ...] = (
    "telegram", "google", "meta", "x", "naver", "kakao", "daum", "discord", "reddit", "kcsc", "generic",
)  # fmt: skip
PLATFORMS: tuple[str, ...] = (*RECIPIENT_IDS, "web")
JURISDICTIONS: tuple[str, ...] = ("KR", "US", "EU", "UK")
CHANNEL_KINDS: tuple[str, ...] = ("web_form", "email", "in_app", "phone", "post", "hash_sharing")
_KNOWN_KEYS = frozenset({"id", "names", "hosts", "aliases", "time_zone", "jurisdictions", "channels"})


@dataclass(frozen=True)
class Fact:
    """Where a fact was read and when."""

    source: str | None
    verified_on: str | None


@dataclass(frozen=True)
class Channel:
    """One way to reach a recipient. `address` is a URL, an e-mail address or a phone number, or None
    when the sources name the channel but not its address (an in-app button, a form found by name)."""

    kind: str
    names: dict[str, str]
    address: str | None
    verified: bool
    fact: Fact
    jurisdictions: tuple[str, ...] = ()  # empty: any of the recipient's jurisdictions

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def serves(self, jurisdiction: str) -> bool:
        return not self.jurisdictions or jurisdiction in self.jurisdictions

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.names,
            "address": self.address,
            "verified": self.verified,
            "jurisdictions": list(self.jurisdictions),
            "source": self.fact.source,
            "verified_on": self.fact.verified_on,
        }


@dataclass(frozen=True)
class Recipient:
    id: str
    names: dict[str, str]
    hosts: tuple[str, ...]
    aliases: tuple[str, ...]
    time_zone: str = "UTC"
    jurisdictions: dict[str, Fact] = field(default_factory=dict)
    channels: tuple[Channel, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def require_jurisdiction(self, jurisdiction: str) -> None:
        if jurisdiction not in self.jurisdictions:
            raise JurisdictionNotAnswered(
                recipient=self.id, jurisdiction=jurisdiction, answers=", ".join(self.jurisdictions)
            )

    def channels_for(self, jurisdiction: str) -> tuple[Channel, ...]:
        """Channels usable under `jurisdiction`, verified ones first (the file's order otherwise)."""
        usable = [c for c in self.channels if c.serves(jurisdiction)]
        return tuple(sorted(usable, key=lambda c: not c.verified))

    def email(self, jurisdiction: str) -> Channel | None:
        """The e-mail channel for `jurisdiction`, verified or not (the caller says which it is)."""
        return next((c for c in self.channels_for(jurisdiction) if c.kind == "email"), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": self.names,
            "time_zone": self.time_zone,
            "jurisdictions": {
                j: {"source": f.source, "verified_on": f.verified_on} for j, f in self.jurisdictions.items()
            },
            "channels": [c.to_json() for c in self.channels],
        }


class RecipientsFileInvalid(ValueError):
    """The shipped recipients.json breaks its own rules: a bug in the data, caught by the tests."""


def _fact(row: Mapping[str, Any], where: str, *, required: bool) -> Fact:
    source, verified_on = row.get("source"), row.get("verified_on")
    if required and not (isinstance(source, str) and source and isinstance(verified_on, str) and verified_on):
        raise RecipientsFileInvalid(f"{where}: needs source and verified_on")
    return Fact(
        source if isinstance(source, str) else None, verified_on if isinstance(verified_on, str) else None
    )


def _names(row: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    names = row.get(key)
    if not isinstance(names, dict) or not all(
        isinstance(names.get(k), str) and names[k] for k in ("ko", "en")
    ):
        raise RecipientsFileInvalid(f"{where} needs {key} in ko and en")
    return dict(names)


def _channel(row: Any, rid: str, answers: Mapping[str, Fact]) -> Channel:
    where = f"recipient {rid!r} channel"
    if not isinstance(row, dict) or row.get("kind") not in CHANNEL_KINDS:
        raise RecipientsFileInvalid(f"{where}: kind must be one of {', '.join(CHANNEL_KINDS)}")
    verified = row.get("verified")
    if not isinstance(verified, bool):
        raise RecipientsFileInvalid(f"{where}: verified must be true or false")
    address = row.get("address")
    if address is not None and (not isinstance(address, str) or not address.strip()):
        raise RecipientsFileInvalid(f"{where}: address must be text or absent")
    if row["kind"] == "email" and (not address or "@" not in address):
        raise RecipientsFileInvalid(f"{where}: an e-mail channel needs an address")
    if row["kind"] in ("web_form", "hash_sharing") and address and not address.startswith("https://"):
        raise RecipientsFileInvalid(f"{where}: a form address must be https")
    scope = row.get("jurisdictions", [])
    if not isinstance(scope, list) or any(j not in answers for j in scope):
        raise RecipientsFileInvalid(f"{where}: jurisdictions must be ones the recipient answers to")
    return Channel(
        kind=row["kind"],
        names=_names(row, "name", where),
        address=address,
        verified=verified,
        fact=_fact(row, where, required=verified),
        jurisdictions=tuple(scope),
    )


def validate_recipients(data: Any) -> tuple[Recipient, ...]:
    """The recipients in `data` (recipients.json, parsed), or RecipientsFileInvalid naming the problem:
    an unknown, missing or repeated id, a name missing in a language, a host or alias claimed twice, a
    jurisdiction or verified channel without its source, an unknown time zone."""
    rows = data.get("recipients") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise RecipientsFileInvalid("no 'recipients' list")
    found: list[Recipient] = []
    host_owner: dict[str, str] = {}
    alias_owner: dict[str, str] = {}
    for row in rows:
        rid = row.get("id") if isinstance(row, dict) else None
        if rid not in RECIPIENT_IDS:
            raise RecipientsFileInvalid(f"unknown recipient id {rid!r}")
        if any(r.id == rid for r in found):
            raise RecipientsFileInvalid(f"recipient {rid!r} appears twice")
        names = _names(row, "names", f"recipient {rid!r}")
        hosts, aliases = row.get("hosts", []), row.get("aliases", [])
        if not isinstance(hosts, list) or not isinstance(aliases, list):
            raise RecipientsFileInvalid(f"recipient {rid!r}: hosts and aliases are lists")
        for host in hosts:
            if (
                not isinstance(host, str)
                or host != host.lower().strip()
                or "." not in host
                or not host.isascii()
            ):
                raise RecipientsFileInvalid(f"recipient {rid!r}: host {host!r} is not a lower-case domain")
            if host in host_owner:
                raise RecipientsFileInvalid(f"host {host!r} appears twice ({host_owner[host]}, {rid})")
            host_owner[host] = rid
        for alias in aliases:
            if not isinstance(alias, str) or alias != alias.strip().lower() or alias in PLATFORMS:
                raise RecipientsFileInvalid(f"recipient {rid!r}: bad alias {alias!r}")
            if alias in alias_owner:
                raise RecipientsFileInvalid(f"alias {alias!r} appears twice ({alias_owner[alias]}, {rid})")
            alias_owner[alias] = rid
        zone = row.get("time_zone", "UTC")
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise RecipientsFileInvalid(f"recipient {rid!r}: unknown time zone {zone!r}") from None
        answers_rows = row.get("jurisdictions", {})
        if not isinstance(answers_rows, dict) or any(j not in JURISDICTIONS for j in answers_rows):
            raise RecipientsFileInvalid(f"recipient {rid!r}: jurisdictions must be among {JURISDICTIONS}")
        answers = {
            j: _fact(fact, f"recipient {rid!r} jurisdiction {j}", required=True)
            for j, fact in answers_rows.items()
        }
        channel_rows = row.get("channels", [])
        if not isinstance(channel_rows, list):
            raise RecipientsFileInvalid(f"recipient {rid!r}: channels is a list")
        channels = tuple(_channel(c, rid, answers) for c in channel_rows)
        extra = {k: v for k, v in row.items() if k not in _KNOWN_KEYS}
        found.append(Recipient(rid, names, tuple(hosts), tuple(aliases), zone, answers, channels, extra))
    missing = [rid for rid in RECIPIENT_IDS if not any(r.id == rid for r in found)]
    if missing:
        raise RecipientsFileInvalid(f"missing recipients: {', '.join(missing)}")
    return tuple(found)


@cache
def recipients() -> tuple[Recipient, ...]:
    """The shipped recipients, read once and checked (works from an installed wheel too)."""
    text = resource("recipients.json").read_text(encoding="utf-8")
    return validate_recipients(json.loads(text))


def get_recipient(rid: str) -> Recipient:
    """The recipient with id `rid` (case-insensitive), or UnknownRecipient listing the known ids."""
    wanted = rid.strip().lower()
    for r in recipients():
        if r.id == wanted:
            return r
    raise UnknownRecipient(recipient=rid.strip(), known=", ".join(RECIPIENT_IDS))


def recipient_for_platform(platform: str) -> Recipient:
    """Where a sighting on `platform` is reported: the platform itself, or the generic operator for `web`."""
    return get_recipient("generic" if platform == "web" else platform)
