"""Jobs report to whoever connects right after `start()`, however fast they finish; cancelled before
they run, they still end (as cancelled) instead of leaving a screen waiting."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from victim_desk.errors import Cancelled
from victim_desk.gui.workers import Workers


def test_an_instant_job_reaches_slots_connected_after_start(qtbot: QtBot) -> None:
    workers = Workers()
    for n in range(50):  # the race needed the job to win against the connect: try it many times
        job = workers.start(lambda _p, _c, n=n: n * 2)
        results: list[object] = []
        job.signals.succeeded.connect(results.append)
        with qtbot.waitSignal(job.signals.finished, timeout=10_000):
            pass
        assert results == [n * 2]


def test_a_job_cancelled_before_it_ran_ends_as_cancelled(qtbot: QtBot) -> None:
    workers = Workers()
    ran = threading.Event()
    queued = workers.start(lambda _p, _c: ran.set())
    failures: list[object] = []
    queued.signals.failed.connect(failures.append)
    # A quick exit right after the click: the event loop has not handed the job to the pool yet.
    workers.cancel_all_and_wait()
    assert queued.done and isinstance(queued.outcome, Cancelled)
    assert [type(f) for f in failures] == [Cancelled]
    assert not ran.is_set()
