"""`victim-desk`: the command line. With no command it opens the desktop app.

The command names and fields are a fixed contract (DESIGN.md): counselors script them and tests drive them.
Every command goes through the application layer (`desk.py`); this package only parses, asks for
passphrases and prints. Errors are one calm line on stderr in the user's language, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from victim_desk.cli.output import configure_streams, warn
from victim_desk.cli.parser import OWN_LANG_COMMANDS, build_parser
from victim_desk.errors import Cancelled, DeskError, UnexpectedError
from victim_desk.hardening import harden
from victim_desk.i18n import Lang, detect_language, t
from victim_desk.logs import log_unexpected


def main(argv: Sequence[str] | None = None) -> int:
    harden()  # before anything secret is in memory: no core dumps, not dumpable (hardening.py)
    configure_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang: Lang = _early_lang(args_list)
    try:
        parser = build_parser(lang)
        args = parser.parse_args(args_list)
        lang = args.lang or lang
        if not getattr(args, "handler", None):
            return _open_app(args)
        return int(args.handler(args, lang) or 0)
    except DeskError as exc:
        warn(exc.cli_message(lang))
        return exc.exit_code
    except KeyboardInterrupt:
        warn(Cancelled().message(lang))
        return 130
    except BrokenPipeError:
        return 0  # the reader (e.g. `| head`) went away; nothing to say
    except Exception as exc:
        log_unexpected(exc, "cli")
        warn(UnexpectedError().message(lang))
        return 1


# Global options that take a value: their value is never the command's name.
_VALUE_OPTIONS = ("--vault", "--lang")


def _early_lang(argv: list[str]) -> Lang:
    """The message language before parsing, so even a usage error speaks the user's language.

    Same rule as the parser: --lang anywhere, except after a command that has its own --lang (a letter's
    language), where only a --lang before the command sets the messages' language.
    """
    seen_command = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        value: str | None = None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif not arg.startswith("-") and not seen_command:
            if arg in OWN_LANG_COMMANDS:
                break
            seen_command = True
        if value in ("ko", "en"):
            return value  # type: ignore[return-value]
        i += 2 if arg in _VALUE_OPTIONS else 1
    return detect_language()


def _open_app(args: object) -> int:
    try:
        from victim_desk.gui.app import run
    except ImportError as exc:
        # PySide6 present but the system lacks a Qt library (e.g. libEGL): say which, calmly.
        log_unexpected(exc, "gui import")
        warn(t("cli.gui_unavailable", detect_language(), reason=str(exc)))
        return 1
    return run(getattr(args, "vault", None))
