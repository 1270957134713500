"""`referral list`, `referral --case ... --to ...` and `guide`: the directory, referral letters, the guide.

`referral` is one command with two forms (both fixed by the CLI contract): `referral list [--need N]
[--region R] [--json]` shows the directory, and `referral --case ID --to ORG [--share FIELD...] -o OUT`
writes a letter. argparse cannot give one name both subcommands and options of its own, so `referral`
takes an optional first word, `list`, and the handler checks that each form got only its own options, with
a plain message naming what is missing or misplaced.

`--lang` after `referral` or `guide` is the document's language (`args.document_lang`); for `referral list`
the list is the document, so `referral list --lang en` shows it in English. Neither `referral list` nor
`guide` needs a vault: they are what a person in crisis may need before she has created anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from victim_desk.app import referrals as use_case
from victim_desk.cli.commands import open_desk
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.output import echo, emit_json
from victim_desk.core.blocks import to_text
from victim_desk.core.referral_letter import parse_share
from victim_desk.core.referrals import Organisation, fact_text, hours_text, phone_text
from victim_desk.errors import ReferralListOptions, ReferralOptionsMissing, UnknownDocumentFormat
from victim_desk.i18n import Lang, t

_USAGE = (
    "victim-desk referral list [--need N] [--region R] [--json] [--lang ko|en]\n"
    "       victim-desk referral --case ID --to ORG [--share FIELD ...] [--lang ko|en] [--format pdf|txt]"
    " -o OUT [--force]"
)


def add_parsers(g: Grammar) -> None:
    sub, command, h = g.sub, g.command, g.h
    p = command(sub, "referral", "referral")
    p.usage = _USAGE
    p.add_argument("action", nargs="?", choices=("list",), metavar="list", help=h("referral_action"))
    p.add_argument("--need", metavar="N", help=h("referral_need"))
    p.add_argument("--region", metavar="R", help=h("referral_region"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.add_argument("--case", type=g.record_id, dest="case_id", metavar="ID", help=h("referral_case"))
    p.add_argument("--to", dest="org", metavar="ORG", help=h("referral_to"))
    p.add_argument(
        "--share", nargs="+", action="extend", default=[], metavar="FIELD", help=h("referral_share")
    )
    p.add_argument("--format", choices=("pdf", "txt"), dest="doc_format", help=h("referral_format"))
    p.add_argument("-o", "--output", type=Path, help=h("output"))
    p.add_argument("--force", action="store_true", help=h("referral_force"))
    p.set_defaults(handler=referral)

    p = command(sub, "guide", "guide")
    p.add_argument("-o", "--output", type=Path, help=h("output"))
    p.add_argument("--force", action="store_true", help=h("referral_force"))
    p.set_defaults(handler=guide)


def document_format(out: Path, given: str | None) -> str:
    """pdf or txt: as given, else by the file's extension; anything else is refused before any work."""
    if given:
        return given
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".txt":
        return "txt"
    raise UnknownDocumentFormat(path=str(out))


def referral(args: argparse.Namespace, lang: Lang) -> int:
    doc_lang: Lang = args.document_lang or lang
    letter_options = {
        "--case": args.case_id,
        "--to": args.org,
        "--share": args.share or None,
        "--format": args.doc_format,
        "-o": args.output,
        "--force": args.force or None,
    }
    if args.action == "list":
        misplaced = [name for name, value in letter_options.items() if value is not None]
        if misplaced:
            raise ReferralListOptions(options=", ".join(misplaced))
        return _list(args, doc_lang)
    missing = [name for name in ("--case", "--to", "-o") if letter_options[name] is None]
    if missing:
        raise ReferralOptionsMissing(missing=", ".join(missing))
    listing = [name for name, value in (("--need", args.need), ("--region", args.region)) if value]
    if listing or args.json:
        raise ReferralListOptions(options=", ".join(listing + (["--json"] if args.json else [])))
    fmt = document_format(args.output, args.doc_format)
    # An unknown organisation or field is said before the passphrase is asked for.
    use_case.directory().get(args.org)
    parse_share(args.share)
    with open_desk(args, lang) as desk:
        result = desk.referrals.write(
            args.case_id, args.org, args.share, args.output, lang=doc_lang, fmt=fmt,  # type: ignore[arg-type]
            force=args.force,
        )  # fmt: skip
    fields = ", ".join(result.referral.shared_fields) or t("cli.referral_nothing_shared", lang)
    echo(t("cli.referral_written", lang, path=result.letter, id=result.referral.id, fields=fields))
    for path in result.attachments:
        echo(t("cli.referral_attachment", lang, path=path))
    return 0


def _list(args: argparse.Namespace, lang: Lang) -> int:
    directory = use_case.directory()
    orgs = directory.filter(args.need, args.region)
    if args.json:
        for org in orgs:
            emit_json(org.to_json())
        return 0
    if not orgs:
        echo(t("cli.no_organisations", lang))
        return 0
    for number, org in enumerate(orgs):
        if number:
            echo()
        for line in _org_lines(org, lang):
            echo(line)
    return 0


def _org_lines(org: Organisation, lang: Lang) -> list[str]:
    directory = use_case.directory()

    def label(key: str) -> str:
        return t(f"referral.list.{key}", lang)

    lines = [f"{org.name(lang)}  [{org.id}]"]
    needs = ", ".join(directory.need_label(n, lang) for n in org.needs)
    lines.append(f"  {label('needs')}: {needs}")
    lines.append(f"  {label('helps')}: {org.helps[lang]}")
    lines.append(f"  {label('region')}: {directory.region_label(org.region, lang)}")
    for phone in org.phones:
        lines.append(f"  {label('phone')}: {phone_text(phone, lang)}")
    for web in org.web:
        lines.append(f"  {label('web')}: {fact_text(web.address, web.provenance, lang)}")
    for contact in org.contacts:
        kind = t(f"referral.contact.{contact.kind}", lang)
        lines.append(f"  {kind}: {fact_text(contact.value, contact.provenance, lang)}")
    hours = hours_text(org.hours, lang)
    if hours:
        lines.append(f"  {label('hours')}: {hours}")
    if org.notes:
        lines.append(f"  {label('note')}: {org.notes[lang]}")
    source = t("referral.list.source_value", lang, source=directory.source_title(org.provenance.source),
               verified_on=org.provenance.verified_on)  # fmt: skip
    lines.append(f"  {label('source')}: {source}")
    return lines


def guide(args: argparse.Namespace, lang: Lang) -> int:
    doc_lang: Lang = args.document_lang or lang
    document = use_case.guide(doc_lang)
    if args.output is None:
        for line in to_text(document).rstrip("\n").split("\n"):
            echo(line)
        return 0
    fmt = document_format(args.output, None)
    use_case.write_document(document, args.output, fmt, force=args.force)  # type: ignore[arg-type]
    echo(t("cli.guide_written", lang, path=args.output))
    return 0
