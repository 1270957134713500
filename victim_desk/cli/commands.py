"""Handlers for the vault, profile, case and sighting commands: parse -> desk -> print."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from victim_desk.app.vault_admin import default_vault_path, remembers_key, require_vault
from victim_desk.cli.output import echo, emit_json, warn
from victim_desk.cli.passphrase import ENV_PASSPHRASE, PassphraseSource
from victim_desk.desk import Desk
from victim_desk.i18n import Lang, t


def vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if getattr(args, "vault", None) else default_vault_path()


def secrets(args: argparse.Namespace, lang: Lang) -> PassphraseSource:
    return PassphraseSource(lang, use_stdin=bool(getattr(args, "passphrase_stdin", False)))


@contextlib.contextmanager
def open_desk(args: argparse.Namespace, lang: Lang) -> Iterator[Desk]:
    path = vault_path(args)
    require_vault(path)  # a missing vault is said before any passphrase is asked for
    passphrase = secrets(args, lang).current(allow_keyring=remembers_key(path))
    desk = Desk.open(path, passphrase)
    try:
        yield desk
    finally:
        desk.lock()


# --- vault ----------------------------------------------------------------------------------------


def vault_init(args: argparse.Namespace, lang: Lang) -> int:
    path = vault_path(args)
    source = secrets(args, lang)
    if source.use_stdin:
        passphrase = source.current()
    else:
        passphrase = os.environ.get(ENV_PASSPHRASE) or source.new(from_stdin=False)
    assert passphrase is not None
    with Desk.create(path, passphrase):
        pass
    echo(t("cli.vault_created", lang, path=path))
    return 0


def vault_passwd(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        new = secrets(args, lang).new(from_stdin=args.new_passphrase_stdin)
        desk.admin.change_passphrase(new)
    echo(t("cli.passphrase_changed", lang))
    return 0


def vault_check(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        report = desk.admin.check()
    for notice in report.notices:
        warn(notice.message(lang))
    if not report.sound:
        for finding in report.damage:
            warn(finding.message(lang))
        warn(t("cli.vault_problems", lang, count=len(report.damage)))
        return 1
    echo(t("cli.vault_ok", lang))
    return 0


def vault_backup(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        desk.admin.backup(args.output, force=args.force)
    echo(t("cli.backup_written", lang, path=args.output))
    return 0


def vault_restore(args: argparse.Namespace, lang: Lang) -> int:
    path = vault_path(args)
    passphrase = secrets(args, lang).current()
    assert passphrase is not None
    Desk.restore(args.backup_file, path, passphrase).lock()
    echo(t("cli.vault_restored", lang, path=path))
    return 0


def vault_remember(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        backend = desk.admin.remember_on_this_computer()
    echo(t("cli.key_remembered", lang, backend=backend))
    return 0


def vault_forget(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        desk.admin.forget_on_this_computer()
    echo(t("cli.key_forgotten", lang))
    return 0


# --- profile --------------------------------------------------------------------------------------


def profile_set(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        desk.profile.set(args.name, args.email, args.phone, args.role, args.organization)
    echo(t("cli.profile_saved", lang))
    return 0


def profile_show(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        profile = desk.profile.get()
    if args.json:
        emit_json(profile.to_json() if profile else {})
    elif profile is None:
        echo(t("cli.no_profile", lang))
    else:
        for key, value in profile.to_json().items():
            if value:
                echo(f"{t('field.' + key, lang)}: {value}")
    return 0


# --- cases ----------------------------------------------------------------------------------------


def case_add(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        case_id = desk.cases.add(args.title)
    if args.json:
        emit_json({"id": case_id})
    else:
        echo(t("cli.case_added", lang, id=case_id))
    return 0


def case_list(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        cases = desk.cases.list()
    if args.json:
        for case in cases:
            emit_json(case.to_json())
    elif not cases:
        echo(t("cli.no_cases", lang))
    else:
        for case in cases:
            echo(t("cli.case_line", lang, id=case.id, title=case.title, sightings=case.sightings,
                   evidence=case.evidence))  # fmt: skip
    return 0


# --- sightings ------------------------------------------------------------------------------------


def sighting_add(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        sighting = desk.sightings.add(args.case_id, args.url, args.platform, args.seen, args.note)
    if args.json:
        emit_json(sighting.to_json())
    else:
        echo(t("cli.sighting_added", lang, id=sighting.id, platform=sighting.platform))
    return 0


def sighting_list(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        if args.json:
            write = sys.stdout.write
            for line in desk.sightings.json_lines(args.case_id):
                write(line + "\n")
            return 0
        sightings = desk.sightings.list(args.case_id)
        any_row = False
        for s in sightings:
            any_row = True
            seen = s.seen.isoformat(timespec="minutes") if s.seen else "-"
            status = t(f"status.{s.status}", lang)
            echo(f"{s.id:>6}  {status:<6}  {s.platform:<9} {seen:<25} {s.url}")
        if not any_row:
            echo(t("cli.no_sightings", lang))
    return 0


def sighting_import(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        report = desk.sightings.import_file(args.case_id, args.file)
    for row in report.errors:
        warn(t("cli.import_row_error", lang, line=row.line, reason=row.error.cli_message(lang)))
    for dup in report.duplicates:
        if dup.existing is not None:
            warn(t("cli.import_duplicate_existing", lang, line=dup.line, id=dup.existing))
        else:
            warn(t("cli.import_duplicate_in_file", lang, line=dup.line, first=dup.first_line))
    if args.json:
        emit_json({"added": len(report.added), "errors": len(report.errors),
                   "duplicates": len(report.duplicates), "ids": report.added})  # fmt: skip
    else:
        echo(t("cli.import_done", lang, added=len(report.added), errors=len(report.errors)))
        if report.duplicates:
            echo(t("cli.import_duplicates", lang, count=len(report.duplicates)))
    # Partial success is still success for the rows kept; exit 1 tells scripts some rows need a look.
    return 1 if report.errors else 0


def sighting_status(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        sighting = desk.sightings.set_status(args.sighting_id, args.status)
    if args.json:
        emit_json(sighting.to_json())
    else:
        echo(t("cli.status_set", lang, id=sighting.id, status=t(f"status.{sighting.status}", lang)))
    return 0
