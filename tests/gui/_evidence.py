"""Helpers for the evidence screen tests: synthetic pictures, getting to the screens, reading pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.evidence.match_page import MatchPage
from victim_desk.gui.shell import ShellWindow


def photo(path: Path, seed: int, size: tuple[int, int] = (480, 360)) -> Path:
    """A photo-like synthetic picture (smooth noise plus a few shapes), different for every seed."""
    rng = np.random.default_rng(seed)
    w, h = size
    small = rng.integers(0, 256, (h // 24 + 1, w // 24 + 1, 3), dtype=np.uint8)
    img = np.asarray(Image.fromarray(small).resize(size, Image.Resampling.BICUBIC)).copy()
    for _ in range(6):
        x, y = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 60))
        img[y : y + 50, x : x + 50] = rng.integers(0, 256, 3, dtype=np.uint8)
    Image.fromarray(img).save(path, quality=92) if path.suffix == ".jpg" else Image.fromarray(img).save(path)
    return path


def quadrants(path: Path) -> Path:
    """Four saturated quadrants: sharp edges that any real blur visibly softens."""
    img = np.zeros((240, 320, 3), dtype=np.uint8)
    img[:120, :160] = (220, 30, 30)
    img[:120, 160:] = (30, 200, 40)
    img[120:, :160] = (30, 40, 210)
    img[120:, 160:] = (240, 230, 30)
    Image.fromarray(img).save(path)
    return path


def unlock(qtbot: QtBot, shell: ShellWindow) -> ShellWindow:
    """Open `shell`'s vault through its passphrase form and choose the first case (as `unlocked` does)."""
    screen = shell.unlock_screen
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(shell.vault_unlocked, timeout=10_000):
        screen.submit.click()
    assert shell.workspace is not None
    shell.workspace.case_list.setCurrentRow(0)
    return shell


def evidence_page(shell: ShellWindow) -> EvidencePage:
    workspace = shell.workspace
    assert workspace is not None and workspace.case_tabs is not None
    page = workspace.case_pages["evidence_page"]
    assert isinstance(page, EvidencePage)
    workspace.case_tabs.setCurrentWidget(page)
    return page


def match_page(shell: ShellWindow) -> MatchPage:
    workspace = shell.workspace
    assert workspace is not None
    page = workspace.desk_pages["match_page"]
    assert isinstance(page, MatchPage)
    workspace.sections.setCurrentWidget(page)
    return page


def pixels(image: QImage) -> np.ndarray:
    """An image's pixels as an (h, w, 4) uint8 array (a copy)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(h, image.bytesPerLine())[:, : w * 4].reshape(h, w, 4).copy()


def difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference of the colour channels of two images of the same size."""
    assert a.size() == b.size()
    return float(np.abs(pixels(a)[..., :3].astype(int) - pixels(b)[..., :3].astype(int)).mean())
