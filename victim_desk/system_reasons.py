"""Why the operating system refused a file operation, in the language of the sentence it is placed in.

`OSError.strerror` is the C library's English ("No space left on device"); shown inside a Korean message
it is system text a person may not be able to read, and it never says what to do. An error raised for an
OSError therefore keeps only the errno's name (ENOSPC: a code, the same on every platform and in every
language), and the message renders it here from resources/i18n/messages-system.json: what happened, in
plain words, and what the person can do about it (free space, choose another folder, close a program).
An errno without an entry gets a general sentence that carries its name, so support can still tell which.
"""

from __future__ import annotations

import errno

from victim_desk.i18n import Lang, Message, has_message, t

PREFIX = "system.errno."

# Windows reports a file held open by another program (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION) as
# EACCES: "no permission" would send the person looking for a setting when closing the program is the cure.
_WINDOWS_IN_USE = frozenset({32, 33})


def errno_name(exc: OSError) -> str:
    """The errno's symbolic name for `exc` ("ENOSPC"), the number when the platform has no name for it, or
    "" when the exception carries no errno at all."""
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return "EBUSY"
    if exc.errno is None:
        return ""
    return errno.errorcode.get(exc.errno, str(exc.errno))


def system_reason(name: str, lang: Lang) -> Message:
    """The sentence(s) for the errno called `name`, in `lang`; a general one naming the code otherwise."""
    if name and has_message(PREFIX + name):
        return t(PREFIX + name, lang)
    if name:
        return t("system.unknown", lang, code=name)
    return t("system.unknown_no_code", lang)
