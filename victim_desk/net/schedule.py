"""When each address may be requested: one request at a time per host, starts at least `interval` apart.

Pure bookkeeping with no clock of its own (the caller passes the time), so the politeness rule can be
tested with a fake clock and exact numbers. The checker asks `take()` for what may start now, reports each
finished request with `done()` (with the moment the server surely had it: its first answer), and sleeps
until `next_ready()`. A host waits while one of its requests is in flight, so a slow server is never asked
twice at once; the next request to it may start `interval` after that moment.
Hosts are independent, so many hosts are checked side by side; among hosts ready at the same time, the
one that has waited longest goes first.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class HostSchedule(Generic[T]):
    def __init__(self, interval: float) -> None:
        if interval < 0:
            raise ValueError("interval must not be negative")
        self.interval = interval
        self._queues: dict[str, deque[T]] = {}
        self._heap: list[tuple[float, int, str]] = []  # (may start at, tie-break, host) for idle hosts
        self._order = itertools.count()
        self._busy: set[str] = set()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Items not yet handed out."""
        return self._pending

    @property
    def in_flight(self) -> int:
        return len(self._busy)

    def add(self, host: str, item: T) -> None:
        queue = self._queues.get(host)
        if queue is None:
            queue = self._queues[host] = deque()
        # A host is in the heap exactly when it has items and is not busy, so only an empty idle one joins.
        if not queue and host not in self._busy:
            heapq.heappush(self._heap, (float("-inf"), next(self._order), host))
        queue.append(item)
        self._pending += 1

    def take(self, now: float, limit: int) -> list[tuple[str, T]]:
        """Up to `limit` items that may start at `now`, at most one per host; their hosts become busy."""
        out: list[tuple[str, T]] = []
        while self._heap and len(out) < limit and self._heap[0][0] <= now:
            _, _, host = heapq.heappop(self._heap)
            out.append((host, self._queues[host].popleft()))
            self._busy.add(host)
            self._pending -= 1
        return out

    def done(self, host: str, since: float) -> None:
        """The request to `host` has finished (whatever its outcome); the interval counts from `since`."""
        self._busy.discard(host)
        if self._queues[host]:
            heapq.heappush(self._heap, (since + self.interval, next(self._order), host))

    def next_ready(self) -> float | None:
        """When the next waiting host may start, or None when no host is waiting (all done or busy)."""
        return self._heap[0][0] if self._heap else None
