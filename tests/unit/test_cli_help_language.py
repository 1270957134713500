"""`--help` in the person's language on every screen, argparse's own words included.

Every command and action reachable from the real parser is walked (never listed by hand, so a new command
is checked the day it is added). A Korean help screen may show Latin letters only where the person must
type or will read them as they are: option names, metavars, choices, command names, the program's name,
codes an option takes, acronyms; any other English word (argparse's "usage", "options", "show this help
message and exit", or an argument left without help) fails the test.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterator

import pytest

from tests.conftest import Cli
from victim_desk import cli
from victim_desk.cli.parser import build_parser
from victim_desk.core.model import RequestStatus, SightingStatus

Path_ = tuple[str, ...]
Node = tuple[Path_, argparse.ArgumentParser]


def _walk(parser: argparse.ArgumentParser, path: Path_ = ()) -> Iterator[Node]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _walk(child, (*path, name))


COMMAND_PATHS: list[Path_] = [path for path, _ in _walk(build_parser("ko"))]

# Codes shown inside Korean help because the person types them (values of options that take free text,
# statuses, CSV columns, JSON fields, a URL scheme) or product names; the Korean text explains each.
CODES = frozenset(
    {s.value for s in SightingStatus}
    | {s.value for s in RequestStatus}
    | {"counseling", "legal", "deletion", "police", "medical", "youth", "shelter"}  # referral --need
    | {"KR-nationwide", "KR-local", "international"}  # referral --region
    | {"name", "contact", "sightings", "fingerprints", "requests", "notes"}  # referral --share
    | {"kcsc", "web_form", "email", "in_app"}  # letter --route, --channel
    | {"pdq", "md5", "sha256", "label", "method", "socks5h", "pdf", "txt", "Tor", "Zip"}
)
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """Everything the grammar itself names: command names, metavars and choices, at any depth."""
    words = {"victim-desk"}
    for path, node in _walk(parser):
        words.update(path)
        for action in node._actions:
            words.update(str(c) for c in action.choices or ())
            metavar = action.metavar if isinstance(action.metavar, str) else None
            words.update(_WORD.findall(metavar or ""))
    return words


def _english_words(text: str, allowed: set[str]) -> list[str]:
    words = _WORD.findall(_OPTION.sub(" ", text))
    return [w for w in words if w not in allowed and w not in CODES and w.upper() != w]


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _help_screen(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "victim-desk")
def test_every_korean_help_screen_is_korean(
    path: Path_, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = _help_screen(["--lang", "ko", *path, "--help"], capsys)
    # Wrapped by terminal columns (a Hangul syllable takes two), so no Korean line runs past the edge. The
    # usage block is code; a usage written by hand (referral's) is not wrapped, in English either.
    body = text.split("\n\n", 1)[1].splitlines()
    assert [line for line in body if _HANGUL.search(line) and _columns(line) > 80] == []
    assert text.startswith("사용법: victim-desk")
    assert _english_words(text, _typed_words(build_parser("ko"))) == []
    for boilerplate in ("usage:", "positional arguments", "options:", "show this help", "exit"):
        assert boilerplate not in text


def test_the_english_word_check_catches_argparse_and_untranslated_help() -> None:
    allowed = _typed_words(build_parser("ko"))
    assert _english_words("usage: victim-desk [-h]\n\noptions:\n  -h, --help  도움말", allowed) == [
        "usage",
        "options",
    ]
    assert _english_words("  --case ID   the case's number", allowed) == ["the", "s", "number"]
    assert _english_words("  --lang {ko,en}  메시지 언어 (JSON, KR-local)", allowed) == []


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "victim-desk")
def test_every_argument_has_help_in_both_languages(path: Path_) -> None:
    nodes = {lang: dict(_walk(build_parser(lang)))[path] for lang in ("ko", "en")}
    pairs = list(zip(nodes["ko"]._actions, nodes["en"]._actions, strict=True))
    assert pairs
    for ko, en in pairs:
        name = ko.option_strings or ko.metavar or ko.dest
        assert ko.help and en.help and ko.help != argparse.SUPPRESS, name
        assert _HANGUL.search(ko.help), (name, ko.help)
        assert not _HANGUL.search(en.help), (name, en.help)
    if path:  # every screen says what the command or group is for, in the person's language
        assert nodes["ko"].description and _HANGUL.search(nodes["ko"].description)


def test_english_help_keeps_argparse_wording(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help_screen(["--lang", "en", "--help"], capsys)
    assert text.startswith("usage: victim-desk [-h]")
    assert "\npositional arguments:\n" in text and "\noptions:\n" in text
    assert "-h, --help          show this help message and exit" in text
    assert "--version           show program's version number and exit" in text
    assert not _HANGUL.search(text)


def test_korean_help_from_the_real_command(cli: Cli) -> None:
    r = cli("--lang", "ko", "evidence", "add", "--help")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("사용법: victim-desk evidence add [-h]")
    assert "\n차례대로 쓰는 값:\n  FILE                지문을 저장할 파일 (여러 개 가능)\n" in r.stdout
    assert "\n옵션:\n  -h, --help          이 도움말을 보여 주고 마칩니다\n" in r.stdout
    assert "  --case ID           사건 번호 ('case list'에 나옵니다)\n" in r.stdout
    en = cli("--lang", "en", "evidence", "add", "--help")
    assert en.stdout.startswith("usage: victim-desk evidence add [-h]")
    assert "  FILE                the files whose fingerprints to keep (one or more)\n" in en.stdout


def test_a_wrapped_korean_usage_stays_under_the_first_option(capsys: pytest.CaptureFixture[str]) -> None:
    """ "사용법: " is 8 columns wide in a terminal, not 5: the wrapped lines line up with the first one."""
    lines = _help_screen(["--lang", "ko", "letter", "--help"], capsys).splitlines()
    first = "사용법: victim-desk letter "
    assert lines[0].startswith(first + "[-h]")
    assert lines[1] == " " * (len(first) + 3) + "[--lang {ko,en}]"
    en = _help_screen(["--lang", "en", "letter", "--help"], capsys).splitlines()
    assert en[1] == " " * len("usage: victim-desk letter ") + "[--lang {ko,en}]"
