"""`kill -9` at random moments while writing: the vault still opens, passes its integrity checks, and every
write that reported success is there. Real processes, real SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO
from victim_desk.desk import Desk

_WRITER = """
import sys
from pathlib import Path
from victim_desk.desk import Desk

desk = Desk.open(Path(sys.argv[1]), sys.argv[2])
case = int(sys.argv[3])
i = 0
while True:
    if i % 40 == 39:
        report = desk.sightings.import_file(case, Path(sys.argv[4]))
        for sighting_id in report.added:
            print("ok", sighting_id, flush=True)
    else:
        sighting = desk.sightings.add(case, f"https://t.me/room/{i}", None, None, "메모 " * 20)
        print("ok", sighting.id, flush=True)
    i += 1
"""


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
        time.sleep(rng.uniform(0.8, 2.2))  # unlock ~0.1 s, then writes until killed at a random moment
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.decode().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "ok":
                confirmed.add(int(parts[1]))
    assert len(confirmed) > 50, "the writer never got going; the test would prove nothing"
    with Desk.open(vault, PASSPHRASE) as desk:
        assert desk.admin.check().sound
        saved = {s.id for s in desk.sightings.list(case)}
    missing = confirmed - saved
    assert not missing, f"{len(missing)} confirmed writes lost"
