# ruff: noqa: E501  (the figures are Markdown lines, kept whole to be read)
"""The long security run, in one command, and the figures it writes to docs/security-figures.md:

    .venv/bin/python tests/security/long_run.py            # the full run (~30 min on 2 quiet cores)
    .venv/bin/python tests/security/long_run.py --scale 0.01   # a quick trial of the same steps

1. Coverage-guided fuzzing of every parser of untrusted input with atheris (libFuzzer), one process per
   parser, from the seeds in fuzz_targets.py: a case over 20 s of CPU (300 s of wall clock) is a hang, RSS over 3 GiB is out of memory,
   any exception other than a calm DeskError is a crash; each stops the run with the input saved. Without
   atheris (it ships wheels for Linux x86-64 only), Hypothesis-style seeded mutation runs instead and the
   figures say so.
2. Fault injection: kill -9 rounds and full-disk rounds (faults.py).
3. Bad inputs: wrong passphrases, truncations, bit flips in vault.db and key.json (damage.py).
4. Tampering: every attempt of tampering.py against a real package and a real vault.

It exits non-zero if anything was lost, missed or crashed, and writes the figures either way (the commit it
ran on included) so a failing run is recorded too.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Cases per parser for the full run: the slow decoders (images, videos) get fewer, the text parsers more.
# The text parsers run thousands of cases a second, the decoders tens: most cases go where they are cheap.
FUZZ_RUNS = {"image": 4_000, "video": 2_000, "provenance": 4_000, "sightings_import": 35_000,
             "hash_list": 35_000, "package": 15_000, "key_file": 15_000}  # fmt: skip
KILL_ROUNDS, DISK_ROUNDS, DAMAGE_ATTEMPTS = 56, 50, 240


def _commit() -> str:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "victim_desk", "resources", "tests"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return head + (" (with uncommitted changes)" if dirty else "")


def _atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def start_atheris(work: Path, scale: float) -> Callable[[], dict[str, Any]]:
    """Starts one fuzzing process per parser, all at once (they run beside the fault rounds: the machine's
    cores are shared), and returns the function that waits for them and reads their results."""
    from tests.security import fuzz_targets as ft

    running: dict[str, tuple[subprocess.Popen[bytes], Path, float]] = {}
    for target, runs in FUZZ_RUNS.items():
        runs = max(10, int(runs * scale))
        corpus = work / "corpus" / target
        corpus.mkdir(parents=True)
        for n, seed in enumerate(ft.seeds(target)):
            (corpus / f"seed{n}").write_bytes(seed)
        # Kept after the run (the work folder is not): a failing input must be there to replay.
        artifacts = Path(tempfile.gettempdir()) / "victim-desk-fuzz-artifacts" / target
        artifacts.mkdir(parents=True, exist_ok=True)
        log = work / f"fuzz-{target}.log"
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fuzz_worker.py")), target, str(corpus),
             f"-runs={runs}", "-timeout=300", "-rss_limit_mb=3072", "-max_len=262144",
             f"-artifact_prefix={artifacts}/", "-print_final_stats=1", "-seed=20261202"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
        )  # fmt: skip
        running[target] = (proc, log, time.monotonic())

    def finish() -> dict[str, Any]:
        results: dict[str, Any] = {}
        for target, (proc, log_path, started) in running.items():
            code = proc.wait()
            log = log_path.read_text(encoding="utf-8", errors="replace")
            done = re.findall(r"Done (\d+) runs", log)
            executed = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
            count = int(done[-1]) if done else int(executed[-1]) if executed else 0
            coverage = re.findall(r"cov: (\d+)", log)
            results[target] = {
                "cases": count, "ok": code == 0, "seconds": round(time.monotonic() - started),
                "coverage": int(coverage[-1]) if coverage else None,
                "failure": None if code == 0 else log[-3000:],
            }  # fmt: skip
            print(f"fuzz {target}: {count} cases, ok={code == 0}", flush=True)
            if code != 0:
                print(log[-3000:], flush=True)
        return results

    return finish


def fuzz_with_mutations(scale: float) -> dict[str, Any]:
    """The fallback without atheris: seeded byte-level mutations of the seeds, each case bounded."""
    from tests.security import fuzz_targets as ft

    results: dict[str, Any] = {}
    rng = random.Random(20261202)
    for target, runs in FUZZ_RUNS.items():
        runs = max(10, int(runs * scale))
        seeds = ft.seeds(target)
        started, failure = time.monotonic(), None
        for n in range(runs):
            ops = [(rng.randrange(7), rng.random(), rng.randint(1, 64), rng.randbytes(rng.randint(1, 16)))
                   for _ in range(rng.randint(1, 6))]  # fmt: skip
            data = ft.mutate(rng.choice(seeds), ops, rng.choice(seeds))
            try:
                with ft.bounded(seconds=30, peak=3 << 30):
                    ft.run(target, data)
            except ft.ParserFailure as exc:
                failure = f"case {n}: {exc} (cause: {exc.__cause__!r})"
                break
        results[target] = {"cases": n + 1, "ok": failure is None, "failure": failure,
                           "seconds": round(time.monotonic() - started), "coverage": None}  # fmt: skip
        print(f"fuzz {target}: {results[target]['cases']} cases, ok={results[target]['ok']}", flush=True)
    return results


def tamper(work: Path) -> dict[str, Any]:
    import numpy as np
    from PIL import Image

    from tests.security import tampering
    from victim_desk.app.packages import verify
    from victim_desk.app.requests import LetterSpec
    from victim_desk.core import package as fmt
    from victim_desk.desk import Desk

    with Desk.create(work / "tamper-vault", "tampering run passphrase 2026") as desk:
        desk.profile.set("Tamper Tester", "tamper@example.org")
        paths = []
        for n in (1, 2):
            case = desk.cases.add(f"tamper case {n}")
            for i in range(3):
                desk.sightings.add(case, f"https://t.me/tamperroom{n}/{i}", seen="2026-11-20T10:00:00+09:00")
            picture = work / f"photo{n}.png"
            Image.fromarray(np.random.default_rng(n).integers(0, 256, (64, 80, 3), dtype=np.uint8)).save(
                picture
            )
            list(desk.evidence.add(case, [picture], keep_original=True))
            spec = LetterSpec(
                recipient="telegram", jurisdiction="US", lang="en", case_id=case, platform="telegram"
            )
            desk.requests.letter(spec, work / f"letter{n}.txt")
            desk.referrals.write(case, "d4u", ["sightings"], work / f"referral{n}.pdf", lang="ko")
            desk.packages.export(case, work / f"package{n}.zip", lang="en", include_originals=True)
            paths.append(work / f"package{n}.zip")
        package = tampering.run_package(paths[0], paths[1], desk.packages.key_fingerprint(),
                                        fmt.SigningKey.generate(), verify)  # fmt: skip
        vault = tampering.run_vault(desk)
    return {"package": package, "vault": vault}


def write_figures(out: Path, figures: dict[str, Any]) -> None:
    fuzz, kills, disk, damage, tampered = (figures[k] for k in ("fuzz", "kills", "disk", "damage", "tamper"))
    total_cases = sum(r["cases"] for r in fuzz.values())
    faults = kills.faults + disk.faults
    attempts = tampered["package"].attempts + tampered["vault"].attempts
    caught = tampered["package"].caught + tampered["vault"].caught
    lost = kills.lost + disk.lost
    lines = [
        "# Security figures",
        "",
        "Written by `python tests/security/long_run.py` (see that file and SECURITY.md for what each part does).",
        "Do not edit by hand; run it again.",
        "",
        f"- Commit: `{figures['commit']}`",
        f"- Run: {figures['started']} to {figures['finished']} ({figures['minutes']} min), scale {figures['scale']}",
        f"- Fuzzer: {figures['fuzzer']}",
        "",
        "## Summary",
        "",
        "| what | figure |",
        "|---|---|",
        f"| fuzz cases run | {total_cases:,} |",
        f"| parsers that crashed, hung or ran out of memory | {sum(not r['ok'] for r in fuzz.values())} |",
        f"| faults injected (kill -9 + full disk) | {faults} ({kills.kills} + {disk.disk_fulls}) |",
        f"| writes reported saved, then checked after the faults | {kills.confirmed + disk.confirmed:,} |",
        f"| lost (must be 0) | {lost} |",
        f"| partial files left / incomplete outputs (must be 0) | {kills.partial_files_left + disk.partial_files_left}"
        f" / {kills.incomplete_outputs + disk.incomplete_outputs} |",
        f"| bad vault inputs tried (wrong passphrase, truncation, bit flips) | {damage.attempts} |",
        f"| tampering attempts / caught | {attempts:,} / {caught:,} |",
        "",
        "## Fuzzing, per parser",
        "",
        "| parser | cases | seconds | coverage (libFuzzer edges) | result |",
        "|---|---|---|---|---|",
    ]
    for target, r in fuzz.items():
        result = "no crash, hang or OOM" if r["ok"] else "FAILED (see the run's log)"
        lines.append(f"| {target} | {r['cases']:,} | {r['seconds']} | {r['coverage'] or '-'} | {result} |")
    lines += [
        "",
        "## Faults",
        "",
        f"- kill -9 rounds: {kills.kills}; writes confirmed and found again: {kills.confirmed - kills.lost} of "
        f"{kills.confirmed}.",
        f"- full-disk rounds ({figures['disk_method']}): {disk.disk_fulls}; writes confirmed: {disk.confirmed}; "
        f"how the full disk was reported: "
        + (", ".join(f"`{k}` x{v}" for k, v in sorted(disk.refusals.items())) or "never reached"),
        f"- problems: {kills.problems + disk.problems or 'none'}",
        "",
        "## Bad vault inputs",
        "",
        f"- wrong passphrases {damage.wrong_passphrases}, truncations {damage.truncations}, bit flips in vault.db "
        f"{damage.vault_bit_flips}, in key.json {damage.key_bit_flips}",
        f"- refused when opening: {damage.refused_on_open}; opened but found by `vault check`: "
        f"{damage.found_by_check}; files changed by an attempt: 0 unless listed below; backup restored: "
        f"{damage.restores}",
        f"- problems: {damage.problems or 'none'}",
        "",
        "## Tampering",
        "",
        f"- evidence package: {tampered['package'].attempts:,} attempts (each member, line and field; as is and "
        f"re-signed by a forger), caught {tampered['package'].caught:,}",
        f"- vault audit chain: {tampered['vault'].attempts:,} attempts, caught {tampered['vault'].caught:,}",
        f"- missed: {tampered['package'].missed + tampered['vault'].missed or 'none'}",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full run (for a trial)")
    parser.add_argument("--figures", type=Path, default=REPO / "docs" / "security-figures.md")
    args = parser.parse_args()
    from tests.security import damage, faults

    started = datetime.datetime.now(datetime.UTC)
    figures: dict[str, Any] = {"commit": _commit(), "scale": args.scale,
                               "started": started.isoformat(timespec="seconds")}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="vd-long-run-") as folder:
        work = Path(folder)
        finish_fuzzing = None
        if _atheris():
            figures["fuzzer"] = (
                "atheris (libFuzzer, coverage-guided), one process per parser, run in parallel"
            )
            finish_fuzzing = start_atheris(work, args.scale)
        else:
            figures["fuzzer"] = "seeded mutations (atheris is not installed here)"
            figures["fuzz"] = fuzz_with_mutations(args.scale)
        rounds = max(2, int(KILL_ROUNDS * args.scale))
        figures["kills"] = faults.run_kills(work / "kills", rounds, seed=1501)
        print(f"kills: {figures['kills'].kills}, lost {figures['kills'].lost}", flush=True)
        figures["disk_method"] = faults.disk_method()
        figures["disk"] = faults.run_disk_fulls(
            work / "disk", max(2, int(DISK_ROUNDS * args.scale)), seed=1502
        )
        print(f"disk fulls: {figures['disk'].disk_fulls}, lost {figures['disk'].lost}", flush=True)
        (work / "damage").mkdir()
        figures["damage"] = damage.run(work / "damage", max(8, int(DAMAGE_ATTEMPTS * args.scale)), seed=1503)
        print(
            f"bad inputs: {figures['damage'].attempts}, problems {len(figures['damage'].problems)}",
            flush=True,
        )
        (work / "tamper").mkdir()
        figures["tamper"] = tamper(work / "tamper")
        print(
            f"tampering: {figures['tamper']['package'].attempts + figures['tamper']['vault'].attempts}",
            flush=True,
        )
        if finish_fuzzing is not None:
            figures["fuzz"] = finish_fuzzing()
    finished = datetime.datetime.now(datetime.UTC)
    figures["finished"] = finished.isoformat(timespec="seconds")
    figures["minutes"] = round((finished - started).total_seconds() / 60, 1)
    write_figures(args.figures, figures)
    bad = (
        any(not r["ok"] for r in figures["fuzz"].values())
        or figures["kills"].problems or figures["disk"].problems or figures["damage"].problems
        or figures["tamper"]["package"].missed or figures["tamper"]["vault"].missed
    )  # fmt: skip
    print(f"figures written to {args.figures}; {'FAILED' if bad else 'all clean'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
