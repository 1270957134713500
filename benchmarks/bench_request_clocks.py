"""What the live clocks cost, measured side by side in one run: `python benchmarks/bench_request_clocks.py`.

A counselor's board reloads from the vault once a minute (and whenever a running deadline passes), and a
case's Requests tab once a minute; between reloads a tick only rewrites the "time left" texts. Goals (this
module's own; the issue names no figure): a board reload over 60 cases x 10 requests x 20 sightings stays
under 250 ms, a case's reload under 50 ms, and a tick of the 600-row board with 150 clocks in their last hour
(ticking once a second) under 20 ms, so a one-second countdown never makes the window stutter.
Printed: medians of interleaved runs and their ratio to each goal. Synthetic data only; the vault is
removed at the end.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from victim_desk.app.requests import LetterSpec
from victim_desk.desk import Desk

CASES, REQUESTS, SIGHTINGS = 60, 10, 20
GOALS_MS = {"board reload": 250.0, "case reload": 50.0, "board tick": 20.0}


def build(path: Path) -> Desk:
    desk = Desk.create(path, "benchmark passphrase 1234")
    desk.profile.set("Sample Counselor", "counselor@example.org", role="counselor", organization="Sample Org")
    laws = ("KR", "US", "UK", "EU")
    for c in range(CASES):
        case = desk.cases.add(f"case {c}")
        ids = [
            desk.sightings.add(case, f"https://t.me/sample_{c}_{s}/1", "telegram").id
            for s in range(SIGHTINGS)
        ]
        for r in range(REQUESTS):
            spec = LetterSpec("telegram", laws[(c + r) % 4], "ko", case_id=case, sighting_ids=(ids[r],),
                              voice="agent", authority="power of attorney")  # fmt: skip
            desk.requests.letter(spec, None)
    return desk


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from victim_desk.gui.requests.clock_table import ClockTable

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        desk = build(Path(folder) / "vault")
        now = desk.requests.now() + timedelta(hours=23, minutes=30)
        table = ClockTable(lambda: now, "ko", with_case=True)
        clocks = desk.requests.board(at=now)
        table.show_clocks(clocks)
        times: dict[str, list[float]] = {name: [] for name in GOALS_MS}
        for i in range(9):
            start = time.perf_counter()
            desk.requests.board(at=now)
            times["board reload"].append(time.perf_counter() - start)
            start = time.perf_counter()
            desk.requests.clocks(1 + i % CASES, at=now)
            times["case reload"].append(time.perf_counter() - start)
            table.clocks = [replace(c, at=now + timedelta(seconds=i)) for c in clocks]
            start = time.perf_counter()
            table.tick()  # within the minute, no deadline crossed: rewrites the time-left column only
            times["board tick"].append(time.perf_counter() - start)
        desk.lock()
        table.deleteLater()
        del table
        app.processEvents()
    print(f"{CASES} cases x {REQUESTS} requests x {SIGHTINGS} sightings; {len(clocks)} rows on the board")
    for name, goal in GOALS_MS.items():
        median = statistics.median(times[name]) * 1000
        print(f"{name:>13}: median {median:7.1f} ms  goal {goal:6.0f} ms  ratio {median / goal:5.2f}")
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
