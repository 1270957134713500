"""Fixtures that write real files into each test's tmp_path: pictures and tiny videos."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from _media import SCENES, scene, write_video
from _photos import photo
from PIL import Image


@pytest.fixture
def video(tmp_path: Path) -> Callable[..., Path]:
    """Factory: video("name.mp4", scenes=[...], **write_video options) -> path in tmp_path."""

    def make(name: str = "clip.mp4", scenes: Sequence[np.ndarray] | None = None, **kw: object) -> Path:
        if scenes is None:
            scenes = [scene(n) for n in SCENES[:4]]
        return write_video(tmp_path / name, scenes, **kw)  # type: ignore[arg-type]

    return make


@pytest.fixture
def photo_file(tmp_path: Path) -> Callable[..., Path]:
    """Factory: photo_file("name.png", rgb=None, **PIL save options) -> path in tmp_path."""

    def make(name: str, rgb: np.ndarray | None = None, **save: object) -> Path:
        if rgb is None:
            rgb = photo("astronaut")
        path = tmp_path / name
        Image.fromarray(rgb).save(path, **save)  # type: ignore[arg-type]
        return path

    return make
