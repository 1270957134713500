"""The directory of support organisations (resources/referrals.json), checked as it is loaded.

A wrong number in a crisis is a harm, so the directory is data with its provenance, not text in code:
every fact (each phone, web address, other contact, opening hours) carries the `source` it was read in and
the date it was read (`verified_on`), and `verified: false` where the source itself says it is not
confirmed. Loading refuses a directory in which any entry or fact lacks these, names an unknown need or
region, or repeats an id, so a careless edit cannot ship. Everything that shows a fact (the CLI list, JSON,
letters, the guide) asks the fact whether it is verified and says so when it is not.

Regions form a small tree (`KR` holds `KR-nationwide` and `KR-local`); filtering by a region matches it and
everything under it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from victim_desk.errors import DirectoryInvalid, UnknownNeed, UnknownOrganisation, UnknownRegion
from victim_desk.i18n import Lang, t
from victim_desk.resources_path import resource

NEEDS: tuple[str, ...] = ("counseling", "legal", "deletion", "police", "medical", "youth", "shelter")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")  # ISO 8601 date, or month when the source gives no day
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CONTACT_KINDS = ("kakaotalk", "text", "email")


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read, when, and whether its source calls it confirmed."""

    source: str
    verified_on: str
    verified: bool

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "verified_on": self.verified_on, "verified": self.verified}


@dataclass(frozen=True)
class Phone:
    number: str
    note: Mapping[str, str] | None
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "note": dict(self.note) if self.note else None,
                **self.provenance.to_json()}  # fmt: skip


@dataclass(frozen=True)
class WebAddress:
    address: str
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        return {"address": self.address, **self.provenance.to_json()}


@dataclass(frozen=True)
class Contact:
    """Another way in: KakaoTalk, a text message, e-mail."""

    kind: str
    value: str
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, **self.provenance.to_json()}


@dataclass(frozen=True)
class Hours:
    """Opening hours; `text` None means the source does not know them."""

    text: Mapping[str, str] | None
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        return {"text": dict(self.text) if self.text else None, **self.provenance.to_json()}


