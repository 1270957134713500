"""Checking many addresses at once: hosts side by side, each host politely, results as they come.

A bounded pool of worker threads makes the requests (`fetch.check`); the calling thread schedules them
(`schedule.HostSchedule`: one request at a time per host, starts at least `interval` apart) and yields each
result as soon as it is known, so the caller can save it and show progress while the rest are checked. A
worker is busy only while it talks to a server, never while a host's interval runs, so a handful of
workers keeps fifty hosts going.

Cancelling stops new requests at once; requests already under way are left to finish on their own (their
timeouts bound them) and their results are dropped, so a Cancel button never waits for a slow server.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from victim_desk.core.cancel import CancelToken
from victim_desk.core.rechecks import CheckPlan, CheckResult, Outcome, Reason
from victim_desk.errors import InvalidProxy
from victim_desk.logs import log_unexpected

from . import fetch
from .schedule import HostSchedule

K = TypeVar("K")

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h", "socks4", "socks4a")
# How long the scheduler blocks at most before looking at the cancel token again.
_CANCEL_POLL = 0.2


@dataclass(frozen=True)
class CheckerConfig:
    per_host_interval: float = 1.0
    workers: int = 8
    fetch: fetch.FetchConfig = field(default_factory=fetch.FetchConfig)


def check_proxy(url: str) -> str:
    """`url` if it names a usable proxy (scheme, host and port), else InvalidProxy. Credentials in it are
    allowed and never repeated in a message."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise InvalidProxy(schemes=", ".join(PROXY_SCHEMES)) from None
    if parts.scheme.lower() not in PROXY_SCHEMES or not parts.hostname or port is None:
        raise InvalidProxy(schemes=", ".join(PROXY_SCHEMES))
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise InvalidProxy(schemes=", ".join(PROXY_SCHEMES))
    return url.strip()


def resolves_names_locally(proxy: str) -> bool:
    """Whether this proxy type makes our computer look up the site's name (socks5://, socks4://): with
    Tor that tells the local DNS resolver every site checked. socks5h:// lets the proxy do it."""
    return urlsplit(proxy).scheme.lower() in ("socks5", "socks4")


def host_key(url: str) -> str:
    """What the per-host interval is kept for: the host and port a request goes to."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


class _Waiter:
    """Blocks for the next finished check. Tests replace it to drive a fake clock."""

    def __call__(self, results: queue.Queue[object], timeout: float | None) -> object | None:
        try:
            return results.get(timeout=timeout)
        except queue.Empty:
            return None


@dataclass(frozen=True)
class _Done(Generic[K]):
    host: str
    key: K
    since: float  # when the request surely reached the server (see _work)
    result: CheckResult


class Checker:
    """Runs checks under a `CheckerConfig`. `clock`, `wait` and `check` are seams for tests."""

    def __init__(
        self,
        config: CheckerConfig | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wait: Callable[[queue.Queue[object], float | None], object | None] | None = None,
        check: Callable[..., CheckResult] | None = None,
    ) -> None:
        self.config = config or CheckerConfig()
        if self.config.fetch.proxy:
            check_proxy(self.config.fetch.proxy)
        self._clock = clock
        self._wait = wait or _Waiter()
        self._check = check or fetch.check

    def run(
        self, plans: Sequence[tuple[K, CheckPlan]], cancel: CancelToken | None = None
    ) -> Iterator[list[tuple[K, CheckResult]]]:
        """Check every plan; yields the results that have arrived, a batch at a time, so the caller can save
        each batch in one short transaction. Stops early (without waiting for requests under way) when
        cancelled."""
        schedule: HostSchedule[tuple[K, CheckPlan]] = HostSchedule(self.config.per_host_interval)
        for key, plan in plans:
            schedule.add(host_key(plan.fetch_url), (key, plan))
        results: queue.Queue[object] = queue.Queue()
        workers = max(1, self.config.workers)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="recheck")

        def start_ready() -> None:
            for host, (key, plan) in schedule.take(self._clock(), workers - schedule.in_flight):
                pool.submit(self._work, results, host, key, plan)

        try:
            while schedule.pending or schedule.in_flight:
                if cancel is not None and cancel.cancelled:
                    return
                start_ready()
                # Sleep until the next host may start or a result comes, whichever is first; with nothing
                # to start, until a result comes. A cancel token is looked at every _CANCEL_POLL seconds.
                timeout: float | None = None
                ready = schedule.next_ready()
                if ready is not None and schedule.in_flight < workers:
                    timeout = max(0.0, ready - self._clock())
                if cancel is not None:
                    timeout = _CANCEL_POLL if timeout is None else min(timeout, _CANCEL_POLL)
                done = self._wait(results, timeout)
                batch: list[tuple[K, CheckResult]] = []
                while done is not None:
                    assert isinstance(done, _Done)
                    schedule.done(done.host, done.since)
                    batch.append((done.key, done.result))
                    try:
                        done = results.get_nowait()
                    except queue.Empty:
                        done = None
                if batch:
                    if not (cancel is not None and cancel.cancelled):
                        start_ready()  # the next requests go out before the caller spends time on these
                    yield batch
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _work(self, results: queue.Queue[object], host: str, key: K, plan: CheckPlan) -> None:
        answered: list[float] = []
        try:
            result = self._check(plan, self.config.fetch, on_answer=lambda: answered.append(self._clock()))
        except Exception as exc:
            # A bug must neither hang the scheduler waiting for this result nor pass for an answer.
            log_unexpected(exc, "recheck")
            result = CheckResult(plan.url, plan.fetch_url, Outcome.UNKNOWN, Reason.CONNECTION_FAILED,
                                 None, datetime.now(UTC).replace(microsecond=0))  # fmt: skip
        # The host's interval counts from its first answer (the server had the request by then), or, when
        # nothing answered, from now: either way no two requests reach a server closer than the interval.
        results.put(_Done(host, key, answered[0] if answered else self._clock(), result))
