"""Fault injection shared by the CI tests and the long run: `kill -9` and a full disk while a real process
imports sightings, adds evidence, writes letters and exports packages.

After each fault: the vault opens, `vault check` finds it sound, every write the process reported saved is
there, every output file under its real name is complete (a package verifies, a PDF ends with %%EOF), and no
partial file is left (after a kill, the next write into the folder removes the abandoned one: see
safe_output).

The full disk is a real one: a small tmpfs mounted for the round (we run as root in CI's container), filled
with a file that leaves a chosen number of bytes free, so the process meets ENOSPC exactly where a person
would. Where `mount` is refused, RLIMIT_FSIZE in the writing process is the stand-in (EFBIG at a chosen
file size, which SQLite and Python meet at the same system calls); `disk_method()` says which was used.
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "바다 위 고래 seven lanterns"

# The writer: one step after another; "at N KIND" before each, "ok KIND ID" after each confirmed save. On a
# DeskError it prints "refused KEY" and exits 3 (a calm stop); anything else is a traceback and exit 1.
WRITER = r"""
import sys, json
from pathlib import Path
from victim_desk.desk import Desk
from victim_desk.errors import DeskError
from victim_desk.app.requests import LetterSpec

vault, inputs, out = Path(sys.argv[1]), Path(sys.argv[3]), Path(sys.argv[4])
case, first, steps = int(sys.argv[2]), int(sys.argv[5]), int(sys.argv[6])
KINDS = ["import", "evidence", "letter", "export"]
try:
    with Desk.open(vault, sys.argv[7]) as desk:
        for i in range(first, first + steps):
            kind = KINDS[i % 4]
            print("at", i, kind, flush=True)
            if kind == "import":
                report = desk.sightings.import_file(case, inputs / f"urls{i % 8}.txt")
                for sid in report.added:
                    print("ok sighting", sid, flush=True)
            elif kind == "evidence":
                for _path, item in desk.evidence.add(case, [inputs / f"photo{i % 16}.png"]):
                    if isinstance(item, DeskError):
                        raise item
                    print("ok evidence", item.id, flush=True)
            elif kind == "letter":
                spec = LetterSpec(recipient="telegram", jurisdiction="US", lang="en", case_id=case,
                                  platform="telegram")
                result = desk.requests.letter(spec, out / f"letter-{i}.pdf")
                print("ok request", result.request.id, flush=True)
                print("ok file", result.path.name, flush=True)
            else:
                desk.packages.export(case, out / f"pkg-{i}.zip", lang="en")
                print("ok file", f"pkg-{i}.zip", flush=True)
except DeskError as exc:
    print("refused", exc.key, flush=True)
    sys.exit(3)
