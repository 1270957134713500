"""`victim-desk`: the command line. With no command it opens the desktop app.

The command names and fields are a fixed contract (DESIGN.md): counselors script them and tests drive them.
Every command goes through the application layer (`desk.py`); this package only parses, asks for
passphrases and prints. Errors are one calm line on stderr in the user's language, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

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
            return _open_app(args, lang)
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


def _open_app(args: object, lang: Lang) -> int:
    cause = display_missing(os.environ, sys.platform)
    if cause is None:
        try:
            from victim_desk.gui.app import run
        except ImportError as exc:
            # The system's own words (a library's file name) go to the log; the person reads the cause.
            log_unexpected(exc, "gui import")
            cause = gui_import_cause(exc)
        else:
            return run(getattr(args, "vault", None))
    warn(t("cli.gui_unavailable", lang, reason=t(f"gui.cause.{cause}", lang)))
    return 1


def display_missing(environ: Mapping[str, str], platform: str) -> str | None:
    """The cause `no_display` when the window would have no screen to open on, else None.

    On Linux and the BSDs Qt finds the screen through DISPLAY (X11) or WAYLAND_DISPLAY; without either it
    stops the whole process with its own English line, so the CLI says it first, calmly. An explicit
    QT_QPA_PLATFORM (offscreen, vnc, ...) is the person's choice and is left to Qt."""
    if platform in ("win32", "darwin") or platform.startswith("cygwin"):
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return "no_display"


# How Linux (dlopen), Windows (the DLL loader) and macOS (dyld) word a library that is not there.
_LIBRARY_MISSING = ("cannot open shared object file", "DLL load failed", "Library not loaded")


def gui_import_cause(exc: ImportError) -> str:
    """Which common cause an ImportError from loading the desktop app is (`gui.cause.<cause>`)."""
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] in ("PySide6", "shiboken6"):
        return "qt_missing"
    text = str(exc)
    if any(mark in text for mark in _LIBRARY_MISSING):
        return "library_missing"
    return "other"
