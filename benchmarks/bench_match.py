"""One photo against a 1,000,000-row CSV hash list: load time, search time, ratio to a 1-row list.

Run: /tmp/venv/bin/python benchmarks/bench_match.py [--rows N]

The CSV has `pdq,label` columns (what StopNCII-style lists carry; add --sums for md5 and sha256 columns too).
One row of the big list is a true copy of the query photo, so the search must also *find* it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]

from _photos import encode, photo  # noqa: E402

from victim_desk.core.fingerprint import pdq  # noqa: E402
from victim_desk.core.fingerprint.hashlist import read_hash_array  # noqa: E402
from victim_desk.core.fingerprint.matching import Matcher  # noqa: E402
from victim_desk.core.fingerprint.robust import signature  # noqa: E402


def write_list(path: Path, rows: int, planted: str, sums: bool) -> None:
    rng = np.random.default_rng(1)
    raw = rng.integers(0, 256, (rows, 32), dtype=np.uint8)
    # Real PDQ hashes have 128 ones; random bytes are close enough for timing and never match by chance.
    hexes = [r.tobytes().hex() for r in raw]
    hexes[rows // 2] = planted
    with path.open("w", encoding="utf-8") as f:
        if sums:
            f.write("pdq,md5,sha256,label\n")
            md5 = rng.integers(0, 256, (rows, 16), dtype=np.uint8)
            sha = rng.integers(0, 256, (rows, 32), dtype=np.uint8)
            f.writelines(
                f"{h},{m.tobytes().hex()},{s.tobytes().hex()},item{i}\n"
                for i, (h, m, s) in enumerate(zip(hexes, md5, sha, strict=True))
            )
        else:
            f.write("pdq,label\n")
            f.writelines(f"{h},item{i}\n" for i, h in enumerate(hexes))


def end_to_end(path: Path, query_pdq: str, query_sig: object) -> tuple[float, float, list]:
    start = time.perf_counter()
    matcher = Matcher(read_hash_array(path))
    loaded = time.perf_counter()
    result = matcher.match([query_pdq], query_sig)  # type: ignore[arg-type]
    return loaded - start, time.perf_counter() - loaded, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sums", action="store_true", help="add md5 and sha256 columns")
    args = parser.parse_args()

    original = photo("chelsea")
    planted = pdq.bits_to_hex(pdq.pdq_from_gray(pdq.luminance(original))[0])
    query = encode(original[:, ::-1], "JPEG", 30)  # a mirrored, re-compressed copy
    query_pdq = pdq.bits_to_hex(pdq.pdq_from_gray(pdq.luminance(query))[0])
    query_sig = signature(query)

    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.csv", Path(tmp) / "small.csv"
        write_list(big, args.rows, planted, args.sums)
        write_list(small, 1, planted, args.sums)
        print(f"list: {args.rows:,} rows, {big.stat().st_size / 1e6:.0f} MB")
        small_runs = [end_to_end(small, query_pdq, query_sig) for _ in range(5)]
        big_runs = [end_to_end(big, query_pdq, query_sig) for _ in range(3)]
        matcher = Matcher(read_hash_array(big))
        searches = []
        for _ in range(20):
            start = time.perf_counter()
            result = matcher.match([query_pdq], query_sig)
            searches.append(time.perf_counter() - start)
        one_hash = []
        for _ in range(20):
            start = time.perf_counter()
            matcher.match([query_pdq])
            one_hash.append(time.perf_counter() - start)

    small_total = statistics.median(a + b for a, b, _ in small_runs)
    big_load = statistics.median(a for a, _, _ in big_runs)
    big_total = statistics.median(a + b for a, b, _ in big_runs)
    print(f"found the planted copy: {[(m.label, m.distance, m.method) for m in result]}")
    print(f"load 1M CSV (read + hex decode + matcher): median {big_load * 1000:.0f} ms")
    photo_ms = statistics.median(searches) * 1000
    print(f"search, one photo (its PDQ + robust signature, ~20 query hashes): median {photo_ms:.1f} ms")
    print(f"search, one PDQ only: median {statistics.median(one_hash) * 1000:.1f} ms")
    extra = 1000 * (big_total - small_total)
    print(f"end to end: 1-row list {small_total * 1000:.1f} ms, big list {big_total * 1000:.0f} ms, "
          f"extra {extra:.0f} ms, ratio {big_total / small_total:.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
