"""Slow work (key derivation, imports, bulk changes) off the GUI thread, reporting back by signals.

A job never touches a widget: it calls the application layer and returns a value or raises a `DeskError`;
its signals carry the outcome to the GUI thread (queued, because the job runs on a pool thread). Jobs stop
cooperatively through a `CancelToken` and are never terminated, so a batch in progress always finishes or
rolls back cleanly. The pool is private, so locking can cancel every job and wait for exactly these to end.

A job is handed to the pool on the next turn of the event loop, not inside `start()`: whoever started it
connects to its signals right after `start()` returns, and a job fast enough to finish before those
connections existed would otherwise report to nobody (its queued signals are dropped) and leave a screen
waiting forever.

It has a single thread so jobs run in the order they were started and never overlap: screens rely on that
(the sightings list pauses while a status change runs, and resumes when that one job ends). The vault no
longer needs it: each thread has its own connections and writers take turns (see storage/vault.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.errors import Cancelled, DeskError, UnexpectedError
from victim_desk.logs import log_unexpected

# What a job does: work(progress, cancel) -> result. It may raise DeskError; anything else is a bug.
Work = Callable[[Progress, CancelToken], Any]


class JobSignals(QObject):
    """Lives on the GUI thread; emitted from the pool thread, so every connection is queued."""

    progressed = Signal(int, int)  # done, total (0 when unknown)
    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # a DeskError, ready to show with .message(lang)
    finished = Signal()  # always last, after succeeded or failed


class Job(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        # Python owns the object: Qt deleting it under a live reference would crash.
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.token = CancelToken()
        # The outcome is also kept here, so whoever waits for the pool can act on it (e.g. lock a vault
        # that finished opening during a quick exit) even if the queued signal is never delivered.
        self.outcome: Any = None
        self.done = False
        self._work = work

    def run(self) -> None:
        if self.token.cancelled:
            # Cancelled (a lock, a quick exit) after it was handed to the pool but before it ran: it must
            # not touch a vault that is being locked.
            self._finish(Cancelled(), self.signals.failed)
            return
        try:
            result = self._work(self._progress, self.token)
        except DeskError as exc:
            self._finish(exc, self.signals.failed)
        except Exception as exc:
            log_unexpected(exc, "gui job")
            self._finish(UnexpectedError(), self.signals.failed)
        else:
            self._finish(result, self.signals.succeeded)

    def finish_unstarted(self) -> None:
        """End a job that was cancelled before the pool ever ran it."""
        self._finish(Cancelled(), self.signals.failed)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progressed.emit(done, total)

    def _finish(self, outcome: Any, signal: Any) -> None:
        self.outcome = outcome
        self.done = True
        signal.emit(outcome)
        self.signals.finished.emit()


class Workers(QObject):
    """The app's jobs: start them, and on lock or quick exit cancel them all and wait for them to stop."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()
        self._pending: list[Job] = []  # started, not yet handed to the pool (see the module docstring)

    def start(self, work: Work) -> Job:
        """Queue `work`; connect to `job.signals` before control returns to the event loop."""
        # Finished jobs are dropped here, not from their own `finished` slot: the pool thread may still be
        # returning from run() when that slot runs, and the Python object must outlive it.
        self._jobs = {old for old in self._jobs if not old.done}
        job = Job(work)
        self._jobs.add(job)
        self._pending.append(job)
        QTimer.singleShot(0, self, self._launch_pending)
        return job

    def _launch_pending(self) -> None:
        while self._pending:
            job = self._pending.pop(0)
            if job.token.cancelled:
                job.finish_unstarted()
            else:
                self._pool.start(job)

    @property
    def busy(self) -> bool:
        return any(not job.done for job in self._jobs)

    def cancel_all_and_wait(self) -> list[Any]:
        """Ask every job to stop, wait until they have, and return their outcomes."""
        jobs = list(self._jobs)
        for job in jobs:
            job.token.cancel()
        unstarted, self._pending = self._pending, []
        for job in unstarted:
            job.finish_unstarted()
        self._pool.waitForDone()
        self._jobs.clear()
        return [job.outcome for job in jobs]
