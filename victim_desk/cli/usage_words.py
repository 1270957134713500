"""argparse's complaints about a mistyped command, in the message's language.

argparse words its errors in English ("invalid choice: 'pakage' (choose from ...)", "the following
arguments are required: --case"); placed inside the Korean usage message they are system text a person may
not read. Its wording is stable and small, so each complaint is recognised here and said again from
messages-reasons.json, keeping only what it names (option names, the value typed, the choices: the
command's own codes). The English message keeps argparse's words, which are English already. A complaint
not recognised (a future Python's new wording) becomes a general sentence rather than English.
"""

from __future__ import annotations

import re

from victim_desk.i18n import Lang, Message, t

_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<rest>.*)", re.S)


def _compiled(*pairs: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((cause, re.compile(pattern, re.S)) for cause, pattern in pairs)


# (cause, pattern) for the part after "argument NAME: ", then for a complaint about the whole command.
_ABOUT_ONE = _compiled(
    ("invalid_choice", r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
    ("unknown_parser", r"unknown parser (?P<value>.*) \(choices: (?P<choices>.*)\)"),
    ("expected_one", r"expected one argument"),
    ("expected_at_most_one", r"expected at most one argument"),
    ("expected_at_least_one", r"expected at least one argument"),
    ("expected_count", r"expected (?P<count>\d+) arguments?"),
    ("invalid_value", r"invalid \S+ value: (?P<value>.*)"),
    ("not_allowed_with", r"not allowed with argument (?P<other>.*)"),
    ("ignored_explicit", r"ignored explicit argument (?P<value>.*)"),
)
_ABOUT_ALL = _compiled(
    ("unrecognized", r"unrecognized arguments: (?P<values>.*)"),
    ("required", r"the following arguments are required: (?P<names>.*)"),
    ("one_required", r"one of the arguments (?P<names>.*) is required"),
    ("ambiguous", r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
    ("unexpected_option", r"unexpected option string: (?P<option>.*)"),
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def usage_detail(message: str, lang: Lang) -> str:
    """argparse's `message` said in `lang` (the `{detail}` of `cli.usage_error`)."""
    if lang == "en":
        return message
    about = _ARGUMENT.fullmatch(message)
    if about is None:
        return _said(message, _ABOUT_ALL, lang) or t("cli.usage.general", lang)
    rest = about["rest"]
    # An id or time that does not parse: the text is this app's own, already in `lang`.
    problem: str | None = _said(rest, _ABOUT_ONE, lang)
    if problem is None:
        problem = rest if _HANGUL.search(rest) else t("cli.usage.general", lang)
    return t("cli.usage.argument", lang, name=about["name"], problem=problem)


def _said(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...], lang: Lang) -> Message | None:
    for cause, pattern in patterns:
        match = pattern.fullmatch(text)
        if match is not None:
            return t(f"cli.usage.{cause}", lang, **match.groupdict())
    return None
