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
# A place in the file, as steps from the top: (("organisation", "women1366"), ("phone", 2)); DirectoryInvalid
# renders each step in the message's language.
Where = tuple[tuple[str, object], ...]


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
    return read_directory(resource("referrals.json").read_bytes())


def read_directory(raw: bytes) -> Directory:
    """Check and build a directory from the bytes of its file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DirectoryInvalid(problem="not_utf8", offset=exc.start) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DirectoryInvalid(problem="not_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise DirectoryInvalid(problem="too_deep") from None
    return parse_directory(data)


def parse_directory(data: Any) -> Directory:
    """Check and build a directory from its JSON form; every entry and fact must carry its provenance."""
    if not isinstance(data, dict):
        raise DirectoryInvalid(problem="top_not_object")
    needs = _mapping(data, "needs", ())
    if set(needs) != set(NEEDS):
        raise DirectoryInvalid(problem="needs_exactly", needs=", ".join(NEEDS))
    regions = _mapping(data, "regions", ())
    for region, entry in regions.items():
        _names(entry, (("region", region),))
        parent = entry.get("parent")
        if parent is not None and parent not in regions:
            raise DirectoryInvalid(problem="unknown_parent", where=(("region", region),), parent=parent)
    sources = _mapping(data, "sources", ())
    for source, entry in sources.items():
        if not isinstance(entry, dict) or not str(entry.get("title") or "").strip():
            raise DirectoryInvalid(problem="no_title", where=(("source", source),))
    raw = data.get("organisations")
    if not isinstance(raw, list) or not raw:
        raise DirectoryInvalid(problem="no_organisations")
    orgs: dict[str, Organisation] = {}
    for index, item in enumerate(raw):
        org = _organisation(item, index, needs, regions, sources)
        if org.id in orgs:
            raise DirectoryInvalid(problem="id_twice", id=org.id)
        orgs[org.id] = org
    return Directory(tuple(orgs.values()), needs, regions, sources, orgs)


def _mapping(data: Mapping[str, Any], key: str, where: Where) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise DirectoryInvalid(problem="missing", where=where, field=key)
    return value


def _names(value: Any, where: Where) -> dict[str, str]:
    if not isinstance(value, dict) or any(not str(value.get(lang) or "").strip() for lang in ("ko", "en")):
        raise DirectoryInvalid(problem="needs_both_languages", where=where)
    return {"ko": str(value["ko"]), "en": str(value["en"])}


def _provenance(item: Any, where: Where, sources: Mapping[str, Any]) -> Provenance:
    if not isinstance(item, dict):
        raise DirectoryInvalid(problem="not_object", where=where)
    source, verified_on, verified = item.get("source"), item.get("verified_on"), item.get("verified")
    if not isinstance(source, str) or not source.strip():
        raise DirectoryInvalid(problem="no_source", where=where)
    if source not in sources:
        raise DirectoryInvalid(problem="unknown_source", where=where, source=source)
    if not isinstance(verified_on, str) or not _DATE.match(verified_on):
        raise DirectoryInvalid(problem="no_verified_on", where=where)
    if not isinstance(verified, bool):
        raise DirectoryInvalid(problem="verified_not_bool", where=where)
    return Provenance(source, verified_on, verified)


def _organisation(
    item: Any,
    index: int,
    needs: Mapping[str, Any],
    regions: Mapping[str, Any],
    sources: Mapping[str, Any],
) -> Organisation:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not _ID.match(item["id"]):
        raise DirectoryInvalid(problem="no_id", where=(("organisation_number", index + 1),))
    org_id = item["id"]
    where: Where = (("organisation", org_id),)
    provenance = _provenance(item, where, sources)
    if item.get("region") not in regions:
        raise DirectoryInvalid(problem="unknown_region", where=where, region=str(item.get("region")))
    org_needs = item.get("needs")
    if not isinstance(org_needs, list) or not org_needs or any(n not in needs for n in org_needs):
        raise DirectoryInvalid(problem="needs_some_of", where=where, needs=", ".join(needs))
    phones = []
    for i, p in enumerate(_list(item, "phones", where)):
        fact = (*where, ("phone", i + 1))
        number = p.get("number") if isinstance(p, dict) else None
        if not isinstance(number, str) or not re.fullmatch(r"[0-9][0-9 \-]*[0-9]", number):
            raise DirectoryInvalid(problem="bad_number", where=fact)
        note = _names(p["note"], (*fact, ("note", ""))) if p.get("note") is not None else None
        phones.append(Phone(number, note, _provenance(p, fact, sources)))
    web = []
    for i, w in enumerate(_list(item, "web", where)):
        fact = (*where, ("web", i + 1))
        address = w.get("address") if isinstance(w, dict) else None
        if not isinstance(address, str) or not address.strip() or any(c.isspace() for c in address):
            raise DirectoryInvalid(problem="bad_address", where=fact)
        web.append(WebAddress(address, _provenance(w, fact, sources)))
    contacts = []
    for i, c in enumerate(_list(item, "contacts", where)):
        fact = (*where, ("contact", i + 1))
        if not isinstance(c, dict) or c.get("kind") not in _CONTACT_KINDS or not str(c.get("value") or ""):
            raise DirectoryInvalid(problem="bad_contact", where=fact, kinds=", ".join(_CONTACT_KINDS))
        contacts.append(Contact(c["kind"], str(c["value"]), _provenance(c, fact, sources)))
    hours = None
    if item.get("hours") is not None:
        raw = item["hours"]
        has_text = isinstance(raw, dict) and raw.get("text")
        text = _names(raw.get("text"), (*where, ("hours", ""))) if has_text else None
        hours = Hours(text, _provenance(raw, (*where, ("hours", "")), sources))
    return Organisation(
        id=org_id,
        names=_names(item.get("names"), where),
        region=item["region"],
        needs=tuple(org_needs),
        helps=_names(item.get("helps"), (*where, ("helps", ""))),
        provenance=provenance,
        phones=tuple(phones),
        web=tuple(web),
        contacts=tuple(contacts),
        hours=hours,
        notes=_names(item["notes"], (*where, ("notes", ""))) if item.get("notes") is not None else None,
    )


def _list(item: Mapping[str, Any], key: str, where: Where) -> Sequence[Any]:
    value = item.get(key, [])
    if not isinstance(value, list):
        raise DirectoryInvalid(problem="not_list", where=where, field=key)
    return value
