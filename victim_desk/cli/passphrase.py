"""Where the CLI gets passphrases: --passphrase-stdin, VICTIM_DESK_PASSPHRASE, the OS key store, or a
prompt on the terminal, in that order. Passphrases are never echoed, logged or put in argv."""

from __future__ import annotations

import getpass
import os
import sys
from typing import IO

from victim_desk.errors import NoPassphrase, PassphraseNotUtf8, PassphrasesDiffer
from victim_desk.i18n import Lang, t

ENV_PASSPHRASE = "VICTIM_DESK_PASSPHRASE"
ENV_NEW_PASSPHRASE = "VICTIM_DESK_NEW_PASSPHRASE"


class PassphraseSource:
    """Reads passphrases for one command, consuming stdin lines in a fixed order when asked to."""

    def __init__(self, lang: Lang, use_stdin: bool, stdin: IO[bytes] | None = None) -> None:
        self.lang = lang
        self.use_stdin = use_stdin
        self._stdin = stdin

    def _stdin_line(self) -> str:
        stream = self._stdin or sys.stdin.buffer
        raw = stream.readline()
        if not raw:
            raise NoPassphrase()
        try:
            return raw.decode("utf-8", errors="strict").rstrip("\r\n")
        except UnicodeDecodeError:
            # A passphrase piped from a file saved in another encoding (CP949, UTF-16): it must not be
            # guessed at, or the vault would be locked with a passphrase the person cannot type.
            raise PassphraseNotUtf8() from None

    def _prompt(self, key: str) -> str:
        if not sys.stdin.isatty():
            raise NoPassphrase()
        return getpass.getpass(t(key, self.lang) + " ")

    def current(self, *, allow_keyring: bool = False) -> str | None:
        """The passphrase that opens the vault; None means 'use the OS key store'."""
        if self.use_stdin:
            return self._stdin_line()
        env = os.environ.get(ENV_PASSPHRASE)
        if env:
            return _utf8(env)
        if allow_keyring:
            return None
        return self._prompt("prompt.passphrase")

    def new(self, *, from_stdin: bool) -> str:
        """A new passphrase, entered twice so a typo cannot lock the user out."""
        if from_stdin:
            first, second = self._stdin_line(), self._stdin_line()
        elif os.environ.get(ENV_NEW_PASSPHRASE):
            first = second = _utf8(os.environ[ENV_NEW_PASSPHRASE])
        else:
            first = self._prompt("prompt.new_passphrase")
            second = self._prompt("prompt.repeat_passphrase")
        if first != second:
            raise PassphrasesDiffer()
        return first

    def for_package(self, env_name: str, *, twice: bool) -> str | None:
        """An evidence package's own passphrase: a stdin line, else `env_name`, else the terminal (twice
        when encrypting); None when there is no way to ask."""
        if self.use_stdin:
            return self._stdin_line()
        env = os.environ.get(env_name)
        if env:
            return _utf8(env)
        if not sys.stdin.isatty():
            return None
        first = self._prompt("prompt.package_passphrase")
        if twice and self._prompt("prompt.repeat_passphrase") != first:
            raise PassphrasesDiffer()
        return first


def _utf8(value: str) -> str:
    """`value` when it is valid text; environment bytes that are not UTF-8 arrive as lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseNotUtf8() from None
    return value
