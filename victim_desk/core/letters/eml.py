"""A letter as an e-mail draft (.eml, RFC 5322), for the person to open, check and send herself.

The app never sends anything. The draft is built with Python's `email` package under the SMTP policy
(CRLF line ends, headers folded and encoded per RFC 2047, so a Hangul name or subject survives any mail
program) with a UTF-8 text body, and marked `X-Unsent: 1` so mail programs that know the convention open
it as a draft. `To` is filled only with a verified address; an unverified one is left for the person to
decide on (the CLI says so).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from victim_desk.core.letters.document import Document, as_text


def _address(name: str, email: str) -> Address:
    local, _, domain = email.strip().rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return Address(display_name=name, username=local, domain=domain)


def as_eml(doc: Document, *, sender_name: str, sender_email: str, to: str | None, sent_at: datetime) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = doc.title
    sender = _address(sender_name, sender_email)
    msg["From"] = sender
    if to:
        msg["To"] = to
    msg["Date"] = format_datetime(sent_at)
    domain = sender.domain if sender.domain.isascii() and sender.domain else "localhost"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["X-Unsent"] = "1"
    msg.set_content(as_text(doc), charset="utf-8")
    policy = SMTP.clone(utf8=True) if not sender.username.isascii() else SMTP
    return msg.as_bytes(policy=policy)