"""


@dataclass
class Tally:
    """What a series of rounds did: the figures for docs/security-figures.md."""

    faults: int = 0
    kills: int = 0
    disk_fulls: int = 0
    confirmed: int = 0
    lost: int = 0
    partial_files_left: int = 0
    incomplete_outputs: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass
class Bench:
    """A vault with one case, a folder of inputs (URL lists, photos) and an output folder."""

    vault: Path
    case: int
    inputs: Path
    out: Path
    next_step: int = 0
    confirmed: dict[str, set[int]] = field(default_factory=lambda: {"sighting": set(), "evidence": set(),
                                                                      "request": set()})  # fmt: skip
    files: set[str] = field(default_factory=set)


def make_bench(root: Path, seed: int = 20261202) -> Bench:
    import numpy as np
    from PIL import Image

    from victim_desk.desk import Desk

    inputs, out = root / "inputs", root / "out"
    inputs.mkdir(parents=True)
    out.mkdir()
    rng = np.random.default_rng(seed)
    for n in range(8):
        lines = "".join(f"https://t.me/faultroom{n}/{k}\n" for k in range(60))
        (inputs / f"urls{n}.txt").write_text(lines, encoding="utf-8")
    for n in range(16):
        Image.fromarray(rng.integers(0, 256, (96, 128, 3), dtype=np.uint8)).save(inputs / f"photo{n}.png")
    with Desk.create(root / "vault", PASSPHRASE) as desk:
        desk.profile.set("Fault Tester", "fault@example.org")
        case = desk.cases.add("fault injection")
        desk.sightings.add(case, "https://t.me/faultroom/first")
    return Bench(root / "vault", case, inputs, out)


def _command(bench: Bench, steps: int) -> list[str]:
    return [sys.executable, "-c", WRITER, str(bench.vault), str(bench.case), str(bench.inputs),
            str(bench.out), str(bench.next_step), str(steps), PASSPHRASE]  # fmt: skip


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'tests' / 'netguard'}{os.pathsep}{REPO}",
        "VICTIM_DESK_KDF_TARGET_MS": "50",
    }


def _record(bench: Bench, line: str) -> None:
    parts = line.split()
    if len(parts) == 3 and parts[0] == "ok":
        if parts[1] == "file":
            bench.files.add(parts[2])
        else:
            bench.confirmed[parts[1]].add(int(parts[2]))


def kill_round(bench: Bench, rng: random.Random, tally: Tally) -> None:
    """Start the writer and SIGKILL it just after a random point in its work (a step's start, chosen
    among the four kinds of work, so every kind is hit)."""
    target = rng.randrange(4) + 4 * rng.randrange(2)
    proc = subprocess.Popen(_command(bench, 8), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    assert proc.stdout is not None
    point = f"at {bench.next_step + target} "
    for raw in proc.stdout:
        line = raw.decode().strip()
        _record(bench, line)
        if line.startswith(point):
            # A few confirmed lines into the step for imports/evidence, else at its start.
            break
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate()
    for line in rest.decode().splitlines():
        _record(bench, line.strip())
    if proc.returncode not in (-signal.SIGKILL, 0):
        tally.problems.append(f"writer failed before the kill: {err.decode()[-400:]}")
    bench.next_step += 8
    tally.faults += 1
    tally.kills += 1


def _mount_tmpfs(folder: Path, size: int) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
                            capture_output=True)  # fmt: skip
    return result.returncode == 0


@contextlib.contextmanager
def small_disk(size: int) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="vd-disk-"))
    if not _mount_tmpfs(folder, size):
        raise OSError("mount refused")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


_METHOD: list[str] = []


def disk_method() -> str:
    """'tmpfs' when a small file system can be mounted here, else 'RLIMIT_FSIZE'."""
    if not _METHOD:
        folder = Path(tempfile.mkdtemp(prefix="vd-disk-probe-"))
        ok = _mount_tmpfs(folder, 1 << 20)
        if ok:
            subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()
        _METHOD.append("tmpfs" if ok else "RLIMIT_FSIZE")
    return _METHOD[0]


def _fill(folder: Path, leave: int) -> Path:
    """A filler file that leaves about `leave` bytes free on `folder`'s file system."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with open(filler, "wb") as f:
        remaining = max(0, free - leave)
        chunk = b"\0" * (1 << 20)
        while remaining > 0:
            try:
                remaining -= f.write(chunk[: min(len(chunk), remaining)])
            except OSError:
                break
    return filler


