"""Blurred previews: tiny, unrecognisable, in memory only, and calm about bad files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from _media import SCENES, scene
from _photos import photo
from PIL import Image

from victim_desk.core.fingerprint import blurred_preview
from victim_desk.errors import CorruptFile, FileUnreadable, UnsupportedFile


def _open(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG"
        return np.asarray(im.convert("RGB"), dtype=np.float32)


def _detail(rgb: np.ndarray) -> float:
    """Mean absolute difference between neighbouring pixels: edges, texture, features."""
    grey = rgb.mean(axis=2)
    return float(np.abs(np.diff(grey, axis=0)).mean() + np.abs(np.diff(grey, axis=1)).mean())


@pytest.mark.parametrize(
    ("name", "size"), [("p.jpg", (640, 427)), ("p.png", (300, 500)), ("p.heic", (500, 480))]
)
def test_preview_is_small_and_keeps_the_shape(tmp_path: Path, name: str, size: tuple[int, int]) -> None:
    path = tmp_path / name
    options = {"format": "HEIF"} if name.endswith("heic") else {}
    Image.fromarray(scene("astronaut", size)).save(path, **options)
    rgb = _open(blurred_preview(path))
    h, w = rgb.shape[:2]
    assert max(w, h) == 96
    assert abs(w / h - size[0] / size[1]) < 0.05


def test_preview_is_heavily_blurred(tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    Image.fromarray(photo("astronaut")).save(path)
    preview = _open(blurred_preview(path))
    plain = np.asarray(Image.fromarray(photo("astronaut")).resize(preview.shape[1::-1]), dtype=np.float32)
    # A plain 96 px thumbnail still shows a face; the preview keeps under a tenth of its detail ...
    assert _detail(preview) < 0.1 * _detail(plain)
    # ... yet still tells pictures apart by their colours, so a person can find the one she means.
    other = tmp_path / "o.png"
    Image.fromarray(scene("coffee", (512, 512))).save(other)
    assert np.abs(_open(blurred_preview(other)) - preview).mean() > 10


def test_preview_of_a_video(video) -> None:
    path = video("v.mp4", scenes=[np.zeros((240, 320, 3), np.uint8), scene("coffee")], pan=False)
    rgb = _open(blurred_preview(path))
    assert max(rgb.shape[:2]) == 96
    # The black lead-in is passed over for a frame with something in it.
    assert rgb.mean() > 30


def test_preview_follows_exif_orientation(tmp_path: Path) -> None:
    wide = Image.fromarray(scene("rocket", (600, 300)))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "turned.jpg"
    wide.save(path, exif=exif.tobytes())
    h, w = _open(blurred_preview(path)).shape[:2]
    assert (w, h) == (48, 96)


def test_preview_writes_nothing_to_disk(tmp_path: Path, video) -> None:
    path = video("v.mkv", scenes=[scene(n) for n in SCENES[:2]])
    before = sorted(os.listdir(tmp_path))
    blurred_preview(path)
    assert sorted(os.listdir(tmp_path)) == before


def test_preview_of_bad_files(tmp_path: Path) -> None:
    text = tmp_path / "a.jpg"
    text.write_text("not a picture")
    with pytest.raises(UnsupportedFile):
        blurred_preview(text)
    with pytest.raises(FileUnreadable):
        blurred_preview(tmp_path / "missing.png")
    cut = tmp_path / "cut.jpg"
    Image.fromarray(photo("coffee")).save(cut)
    cut.write_bytes(cut.read_bytes()[:300])
    with pytest.raises(CorruptFile):
        blurred_preview(cut)
