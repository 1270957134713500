"""How long the letter wizard takes to open on a case with many addresses.

Run: `python benchmarks/bench_gui_wizard.py`.

The wizard lists every open address of the case so the person can tick which ones the letter covers. A
counselor's case can hold thousands (an import of a monitoring export). Goal (issue 13, the wizard should
open at once): under 300 ms at 20,000 sightings. Measured offscreen, side by side in one run: three cases
of 200 / 2,000 / 20,000 sightings (half Telegram, half X, so the recipient's addresses are a real subset) in
one vault, each wizard opened (built, shown, laid out) and closed in turn, interleaved; printed: medians and
the ratio to the goal. Also printed: how much of it the application layer's draft takes (`Requests.draft`
with the preselected addresses), which no widget can make faster. Synthetic data only; the vault is
removed at the end.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

import statistics
import sys
import tempfile
import time
from pathlib import Path

from victim_desk.desk import Desk

SIZES = (200, 2_000, 20_000)
GOAL_MS = 300.0
ROUNDS = 5


def build(folder: Path) -> tuple[Desk, dict[int, int]]:
    desk = Desk.create(folder / "vault", "benchmark passphrase 1234")
    desk.profile.set("Sample Person", "person@example.org")
    cases = {}
    for size in SIZES:
        case = desk.cases.add(f"case with {size}")
        listing = folder / f"list-{size}.txt"
        lines = []
        for n in range(size):
            if n % 2:
                lines.append(f"https://x.com/sample_account_{n % 97}/status/{10_000_000 + n}")
            else:
                lines.append(f"https://t.me/sample_channel_{n % 89}/{n}")
        listing.write_text("\n".join(lines), encoding="utf-8")
        desk.sightings.import_file(case, listing)
        cases[size] = case
    return desk, cases


def main() -> int:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWidget

    from victim_desk.gui.banner import MessageBanner
    from victim_desk.gui.requests.letter_wizard import LetterWizard
    from victim_desk.gui.safety import SecretClipboard
    from victim_desk.gui.session import Session
    from victim_desk.gui.workers import Workers

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        desk, cases = build(Path(tmp))
        window = QWidget()
        window.resize(1180, 760)
        window.show()
        session = Session(desk, Workers(window), SecretClipboard(QGuiApplication.clipboard(), parent=window),
                          MessageBanner(window), "ko")  # fmt: skip
        opened: dict[int, list[float]] = {size: [] for size in SIZES}
        drafted: dict[int, list[float]] = {size: [] for size in SIZES}
        for _ in range(ROUNDS):
            for size in SIZES:
                start = time.perf_counter()
                wizard = LetterWizard(session, cases[size], window)
                wizard.open()
                app.processEvents()  # shown and laid out: what the person waits for
                opened[size].append(time.perf_counter() - start)
                spec = wizard.spec()
                start = time.perf_counter()
                desk.requests.draft(spec)
                drafted[size].append(time.perf_counter() - start)
                ticked = len(spec.sighting_ids)
                wizard.close()
                wizard.deleteLater()
                app.processEvents()
            assert ticked == SIZES[-1] // 2  # the Telegram half of the last case is preselected
        desk.lock()
        window.deleteLater()
        app.processEvents()
    print(f"letter wizard open time, medians of {ROUNDS} (offscreen; goal {GOAL_MS:.0f} ms at {SIZES[-1]:,})")
    for size in SIZES:
        median = statistics.median(opened[size]) * 1000
        draft = statistics.median(drafted[size]) * 1000
        print(f"  {size:>6,} sightings: {median:8.1f} ms  (ratio to goal {median / GOAL_MS:5.2f});"
              f" of which the app layer's draft alone {draft:7.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
