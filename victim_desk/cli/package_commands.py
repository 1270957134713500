"""`export` (an evidence package), `verify` (check one, no vault needed) and `vault show-key`.

The package passphrase (`--encrypt`) comes from, in this order: `--package-passphrase-stdin` (the next
line of stdin, after the vault's own passphrase line when `--passphrase-stdin` is also given), the
variable VICTIM_DESK_PACKAGE_PASSPHRASE, or a prompt on the terminal (asked twice). It is never an
argument: argv is visible to every user of the computer. `verify` takes it the same way, and asks on a
terminal only when the package turns out to be encrypted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from victim_desk.cli.commands import open_desk
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.output import echo, emit_json, terminal_progress, warn
from victim_desk.cli.passphrase import PassphraseSource
from victim_desk.errors import PackagePassphraseNeeded
from victim_desk.i18n import Lang, t

ENV_PACKAGE_PASSPHRASE = "VICTIM_DESK_PACKAGE_PASSPHRASE"


def add_parsers(g: Grammar) -> None:
    sub, command, h = g.sub, g.command, g.h
    p = command(sub, "export", "export")
    p.add_argument("--case", type=g.record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PKG.zip", help=h("output"))
    p.add_argument("--include-originals", action="store_true", help=h("include_originals"))
    p.add_argument("--encrypt", action="store_true", help=h("encrypt_package"))
    p.add_argument("--package-passphrase-stdin", action="store_true", help=h("package_passphrase_stdin"))
    p.add_argument("--timestamp", metavar="URL", help=h("timestamp_url"))
    p.add_argument("--allow-network-once", action="store_true", help=h("allow_network_once"))
    p.add_argument("--force", action="store_true", help=h("export_force"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=export)

    p = command(sub, "verify", "verify")
    p.add_argument("package", type=Path, metavar="PKG.zip", help=h("package_file"))
    p.add_argument("--expect-key", metavar="FINGERPRINT", help=h("expect_key"))
    p.add_argument("--package-passphrase-stdin", action="store_true", help=h("package_passphrase_stdin"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=verify)


def add_show_key(vault_group: object, command: object, h: Callable[[str], str]) -> None:
    """`vault show-key`, declared from parser.py's vault section (the group is made there)."""
    p = command(vault_group, "show-key", "vault_show_key")  # type: ignore[operator]
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=show_key)


def _package_passphrase(args: argparse.Namespace, lang: Lang, *, twice: bool) -> str | None:
    source = PassphraseSource(lang, args.package_passphrase_stdin)
    return source.for_package(ENV_PACKAGE_PASSPHRASE, twice=twice)


def export(args: argparse.Namespace, lang: Lang) -> int:
    doc_lang: Lang = getattr(args, "document_lang", None) or lang
    with open_desk(args, lang) as desk:
        passphrase = None
        if args.encrypt:
            passphrase = _package_passphrase(args, lang, twice=True)
            if not passphrase:
                raise PackagePassphraseNeeded(variable=ENV_PACKAGE_PASSPHRASE)
        if args.include_originals:
            warn(t("package.originals_warning", lang))
        result = desk.packages.export(
            args.case_id, args.output, lang=doc_lang, include_originals=args.include_originals,
            passphrase=passphrase, timestamp_url=args.timestamp, allow_network_once=args.allow_network_once,
            force=args.force, progress=terminal_progress("…"),
        )  # fmt: skip
    if args.json:
        emit_json({"file": str(result.path), "members": result.members, "key": result.key_fingerprint,
                   "sightings": result.sightings, "fingerprints": result.fingerprints,
                   "requests": result.requests, "originals": result.originals, "encrypted": result.encrypted,
                   "timestamp": result.timestamp.gen_time.isoformat() if result.timestamp else None,
                   "sha256sums": result.sums_sha256})  # fmt: skip
        return 0
    echo(t("package.exported", lang, path=result.path, sightings=result.sightings,
           fingerprints=result.fingerprints, requests=result.requests))  # fmt: skip
    echo(t("package.key_line", lang, fingerprint=result.key_fingerprint))
    if result.originals:
        echo(t("package.originals_count", lang, count=result.originals))
    if result.letters_missing:
        warn(t("package.letters_missing", lang, count=result.letters_missing))
    if result.encrypted:
        echo(t("package.encrypted_tools", lang))
    if result.timestamp:
        echo(
            t("package.timestamped", lang, at=result.timestamp.gen_time.isoformat(), tsa=result.timestamp.tsa)
        )
    return 0


def verify(args: argparse.Namespace, lang: Lang) -> int:
    from victim_desk.app.packages import finding_message
    from victim_desk.app.packages import verify as verify_package

    passphrase = None
    if args.package_passphrase_stdin or os.environ.get(ENV_PACKAGE_PASSPHRASE):
        passphrase = _package_passphrase(args, lang, twice=False)
    report = verify_package(args.package, passphrase=passphrase, expect_key=args.expect_key)
    if (passphrase is None and sys.stdin.isatty()
            and [f.check for f in report.findings] == ["needs_passphrase"]):  # fmt: skip
        passphrase = _package_passphrase(args, lang, twice=False)
        report = verify_package(args.package, passphrase=passphrase, expect_key=args.expect_key)
    if args.json:
        emit_json({
            "file": str(args.package), "ok": report.ok, "members": report.members,
            "key": report.key_fingerprint, "case": report.case_id, "audit_events": report.audit_events,
            "audit_head": report.audit_head, "encrypted": report.encrypted,
            "timestamp": report.timestamp.gen_time.isoformat() if report.timestamp else None,
            "problems": [{"member": f.member, "check": f.check, "message": finding_message(f, lang)}
                         for f in report.findings],
        })  # fmt: skip
        return 0 if report.ok else 1
    if report.key_fingerprint:
        echo(t("package.key_line", lang, fingerprint=report.key_fingerprint))
    if report.timestamp:
        echo(
            t("package.timestamped", lang, at=report.timestamp.gen_time.isoformat(), tsa=report.timestamp.tsa)
        )
    if report.ok:
        echo(t("package.verified", lang, members=report.members, events=report.audit_events))
        if not args.expect_key:
            echo(t("package.compare_key", lang))
        return 0
    for finding in report.findings:
        warn(finding_message(finding, lang))
    warn(t("package.not_verified", lang, count=len(report.findings)))
    return 1


def show_key(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        fingerprint = desk.packages.key_fingerprint()
    if args.json:
        emit_json({"algorithm": "ed25519", "fingerprint": fingerprint})
    else:
        echo(t("package.key_line", lang, fingerprint=fingerprint))
        echo(t("package.key_explain", lang))
    return 0
