"""Cancellation: child tokens follow their parent; abandoning a batch stops the work still in flight."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from victim_desk.core.cancel import CancelToken
from victim_desk.core.fingerprint import files
from victim_desk.errors import Cancelled


def test_child_follows_parent_but_not_the_other_way() -> None:
    parent = CancelToken()
    child = CancelToken(parent=parent)
    child.cancel()
    assert child.cancelled and not parent.cancelled
    other = CancelToken(parent=parent)
    parent.cancel()
    assert other.cancelled
    with pytest.raises(Cancelled):
        other.raise_if_cancelled()


def test_leaving_a_batch_early_cancels_the_files_in_flight(monkeypatch: pytest.MonkeyPatch) -> None:
    """How long leaving takes is in benchmarks/bench_quick_paths.py; here: the work in flight is told."""
    started = threading.Event()
    seen_cancel: list[str] = []

    def slow(
        path: Path, *, cancel: CancelToken | None = None, progress: object = None, provenance: bool = True
    ) -> object:
        if path.name == "quick":
            return "done"
        started.set()
        for _ in range(6000):  # up to a minute: stands in for a long video that checks its token
            if cancel is not None and cancel.cancelled:
                seen_cancel.append(path.name)
                raise Cancelled()
            time.sleep(0.01)
        return "too late"

    monkeypatch.setattr(files, "fingerprint_file", slow)
    batch = files.fingerprint_files([Path("quick"), Path("slow-1"), Path("slow-2")], workers=2)
    assert next(batch)[1] == "done"
    # A slow file must really be in flight (not just queued, which close() would simply drop).
    assert started.wait(timeout=60)
    batch.close()  # what Ctrl+C or a closed window does to the consumer
    assert seen_cancel, "the work in flight never saw the cancel"
