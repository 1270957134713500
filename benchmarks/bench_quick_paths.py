"""Paths that must stay quick, timed: the figures that used to be wall-clock asserts inside the tests.

Run: .venv/bin/python benchmarks/bench_quick_paths.py

A test that asserts a duration fails whenever the machine is busy (a parallel build, a 2-core CI runner),
so the tests now check the behaviour that makes each path quick (the model reads one batch, a bomb is
refused from its header, the frame cap holds, the cancel reaches the work in flight) and the durations
live here, printed with the limit the test used to assert. Every figure is a median of several runs.
"""

from __future__ import annotations

import os
import statistics
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from _photos import photo  # noqa: E402
from PIL import Image  # noqa: E402

from victim_desk.core.cancel import CancelToken  # noqa: E402
from victim_desk.core.fingerprint import files, fingerprint_file, pdq  # noqa: E402
from victim_desk.core.fingerprint.hashlist import read_hash_array  # noqa: E402
from victim_desk.core.fingerprint.index import words_to_hex  # noqa: E402
from victim_desk.errors import Cancelled, ImageTooLarge  # noqa: E402


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(what: str, seconds: float, limit: float) -> None:
    shown = f"{seconds * 1000:9.1f} ms" if seconds < 1 else f"{seconds:9.2f} s "
    print(f"{what:<52}{shown}   former test limit {limit:g} s ({seconds / limit:.2f} of it)")


def model_first_batch() -> None:
    from PySide6.QtWidgets import QApplication

    from victim_desk.core.model import Sighting, SightingStatus
    from victim_desk.gui.sightings_model import SightingsTableModel

    _app = QApplication.instance() or QApplication([])
    seen = datetime(2026, 1, 1, tzinfo=UTC)

    def many() -> Iterator[Sighting]:
        for i in range(100_000):
            yield Sighting(i + 1, 1, f"https://t.me/r/{i}", "telegram", seen, SightingStatus.FOUND, None, "")

    def first_batch() -> None:
        SightingsTableModel(many).fetchMore()

    report("sightings model, first batch of a 100,000-row case", median_s(first_batch, 5), 0.5)


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4_000_000, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bomb_refusal(folder: Path) -> None:
    path = folder / "bomb.png"
    path.write_bytes(png_claiming(30_000, 30_000))

    def refuse() -> None:
        try:
            fingerprint_file(path)
        except ImageTooLarge:
            return
        raise AssertionError("the bomb was not refused")

    report("900-megapixel PNG refused", median_s(refuse, 5), 2.0)


def pdq_dihedral() -> None:
    gray = pdq.luminance(photo("astronaut"))
    pdq.pdq_from_gray(gray)  # warm the per-size operator cache
    seconds = median_s(lambda: pdq.pdq_dihedral_from_gray(gray), 20)
    report("PDQ, all 8 dihedral hashes of a 512 px photo", seconds, 0.010)


def big_csv(folder: Path) -> None:
    n = 200_000
    words = np.random.default_rng(0).integers(0, 2**63, (n, 4), dtype=np.uint64)
    path = folder / "big.csv"
    path.write_text("pdq,label\n" + "".join(f"{h},item{i}\n" for i, h in enumerate(words_to_hex(words))))
    report("hash list CSV of 200,000 rows read", median_s(lambda: read_hash_array(path), 3), 1.0)


def many_frames(folder: Path) -> None:
    rng = np.random.default_rng(3)
    palette = rng.integers(0, 256, 768, dtype=np.uint8).tobytes()
    frames = []
    for _ in range(3000):
        frame = Image.fromarray(rng.integers(0, 256, (24, 24), dtype=np.uint8), "P")
        frame.putpalette(palette)
        frames.append(frame)
    path = folder / "many.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=20, loop=0)
    report("GIF of 3,000 frames fingerprinted (frame cap)", median_s(lambda: fingerprint_file(path), 3), 10.0)


def cancel_in_flight() -> None:
    """How long leaving a batch early takes when a file in flight checks its token every 10 ms."""

    def slow(path: Path, *, cancel: CancelToken | None = None, progress: object = None) -> object:
        if path.name == "quick":
            return "done"
        for _ in range(6000):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            time.sleep(0.01)
        return "too late"

    real = files.fingerprint_file
    files.fingerprint_file = slow  # type: ignore[assignment]
    try:

        def leave_early() -> None:
            batch = files.fingerprint_files([Path("quick"), Path("slow-1"), Path("slow-2")], workers=2)
            next(batch)
            time.sleep(0.05)  # let the slow ones start
            start = time.perf_counter()
            batch.close()
            times.append(time.perf_counter() - start)

        times: list[float] = []
        for _ in range(5):
            leave_early()
    finally:
        files.fingerprint_file = real  # type: ignore[assignment]
    report("leaving a batch early (cancel reaches work in flight)", statistics.median(times), 5.0)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        model_first_batch()
        bomb_refusal(folder)
        pdq_dihedral()
        big_csv(folder)
        many_frames(folder)
        cancel_in_flight()


if __name__ == "__main__":
    main()
