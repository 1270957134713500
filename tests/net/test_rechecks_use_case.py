"""`desk.rechecks`: consent, what a run records, status transitions, and no transaction held while waiting
on the network. Real vault, real servers on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from tests.net.loopback import HANG, Reply, Site
from victim_desk.core.cancel import CancelToken
from victim_desk.core.rechecks import NetworkConsent
from victim_desk.errors import DeskError, InvalidNetworkSetting, NetworkConsentNeeded, NetworkNeverAllowed
from victim_desk.net.checker import CheckerConfig
from victim_desk.net.fetch import FetchConfig
from victim_desk.storage.vault import Vault

FAST = CheckerConfig(per_host_interval=0.0, workers=4,
                     fetch=FetchConfig(connect_timeout=2.0, read_timeout=3.0, total_timeout=6.0))  # fmt: skip
PAGE = b"<html><body>a page that answers</body></html>"


@pytest.fixture
def site(servers: Callable[[Any], Any], desk: Any) -> Site:
    probes: list[str] = []

    def hang_after_probe(path: str) -> Reply:
        # While this request hangs, the run is waiting on the network. Another connection must be able to
        # write to the vault now: a transaction held across the wait would make this fail as busy.
        try:
            other = Vault.open(desk.path, PASSPHRASE)
            # Shorter than the hang (read timeout 3 s), far longer than any batch's own transaction.
            other.conn.execute("PRAGMA busy_timeout = 1000")
            try:
                with other.transaction():
                    pass
            finally:
                other.close()
            probes.append("vault free")
        except DeskError as exc:
            probes.append(type(exc).__name__)
        return HANG

    s = servers(Site({"/ok": Reply(200, PAGE), "/nf": Reply(404), "/gone": Reply(410), "/legal": Reply(451),
                      "/deny": Reply(403), "/hang": hang_after_probe}))  # fmt: skip
    s.probes = probes  # type: ignore[attr-defined]
    return s


def add(desk: Any, case: int, url: str) -> int:
    return int(desk.sightings.add(case, url, "web").id)


def test_consent_is_ask_by_default_and_nothing_is_sent_without_a_yes(desk: Any, site: Site) -> None:
    case = desk.cases.add("consent")
    add(desk, case, site.url("/ok"))
    assert desk.rechecks.consent() is NetworkConsent.ASK
    with pytest.raises(NetworkConsentNeeded):
        desk.rechecks.run(case, config=FAST)
    desk.rechecks.set_consent("never")
    with pytest.raises(NetworkNeverAllowed):
        desk.rechecks.run(case, allow_once=True, config=FAST)  # "never" wins over a one-off yes
    assert site.seen == []
    desk.rechecks.set_consent("allowed")
    assert desk.rechecks.run(case, config=FAST).checked[0].http_status == 200
    with pytest.raises(InvalidNetworkSetting):
        desk.rechecks.set_consent("sometimes")
    changes = [e.details for e in desk.audit.events(None) if e.action == "setting.set"]
    assert [(c["from"], c["to"]) for c in changes] == [(None, "never"), ("never", "allowed")]


def test_a_run_records_each_result_and_moves_statuses(desk: Any, site: Site) -> None:
    case = desk.cases.add("run")
    ids = {p: add(desk, case, site.url(p)) for p in ("/ok", "/nf", "/gone", "/legal", "/deny", "/hang")}
    desk.sightings.set_status(ids["/nf"], "requested")
    progress: list[tuple[int, int]] = []
    report = desk.rechecks.run(
        case, allow_once=True, config=FAST, progress=lambda d, t: progress.append((d, t))
    )
    by_id = {c.sighting_id: c for c in report.checked}
    assert {k: (str(by_id[v].outcome), str(by_id[v].reason)) for k, v in ids.items()} == {
        "/ok": ("reachable", "answered"),
        "/nf": ("removed", "not_found"),
        "/gone": ("removed", "gone"),
        "/legal": ("removed", "blocked"),
        "/deny": ("unknown", "forbidden"),
        "/hang": ("unknown", "timeout"),
    }
    assert progress[0] == (0, 6) and progress[-1] == (6, 6)
    statuses = {s.id: str(s.status) for s in desk.sightings.list(case)}
    assert statuses == {ids["/ok"]: "found", ids["/nf"]: "removed", ids["/gone"]: "removed",
                        ids["/legal"]: "removed", ids["/deny"]: "found", ids["/hang"]: "found"}  # fmt: skip
    assert by_id[ids["/nf"]].status_before == "requested"
    assert all(s.last_checked is not None for s in desk.sightings.list(case))
    events = [e for e in desk.audit.events(case) if e.action == "sighting.check"]
    assert sorted(e.entity_id for e in events) == sorted(ids.values())
    nf = next(e.details for e in events if e.entity_id == ids["/nf"])
    assert (nf["outcome"], nf["reason"], nf["http_status"], nf["status_before"], nf["status_after"]) == (
        "removed", "not_found", 404, "requested", "removed")  # fmt: skip
    assert site.probes == ["vault free"]  # type: ignore[attr-defined]
    assert desk.admin.check().sound
    # The last results are there for the offline view, without any network.
    assert {k: str(v.outcome) for k, v in desk.rechecks.history(case).items()}[ids["/gone"]] == "removed"


def test_a_removed_address_that_answers_again_has_reappeared(
    desk: Any, servers: Callable[[Any], Any]
) -> None:
    answers = {"/page": Reply(404)}
    site = servers(Site(answers))
    case = desk.cases.add("reappears")
    sid = add(desk, case, site.url("/page"))
    desk.rechecks.set_consent("allowed")
    assert str(desk.rechecks.run(case, config=FAST).checked[0].outcome) == "removed"
    answers["/page"] = Reply(200, PAGE)
    again = desk.rechecks.run(case, config=FAST).checked[0]
    assert (str(again.outcome), str(again.status_before), str(again.status_after)) == (
        "reappeared", "removed", "reappeared")  # fmt: skip
    answers["/page"] = Reply(410)
    gone = desk.rechecks.run(case, config=FAST).checked[0]
    assert (str(gone.status_before), str(gone.status_after)) == ("reappeared", "removed")
    assert [str(s.status) for s in desk.sightings.list(case)] == ["removed"]
    assert sid == gone.sighting_id


def test_unknown_never_changes_a_status(desk: Any, site: Site) -> None:
    case = desk.cases.add("unknown")
    sid = add(desk, case, site.url("/deny"))
    desk.sightings.set_status(sid, "removed")
    check = desk.rechecks.run(case, allow_once=True, config=FAST).checked[0]
    assert (str(check.outcome), str(check.status_after)) == ("unknown", "removed")


def test_planning_touches_no_network(desk: Any, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    case = desk.cases.add("offline")
    add(desk, case, site.url("/ok"))
    add(desk, case, "https://t.me/somechannel/123")
    attempts: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda s, a: attempts.append(a))
    planned = desk.rechecks.plan(case)
    assert [p.plan.fetch_url for p in planned] == [site.url("/ok"), "https://t.me/somechannel/123?embed=1"]
    assert attempts == [] and site.seen == []


def test_cancel_keeps_what_was_saved(desk: Any, site: Site) -> None:
    case = desk.cases.add("cancel")
    for i in range(5):
        add(desk, case, site.url(f"/ok?n={i}"))
    token = CancelToken()
    config = CheckerConfig(per_host_interval=0.0, workers=1, fetch=FAST.fetch)
    report = desk.rechecks.run(
        case, allow_once=True, config=config, cancel=token, on_result=lambda c: token.cancel()
    )
    assert report.cancelled and 1 <= len(report.checked) < 5
    assert len(desk.rechecks.history(case)) == len(report.checked)
