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


def _save(tmp_path: Path, name: str, img: Image.Image, **options: object) -> Path:
    path = tmp_path / name
    img.save(path, **options)  # type: ignore[arg-type]
    return path


def _jpeg_variants(tmp_path: Path) -> dict[str, Path]:
    rgb = Image.fromarray(photo("chelsea"))
    return {
        "420": _save(tmp_path, "a.jpg", rgb, quality=88),
        "444": _save(tmp_path, "b.jpg", rgb, quality=97, subsampling=0),
        "422": _save(tmp_path, "c.jpg", rgb, quality=80, subsampling=1),
        "progressive": _save(tmp_path, "d.jpg", rgb, quality=85, progressive=True),
        "optimized": _save(tmp_path, "e.jpg", rgb, quality=70, optimize=True),
        "restart markers": _save(tmp_path, "f.jpg", rgb, quality=90, restart_marker_rows=2),
        "odd size": _save(tmp_path, "g.jpg", rgb.crop((0, 0, 451, 299)), quality=90),
        "grey": _save(tmp_path, "h.jpg", rgb.convert("L"), quality=90),
        "multi-picture": _save(
            tmp_path, "i.jpg", rgb, format="MPO", save_all=True, append_images=[rgb.rotate(180)]
        ),
    }


def test_turbo_decodes_the_same_pixels_as_pillow(tmp_path: Path) -> None:
    """The fast JPEG path is only an optimisation: on every kind of plain JPEG it must give Pillow's pixels
    bit for bit (the exchanged PDQ is promised bit-identical to a service decoding with Pillow)."""
    for kind, path in _jpeg_variants(tmp_path).items():
        with decode.open_image(path) as im:
            decoded, px = pixels.decode_whole(im)
            assert decoded is not im, f"{kind}: not decoded by the fast path"
            assert px is not None
            with Image.open(path) as reference:
                expected = np.asarray(reference.convert(im.mode))
        got = px[..., :3] if px.ndim == 3 else px
        assert got.shape == expected.shape, kind
        assert np.array_equal(got, expected), kind
        assert np.array_equal(np.asarray(decoded.convert(im.mode)), expected), kind


def test_damaged_or_unusual_jpegs_go_to_pillow(tmp_path: Path) -> None:
    rgb = Image.fromarray(photo("chelsea"))
    whole = _save(tmp_path, "whole.jpg", rgb, quality=90).read_bytes()
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(whole[: len(whole) // 2])
    cmyk = _save(tmp_path, "cmyk.jpg", rgb.convert("CMYK"), quality=90)
    padded = tmp_path / "padded.jpg"  # far more bytes than the pixels: not read into memory
    tiny = _save(tmp_path, "tiny.jpg", rgb.resize((16, 16)), quality=90)
    padded.write_bytes(tiny.read_bytes() + bytes(2 << 20))
    for path in (truncated, cmyk, padded):
        with Image.open(path) as im:
            assert pixels._turbo(im) is None, path.name


def test_a_truncated_jpeg_is_still_refused_as_damaged(tmp_path: Path) -> None:
    from victim_desk.core.fingerprint import fingerprint_file
    from victim_desk.errors import CorruptFile

    whole = _save(tmp_path, "whole.jpg", Image.fromarray(photo("chelsea")), quality=90).read_bytes()
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptFile):
        fingerprint_file(truncated)