@dataclass(frozen=True)
class Organisation:
    id: str
    names: Mapping[str, str]
    region: str
    needs: tuple[str, ...]
    helps: Mapping[str, str]
    provenance: Provenance
    phones: tuple[Phone, ...] = ()
    web: tuple[WebAddress, ...] = ()
    contacts: tuple[Contact, ...] = ()
    hours: Hours | None = None
    notes: Mapping[str, str] | None = None

    def name(self, lang: Lang) -> str:
        return self.names[lang]

    @property
    def facts(self) -> list[Provenance]:
        found = [self.provenance, *(p.provenance for p in self.phones), *(w.provenance for w in self.web)]
        found.extend(c.provenance for c in self.contacts)
        if self.hours is not None:
            found.append(self.hours.provenance)
        return found

    @property
    def verified(self) -> bool:
        """Whether every fact of the entry is confirmed by its source (and its hours are known)."""
        hours_known = self.hours is None or self.hours.text is not None
        return hours_known and all(p.verified for p in self.facts)

    def to_json(self) -> dict[str, Any]:
        """The `referral list --json` row: the ORG id, names, phones, needs and provenance of each fact."""
        return {
            "id": self.id,
            "names": dict(self.names),
            "region": self.region,
            "needs": list(self.needs),
            "helps": dict(self.helps),
            "phones": [p.to_json() for p in self.phones],
            "web": [w.to_json() for w in self.web],
            "contacts": [c.to_json() for c in self.contacts],
            "hours": self.hours.to_json() if self.hours else None,
            "notes": dict(self.notes) if self.notes else None,
            **self.provenance.to_json(),
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Directory:
    organisations: tuple[Organisation, ...]
    needs: Mapping[str, Mapping[str, str]]  # id -> {"ko": ..., "en": ...}
    regions: Mapping[str, Mapping[str, Any]]  # id -> {"ko", "en", "parent"}
    sources: Mapping[str, Mapping[str, str]]  # id -> {"title", "read"}
    _by_id: Mapping[str, Organisation] = field(default_factory=dict, repr=False)

    def get(self, org_id: str) -> Organisation:
        org = self._by_id.get(org_id.strip().lower())
        if org is None:
            raise UnknownOrganisation(org=org_id, known=", ".join(o.id for o in self.organisations))
        return org

    def filter(self, need: str | None = None, region: str | None = None) -> list[Organisation]:
        """Organisations that help with `need` in `region` (a region matches itself and the regions under
        it), in directory order: Korea first, then international."""
        if need is not None and need not in self.needs:
            raise UnknownNeed(need=need, known=", ".join(self.needs))
        if region is not None:
            region = self._region_id(region)
        return [
            org
            for org in self.organisations
            if (need is None or need in org.needs) and (region is None or self._within(org.region, region))
        ]

    def need_label(self, need: str, lang: Lang) -> str:
        return self.needs[need][lang]

    def region_label(self, region: str, lang: Lang) -> str:
        return str(self.regions[region][lang])

    def source_title(self, source: str) -> str:
        return self.sources[source]["title"]

    def _region_id(self, text: str) -> str:
        for region in self.regions:
            if region.lower() == text.strip().lower():
                return region
        raise UnknownRegion(region=text, known=", ".join(self.regions))

    def _within(self, region: str | None, ancestor: str) -> bool:
        while region is not None:
            if region == ancestor:
                return True
            region = self.regions[region].get("parent")
        return False


def unverified_mark(lang: Lang) -> str:
    """What follows a fact its source does not confirm, wherever it is shown."""
    return t("referral.unverified_mark", lang)


def hours_text(hours: Hours | None, lang: Lang) -> str | None:
    """The hours as a person reads them, marked when not confirmed; None when the entry has none."""
    if hours is None:
        return None
    if hours.text is None:
        return t("referral.hours_unknown", lang)
    text = hours.text[lang]
    return text if hours.provenance.verified else f"{text} {unverified_mark(lang)}"


def fact_text(value: str, provenance: Provenance, lang: Lang) -> str:
    return value if provenance.verified else f"{value} {unverified_mark(lang)}"


def phone_text(phone: Phone, lang: Lang) -> str:
    text = phone.number + (f" ({phone.note[lang]})" if phone.note else "")
    return fact_text(text, phone.provenance, lang)


# --- loading and checking -------------------------------------------------------------------------


@cache
def load_directory() -> Directory:
    """The shipped directory, checked (DirectoryInvalid names the first problem)."""
    text = resource("referrals.json").read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DirectoryInvalid(reason=f"not JSON: {exc}") from None
    return parse_directory(data)


def parse_directory(data: Any) -> Directory:
    """Check and build a directory from its JSON form; every entry and fact must carry its provenance."""
    if not isinstance(data, dict):
        raise DirectoryInvalid(reason="the top level is not an object")
    needs = _mapping(data, "needs", "directory")
    if set(needs) != set(NEEDS):
        raise DirectoryInvalid(reason=f"the needs must be exactly {', '.join(NEEDS)}")
    regions = _mapping(data, "regions", "directory")
    for region, entry in regions.items():
        _names(entry, f"region {region}")
        parent = entry.get("parent")
        if parent is not None and parent not in regions:
            raise DirectoryInvalid(reason=f"region {region}: unknown parent {parent}")
    sources = _mapping(data, "sources", "directory")
    for source, entry in sources.items():
        if not isinstance(entry, dict) or not str(entry.get("title") or "").strip():
            raise DirectoryInvalid(reason=f"source {source} has no title")
    raw = data.get("organisations")
    if not isinstance(raw, list) or not raw:
        raise DirectoryInvalid(reason="no organisations")
    orgs: dict[str, Organisation] = {}
    for index, item in enumerate(raw):
        org = _organisation(item, index, needs, regions, sources)
        if org.id in orgs:
            raise DirectoryInvalid(reason=f"the id {org.id} is used twice")
        orgs[org.id] = org
    return Directory(tuple(orgs.values()), needs, regions, sources, orgs)


def _mapping(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise DirectoryInvalid(reason=f"{where}: {key} is missing")
    return value


def _names(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or any(not str(value.get(lang) or "").strip() for lang in ("ko", "en")):
        raise DirectoryInvalid(reason=f"{where}: needs Korean and English text")
    return {"ko": str(value["ko"]), "en": str(value["en"])}


def _provenance(item: Any, where: str, sources: Mapping[str, Any]) -> Provenance:
    if not isinstance(item, dict):
        raise DirectoryInvalid(reason=f"{where}: not an object")
    source, verified_on, verified = item.get("source"), item.get("verified_on"), item.get("verified")
    if not isinstance(source, str) or not source.strip():
        raise DirectoryInvalid(reason=f"{where}: no source")
    if source not in sources:
        raise DirectoryInvalid(reason=f"{where}: unknown source {source}")
    if not isinstance(verified_on, str) or not _DATE.match(verified_on):
        raise DirectoryInvalid(reason=f"{where}: no verified_on date")
    if not isinstance(verified, bool):
        raise DirectoryInvalid(reason=f"{where}: verified must be true or false")
    return Provenance(source, verified_on, verified)


def _organisation(
    item: Any,
    index: int,
    needs: Mapping[str, Any],
    regions: Mapping[str, Any],
    sources: Mapping[str, Any],
) -> Organisation:
    where = f"organisation {index + 1}"
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not _ID.match(item["id"]):
        raise DirectoryInvalid(reason=f"{where}: no valid id")
    org_id = item["id"]
    where = f"organisation {org_id}"
    provenance = _provenance(item, where, sources)
    if item.get("region") not in regions:
        raise DirectoryInvalid(reason=f"{where}: unknown region {item.get('region')}")
    org_needs = item.get("needs")
    if not isinstance(org_needs, list) or not org_needs or any(n not in needs for n in org_needs):
        raise DirectoryInvalid(reason=f"{where}: needs must be some of {', '.join(needs)}")
    phones = []
    for i, p in enumerate(_list(item, "phones", where)):
        fact = f"{where}: phone {i + 1}"
        number = p.get("number") if isinstance(p, dict) else None
        if not isinstance(number, str) or not re.fullmatch(r"[0-9][0-9 \-]*[0-9]", number):
            raise DirectoryInvalid(reason=f"{fact}: no valid number")
        note = _names(p["note"], fact) if p.get("note") is not None else None
        phones.append(Phone(number, note, _provenance(p, fact, sources)))
    web = []
    for i, w in enumerate(_list(item, "web", where)):
        fact = f"{where}: web {i + 1}"
        address = w.get("address") if isinstance(w, dict) else None
        if not isinstance(address, str) or not address.strip() or any(c.isspace() for c in address):
            raise DirectoryInvalid(reason=f"{fact}: no valid address")
        web.append(WebAddress(address, _provenance(w, fact, sources)))
    contacts = []
    for i, c in enumerate(_list(item, "contacts", where)):
        fact = f"{where}: contact {i + 1}"
        if not isinstance(c, dict) or c.get("kind") not in _CONTACT_KINDS or not str(c.get("value") or ""):
            raise DirectoryInvalid(reason=f"{fact}: needs a kind ({', '.join(_CONTACT_KINDS)}) and value")
        contacts.append(Contact(c["kind"], str(c["value"]), _provenance(c, fact, sources)))
    hours = None
    if item.get("hours") is not None:
        raw = item["hours"]
        has_text = isinstance(raw, dict) and raw.get("text")
        text = _names(raw.get("text"), f"{where}: hours") if has_text else None
        hours = Hours(text, _provenance(raw, f"{where}: hours", sources))
    return Organisation(
        id=org_id,
        names=_names(item.get("names"), where),
        region=item["region"],
        needs=tuple(org_needs),
        helps=_names(item.get("helps"), f"{where}: helps"),
        provenance=provenance,
        phones=tuple(phones),
        web=tuple(web),
        contacts=tuple(contacts),
        hours=hours,
        notes=_names(item["notes"], f"{where}: notes") if item.get("notes") is not None else None,
    )


def _list(item: Mapping[str, Any], key: str, where: str) -> Sequence[Any]:
    value = item.get(key, [])
    if not isinstance(value, list):
        raise DirectoryInvalid(reason=f"{where}: {key} must be a list")
    return value
