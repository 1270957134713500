"""Evidence package benchmark: export of 10,000 sightings + 1,000 fingerprints, and its verification.

Run on demand:  python benchmarks/bench_package.py
Goals (issue 11): export < 10 s and < 300 MB peak memory; verify < 5 s. Each run happens in a fresh
child process, which reports its own wall time for the work (unlock excluded) and its peak resident set
size (ru_maxrss: Python, ReportLab, NumPy-free imports and everything else included, so the figure is
what the machine really needed). The 1,000 fingerprints are copies of 20 real image fingerprints (with
their full stored JSON), since fingerprinting 1,000 files is not what is measured here.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")  # unlocking is not what is measured here

PASSPHRASE = "benchmark passphrase 2026"
SIGHTINGS = 10_000
FINGERPRINTS = 1_000
RUNS = 3
GOALS = {"export_s": 10.0, "export_mb": 300.0, "verify_s": 5.0}


def build(folder: Path) -> Path:
    from PIL import Image

    from victim_desk.app.unit import change
    from victim_desk.desk import Desk
    from victim_desk.storage.tables import evidence as evidence_table

    vault = folder / "vault"
    desk = Desk.create(vault, PASSPHRASE)
    case = desk.cases.add("benchmark case")
    listing = folder / "list.txt"
    listing.write_text("\n".join(f"https://t.me/room{i}/{i * 7}" for i in range(SIGHTINGS)), encoding="utf-8")
    desk.sightings.import_file(case, listing)
    rng = random.Random(11)
    files = []
    for i in range(20):
        img = Image.new("RGB", (256, 256))
        img.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(256 * 256)])
        path = folder / f"p{i}.png"
        img.save(path)
        files.append(path)
    list(desk.evidence.add(case, files))
    stored = [obj for _, _, obj in evidence_table.evidence_fingerprints(desk._vault.conn, case)]
    with change(desk._vault) as c:
        for i in range(FINGERPRINTS - len(stored)):
            evidence_table.add_evidence(c.conn, c.audit, case, dict(stored[i % len(stored)]), None, None)
    print(f"vault: {SIGHTINGS:,} sightings, {len(desk.evidence.list(case)):,} fingerprints")
    desk.lock()
    return vault


def child(action: str, vault: str, out: str) -> None:
    from victim_desk.app.packages import verify
    from victim_desk.desk import Desk

    if action == "export":
        desk = Desk.open(Path(vault), PASSPHRASE)
        start = time.perf_counter()
        result = desk.packages.export(1, Path(out), lang="ko", progress=lambda done, total: None)
        elapsed = time.perf_counter() - start
        desk.lock()
        extra = {"members": result.members, "size": Path(out).stat().st_size}
    else:
        start = time.perf_counter()
        report = verify(Path(out))
        elapsed = time.perf_counter() - start
        assert report.ok, report.findings
        extra = {"members": report.members}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, **extra}))


def run(action: str, vault: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, "--child", action, str(vault), str(out)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-package-"))
    vault = build(folder)
    exports, verifies = [], []
    for i in range(RUNS):
        out = folder / f"pkg-{i}.zip"
        exports.append(run("export", vault, out))
        verifies.append(run("verify", vault, out))
    export_s = statistics.median(r["seconds"] for r in exports)
    export_mb = max(r["peak_mb"] for r in exports)
    verify_s = statistics.median(r["seconds"] for r in verifies)
    verify_mb = max(r["peak_mb"] for r in verifies)
    size = exports[0]["size"] / 2**20
    print(f"export: median {export_s:.2f} s of {RUNS} (goal < {GOALS['export_s']:.0f} s, ratio "
          f"{export_s / GOALS['export_s']:.2f}); peak {export_mb:.0f} MB (goal < "
          f"{GOALS['export_mb']:.0f} MB, ratio {export_mb / GOALS['export_mb']:.2f}); "
          f"package {size:.1f} MB")  # fmt: skip
    print(f"verify: median {verify_s:.2f} s of {RUNS} (goal < {GOALS['verify_s']:.0f} s, ratio "
          f"{verify_s / GOALS['verify_s']:.2f}); peak {verify_mb:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
