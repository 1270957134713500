"""`monitor` (re-check a case's addresses) and `network` (the vault's network setting).

Without `--online`, `monitor` never opens a connection: it lists what it would check and the last results.
With `--online`, the vault's setting decides: `never` refuses; `allowed` goes ahead; `ask` (the default)
asks once on the terminal (y/N) or, with no terminal to ask on, refuses and says how to allow it:
`--allow-network-once` for this run, `network allow` for good, `network never` to forbid it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from victim_desk.cli.commands import open_desk
from victim_desk.cli.grammar import Grammar
from victim_desk.cli.output import echo, emit_json, terminal_progress, warn
from victim_desk.core.rechecks import NetworkConsent, RecordedCheck
from victim_desk.errors import NetworkDeclined
from victim_desk.i18n import Lang, t


def add_parsers(g: Grammar) -> None:
    sub, command, group, h = g.sub, g.command, g.group, g.h
    p = command(sub, "monitor", "monitor")
    p.add_argument("--case", type=g.record_id, required=True, dest="case_id", metavar="ID", help=h("case_id"))
    p.add_argument("--online", action="store_true", help=h("online"))
    p.add_argument("--allow-network-once", action="store_true", help=h("allow_network_once"))
    p.add_argument("--proxy", metavar="URL", help=h("proxy"))
    p.add_argument("--interval", type=seconds(0.0, 3600.0), default=1.0, metavar="SECONDS",
                   help=h("interval"))  # fmt: skip
    p.add_argument("--timeout", type=seconds(0.1, 300.0), default=20.0, metavar="SECONDS",
                   help=h("timeout"))  # fmt: skip
    p.add_argument("--json", action="store_true", help=h("json"))
    p.set_defaults(handler=monitor)

    network = group("network")
    for action in ("status", "allow", "never", "ask"):
        p = command(network, action, f"network_{action}")
        p.add_argument("--json", action="store_true", help=h("json"))
        p.set_defaults(handler=network_setting, network_action=action)


def seconds(low: float, high: float) -> Any:
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high:  # also refuses nan
            raise ValueError(text)
        return value

    parse.__name__ = "seconds"
    return parse


# --- network ---------------------------------------------------------------------------------------


def network_setting(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        if args.network_action == "status":
            consent = desk.rechecks.consent()
        else:
            consent = desk.rechecks.set_consent(
                "allowed" if args.network_action == "allow" else args.network_action
            )
    if args.json:
        emit_json({"network": consent.value})
    else:
        echo(t(f"network.is_{consent.value}", lang))
    return 0


# --- monitor ---------------------------------------------------------------------------------------


def monitor(args: argparse.Namespace, lang: Lang) -> int:
    with open_desk(args, lang) as desk:
        if not args.online:
            return _offline(desk, args, lang)
        from victim_desk.net.checker import CheckerConfig, host_key, resolves_names_locally
        from victim_desk.net.fetch import FetchConfig

        # --proxy for this run, else the one kept in the settings: the prompt, the DNS warning and the run
        # itself all speak of the same proxy.
        proxy = desk.rechecks.proxy_for_run(args.proxy)
        planned = desk.rechecks.plan(args.case_id)
        if not planned:
            echo(t("cli.no_sightings", lang))
            return 0
        allow_once = args.allow_network_once
        if not allow_once and desk.rechecks.consent() is NetworkConsent.ASK:
            allow_once = _ask(len(planned), len({host_key(p.plan.fetch_url) for p in planned}), proxy, lang)
        desk.rechecks.require_permission(allow_once)
        if proxy and resolves_names_locally(proxy):
            warn(t("monitor.proxy_local_dns", lang))
        config = CheckerConfig(
            per_host_interval=args.interval,
            fetch=FetchConfig(
                connect_timeout=min(10.0, args.timeout), read_timeout=args.timeout,
                total_timeout=max(3 * args.timeout, 30.0), proxy=proxy,
            ),
        )  # fmt: skip
        counts: dict[str, int] = {}

        def show(check: RecordedCheck) -> None:
            counts[str(check.outcome)] = counts.get(str(check.outcome), 0) + 1
            if args.json:
                emit_json(check.to_json())
            else:
                echo(_line(check, lang))

        desk.rechecks.run(
            args.case_id, allow_once=allow_once, proxy=proxy, config=config, on_result=show,
            progress=terminal_progress("…"),
        )  # fmt: skip
    if not args.json:
        echo(t("monitor.summary", lang, total=sum(counts.values()), removed=counts.get("removed", 0),
               reachable=counts.get("reachable", 0), reappeared=counts.get("reappeared", 0),
               unknown=counts.get("unknown", 0)))  # fmt: skip
    return 0


def _ask(count: int, hosts: int, proxy: str | None, lang: Lang) -> bool:
    """Ask once on the terminal. With no terminal there is nobody to ask: refuse, saying how to allow."""
    if not sys.stdin.isatty():
        return False
    via = t("monitor.via_proxy", lang) if proxy else t("monitor.via_direct", lang)
    sys.stderr.write(t("monitor.ask", lang, count=count, hosts=hosts, via=via) + " ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer in ("y", "yes", "예", "네", "ㅇ"):
        return True
    raise NetworkDeclined()


def _line(check: RecordedCheck, lang: Lang) -> str:
    outcome = t(f"recheck.outcome.{check.outcome}", lang)
    reason = t(f"recheck.reason.{check.reason}", lang)
    code = f" HTTP {check.http_status}" if check.http_status is not None else ""
    move = ""
    if check.status_after != check.status_before:
        move = "  " + t("monitor.status_moved", lang, before=t(f"status.{check.status_before}", lang),
                        after=t(f"status.{check.status_after}", lang))  # fmt: skip
    return f"{check.sighting_id:>6}  {outcome}{code} — {reason}{move}  {check.url}"


def _offline(desk: Any, args: argparse.Namespace, lang: Lang) -> int:
    planned = desk.rechecks.plan(args.case_id)
    for p in planned:
        last = p.last.to_json() if p.last else None
        if args.json:
            emit_json({"id": p.sighting.id, "url": p.sighting.url, "checked_url": p.plan.fetch_url,
                       "status": str(p.sighting.status), "online": False, "last_check": last})  # fmt: skip
            continue
        if p.last is None:
            known = t("monitor.never_checked", lang)
        else:
            known = t("monitor.last_check", lang, at=p.last.checked_at.isoformat(timespec="minutes"),
                      outcome=t(f"recheck.outcome.{p.last.outcome}", lang),
                      reason=t(f"recheck.reason.{p.last.reason}", lang))  # fmt: skip
        status = t(f"status.{p.sighting.status}", lang)
        echo(f"{p.sighting.id:>6}  {status}  {p.sighting.url}  — {known}")
        if p.plan.fetch_url != p.sighting.url:
            echo("        " + t("monitor.would_fetch", lang, url=p.plan.fetch_url))
    if not args.json:
        if not planned:
            echo(t("cli.no_sightings", lang))
        echo(t("monitor.offline", lang, count=len(planned), case=args.case_id,
               setting=t(f"network.is_{desk.rechecks.consent().value}", lang)))  # fmt: skip
    return 0
