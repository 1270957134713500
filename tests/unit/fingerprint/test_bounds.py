"""Bounds on what one picture may cost, and Pillow's own bomb limit left as Pillow ships it for everyone else.

Big test pictures are written as PNGs whose pixel data is streamed through zlib a row at a time: a
14,000 x 14,000 16-bit picture of zeros is ~1.5 MB on disk and never exists as an array here.
"""

from __future__ import annotations

import struct
import tracemalloc
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from victim_desk.core.fingerprint import decode, fingerprint_file
from victim_desk.errors import ImageNeedsTooMuchMemory, ImageTooLarge

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


# --- memory for one picture ------------------------------------------------------------------------------


def test_the_16_bit_14000_square_png_is_estimated_from_its_header(tmp_path: Path) -> None:
    """The picture from the issue (12.6 s and 3.5 GB before): its cost is known before decoding and fits."""
    path = png_of_zeros(tmp_path / "deep.png", 14_000, 14_000, bit_depth=16)
    assert path.stat().st_size < 2_000_000
    with decode.open_image(path) as im:
        assert im.mode.startswith("I;16")
        assert decode.decode_bytes(im) == 14_000 * 14_000 * 2  # Pillow keeps 2 bytes a pixel
        decode.check_memory(im)  # within the budget: fingerprinted, by the strip-wise path
        assert im.tile  # nothing decoded yet (load() empties the tile list)


@pytest.mark.parametrize(
    ("mode", "save", "per_pixel"),
    [("L", {}, 1), ("P", {}, 1), ("RGB", {}, 4), ("RGBA", {}, 4), ("RGB", {"format": "WEBP"}, 16)],
)
def test_the_estimate_follows_mode_and_format(tmp_path: Path, mode: str, save: dict, per_pixel: int) -> None:
    path = tmp_path / "p.img"
    Image.new(mode, (300, 200)).save(path, **{"format": "PNG", **save})
    with decode.open_image(path) as im:
        assert decode.decode_bytes(im) == 300 * 200 * per_pixel


def test_a_picture_over_the_budget_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A smaller budget stands in for 1 GiB: 800 x 700 at 16 bits is 1.12 MB decoded, at 8 bits 0.56 MB.
    monkeypatch.setattr(decode, "MAX_DECODE_BYTES", 1_000_000)
    deep = png_of_zeros(tmp_path / "deep.png", 800, 700, bit_depth=16)
    shallow = png_of_zeros(tmp_path / "shallow.png", 800, 700, bit_depth=8)
    decoded: list[str] = []
    real_load = ImageFile.ImageFile.load

    def load(self: ImageFile.ImageFile) -> object:
        decoded.append(self.mode)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with pytest.raises(ImageNeedsTooMuchMemory) as caught:
        fingerprint_file(deep)
    assert decoded == []  # refused from the header
    assert isinstance(caught.value, ImageTooLarge)  # callers that handle "too large" handle this too
    assert caught.value.params == {"width": 800, "height": 700, "needed": 2, "limit": 1}
    for lang in ("ko", "en"):
        text = caught.value.message(lang)
        assert "800×700" in text and "2 MB" in text and "1 MB" in text
    assert fingerprint_file(shallow).kind == "image"  # the budget is by mode: 8 bits fit


MODES = ["RGB", "RGBA", "L", "LA", "P", "1", "CMYK", "I;16", "I", "F"]


@pytest.mark.parametrize("mode", MODES)
def test_strip_wise_conversion_is_bit_identical(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    size = (1531, 1187)  # neither side a multiple of the box or of a strip
    if mode in ("I;16", "I", "F"):
        values = rng.integers(300, 40_000, (size[1], size[0])).astype(
            np.uint16 if mode == "I;16" else np.int32
        )
        im = Image.fromarray(values.astype(np.float32) if mode == "F" else values)
        if mode == "I":
            im = im.convert("I")
    else:
        im = Image.fromarray(rng.integers(0, 256, (size[1], size[0], 4), dtype=np.uint8), "RGBA").convert(
            mode
        )
    assert im.mode == mode
    factor = max(size) // decode.WORK_LONG_SIDE
    whole = decode.to_rgb(im).reduce(factor)
    monkeypatch.setattr(decode, "STRIP_PIXELS", 40_000)  # many strips
    strips = decode.rgb_reduced(im, factor)
    assert np.array_equal(np.asarray(strips), np.asarray(whole))


def test_16_bit_conversion_never_copies_the_whole_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    """numpy reports its allocations to tracemalloc: the conversion's arrays stay strip-sized."""
    im = Image.fromarray(np.random.default_rng(5).integers(0, 65_535, (2048, 2048), dtype=np.uint16))
    monkeypatch.setattr(decode, "STRIP_PIXELS", 1 << 16)
    tracemalloc.start()
    try:
        decode.rgb_reduced(im, 4)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The whole picture as float64 would be 32 MB (the old code made two such arrays); a strip is 0.5 MB.
    assert peak < 4_000_000
