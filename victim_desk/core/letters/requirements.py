"""What a valid request must contain under each law, checked before any letter is made.

Every jurisdiction lists its elements in resources/letters/jurisdictions.json (FACTS.md, "What a deletion
request must contain"): the US TAKE IT DOWN Act's four (signature, identification and location, good-faith
statement, contact), the EU DSA Art. 16(2)'s four (explanation, exact URLs, name and e-mail, good-faith
statement), Korea's 정보통신망법 제44조의2 substantiation plus the fields of the 전기통신사업법 제22조의5
신고·삭제요청서, and for the UK (no statutory form) what lets a platform act. Each element here is a check
over the letter's inputs; statements the app writes itself are checked against the templates, so a
missing translation refuses the letter instead of producing one without its statement. `missing()`
returns every absent element at once, so a person fixes them in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from victim_desk.core.letters.compose import LetterInput


def _has_name(i: LetterInput) -> bool:
    return bool(i.requester and i.requester.name.strip())


def _has_email(i: LetterInput) -> bool:
    return bool(i.requester and i.requester.email and "@" in i.requester.email)


def _has_contact(i: LetterInput) -> bool:
    return _has_email(i) or bool(i.requester and (i.requester.phone or "").strip())


def _has_authority(i: LetterInput) -> bool:
    return i.voice == "self" or bool((i.authority or "").strip())


def _has_urls(i: LetterInput) -> bool:
    return len(i.addresses) > 0 and all(a.url for a in i.addresses)


def _template(*keys: str) -> Callable[[LetterInput, Mapping[str, str]], bool]:
    def check(_: LetterInput, parts: Mapping[str, str]) -> bool:
        return all(parts.get(k, "").strip() for k in keys)

    return check


def _data(test: Callable[[LetterInput], bool]) -> Callable[[LetterInput, Mapping[str, str]], bool]:
    return lambda i, _parts: test(i)


# element id -> check(letter input, the language's template parts). Message keys `letter.element.<id>`
# name each element and `letter.supply.<id>` say how to supply it.
ELEMENTS: dict[str, Callable[[LetterInput, Mapping[str, str]], bool]] = {
    "requester_name": _data(_has_name),
    "requester_email": _data(_has_email),
    "requester_contact": _data(_has_contact),
    "signature": _data(_has_name),
    "authority": _data(_has_authority),
    "urls": _data(_has_urls),
    "infringement": _template("what", "heading.basis"),
    "material_kind": _template(
        "material.deepfake", "material.filmed", "material.shared", "material.unspecified"
    ),
    "public_distribution": _template("what"),
    "action_requested": _template("request.remove", "request.copies"),
    "good_faith": _template("good_faith"),
}


def missing(letter: LetterInput, parts: Mapping[str, str], elements: tuple[str, ...]) -> list[str]:
    """The elements of `elements` that `letter` lacks, in the jurisdiction's order."""
    absent = [e for e in elements if not ELEMENTS[e](letter, parts)]
    # The signature is the requester's name: one fix ("profile set --name") covers both, so say it once.
    if "requester_name" in absent and "signature" in absent:
        absent.remove("signature")
    return absent


# The elements a person supplies by saving her own details (name, e-mail, phone) in the profile: a front
# end offers to fill these in place rather than naming a command.
PROFILE_ELEMENTS = frozenset({"requester_name", "requester_email", "requester_contact", "signature"})
