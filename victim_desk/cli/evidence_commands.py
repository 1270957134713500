"""Handlers for fingerprint, match, evidence and hashlist: the commands that look at files.

`fingerprint` and `match --against` need no vault: a person can check a file against a list without
creating anything. Each file's result is printed as soon as it is known; a bad file prints an error line,
the rest go on, and the exit status is 1 at the end.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from victim_desk.app import matching
from victim_desk.cli.commands import open_desk
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.output import echo, emit_json, terminal_progress, warn
from victim_desk.core import provenance
from victim_desk.errors import DeskError
from victim_desk.i18n import Lang, t


def add_parsers(g: Grammar) -> None:
    sub, command, group, h = g.sub, g.command, g.group, g.h
    p = command(sub, "fingerprint", "fingerprint")
    p.add_argument("--json", action="store_true", help=h("json"))
    p.add_argument("--show-parameters", action="store_true", help=h("show_parameters"))
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help=h("fingerprint_files"))
    p.set_defaults(handler=fingerprint)

    p = command(sub, "match", "match")
    p.add_argument("--against", type=Path, metavar="LIST", help=h("against"))
    p.add_argument("--max-distance", type=distance, default=31, metavar="N", help=h("max_distance"))
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help=h("match_files"))
    p.set_defaults(handler=match)

    evidence = group("evidence")
    p = command(evidence, "add", "evidence_add")
    p.add_argument("--case", type=g.record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("--keep-preview", action="store_true", help=h("keep_preview"))
    p.add_argument("--keep-original", action="store_true", help=h("keep_original"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help=h("evidence_files"))
    p.set_defaults(handler=evidence_add)
    p = command(evidence, "list", "evidence_list")
    p.add_argument("--case", type=g.record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.add_argument("--show-parameters", action="store_true", help=h("show_parameters"))
    p.set_defaults(handler=evidence_list)

    hashlist = group("hashlist")
    p = command(hashlist, "export", "hashlist_export")
    p.add_argument("--case", type=g.record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("-o", "--output", type=Path, required=True, help=h("output"))
    p.add_argument("--force", action="store_true", help=h("force"))
    p.set_defaults(handler=hashlist_export)
    p = command(hashlist, "import", "hashlist_import")
    p.add_argument("file", type=Path, metavar="FILE", help=h("hashlist_file"))
    p.add_argument("--source", help=h("hashlist_source"))
    p.set_defaults(handler=hashlist_import)


def distance(text: str) -> int:
    """A Hamming distance between two 256-bit hashes: 0 to 256."""
    value = int(text)
    if not 0 <= value <= 256:
        raise ValueError(text)
    return value


def _error_line(path: Path, error: DeskError, lang: Lang) -> dict[str, str]:
    return {"file": str(path), "error": error.cli_message(lang)}


def fingerprint(args: argparse.Namespace, lang: Lang) -> int:
    failed = False
    for path, result in matching.fingerprint_files(args.files, progress=terminal_progress("…")):
        if isinstance(result, DeskError):
            failed = True
            if args.json:
                emit_json(_error_line(path, result, lang))
            else:
                warn(f"{path}: {result.cli_message(lang)}")
            continue
        obj = result.to_json()
        if obj.get("provenance") is not None and not args.show_parameters:
            # Prompts can be abusive or name the person, and fingerprint output is shared as a hash list.
            obj["provenance"] = provenance.redacted(obj["provenance"])
        if args.json:
            emit_json(obj)
        else:
            echo(f"{path}: {obj['kind']}, {obj['size']} bytes")
            for key in ("sha256", "md5", "pdq", "pdq_quality", "phash"):
                if obj.get(key) is not None:
                    echo(f"  {key:<12}{obj[key]}")
            if obj.get("frames"):
                echo(f"  {'frames':<12}{len(obj['frames'])}")
            _print_provenance(obj.get("provenance"), args.show_parameters, lang)
    return 1 if failed else 0


def _print_provenance(found: dict[str, Any] | None, show: bool, lang: Lang) -> None:
    """The indicators as sentences; generator parameters only as "present (hidden)" unless opened."""
    if found is None:
        return
    echo("  " + t("provenance.heading", lang))
    for line in provenance.describe(found, lang):
        echo(f"    - {line}")
    if provenance.has_hidden(found):
        echo(f"    - {t('provenance.hidden_parameters', lang)}")
    if not show:
        return
    for item in found.get("indicators") or []:
        for key, value in (item.get("parameters") or {}).items():
            echo(f"      {item.get('source')} {key}: {value}")
    for key in provenance.SENSITIVE_METADATA:
        if key in (found.get("metadata") or {}):
            echo(f"      {key}: {found['metadata'][key]}")


def match(args: argparse.Namespace, lang: Lang) -> int:
    if args.against is not None:
        known = matching.read_known_list(args.against)
        return _print_matches(matching.match_files(args.files, known, args.max_distance), lang)
    with open_desk(args, lang) as desk:
        known = desk.evidence.known_entries()
        return _print_matches(matching.match_files(args.files, known, args.max_distance), lang)


def _print_matches(results: Any, lang: Lang) -> int:
    failed = False
    for path, outcome in results:
        if isinstance(outcome, DeskError):
            failed = True
            emit_json(_error_line(path, outcome, lang))
        else:
            emit_json({"file": str(path), "matches": outcome})
    return 1 if failed else 0


def evidence_add(args: argparse.Namespace, lang: Lang) -> int:
    if args.keep_original:
        warn(t("cli.keeping_originals", lang))
    failed = False
    with open_desk(args, lang) as desk:
        for path, result in desk.evidence.add(
            args.case_id,
            args.files,
            keep_preview=args.keep_preview,
            keep_original=args.keep_original,
            progress=terminal_progress("…"),
        ):
            if isinstance(result, DeskError):
                failed = True
                if args.json:
                    emit_json(_error_line(path, result, lang))
                else:
                    warn(f"{path}: {result.cli_message(lang)}")
            elif args.json:
                emit_json(result.to_json())
            else:
                echo(t("cli.evidence_added", lang, id=result.id, file=path.name))
    return 1 if failed else 0


def evidence_list(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        items = desk.evidence.list(args.case_id)
    for item in items:
        if args.json:
            emit_json(item.to_json(reveal=args.show_parameters))
        else:
            echo(f"{item.id:>6}  {item.kind:<5}  {item.sha256[:16]}…  {item.file_name}")
            summary = provenance.short_summary(item.provenance, lang)
            if summary is not None:
                echo(f"{'':>8}{summary}")
    if not items and not args.json:
        echo(t("cli.no_evidence", lang))
    return 0


def hashlist_export(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        count = desk.evidence.export_hash_list(args.case_id, args.output, force=args.force)
    echo(t("cli.hashlist_written", lang, count=count, path=args.output))
    return 0


def hashlist_import(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        count = desk.evidence.import_hash_list(args.file, args.source)
    echo(t("cli.hashlist_imported", lang, count=count))
    return 0
