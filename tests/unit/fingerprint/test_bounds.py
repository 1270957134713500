"""Bounds on what one picture may cost, and Pillow's own bomb limit left as Pillow ships it for everyone else.

Big test pictures are written as PNGs whose pixel data is streamed through zlib a row at a time: a
14,000 x 14,000 16-bit picture of zeros is ~1.5 MB on disk and never exists as an array here.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from victim_desk.core.fingerprint import fingerprint_file

# Pillow's documented default for Image.MAX_IMAGE_PIXELS (~89 MP): a warning above it, an error above twice.
PILLOW_DEFAULT_LIMIT = 1024 * 1024 * 1024 // 4 // 3


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of_zeros(path: Path, width: int, height: int, *, bit_depth: int = 8, colour: int = 0) -> Path:
    """A complete, valid PNG of black pixels, compressed row by row (memory: one row)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    row = b"\x00" + b"\x00" * (width * channels * bit_depth // 8)  # filter byte "none", then the pixels
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(row) for _ in range(height)]
    parts.append(squeeze.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr))
        fh.write(_chunk(b"IDAT", b"".join(parts)))
        fh.write(_chunk(b"IEND", b""))
    return path


def _picture(path: Path, size: tuple[int, int] = (96, 64)) -> Path:
    rgb = np.random.default_rng(3).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    Image.fromarray(rgb).save(path)
    return path


# --- Pillow's process-wide limit -------------------------------------------------------------------------


def test_pillow_keeps_its_default_limit_for_everyone_else(tmp_path: Path) -> None:
    fingerprint_file(_picture(tmp_path / "small.png"))
    assert Image.MAX_IMAGE_PIXELS == PILLOW_DEFAULT_LIMIT
    # Outside our path, Pillow still refuses a bomb (> 2x its limit) ...
    bomb = png_of_zeros(tmp_path / "bomb.png", 14_000, 13_000)
    with pytest.raises(Image.DecompressionBombError):
        Image.open(bomb)
    # ... and warns above its limit, through the warnings filters as the process has them (no reset here).
    big = png_of_zeros(tmp_path / "big.png", 10_000, 9_000)
    with warnings.catch_warnings(record=True) as caught:
        Image.open(big).close()
    assert any(issubclass(w.category, Image.DecompressionBombWarning) for w in caught)


def test_our_path_applies_our_cap_not_pillows(tmp_path: Path) -> None:
    # 90 MP: above Pillow's limit, under ours. We open it without Pillow's warning, and it is fingerprinted.
    big = png_of_zeros(tmp_path / "big.png", 10_000, 9_000, colour=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fp = fingerprint_file(big)
    assert fp.kind == "image" and fp.pdq_quality == 0  # all black
    assert not [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]
    assert Image.MAX_IMAGE_PIXELS == PILLOW_DEFAULT_LIMIT
