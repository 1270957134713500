"""Feature matching against a vault of 1,000 / 10,000 / 100,000 stored pictures (bench_match.py --features).

Stored pictures: a pool of real robust signatures (signature() of distinct synthetic photo-like images,
all different pictures) is made once; larger vaults repeat the pool with every copy's descriptors
XORed with its own random 256-bit mask. That keeps the structure inside each signature and how skewed the
descriptors' pieces are, but moves the common pieces to other keys, so buckets are somewhat smaller than an
all-real vault of that size would have: `--pool` real signatures (default 10,000, so the 10,000 figure is
all real) are made, and only sizes above it use masked repeats. Among them sit four real sample photos;
queries are edited copies of those (found by features, not PDQ) and unrelated photos (must find nothing).
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]

from _photos import caption_bar, crop, photo, smooth_noise  # noqa: E402

from victim_desk.core.fingerprint.matching import Known, Matcher  # noqa: E402
from victim_desk.core.fingerprint.robust import RobustSignature, signature  # noqa: E402

GOAL_MS = 100.0
GOAL_SIZE = 10_000
CACHE = Path("/tmp/victim_desk_bench_pool.npz")
PLANTED = ["astronaut", "coffee", "rocket", "clock"]


def _one(seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    shape = (240 + (seed * 37) % 200, 320 + (seed * 53) % 240)
    sig = signature(smooth_noise(50_000 + seed, shape))
    return sig.points, sig.descriptors, sig.quality


def pool(n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """n real signatures' (points, descriptors), cached between runs (~10 ms each to make)."""
    if CACHE.exists():
        data = np.load(CACHE)
        if int(data["n"]) >= n:
            # An NpzFile reads an array from the archive on every access: read each once.
            sizes, points, desc = data["sizes"][:n], data["points"], data["desc"]
            ends = np.cumsum(sizes)
            return [(points[e - s : e], desc[e - s : e]) for s, e in zip(sizes, ends, strict=True)]
    with ProcessPoolExecutor(2) as ex:
        made = list(ex.map(_one, range(n), chunksize=64))
    out = [(p, d) for p, d, _ in made]
    np.savez(CACHE, n=n, sizes=np.array([len(d) for _, d in out]), points=np.concatenate([p for p, _ in out]),
             desc=np.concatenate([d for _, d in out]))  # fmt: skip
    return out


def vault(
    size: int, base: list[tuple[np.ndarray, np.ndarray]], real: dict[str, RobustSignature]
) -> list[Known]:
    rng = np.random.default_rng(size)
    knowns: list[Known] = []
    for i in range(size - len(real)):
        points, desc = base[i % len(base)]
        if i >= len(base):
            desc = desc ^ rng.integers(0, 256, 32, dtype=np.uint8)
        hexes = tuple(rng.integers(0, 256, (3, 32), dtype=np.uint8)[j].tobytes().hex() for j in range(3))
        sig = RobustSignature(60, hexes, (400, 300), points, desc)
        knowns.append(Known(f"item{i}", (hexes[0],), robust=sig))
    for j, (name, sig) in enumerate(real.items()):
        knowns.insert((j + 1) * len(knowns) // (len(real) + 1), Known(name, (sig.pdqs[8],), robust=sig))
    return knowns


def median_ms(f: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _per_query(matcher: Matcher, queries: dict[str, RobustSignature]) -> float:
    """Median over the queries of each query's median match() time, in ms."""
    return statistics.median(
        median_ms(lambda s=s: matcher.match([s.pdqs[8]], s), 5) for s in queries.values()
    )


def run(sizes: list[int], pool_size: int = GOAL_SIZE) -> None:
    t0 = time.perf_counter()
    base = pool(min(pool_size, max(sizes)))
    print(f"pool: {len(base)} real signatures ({time.perf_counter() - t0:.0f} s)")
    real = {name: signature(photo(name)) for name in PLANTED}
    copies = {name: signature(caption_bar(crop(photo(name), 0.08, "lb"), "bottom")) for name in PLANTED}
    copies.update({f"{n}/mirror": signature(np.ascontiguousarray(crop(photo(n), 0.1, "rt")[:, ::-1]))
                   for n in PLANTED})  # fmt: skip
    unrelated = {name: signature(photo(name)) for name in ("chelsea", "camera", "brick", "retina")}
    rows = []
    for size in sizes:
        knowns = vault(size, base, real)
        descriptors = sum(len(k.robust.descriptors) for k in knowns if k.robust is not None)
        t0 = time.perf_counter()
        matcher = Matcher(knowns)
        build = (time.perf_counter() - t0) * 1000
        found = sum(
            [m.label for m in matcher.match([sig.pdqs[8]], sig)] == [name.split("/")[0]]
            for name, sig in copies.items()
        )
        false = sum(len(matcher.match([sig.pdqs[8]], sig)) for sig in unrelated.values())
        copy_ms = _per_query(matcher, copies)
        other_ms = _per_query(matcher, unrelated)
        rows.append((size, copy_ms, other_ms))
        print(f"{size:>7,} pictures ({descriptors:,} descriptors): Matcher() {build:6.0f} ms; "
              f"match median: copy {copy_ms:6.1f} ms, unrelated {other_ms:6.1f} ms; "
              f"copies found {found}/{len(copies)}, false matches {false}")  # fmt: skip
        del matcher, knowns
    for (s0, c0, _), (s1, c1, _) in itertools.pairwise(rows):
        print(f"growth {s0:,} -> {s1:,} pictures (x{s1 / s0:.0f}): time x{c1 / c0:.1f}")
    goal = [r for r in rows if r[0] == GOAL_SIZE]
    if goal:
        worst = max(goal[0][1], goal[0][2])
        print(f"vs goal: {worst:.1f} ms / {GOAL_MS:.0f} ms = {worst / GOAL_MS:.2f} at {GOAL_SIZE:,} pictures")