def disk_full_round(bench: Bench, rng: random.Random, tally: Tally) -> None:
    """Run the writer with the disk (vault and output folder) nearly full until it stops on its own."""
    leave = rng.choice([0, 4096, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 3 << 20])
    filler = _fill(bench.vault.parent, leave) if disk_method() == "tmpfs" else None
    limit = None if filler is not None else bench_size(bench) + leave

    def cap() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    try:
        proc = subprocess.run(_command(bench, 8), capture_output=True, env=_env(), preexec_fn=cap,
                              timeout=600)  # fmt: skip
    finally:
        if filler is not None:
            filler.unlink()
    for line in proc.stdout.decode().splitlines():
        _record(bench, line.strip())
        if line.startswith("refused "):
            key = line.split()[1]
            tally.refusals[key] = tally.refusals.get(key, 0) + 1
    if proc.returncode not in (0, 3):
        tally.problems.append(f"not a calm refusal (exit {proc.returncode}): {proc.stderr.decode()[-600:]}")
    bench.next_step += 8
    tally.faults += 1
    tally.disk_fulls += 1
    partials = [p.name for p in bench.out.iterdir() if p.name.endswith(".partial")]
    if partials:
        tally.partial_files_left += len(partials)
        tally.problems.append(f"partial files left after a full disk: {partials}")


def bench_size(bench: Bench) -> int:
    return max(p.stat().st_size for p in bench.vault.iterdir())


def audit(bench: Bench, tally: Tally) -> None:
    """The checks after a series of faults (see the module docstring)."""
    from victim_desk.app.packages import verify
    from victim_desk.desk import Desk
    from victim_desk.safe_output import write_new_file

    write_new_file(bench.out / f"sweep-{bench.next_step}.txt", lambda f: f.write("sweep"))
    bench.next_step += 1
    with Desk.open(bench.vault, PASSPHRASE) as desk:
        check = desk.admin.check()
        if not check.sound:
            tally.problems.append(f"vault check after faults: {check}")
        saved = {
            "sighting": {s.id for s in desk.sightings.list(bench.case)},
            "evidence": {e.id for e in desk.evidence.list(bench.case)},
            "request": {r.id for r in desk.requests.list()},
        }
    for kind, ids in bench.confirmed.items():
        missing = ids - saved[kind]
        tally.confirmed += len(ids)
        tally.lost += len(missing)
        if missing:
            tally.problems.append(f"{len(missing)} confirmed {kind} writes lost")
    bench.confirmed = {kind: set() for kind in bench.confirmed}  # counted once
    for path in bench.out.iterdir():
        if path.name.endswith(".partial"):
            tally.partial_files_left += 1
            tally.problems.append(f"partial file left: {path.name}")
        elif path.suffix == ".zip" and not verify(path).ok:
            tally.incomplete_outputs += 1
            tally.problems.append(f"package does not verify: {path.name}")
        elif path.suffix == ".pdf" and not path.read_bytes().rstrip().endswith(b"%%EOF"):
            tally.incomplete_outputs += 1
            tally.problems.append(f"incomplete letter: {path.name}")
    for name in bench.files:
        if not (bench.out / name).exists():
            tally.lost += 1
            tally.problems.append(f"confirmed file missing: {name}")
    bench.files = set()


def run_kills(root: Path, rounds: int, seed: int) -> Tally:
    tally, rng = Tally(), random.Random(seed)
    bench = make_bench(root / "kills", seed)
    for n in range(rounds):
        kill_round(bench, rng, tally)
        if n % 5 == 4 or n == rounds - 1:
            audit(bench, tally)
    return tally


def run_disk_fulls(root: Path, rounds: int, seed: int, disk_bytes: int = 24 << 20) -> Tally:
    tally, rng = Tally(), random.Random(seed)
    if disk_method() == "tmpfs":
        with small_disk(disk_bytes) as disk:
            bench = make_bench(disk / "bench", seed)
            for _ in range(rounds):
                disk_full_round(bench, rng, tally)
                audit(bench, tally)
                _trim(bench)
    else:
        bench = make_bench(root / "disk", seed)
        for _ in range(rounds):
            disk_full_round(bench, rng, tally)
            audit(bench, tally)
    return tally


def _trim(bench: Bench) -> None:
    """Keep the small disk from filling up with earlier rounds' packages (they were checked already)."""
    for path in bench.out.iterdir():
        if path.suffix in (".zip", ".pdf", ".txt"):
            path.unlink()
