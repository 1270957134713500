"""Argument rules: bounded ids, whose --lang is whose, and a passphrase that is not text."""

from __future__ import annotations

import argparse
import io

import pytest

from victim_desk import cli
from victim_desk.cli import parser as cli_parser
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.package_commands import ENV_PACKAGE_PASSPHRASE
from victim_desk.cli.passphrase import ENV_PASSPHRASE, PassphraseSource
from victim_desk.errors import PassphraseNotUtf8


def _parser_nodes(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    nodes = [p]
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                nodes.extend(_parser_nodes(child))
    return nodes


def test_every_id_argument_is_bounded() -> None:
    ids = [
        (node.prog, action)
        for node in _parser_nodes(cli_parser.build_parser("en"))
        for action in node._actions
        if action.dest.endswith("_id")
    ]
    assert len(ids) >= 7  # sighting add/list/import/status, evidence add/list, hashlist export
    for prog, action in ids:
        assert action.type is not int, prog
        with pytest.raises(argparse.ArgumentTypeError):
            action.type("99999999999999999999999")  # type: ignore[misc]
        assert action.type(str(2**63 - 1)) == 2**63 - 1  # type: ignore[misc]


@pytest.mark.parametrize(
    "argv",
    [
        ["sighting", "list", "--case", "99999999999999999999999"],
        ["sighting", "add", "--case", "0", "--url", "https://t.me/a"],
        ["sighting", "status", str(2**63), "found"],
        ["evidence", "list", "--case", "-3"],
        ["hashlist", "export", "--case", "x1", "-o", "out.csv"],
    ],
)
def test_out_of_range_ids_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--lang", "en", *argv])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "an id must be a whole number from 1 to 9223372036854775807" in err
    assert "unexpected" not in err


def _stand_in(g: Grammar) -> None:
    """A tiny command with its own --lang, as `letter` will have."""
    p = g.command(g.sub, "guide", "lang")
    p.set_defaults(handler=lambda args, lang: print(f"messages={lang} document={args.document_lang}") or 0)


def test_global_lang_before_and_own_lang_after_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The stand-in replaces the real registrars: the real `guide` (and `letter`, `referral`) exist now.
    monkeypatch.setattr(cli_parser, "REGISTRARS", [_stand_in])
    assert cli.main(["--lang", "en", "guide", "--lang", "ko"]) == 0
    assert capsys.readouterr().out.strip() == "messages=en document=ko"
    assert cli.main(["--lang", "ko", "guide", "--lang=en"]) == 0
    assert capsys.readouterr().out.strip() == "messages=ko document=en"
    # Without a global --lang the messages follow the locale (C.UTF-8 in tests -> Korean).
    assert cli.main(["guide", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "messages=ko document=en"


def test_commands_without_their_own_lang_still_take_it_after_the_command() -> None:
    args = cli_parser.build_parser("ko").parse_args(["case", "list", "--lang", "en"])
    assert args.lang == "en"
    assert not hasattr(args, "document_lang")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "en", "letter", "--lang", "ko"], "en"),
        (["letter", "--lang", "en"], "ko"),
        (["--vault", "letter", "case", "list", "--lang", "en"], "en"),  # "letter" here is a folder name
        (["case", "list", "--lang=en"], "en"),
        (["--lang", "en", "guide", "-o", "x.pdf"], "en"),
        (["referral", "--lang", "en"], "ko"),
    ],
)
def test_early_lang_follows_the_same_rule(argv: list[str], expected: str) -> None:
    assert cli._early_lang(argv) == expected


def test_the_rule_names_the_document_commands() -> None:
    assert {"letter", "referral", "guide"} <= cli_parser.OWN_LANG_COMMANDS


def test_passphrase_on_stdin_that_is_not_utf8() -> None:
    source = PassphraseSource("en", use_stdin=True, stdin=io.BytesIO("바다 고래\n".encode("cp949")))
    with pytest.raises(PassphraseNotUtf8) as info:
        source.current()
    assert "not UTF-8" in info.value.message("en")


def test_passphrase_in_the_environment_that_is_not_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    # What os.environ holds for bytes that are not UTF-8: lone surrogates.
    monkeypatch.setenv(ENV_PASSPHRASE, "바다".encode("cp949").decode("utf-8", "surrogateescape"))
    with pytest.raises(PassphraseNotUtf8):
        PassphraseSource("en", use_stdin=False).current()


def test_package_passphrase_that_is_not_utf8_is_refused_like_the_vaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    piped = PassphraseSource("en", use_stdin=True, stdin=io.BytesIO("상자 열쇠\n".encode("cp949")))
    with pytest.raises(PassphraseNotUtf8):
        piped.for_package(ENV_PACKAGE_PASSPHRASE, twice=True)
    monkeypatch.setenv(ENV_PACKAGE_PASSPHRASE, "상자".encode("cp949").decode("utf-8", "surrogateescape"))
    with pytest.raises(PassphraseNotUtf8):
        PassphraseSource("en", use_stdin=False).for_package(ENV_PACKAGE_PASSPHRASE, twice=False)


def test_max_distance_help_says_what_it_governs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "match", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "largest PDQ Hamming distance to accept for hash matches" in help_text
    assert "reported regardless of it, with their method" in help_text
