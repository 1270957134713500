"""docs/screenshots/make.py, the one command that regenerates the screenshots, really produces them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def test_make_grabs_the_shell_scenes_inside_the_screen(tmp_path: Path):
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    done = subprocess.run(
        [sys.executable, str(REPO / "docs" / "screenshots" / "make.py"), str(out),
         "--scales", "1", "--langs", "en", "--areas", "shell"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    names = sorted(p.name for p in out.iterdir())
    scenes = ["counselor-mode", "mode-choice", "settings", "settings-locked", "unlock", "victim-mode"]
    assert names == sorted(f"shell-{scene}-en-100.png" for scene in scenes)
    for name in names:
        image = QImage(str(out / name))
        assert not image.isNull()
        # Drawn on a 1366 x 768 screen: every window fits inside it.
        assert 400 < image.width() <= 1366 and 300 < image.height() <= 768, name
        # Not a blank grab: many distinct colours (text, frames, the Quick exit button).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name
