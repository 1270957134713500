"""A mistyped command is answered in Korean without argparse's English: the real parser, each complaint
it makes, and the words (option names, the value typed, the choices) kept as the command's own codes."""

from __future__ import annotations

import re

import pytest

from victim_desk import cli
from victim_desk.cli.usage_words import _ABOUT_ALL, _ABOUT_ONE, usage_detail
from victim_desk.i18n import _catalogue


def _korean_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        cli.main(["--lang", "ko", *argv])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("명령을 알아볼 수 없습니다: "), err
    assert err.rstrip().endswith("사용법을 볼 수 있습니다."), err
    return err


def _latin(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_\-/]*", text))


# The command's own codes a Korean usage message may name: its commands, options, metavars and values.
_CODES = {"victim-desk", "help"}


@pytest.mark.parametrize(
    ("argv", "korean", "codes"),
    [
        (["pakage"], "COMMAND: 'pakage'은(는) 쓸 수 있는 값이 아닙니다. 다음 중 하나를 적어 주세요: 'vault'",
         None),
        (["case", "add"], "꼭 필요한 항목이 빠졌습니다: --title", {"title"}),
        (["case", "add", "--title"], "--title: 값을 하나 적어야 합니다", {"title"}),
        (["case", "list", "--bogus-flag"], "알 수 없는 입력이 있습니다: --bogus-flag", {"bogus-flag"}),
        (["letter", "--case", "1", "--sighting", "2"], "--sighting: --case와(과) 함께 쓸 수 없습니다",
         {"sighting", "case"}),
        (["letter", "--to", "x"], "다음 중 하나는 꼭 적어야 합니다: --sighting --case", None),
        (["monitor", "run", "--interval", "soon"], "--interval: 'soon'은(는) 이 자리에 쓸 수 없는 값입니다",
         {"interval", "soon"}),
        (["case", "list", "--json=yes"], "--json: 이 옵션에는 값을 붙일 수 없습니다: 'yes'", {"json", "yes"}),
        (["sighting", "list", "--case", "x1"], "--case: 번호는 1 이상", {"case", "x1"}),
    ],
)  # fmt: skip
def test_the_real_parser_complains_in_korean(
    argv: list[str], korean: str, codes: set[str] | None, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _korean_error(argv, capsys)
    assert korean in err, err
    for english in ("invalid", "argument", "required", "expected", "unrecognized", "allowed", "ignored"):
        assert english not in err, err
    if codes is not None:
        assert _latin(err) <= codes | _CODES, _latin(err) - codes - _CODES


def test_the_english_message_keeps_argparse_words(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "case", "add"])
    assert "the following arguments are required: --title" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("message", "korean"),
    [
        ("argument FILE: expected at most one argument", "FILE: 값은 하나까지만 적을 수 있습니다"),
        ("argument FILE: expected at least one argument", "FILE: 값을 하나 이상 적어야 합니다"),
        ("argument --pair: expected 2 arguments", "--pair: 값을 2개 적어야 합니다"),
        (
            "argument COMMAND: unknown parser 'x' (choices: a, b)",
            "COMMAND: 'x'은(는) 쓸 수 있는 명령이 아닙니다",
        ),
        ("ambiguous option: --ca could match --case, --cases", "--ca이(가) 여러 옵션에 맞습니다"),
        ("unexpected option string: --x", "이 자리에 올 수 없는 옵션입니다: --x"),
        ("argument --x: a wording no Python has yet", "--x: 입력한 명령의 형식이 맞지 않습니다"),
        ("a new complaint of a later Python", "입력한 명령의 형식이 맞지 않습니다"),
    ],
)
def test_every_argparse_complaint_has_korean_words(message: str, korean: str) -> None:
    said = usage_detail(message, "ko")
    assert korean in said
    assert not ({"argument", "expected", "could", "match", "wording", "complaint"} & _latin(said)), said
    assert usage_detail(message, "en") == message


def test_every_recognised_complaint_has_its_message() -> None:
    causes = {cause for cause, _ in (*_ABOUT_ONE, *_ABOUT_ALL)}
    keys = {k.removeprefix("cli.usage.") for k in _catalogue() if k.startswith("cli.usage.")}
    assert keys == causes | {"general", "argument"}
