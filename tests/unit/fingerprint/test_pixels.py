"""Pixels read in place (pixels.py) are the decoder's pixels, upright views match Pillow's transposes, and
anything the in-place read cannot take falls back to a copy rather than to wrong pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _photos import photo
from PIL import Image

from victim_desk.core.fingerprint import decode, pixels


def _jpeg(tmp_path: Path, mode: str = "RGB") -> Path:
    path = tmp_path / f"p_{mode}.jpg"
    Image.fromarray(photo("astronaut")).convert(mode).save(path, quality=90)
    return path


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_view_is_the_decoded_picture(tmp_path: Path, mode: str) -> None:
    path = _jpeg(tmp_path, mode)
    with Image.open(path) as im:
        pixels.load_in_one_block(im)
        px = pixels.view(im)
        expected = np.asarray(im)
    assert px is not None
    assert not px.flags.writeable
    if mode == "RGB":
        assert px.shape == (*expected.shape[:2], 4)
        assert np.array_equal(px[..., :3], expected)
    else:
        assert np.array_equal(px, expected)
    # The view keeps the memory alive after the image is closed and dropped.
    del im
    assert int(px[..., 0].astype(np.int64).sum()) == int(expected[..., 0].astype(np.int64).sum())


def test_no_view_of_a_picture_in_several_blocks_or_another_mode(tmp_path: Path) -> None:
    big = Image.fromarray(np.zeros((3000, 2000, 3), np.uint8))  # 24 MB: Pillow's arena splits it in blocks
    assert pixels.view(big) is None
    assert pixels.view(Image.new("RGBA", (10, 10))) is None
    assert pixels.view(Image.new("I;16", (10, 10))) is None


@pytest.mark.parametrize("orientation", range(1, 9))
def test_upright_view_is_pillows_transpose(orientation: int) -> None:
    rng = np.random.default_rng(orientation)
    rgb = rng.integers(0, 256, (7, 11, 3), dtype=np.uint8)
    im = Image.fromarray(rgb)
    turned = im.transpose(decode._ORIENTATION[orientation]) if orientation > 1 else im
    assert np.array_equal(pixels.upright(rgb, orientation), np.asarray(turned))


def test_background_returns_the_result_and_raises_the_error() -> None:
    assert pixels.background(sum, [1, 2, 3]).result() == 6
    with pytest.raises(ZeroDivisionError):
        pixels.background(lambda: 1 // 0).result()
