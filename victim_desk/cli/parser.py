"""The argument grammar of `victim-desk`, with help in the user's language.

Global options (--vault, --passphrase-stdin, --lang) are accepted before or after the command, because
scripts written by different people put them in both places. One exception: commands that write a document
in a chosen language (`OWN_LANG_COMMANDS`: letter, referral, guide) have their own `--lang`, the document's.
There the global `--lang` goes before the command: `victim-desk --lang en letter ... --lang ko` speaks
English to the person and writes a Korean letter. A command in that set gets its own option (stored as
`args.document_lang`) just by being registered with `command()`.

Every record id (a case, a sighting, ...) is parsed by `record_id`: SQLite stores 64-bit integers, so a
longer number must be a plain usage error, not an overflow deep inside the database layer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from victim_desk import __version__
from victim_desk.cli import (
    commands,
    evidence_commands,
    letter_commands,
    monitor_commands,
    package_commands,
    referral_commands,
)
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.usage_words import usage_detail
from victim_desk.core.blocks import text_width
from victim_desk.i18n import Lang, t

# Top-level commands whose --lang is the language of the document they write, not of the messages.
OWN_LANG_COMMANDS: frozenset[str] = frozenset({"letter", "referral", "guide", "export"})

# The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1


# Modules that add their commands, each called with the Grammar.
Registrar = Callable[[Grammar], None]
REGISTRARS: list[Registrar] = [
    evidence_commands.add_parsers,
    letter_commands.add_parsers,
    monitor_commands.add_parsers,
    referral_commands.add_parsers,
    package_commands.add_parsers,
]


class _Formatter(argparse.HelpFormatter):
    """argparse's layout measured in terminal columns, with its one fixed word, the "usage: " prefix,
    from the catalogue.

    argparse counts characters, but a Hangul syllable is two columns wide: "사용법: " is 5 characters and
    8 columns, and a Korean help line wrapped at 56 characters runs past the terminal's edge. So the usage
    is laid out behind blanks as wide as the prefix, which then takes their place, and text with wide
    characters is wrapped by columns. Text without them goes through argparse unchanged."""

    def __init__(self, prog: str, lang: Lang) -> None:
        super().__init__(prog)
        self.lang = lang

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        if prefix is None:
            prefix = t("help.argparse.usage", self.lang)
        blanks = " " * text_width(prefix)
        return prefix + super()._format_usage(usage, actions, groups, blanks)[len(blanks) :]

    def _split_lines(self, text: str, width: int) -> list[str]:
        if text_width(text) == len(text):
            return super()._split_lines(text, width)
        lines: list[str] = []
        for word in text.split():
            if lines and text_width(f"{lines[-1]} {word}") <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text_width(text) == len(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))


class _Parser(argparse.ArgumentParser):
    """Every parser of the grammar (the main one and each command's): argparse's own words (usage prefix,
    section titles, -h's help) come from the catalogue in the person's language, like the rest of the help.
    argparse creates -h and the two sections before any option is added, so they are only relabelled here;
    the English text is argparse's own wording, kept identical."""

    lang: Lang = "ko"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        lang = self.lang
        kwargs.setdefault("formatter_class", lambda prog: _Formatter(prog, lang))
        super().__init__(*args, **kwargs)
        self._positionals.title = t("help.argparse.positionals", lang)
        self._optionals.title = t("help.argparse.options", lang)
        help_action = self._option_string_actions.get("--help")
        if help_action is not None:
            help_action.help = t("help.argparse.help", lang)

    def error(self, message: str) -> NoReturn:
        detail = usage_detail(message, self.lang)
        sys.stderr.write(t("cli.usage_error", self.lang, detail=detail, prog=self.prog) + "\n")
        raise SystemExit(2)


def record_id_type(lang: Lang) -> Callable[[str], int]:
    """The argparse type of every id argument: a whole number from 1 to 2**63-1, else a usage error."""

    def record_id(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= MAX_ID:
            raise argparse.ArgumentTypeError(t("cli.invalid_id", lang, value=text, maximum=MAX_ID))
        return value

    return record_id


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    _Parser.lang = lang
    record_id = record_id_type(lang)

    def h(key: str) -> str:
        return t(f"help.{key}", lang)

    def common(top: bool, *, with_lang: bool = True) -> argparse.ArgumentParser:
        # On subcommands the defaults are suppressed so they never undo a value given before the command.
        p = argparse.ArgumentParser(add_help=False)
        default = {} if top else {"default": argparse.SUPPRESS}
        p.add_argument("--vault", type=Path, help=h("vault"), **({"default": None} if top else default))
        p.add_argument(
            "--passphrase-stdin", action="store_true", help=h("passphrase_stdin"),
            **({"default": False} if top else default),
        )  # fmt: skip
        if with_lang:
            p.add_argument(
                "--lang", choices=("ko", "en"), help=h("lang"), **({"default": None} if top else default)
            )
        return p

    shared = common(top=False)
    shared_without_lang = common(top=False, with_lang=False)
    parser = _Parser(prog="victim-desk", description=h("description"), parents=[common(top=True)])
    version = f"victim-desk {__version__}"
    parser.add_argument("--version", action="version", version=version, help=h("version"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help=h("command"), parser_class=_Parser)
    groups: dict[int, str] = {}  # id(subparsers action) -> the group's command name

    def command(parent: Any, name: str, key: str) -> argparse.ArgumentParser:
        top = groups.get(id(parent), name)
        if top not in OWN_LANG_COMMANDS:
            return parent.add_parser(name, help=h(key), description=h(key), parents=[shared])
        p = parent.add_parser(name, help=h(key), description=h(key), parents=[shared_without_lang])
        p.add_argument("--lang", choices=("ko", "en"), dest="document_lang", help=h("document_lang"))
        return p

    def group(name: str) -> Any:
        about = h(f"{name}_group")
        actions = sub.add_parser(name, help=about, description=about).add_subparsers(
            dest=f"{name}_command", metavar="ACTION", help=h("action"), required=True, parser_class=_Parser
        )
        groups[id(actions)] = name
        return actions

    # vault
    vault = group("vault")
    command(vault, "init", "vault_init").set_defaults(handler=commands.vault_init)
    p = command(vault, "passwd", "vault_passwd")
    p.add_argument("--new-passphrase-stdin", action="store_true", help=h("new_passphrase_stdin"))
    p.set_defaults(handler=commands.vault_passwd)
    command(vault, "check", "vault_check").set_defaults(handler=commands.vault_check)
    p = command(vault, "backup", "vault_backup")
    p.add_argument("-o", "--output", type=Path, required=True, help=h("output"))
    p.add_argument("--force", action="store_true", help=h("force"))
    p.set_defaults(handler=commands.vault_backup)
    p = command(vault, "restore", "vault_restore")
    p.add_argument("backup_file", type=Path, metavar="FILE", help=h("backup_file"))
    p.set_defaults(handler=commands.vault_restore)
    command(vault, "remember", "vault_remember").set_defaults(handler=commands.vault_remember)
    command(vault, "forget", "vault_forget").set_defaults(handler=commands.vault_forget)
    package_commands.add_show_key(vault, command, h)

    # profile
    profile = group("profile")
    p = command(profile, "set", "profile_set")
    p.add_argument("--name", required=True, help=h("profile_name"))
    p.add_argument("--email", required=True, help=h("profile_email"))
    p.add_argument("--phone", help=h("profile_phone"))
    p.add_argument("--role", choices=("victim", "counselor"), default="victim", help=h("profile_role"))
    p.add_argument("--organization", help=h("profile_organization"))
    p.set_defaults(handler=commands.profile_set)
    p = command(profile, "show", "profile_show")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.profile_show)

    # case
    case = group("case")
    p = command(case, "add", "case_add")
    p.add_argument("--title", required=True, help=h("case_title"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.case_add)
    p = command(case, "list", "case_list")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.case_list)

    # sighting
    sighting = group("sighting")
    p = command(sighting, "add", "sighting_add")
    p.add_argument("--case", type=record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("--url", required=True, help=h("sighting_url"))
    p.add_argument("--platform", help=h("platform"))
    p.add_argument("--seen", help=h("seen"))
    p.add_argument("--note", help=h("note"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_add)
    p = command(sighting, "list", "sighting_list")
    p.add_argument("--case", type=record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_list)
    p = command(sighting, "import", "sighting_import")
    p.add_argument("--case", type=record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("file", type=Path, metavar="FILE", help=h("sighting_file"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_import)
    p = command(sighting, "status", "sighting_status")
    p.add_argument("sighting_id", type=record_id, metavar="ID", help=h("sighting_id"))
    p.add_argument("status", metavar="STATUS", help=h("sighting_status_value"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_status)

    grammar = Grammar(sub, command, group, h, record_id)
    for register in REGISTRARS:
        register(grammar)
    return parser
