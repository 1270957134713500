"""`kill -9` at random moments while writing: the vault still opens, passes its integrity checks, and every
write that reported success is there. Real processes, real SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO
from victim_desk.desk import Desk

# Before each step the writer says where it is ("at <step>", and "batch <step> <n>" after each committed batch
# of an import), so the test can kill it at a chosen point of the work rather than after a number of seconds.
_WRITER = """
import sys
from pathlib import Path
from victim_desk.desk import Desk

desk = Desk.open(Path(sys.argv[1]), sys.argv[2])
case = int(sys.argv[3])
i = 0
while True:
    print("at", i, flush=True)
    if i % 40 == 39:
        batches = iter(range(1, 1000))
        report = desk.sightings.import_file(
            case, Path(sys.argv[4]), progress=lambda done, total: print("batch", i, next(batches), flush=True)
        )
        for sighting_id in report.added:
            print("ok", sighting_id, flush=True)
    else:
        sighting = desk.sightings.add(case, f"https://t.me/room/{i}", None, None, "메모 " * 20)
        print("ok", sighting.id, flush=True)
    i += 1
"""

# Where to kill in the rounds that hit a bulk import: as it parses, or between its two batches of rows (the
# second batch's transaction is then under way).
_IMPORT_POINTS = ["at 39", "batch 39 1", "at 79", "batch 79 1"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_loses_nothing_that_was_reported_saved(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    with Desk.create(vault, PASSPHRASE) as desk:
        case = desk.cases.add("kill test")
    bulk = tmp_path / "bulk.txt"
    bulk.write_text("".join(f"https://x.com/u/status/{n}\n" for n in range(2500)), encoding="utf-8")
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(20261121)
    confirmed: set[int] = set()
    for _round in range(8):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(vault), PASSPHRASE, str(case), str(bulk)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        # Points in the work, not moments in time: a slow or busy machine kills at the same places. The writer
        # does not wait for us, so the kill lands inside the step that follows the point. Every point is past
        # step 10, so at least 9 writes per round are confirmed.
        point = rng.choice(_IMPORT_POINTS) if _round % 2 else f"at {rng.randint(10, 120)}"
        for raw in proc.stdout:
            line = raw.decode().strip()
            kind, _, rest = line.partition(" ")
            if kind == "ok":
                confirmed.add(int(rest))
            if line == point:
                break
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.decode().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "ok":
                confirmed.add(int(parts[1]))
    assert len(confirmed) >= 8 * 9, "the writer never got going; the test would prove nothing"
    with Desk.open(vault, PASSPHRASE) as desk:
        assert desk.admin.check().sound
        saved = {s.id for s in desk.sightings.list(case)}
    missing = confirmed - saved
    assert not missing, f"{len(missing)} confirmed writes lost"
