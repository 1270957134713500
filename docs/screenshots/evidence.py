"""Screenshot scenes of the evidence screens (issue 13 item 1), for docs/screenshots/make.py.

`scenes()` gives (name, navigate) pairs: `navigate(shell)` takes an unlocked shell with a case chosen,
brings the screen to the state to show and returns the widget to grab. Sample evidence is synthetic
(coloured shapes drawn with NumPy) and added by the scenes themselves when the case has none, so they
work on any sample vault. Run alone to look at the screens yourself (under Xvfb, say):

    python docs/screenshots/evidence.py OUT_DIR [ko|en]        (QT_SCALE_FACTOR=2 for 200 %)
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtWidgets import QApplication, QWidget

from victim_desk.errors import DeskError
from victim_desk.gui.evidence.add_flow import AddReport, AddSummaryDialog
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.evidence.match_page import MatchPage, MatchReport
from victim_desk.gui.shell import ShellWindow

_SAMPLES = Path(tempfile.gettempdir()) / "victim-desk-screenshot-samples"


def _sample(name: str, seed: int) -> Path:
    """A synthetic picture: a soft background with a few bright shapes."""
    _SAMPLES.mkdir(exist_ok=True)
    path = _SAMPLES / name
    if not path.exists():
        rng = np.random.default_rng(seed)
        small = rng.integers(40, 220, (12, 16, 3), dtype=np.uint8)
        img = np.asarray(Image.fromarray(small).resize((640, 480), Image.Resampling.BICUBIC)).copy()
        for _ in range(5):
            x, y = int(rng.integers(0, 560)), int(rng.integers(0, 400))
            img[y : y + 80, x : x + 80] = rng.integers(0, 256, 3, dtype=np.uint8)
        Image.fromarray(img).save(path, quality=90)
    return path


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _evidence_page(shell: ShellWindow) -> EvidencePage:
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    page = workspace.case_pages["evidence_page"]
    assert isinstance(page, EvidencePage)
    workspace.sections.setCurrentIndex(0)
    workspace.case_tabs.setCurrentWidget(page)
    # The shell's sample vault may hold evidence of its own: the scenes need these three (the match scene
    # looks for a copy of the beach), so they are added unless they are there already.
    if not any(item.file_name == "beach.jpg" for item in page.items):
        files = [_sample("beach.jpg", 1), _sample("room.jpg", 2), _sample("street.jpg", 3)]
        # Straight through the application layer (a scene must be ready when it returns, not a job later).
        list(shell.desk.evidence.add(page.case_id, files, keep_preview=True))  # type: ignore[union-attr]
        page.reload()
    _settle()
    return page


def evidence_list(shell: ShellWindow) -> QWidget:
    page = _evidence_page(shell)
    page.select(page.items[0].id)
    _settle()
    return shell


def evidence_preview_shown(shell: ShellWindow) -> QWidget:
    page = _evidence_page(shell)
    page.select(page.items[0].id)
    page.preview.reveal()
    _settle()
    return shell


def match_results(shell: ShellWindow) -> QWidget:
    page = _evidence_page(shell)
    workspace = shell.workspace
    assert workspace is not None
    matcher = workspace.desk_pages["match_page"]
    assert isinstance(matcher, MatchPage)
    workspace.sections.setCurrentWidget(matcher)
    copy = _SAMPLES / "found online.jpg"
    Image.open(_sample("beach.jpg", 1)).resize((480, 360)).save(copy, quality=60)
    files = [copy, _sample("unrelated.jpg", 9)]
    assert page.case_id is not None
    report = MatchReport(results=list(shell.desk.evidence.match_files(files)))  # type: ignore[union-attr]
    matcher.on_checked(report)
    _settle()
    return shell


def add_summary(shell: ShellWindow) -> QWidget:
    """The summary after adding: one file added, one that could not be read (cut short)."""
    page = _evidence_page(shell)
    broken = _SAMPLES / "cut short.jpg"
    broken.write_bytes(_sample("beach.jpg", 1).read_bytes()[:700])
    fresh = _sample("garden.jpg", 4)
    report = AddReport(total=2)
    for path, result in shell.desk.evidence.add(page.case_id, [fresh, broken]):  # type: ignore[union-attr]
        if isinstance(result, DeskError):
            report.failed.append((path, result))
        else:
            report.added.append(result)
    page.reload()
    dialog = AddSummaryDialog(report, shell.lang, page)
    dialog.show()
    _settle()
    return dialog


def scenes() -> list[tuple[str, Callable[[ShellWindow], QWidget]]]:
    return [
        ("evidence_list", evidence_list),
        ("evidence_add_summary", add_summary),
        ("evidence_preview_shown", evidence_preview_shown),
        ("match_results", match_results),
    ]


def main(argv: list[str]) -> int:
    """Make a sample vault, open it, and save each scene as OUT_DIR/<name>_<lang>.png."""
    from victim_desk.desk import Desk
    from victim_desk.gui.app import create_application

    out = Path(argv[0])
    lang = argv[1] if len(argv) > 1 else "ko"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang)  # type: ignore[arg-type]
    passphrase = "screenshots only, never a real vault"
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "vault"
        with Desk.create(vault, passphrase) as desk:
            desk.cases.add("사건 1" if lang == "ko" else "Case 1")
        shell = ShellWindow(vault, lang)  # type: ignore[arg-type]
        shell.show()
        shell.on_desk_opened(Desk.open(vault, passphrase))
        assert shell.workspace is not None
        shell.workspace.case_list.setCurrentRow(0)
        for name, navigate in scenes():
            widget = navigate(shell)
            widget.grab().save(str(out / f"{name}_{lang}.png"))
            if widget is not shell:
                widget.close()
        shell.shut_down()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
