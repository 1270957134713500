"""The argument grammar of `victim-desk`, with help in the user's language.

Global options (--vault, --passphrase-stdin, --lang) are accepted before or after the command, because
scripts written by different people put them in both places.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NoReturn

from victim_desk import __version__
from victim_desk.cli import commands, evidence_commands
from victim_desk.i18n import Lang, t


class _Parser(argparse.ArgumentParser):
    lang: Lang = "ko"

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(t("cli.usage_error", self.lang, detail=message, prog=self.prog) + "\n")
        raise SystemExit(2)


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    _Parser.lang = lang

    def h(key: str) -> str:
        return t(f"help.{key}", lang)

    def common(top: bool) -> argparse.ArgumentParser:
        # On subcommands the defaults are suppressed so they never undo a value given before the command.
        p = argparse.ArgumentParser(add_help=False)
        default = {} if top else {"default": argparse.SUPPRESS}
        p.add_argument("--vault", type=Path, help=h("vault"), **({"default": None} if top else default))
        p.add_argument(
            "--passphrase-stdin", action="store_true", help=h("passphrase_stdin"),
            **({"default": False} if top else default),
        )  # fmt: skip
        p.add_argument(
            "--lang", choices=("ko", "en"), help=h("lang"), **({"default": None} if top else default)
        )
        return p

    shared = common(top=False)
    parser = _Parser(prog="victim-desk", description=h("description"), parents=[common(top=True)])
    parser.add_argument("--version", action="version", version=f"victim-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(parent: Any, name: str, key: str) -> argparse.ArgumentParser:
        return parent.add_parser(name, help=h(key), description=h(key), parents=[shared])

    def group(name: str) -> Any:
        return sub.add_parser(name, help=h(f"{name}_group")).add_subparsers(
            dest=f"{name}_command", metavar="ACTION", required=True, parser_class=_Parser
        )

    # vault
    vault = group("vault")
    command(vault, "init", "vault_init").set_defaults(handler=commands.vault_init)
    p = command(vault, "passwd", "vault_passwd")
    p.add_argument("--new-passphrase-stdin", action="store_true", help=h("new_passphrase_stdin"))
    p.set_defaults(handler=commands.vault_passwd)
    command(vault, "check", "vault_check").set_defaults(handler=commands.vault_check)
    p = command(vault, "backup", "vault_backup")
    p.add_argument("-o", "--output", type=Path, required=True, help=h("output"))
    p.set_defaults(handler=commands.vault_backup)
    p = command(vault, "restore", "vault_restore")
    p.add_argument("backup_file", type=Path, metavar="FILE")
    p.set_defaults(handler=commands.vault_restore)
    command(vault, "remember", "vault_remember").set_defaults(handler=commands.vault_remember)
    command(vault, "forget", "vault_forget").set_defaults(handler=commands.vault_forget)

    # profile
    profile = group("profile")
    p = command(profile, "set", "profile_set")
    p.add_argument("--name", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--phone")
    p.add_argument("--role", choices=("victim", "counselor"), default="victim")
    p.add_argument("--organization")
    p.set_defaults(handler=commands.profile_set)
    p = command(profile, "show", "profile_show")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.profile_show)

    # case
    case = group("case")
    p = command(case, "add", "case_add")
    p.add_argument("--title", required=True)
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.case_add)
    p = command(case, "list", "case_list")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.case_list)

    # sighting
    sighting = group("sighting")
    p = command(sighting, "add", "sighting_add")
    p.add_argument("--case", type=int, required=True, dest="case_id", metavar="ID")
    p.add_argument("--url", required=True)
    p.add_argument("--platform", help=h("platform"))
    p.add_argument("--seen", help=h("seen"))
    p.add_argument("--note")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_add)
    p = command(sighting, "list", "sighting_list")
    p.add_argument("--case", type=int, required=True, dest="case_id", metavar="ID")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_list)
    p = command(sighting, "import", "sighting_import")
    p.add_argument("--case", type=int, required=True, dest="case_id", metavar="ID")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_import)
    p = command(sighting, "status", "sighting_status")
    p.add_argument("sighting_id", type=int, metavar="ID")
    p.add_argument("status", metavar="STATUS", help="found | requested | removed | reappeared")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=commands.sighting_status)

    evidence_commands.add_parsers(sub, command, group, h)
    return parser
