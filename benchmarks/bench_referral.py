"""Referral benchmark: how long a counselor waits for a referral letter of a big case, and for the guide.

Run on demand:  python benchmarks/bench_referral.py
Issue 10 sets no time goal. For reference this measures a letter sharing 1,000 sightings with their notes
(a large case) as PDF and as text, each with its sightings CSV, and the guide as a PDF; medians of five
runs, in process (Python start-up not included).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")  # unlocking is not what is measured here

from victim_desk.app.referrals import guide, write_document  # noqa: E402
from victim_desk.desk import Desk  # noqa: E402

RUNS = 5
SIGHTINGS = 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-referral-"))
    desk = Desk.create(folder / "vault", "benchmark passphrase 2026")
    desk.profile.set("Counselor", "counselor@example.org", None, "counselor", "Center")
    case = desk.cases.add("benchmark case")
    listing = folder / "list.txt"
    listing.write_text("\n".join(f"https://t.me/room{i}/{i * 7}" for i in range(SIGHTINGS)), encoding="utf-8")
    desk.sightings.import_file(case, listing)
    for fmt in ("pdf", "txt"):
        times = []
        for run in range(RUNS):
            out = folder / f"letter-{fmt}-{run}.{fmt}"
            start = time.perf_counter()
            desk.referrals.write(case, "d4u", ["sightings", "notes"], out, lang="ko", fmt=fmt)  # type: ignore[arg-type]
            times.append(time.perf_counter() - start)
        size = (folder / f"letter-{fmt}-0.{fmt}").stat().st_size
        print(
            f"letter, {SIGHTINGS} sightings, {fmt}: median {statistics.median(times):.2f} s, {size:,} bytes"
        )
    times = []
    for run in range(RUNS):
        start = time.perf_counter()
        write_document(guide("ko"), folder / f"guide-{run}.pdf", "pdf")
        times.append(time.perf_counter() - start)
    print(f"guide, pdf: median {statistics.median(times):.3f} s")
    desk.lock()


if __name__ == "__main__":
    main()
