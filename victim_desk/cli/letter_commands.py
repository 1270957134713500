"""Handlers for `letter` (requests, follow-ups, escalation documents, the recipients list) and the
`request` group (the clocks: list, re-date, answer, what is due now)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from victim_desk.app.requests import FORMATS, LetterResult, LetterSpec
from victim_desk.cli.commands import open_desk
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.output import echo, emit_json, warn
from victim_desk.core.letters.compose import KST, MATERIALS, VOICES, moment_text
from victim_desk.core.letters.followup import Due
from victim_desk.core.letters.jurisdictions import jurisdictions
from victim_desk.core.letters.recipients import JURISDICTIONS, get_recipient, recipients
from victim_desk.core.model import Request
from victim_desk.core.sightings import parse_moment
from victim_desk.errors import LetterOptionMissing
from victim_desk.i18n import Lang, t


def add_parsers(g: Grammar) -> None:
    sub, command, group, h = g.sub, g.command, g.group, g.h
    p = command(sub, "letter", "letter")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--sighting", type=g.record_id, dest="sighting_id", metavar="ID", help=h("letter_sighting")
    )
    what.add_argument("--case", type=g.record_id, dest="case_id", metavar="ID", help=h("letter_case"))
    what.add_argument(
        "--follow-up", type=g.record_id, dest="follow_up", metavar="REQUEST", help=h("letter_follow_up")
    )
    what.add_argument(
        "--escalate", type=g.record_id, dest="escalate", metavar="REQUEST", help=h("letter_escalate")
    )
    what.add_argument("--recipients", action="store_true", help=h("letter_recipients"))
    p.add_argument("--platform", help=h("platform"))
    p.add_argument("--to", dest="recipient", metavar="RECIPIENT", help=h("letter_to"))
    p.add_argument("--jurisdiction", type=str.upper, choices=JURISDICTIONS, help=h("letter_jurisdiction"))
    p.add_argument("--format", choices=FORMATS, dest="format", help=h("letter_format"))
    p.add_argument("-o", "--output", type=Path, help=h("output"))
    p.add_argument("--voice", choices=VOICES, help=h("letter_voice"))
    p.add_argument("--authority", help=h("letter_authority"))
    p.add_argument("--channel", help=h("letter_channel"))
    p.add_argument("--material", choices=MATERIALS, default="unspecified", help=h("letter_material"))
    p.add_argument("--cite-ai-indicators", action="store_true", help=h("letter_cite_ai"))
    p.add_argument("--include-fingerprints", action="store_true", help=h("letter_fingerprints"))
    p.add_argument("--preserve-data", action="store_true", help=h("letter_preserve"))
    p.add_argument(
        "--substantiate", action="append", default=[], metavar="TEXT", help=h("letter_substantiate")
    )
    p.add_argument("--route", help=h("letter_route"))
    p.add_argument("--force", action="store_true", help=h("letter_force"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=letter)

    request = group("request")
    p = command(request, "list", "request_list")
    p.add_argument("--case", type=g.record_id, dest="case_id", metavar="ID", help=h("request_case"))
    p.add_argument("--overdue", action="store_true", help=h("request_overdue"))
    p.add_argument("--as-of", dest="as_of", metavar="TIME", help=h("request_as_of"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=request_list)
    p = command(request, "sent", "request_sent")
    p.add_argument("request_id", type=g.record_id, metavar="ID", help=h("request_id"))
    p.add_argument("--at", metavar="TIME", help=h("request_at"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=request_sent)
    p = command(request, "update", "request_update")
    p.add_argument("request_id", type=g.record_id, metavar="ID", help=h("request_id"))
    p.add_argument("--status", required=True, help=h("request_status_value"))
    p.add_argument("--note", help=h("note"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=request_update)
    p = command(request, "next", "request_next")
    p.add_argument("--case", type=g.record_id, dest="case_id", metavar="ID", help=h("request_case"))
    p.add_argument("--as-of", dest="as_of", metavar="TIME", help=h("request_as_of"))
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=request_next)


def _need(args: argparse.Namespace, *names: str) -> None:
    flags = {"recipient": "--to", "jurisdiction": "--jurisdiction", "output": "-o", "platform": "--platform",
             "route": "--route"}  # fmt: skip
    absent = [flags[n] for n in names if getattr(args, n) in (None, "")]
    if absent:
        raise LetterOptionMissing(options=" ".join(absent))


def letter(args: argparse.Namespace, lang: Lang) -> int:
    if args.recipients:
        return _recipients(args, lang)
    doc_lang: Lang = args.document_lang or lang
    with open_desk(args, lang) as desk:
        if args.follow_up is not None:
            _need(args, "output")
            result = desk.requests.follow_up(args.follow_up, args.output, args.format, lang=doc_lang,
                                             force=args.force, substantiation=args.substantiate)  # fmt: skip
        elif args.escalate is not None:
            _need(args, "route", "output")
            result = desk.requests.escalate(
                args.escalate, args.route, args.output, args.format, lang=doc_lang, force=args.force,
                substantiation=args.substantiate,
            )  # fmt: skip
        else:
            _need(args, "recipient", "jurisdiction", "output", *(("platform",) if args.case_id else ()))
            spec = LetterSpec(
                recipient=args.recipient, jurisdiction=args.jurisdiction, lang=doc_lang,
                sighting_id=args.sighting_id, case_id=args.case_id, platform=args.platform, voice=args.voice,
                channel=args.channel, authority=args.authority, material=args.material,
                include_fingerprints=args.include_fingerprints, preserve_data=args.preserve_data,
                substantiation=tuple(args.substantiate), cite_ai_indicators=args.cite_ai_indicators,
            )  # fmt: skip
            result = desk.requests.letter(spec, args.output, args.format, force=args.force)
    _report(result, args, lang)
    return 0


def _report(result: LetterResult, args: argparse.Namespace, lang: Lang) -> None:
    request = result.request
    if args.json:
        emit_json({"path": str(result.path), "format": result.format,
                   "request": request.to_json(request.sent_at) if request else None})  # fmt: skip
        return
    if request is None:
        echo(t("letter.escalation_written", lang, path=result.path))
    else:
        deadline = _when(request.deadline, lang) if request.deadline else t("request.no_deadline", lang)
        echo(t("letter.written", lang, path=result.path, reference=request.reference, id=request.id,
               count=len(request.sightings), deadline=deadline))  # fmt: skip
        if request.channel:
            channel = next(c for c in get_recipient(request.recipient).channels if c.kind == request.channel)
            shown = channel.name(lang) + (f" — {channel.address}" if channel.address else "")
            echo(t("letter.send_via", lang, channel=shown))
    for key in result.notices:
        warn(t(key, lang))


def _recipients(args: argparse.Namespace, lang: Lang) -> int:
    clocks = jurisdictions()
    for r in recipients():
        if args.json:
            clock = {j: {"kind": clocks[j].clock.kind, "hours": clocks[j].clock.hours,
                         "source": clocks[j].clock.fact.source} for j in r.jurisdictions}  # fmt: skip
            emit_json({**r.to_json(), "clocks": clock})
            continue
        echo(
            t(
                "letter.recipient_line",
                lang,
                id=r.id,
                name=r.name(lang),
                jurisdictions=" ".join(r.jurisdictions),
            )
        )
        for c in r.channels:
            mark = "" if c.verified else " " + t("letter.unverified_mark", lang)
            scope = f" [{' '.join(c.jurisdictions)}]" if c.jurisdictions else ""
            echo(f"    - {c.name(lang)}{scope}{': ' + c.address if c.address else ''}{mark}")
    if not args.json:
        echo("")
        for code, j in clocks.items():
            echo(t(f"letter.clock_line.{j.clock.kind}", lang, jurisdiction=code, hours=j.clock.hours or 0))
    return 0


# --- request ------------------------------------------------------------------------------------------


def _as_of(text: str | None) -> datetime | None:
    # "As of" may be in the future ("what will be overdue on Friday"), unlike a sighting's date.
    return parse_moment(text, now=datetime.max.replace(tzinfo=UTC)) if text else None


def _when(moment: datetime | None, lang: Lang) -> str:
    return "-" if moment is None else f"{moment_text(moment, KST)} {t('request.kst', lang)}"


def request_list(args: argparse.Namespace, lang: Lang) -> int:
    at = _as_of(args.as_of)
    with open_desk(args, lang) as desk:
        if args.json:
            write = sys.stdout.write
            for line in desk.requests.json_lines(args.case_id, overdue=args.overdue, at=at):
                write(line + "\n")
            return 0
        now = at or desk.requests.now()
        any_row = False
        for r in desk.requests.list(args.case_id, overdue=args.overdue, at=at):
            any_row = True
            _request_line(r, now, lang)
        if not any_row:
            echo(t("request.none_overdue" if args.overdue else "request.none", lang))
    return 0


def _request_line(r: Request, now: datetime, lang: Lang) -> None:
    status = str(t(f"request.status.{r.status}", lang))
    if r.overdue(now):
        status += " " + t("request.overdue_mark", lang)
    echo(t("request.line", lang, id=r.id, reference=r.reference, recipient=r.recipient,
           jurisdiction=r.jurisdiction, sent=_when(r.sent_at, lang),
           deadline=_when(r.deadline, lang) if r.deadline else t("request.no_deadline", lang),
           status=status, count=len(r.sightings)))  # fmt: skip


def request_sent(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        r = desk.requests.mark_sent(args.request_id, args.at)
        now = desk.requests.now()
    if args.json:
        emit_json(r.to_json(now))
    else:
        deadline = _when(r.deadline, lang) if r.deadline else t("request.no_deadline", lang)
        echo(t("request.sent_moved", lang, id=r.id, sent=_when(r.sent_at, lang), deadline=deadline))
    return 0


def request_update(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        r = desk.requests.update(args.request_id, args.status, args.note)
        now = desk.requests.now()
    if args.json:
        emit_json(r.to_json(now))
    else:
        echo(t("request.updated", lang, id=r.id, status=t(f"request.status.{r.status}", lang)))
        if str(r.status) == "removed":
            echo(t("request.sightings_removed", lang, count=len(r.sightings)))
    return 0


def request_next(args: argparse.Namespace, lang: Lang) -> int:
    at = _as_of(args.as_of)
    with open_desk(args, lang) as desk:
        due = desk.requests.next(args.case_id, at=at)
    if args.json:
        for d in due:
            emit_json(d.to_json())
        return 0
    if not due:
        echo(t("request.next_nothing", lang))
        return 0
    case = None
    for d in due:
        if d.case_id != case:
            case = d.case_id
            echo(t("request.next_case", lang, case=case))
        _due_line(d, lang)
    return 0


def _due_line(d: Due, lang: Lang) -> None:
    since = _when(d.since, lang)
    if d.action == "letter":
        echo(t("request.next_letter", lang, platform=d.platform, count=len(d.sightings), case=d.case_id,
               recipient=d.recipient or "generic"))  # fmt: skip
    elif d.action == "follow_up":
        echo(t("request.next_follow_up", lang, id=d.request or 0, recipient=d.recipient or "",
               jurisdiction=d.jurisdiction or "", since=since))  # fmt: skip
    else:
        routes = jurisdictions()[d.jurisdiction or "KR"].escalation
        echo(t("request.next_escalate", lang, id=d.request or 0, recipient=d.recipient or "", since=since))
        for route in routes:
            if route.document:
                echo(t("request.next_escalate_document", lang, id=d.request or 0, route=route.id))
        for route in routes:
            if not route.document:
                name = route.name(lang)
                extra = f": {route.address}" if route.address and route.address not in name else ""
                echo(f"    - {name}{extra}")
        if not routes:
            echo(t("request.next_no_routes", lang, jurisdiction=d.jurisdiction or ""))
