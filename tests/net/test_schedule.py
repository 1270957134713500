"""The per-host pacing, with a fake clock: exact times, no waiting, no wall-clock assertions."""

from __future__ import annotations

import itertools
import queue
import random
import threading
from datetime import UTC, datetime
from typing import Any

import pytest

from victim_desk.core.cancel import CancelToken
from victim_desk.core.rechecks import CheckPlan, CheckResult, Outcome, Reason
from victim_desk.errors import InvalidProxy
from victim_desk.net.checker import Checker, CheckerConfig, check_proxy, host_key
from victim_desk.net.fetch import FetchConfig
from victim_desk.net.schedule import HostSchedule


def test_one_host_waits_its_interval_between_starts() -> None:
    s: HostSchedule[str] = HostSchedule(1.0)
    for item in ("a1", "a2", "a3"):
        s.add("a", item)
    assert s.take(0.0, 10) == [("a", "a1")]
    assert s.take(0.0, 10) == []  # busy
    s.done("a", 0.0)
    assert s.next_ready() == 1.0
    assert s.take(0.999, 10) == []
    assert s.take(1.0, 10) == [("a", "a2")]
    s.done("a", 1.0)  # answered at 1.0, finished reading at 3.5: the next may start at once
    assert s.next_ready() == 2.0
    assert s.take(3.5, 10) == [("a", "a3")]


def test_hosts_run_side_by_side_within_the_worker_limit() -> None:
    s: HostSchedule[int] = HostSchedule(1.0)
    for i in range(6):
        s.add(f"h{i % 3}", i)
    assert [h for h, _ in s.take(0.0, 2)] == ["h0", "h1"]  # limited by free workers, in order of waiting
    assert [h for h, _ in s.take(0.0, 5)] == ["h2"]
    assert s.in_flight == 3 and s.pending == 3


class FakeClock:
    """Time that moves only when the scheduler waits with nothing to receive."""

    def __init__(self) -> None:
        self.now = 0.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def wait(self, results: queue.Queue[object], timeout: float | None) -> object | None:
        # The fake checks answer at once; give their threads a moment before deciding time must pass.
        try:
            return results.get(timeout=0.05)
        except queue.Empty:
            pass
        if timeout is None:
            return results.get()
        with self.lock:
            self.now += timeout
        return None


def test_the_checker_keeps_every_host_paced_with_a_fake_clock() -> None:
    rng = random.Random(7)
    clock = FakeClock()
    starts: dict[str, list[float]] = {}
    lock = threading.Lock()
    active: dict[str, int] = {}
    overlaps: list[str] = []

    def fake_check(plan: CheckPlan, config: FetchConfig, on_answer: Any = None) -> CheckResult:
        host = host_key(plan.fetch_url)
        with lock:
            starts.setdefault(host, []).append(clock())
            active[host] = active.get(host, 0) + 1
            if active[host] > 1:
                overlaps.append(host)
        with lock:
            active[host] -= 1
        return CheckResult(plan.url, plan.fetch_url, Outcome.REACHABLE, Reason.ANSWERED, 200,
                           datetime.now(UTC))  # fmt: skip

    urls = [f"http://host{rng.randrange(7)}.test/page/{i}" for i in range(60)]
    checker = Checker(CheckerConfig(per_host_interval=1.0, workers=3), clock=clock, wait=clock.wait,
                      check=fake_check)  # fmt: skip
    got = [
        key
        for batch in checker.run([(i, CheckPlan(u, u, None)) for i, u in enumerate(urls)])
        for key, _ in batch
    ]
    assert sorted(got) == list(range(60))
    assert overlaps == []
    for host, times in starts.items():
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(times)), (host, times)
    # Hosts in parallel: the whole run takes about as long as the busiest host needs, not the sum.
    busiest = max(len(t) for t in starts.values())
    assert busiest - 1 <= clock.now <= busiest


def test_cancel_stops_new_requests() -> None:
    token = CancelToken()
    calls: list[str] = []

    def fake_check(plan: CheckPlan, config: FetchConfig, on_answer: Any = None) -> CheckResult:
        calls.append(plan.url)
        return CheckResult(
            plan.url, plan.fetch_url, Outcome.REMOVED, Reason.NOT_FOUND, 404, datetime.now(UTC)
        )

    clock = FakeClock()
    checker = Checker(CheckerConfig(per_host_interval=1.0, workers=1), clock=clock, wait=clock.wait,
                      check=fake_check)  # fmt: skip
    plans = [(i, CheckPlan(f"http://one.test/{i}", f"http://one.test/{i}", None)) for i in range(10)]
    seen = []
    for batch in checker.run(plans, token):
        seen.extend(batch)
        token.cancel()
    assert len(seen) == 1 and calls == ["http://one.test/0"]


@pytest.mark.parametrize(
    "bad",
    [
        "tor",
        "socks5h://127.0.0.1",
        "ftp://127.0.0.1:21",
        "socks5h://:9050",
        "http://127.0.0.1:3128/x",
        "http://127.0.0.1:99999",
    ],
)
def test_a_proxy_address_that_cannot_work_is_refused(bad: str) -> None:
    with pytest.raises(InvalidProxy) as info:
        check_proxy(bad)
    assert "socks5h://127.0.0.1:9050" in info.value.message("en")


def test_usable_proxy_addresses() -> None:
    for good in ("socks5h://127.0.0.1:9050", "http://user:secret@proxy.example:3128", "socks5://[::1]:1080"):
        assert check_proxy(good) == good


def test_real_servers_see_each_host_paced_in_order(servers: Any) -> None:
    """From the servers' side: every address asked for once, in the order given, one host at a time."""
    from tests.net.loopback import Reply, Site

    sites = [
        servers(Site({f"/p{i}": Reply(200, b"<html>page here</html>") for i in range(4)})) for _ in range(3)
    ]
    plans = [(f"{n}-{i}", CheckPlan(s.url(f"/p{i}"), s.url(f"/p{i}"), None)) for i in range(4)
             for n, s in enumerate(sites)]  # fmt: skip
    checker = Checker(CheckerConfig(per_host_interval=0.05, workers=2,
                                    fetch=FetchConfig(read_timeout=2.0)))  # fmt: skip
    results = [r for batch in checker.run(plans) for _, r in batch]
    assert len(results) == 12 and {str(r.outcome) for r in results} == {"reachable"}
    for s in sites:
        assert [seen.path for seen in s.seen] == ["/p0", "/p1", "/p2", "/p3"]
        arrivals = [seen.at for seen in s.seen]
        assert arrivals == sorted(arrivals)
