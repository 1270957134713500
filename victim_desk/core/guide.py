"""The "what you can do now" guide: calm text from resources/guide.json, numbers from the directory.

The guide's words are data (so they can be reviewed and translated without touching code) and hold no
phone number, address or opening time of their own: placeholders such as {phone:women1366} are filled
from the directory, with the directory's "unconfirmed" mark where it has one. A placeholder naming an
organisation or fact the directory lacks is refused (GuideInvalid), so the guide can never print a number
the directory does not vouch for.
"""

from __future__ import annotations

import json
import re
from typing import Any

from victim_desk.core.blocks import Bullets, Document, Heading, Para
from victim_desk.core.referrals import Directory, fact_text, hours_text, phone_text
from victim_desk.errors import DeskError, GuideInvalid
from victim_desk.i18n import Lang, t
from victim_desk.resources_path import resource

_PLACEHOLDER = re.compile(r"\{([a-z]+):([a-z0-9_]+)(?::([a-z0-9]+))?\}")
_STRAY = re.compile(r"\{[^{}\s]{0,40}\}?|\}")


def guide_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("guide.json").read_text(encoding="utf-8"))
    return data


def fill(text: str, lang: Lang, directory: Directory) -> str:
    """`text` with each {kind:ORG[:arg]} replaced by the directory's fact, marked when unconfirmed."""

    def one(match: re.Match[str]) -> str:
        kind, org_id, arg = match.group(1), match.group(2), match.group(3)
        try:
            org = directory.get(org_id)
        except DeskError:
            raise GuideInvalid(problem="unknown_organisation", placeholder=match.group(0)) from None
        if kind == "name":
            return org.name(lang)
        if kind in ("phone", "number"):
            index = int(arg) - 1 if arg and arg.isdigit() else 0
            if not 0 <= index < len(org.phones):
                raise GuideInvalid(problem="no_such_phone", placeholder=match.group(0))
            phone = org.phones[index]
            if kind == "number":  # the number alone, where the sentence already says what it is for
                return fact_text(phone.number, phone.provenance, lang)
            return phone_text(phone, lang)
        if kind == "phones" and org.phones:
            return ", ".join(phone_text(p, lang) for p in org.phones)
        if kind == "web" and org.web:
            return ", ".join(fact_text(w.address, w.provenance, lang) for w in org.web)
        if kind == "hours" and org.hours is not None:
            return hours_text(org.hours, lang) or ""
        if kind == "contact":
            for contact in org.contacts:
                if contact.kind == arg:
                    return fact_text(contact.value, contact.provenance, lang)
        raise GuideInvalid(problem="nothing_for", placeholder=match.group(0))

    filled = _PLACEHOLDER.sub(one, text)
    if "{" in filled or "}" in filled:
        # Only the placeholder itself: the sentence around it may be in the other language.
        stray = _STRAY.search(filled)
        raise GuideInvalid(problem="placeholder_not_understood", placeholder=stray.group(0) if stray else "{")
    return filled


def compose_guide(lang: Lang, directory: Directory, data: dict[str, Any] | None = None) -> Document:
    content = (data or guide_data()).get(lang)
    if not isinstance(content, dict):
        raise GuideInvalid(problem="no_text", lang=lang)
    doc = Document(title=content["title"], footer=t("guide.footer", lang), lang=lang)
    for paragraph in content.get("intro", []):
        doc.add(Para(fill(paragraph, lang, directory)))
    for section in content.get("sections", []):
        doc.add(Heading(section["heading"]))
        for paragraph in section.get("paragraphs", []):
            doc.add(Para(fill(paragraph, lang, directory)))
        if section.get("bullets"):
            doc.add(Bullets(tuple(fill(item, lang, directory) for item in section["bullets"])))
    if content.get("closing"):
        doc.add(Para(fill(content["closing"], lang, directory), small=True))
    return doc
