"""Re-check throughput under the per-host rate limit: `python benchmarks/bench_monitor.py [--runs N]`.

Goal (deletion-requests issue): `monitor` of 1,000 URLs on 50 loopback hosts with a 1 s per-host interval
finishes within 10 % of the 20 s the rate limit allows (20 URLs per host, hosts in parallel).

The whole application path is measured: a real vault (`Desk.create`), `desk.rechecks.run` with consent,
the checker's thread pool and scheduler, and one short transaction per batch of results. The 50 servers
are `http.server` instances on 127.0.0.1 (port 0 each) that record when each request arrived, so the
benchmark also reports the smallest gap between two requests to the same host (must be >= 1 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

from tests.net.loopback import Reply, Site
from victim_desk.desk import Desk
from victim_desk.net.checker import CheckerConfig
from victim_desk.net.fetch import FetchConfig

HOSTS = 50
PER_HOST = 20
INTERVAL = 1.0
GOAL = PER_HOST * INTERVAL  # the 20 s the rate limit allows


def one_run() -> tuple[float, float, int]:
    page = Reply(200, b"<html><body>" + b"a page that still answers " * 40 + b"</body></html>")
    sites = [Site({f"/post/{i}": page for i in range(PER_HOST)}).start() for _ in range(HOSTS)]
    try:
        with tempfile.TemporaryDirectory() as folder:
            desk = Desk.create(Path(folder) / "vault", "benchmark passphrase 1234")
            case = desk.cases.add("benchmark")
            lines = "".join(s.url(f"/post/{i}") + "\n" for i in range(PER_HOST) for s in sites)
            (Path(folder) / "urls.txt").write_text(lines, encoding="utf-8")
            assert len(desk.sightings.import_file(case, Path(folder) / "urls.txt").added) == HOSTS * PER_HOST
            config = CheckerConfig(per_host_interval=INTERVAL, fetch=FetchConfig())
            start = time.perf_counter()
            report = desk.rechecks.run(case, allow_once=True, config=config)
            elapsed = time.perf_counter() - start
            desk.lock()
        assert len(report.checked) == HOSTS * PER_HOST
        assert {str(c.outcome) for c in report.checked} == {"reachable"}
        gaps = [b.at - a.at for s in sites for a, b in zip(s.seen, s.seen[1:], strict=False)]
        return elapsed, min(gaps), sum(len(s.seen) for s in sites)
    finally:
        for s in sites:
            s.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    runs = parser.parse_args().runs
    times = []
    for n in range(runs):
        elapsed, min_gap, requests = one_run()
        times.append(elapsed)
        print(f"run {n + 1}: {requests} requests to {HOSTS} hosts in {elapsed:.2f} s; "
              f"smallest same-host gap {min_gap:.3f} s")  # fmt: skip
    median = statistics.median(times)
    ratio = median / GOAL
    print(f"monitor of {HOSTS * PER_HOST} URLs on {HOSTS} loopback hosts at {INTERVAL:.0f} s per host: "
          f"median {median:.2f} s; the rate limit allows {GOAL:.0f} s; ratio {ratio:.3f} "
          f"(goal <= 1.10): {'met' if ratio <= 1.10 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
