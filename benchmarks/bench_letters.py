"""Letters benchmark: a 500-address letter as a PDF, and `request list --json` over 10,000 requests.

Run on demand:  python benchmarks/bench_letters.py
Goals (issue 9): a letter listing 500 URLs, PDF in < 2 s; `request list --json` over 10,000 requests in
< 1 s beyond the unlock. Medians of several runs, in-process (compose + render / the SQL JSON lines) and
end to end through the real CLI in a subprocess (Python start-up included) with the unlock, measured on
its own, subtracted. Prints each median and its ratio to the goal (< 1.0 meets it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from victim_desk.app.unit import change  # noqa: E402
from victim_desk.core.letters.compose import Address, LetterInput, compose  # noqa: E402
from victim_desk.core.letters.recipients import get_recipient  # noqa: E402
from victim_desk.core.model import Profile, Role  # noqa: E402
from victim_desk.desk import Desk  # noqa: E402
from victim_desk.render.letter_pdf import letter_pdf  # noqa: E402
from victim_desk.storage.tables import requests as requests_table  # noqa: E402

PASSPHRASE = "benchmark passphrase 2026"
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cli(vault: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "VICTIM_DESK_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-m", "victim_desk", "--vault", str(vault), *args]
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr.decode("utf-8", "replace"))


def _report(label: str, seconds: float, goal: float) -> None:
    print(f"{label:<58} {seconds:7.3f} s   goal < {goal:.1f} s   ratio {seconds / goal:5.2f}")


def main() -> None:
    os.environ.pop("VICTIM_DESK_KDF_TARGET_MS", None)  # the real, calibrated unlock cost
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        vault = folder / "vault"
        with Desk.create(vault, PASSPHRASE) as desk:
            desk.profile.set("김하나", "hana@example.org", role="counselor", organization="상담소")
            case = desk.cases.add("benchmark")
            listing = folder / "urls.txt"
            listing.write_text("".join(f"https://t.me/c/{1000 + i}/{i * 37}\n" for i in range(500)), "utf-8")
            desk.sightings.import_file(case, listing)
        unlock = _median(lambda: Desk.open(vault, PASSPHRASE).lock(), 5)
        print(f"{'unlock (Argon2id, calibrated), median of 5':<58} {unlock:7.3f} s")

        # 1. A 500-address letter.
        addresses = tuple(Address(i, f"https://t.me/c/{1000 + i}/{i * 37}", T0) for i in range(500))
        letter = LetterInput(
            recipient=get_recipient("telegram"), jurisdiction="KR", lang="ko", voice="agent",
            requester=Profile("김하나", "hana@example.org", None, Role.COUNSELOR, "상담소"),
            addresses=addresses,
            sent_at=T0, reference="VD-1-1", authority="위임장 (2026-11-28)", preserve_data=True,
        )  # fmt: skip
        _report("500-URL letter: compose + PDF in process, median of 5",
                _median(lambda: letter_pdf(compose(letter)), 5), 2.0)  # fmt: skip
        counter = iter(range(100))

        def cli_letter() -> None:
            out = folder / f"letter-{next(counter)}.pdf"
            _cli(vault, "letter", "--case", str(case), "--platform", "telegram", "--to", "telegram",
                 "--jurisdiction", "KR", "--lang", "ko", "--authority", "위임장", "-o", str(out))  # fmt: skip

        total = _median(cli_letter, 3)
        _report("500-URL letter: `letter` CLI end to end minus unlock, median of 3", total - unlock, 2.0)

        # 2. 10,000 requests (each covering one to three of the 500 sightings), written as the service does.
        with Desk.open(vault, PASSPHRASE) as desk:
            conn_vault = desk._vault
            start = requests_table.next_id(conn_vault.conn)
            for batch in range(10):
                with change(conn_vault) as c:
                    for k in range(1000):
                        n = batch * 1000 + k
                        rid = start + n
                        sent = T0 + timedelta(minutes=n)
                        new = requests_table.NewRequest(
                            case_id=case, platform="telegram", recipient="telegram", channel="in_app",
                            jurisdiction=("KR", "US", "EU", "UK")[n % 4], lang="ko", voice="agent",
                            follows=None,
                            sent_at=sent, deadline=None if n % 4 == 2 else sent + timedelta(hours=24),
                            review_at=sent + timedelta(hours=24), options={"format": "pdf"},
                        )  # fmt: skip
                        sightings = sorted({1 + n % 500, 1 + (n * 7) % 500, 1 + (n * 13) % 500})[: 1 + n % 3]
                        requests_table.add_request(c.conn, c.audit, rid, f"VD-{case}-{rid}", new, sightings)
            count = sum(1 for _ in desk.requests.list())
            in_process = _median(lambda: sum(1 for _ in desk.requests.json_lines()), 5)
        print(f"{'requests in the vault':<58} {count:7d}")
        _report("`request list --json` in process (SQL JSON lines), median of 5", in_process, 1.0)
        total = _median(lambda: _cli(vault, "request", "list", "--json"), 3)
        _report("`request list --json` CLI end to end minus unlock, median of 3", total - unlock, 1.0)


if __name__ == "__main__":
    main()
