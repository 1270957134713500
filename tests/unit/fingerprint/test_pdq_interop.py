"""The exchanged PDQ equals what matching services compute: threatexchange's pdq_from_file, a test dependency,
run on the same files (real photos at 0.3 to 24 MP, every container and pixel mode we read)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pdqhash  # a test extra, as is threatexchange: missing means failure, never a skip
import pillow_heif
import pytest
from _interop import ORDINARY, TEXTURED, hamming, reference, scaled_photo
from _photos import photo, smooth_noise
from PIL import Image

from victim_desk.core.fingerprint import decode, fingerprint_file, pdq_exact
from victim_desk.core.fingerprint.types import Fingerprint
from victim_desk.errors import HashListInvalid

# (photo, width, height, format): 0.3 MP to 24 MP, high-texture photos at every size.
CASES = [
    ("brick", 640, 480, "jpg"),
    ("gravel", 700, 500, "png"),
    ("grass", 800, 600, "webp"),
    ("astronaut", 1600, 1200, "jpg"),
    ("coffee", 1700, 1100, "webp"),
    ("grass", 1920, 1440, "png"),
    ("gravel", 4000, 3000, "jpg"),
    ("brick", 6000, 4000, "jpg"),
]


def _save(rgb: np.ndarray, path: Path) -> Path:
    options = {"jpg": {"quality": 92}, "webp": {"quality": 85}}.get(path.suffix[1:], {})
    Image.fromarray(rgb).save(path, **options)
    return path


@pytest.mark.parametrize(("name", "width", "height", "fmt"), CASES)
def test_bit_identical_to_pdq_from_file(tmp_path: Path, name: str, width: int, height: int, fmt: str) -> None:
    path = _save(scaled_photo(name, width, height, seed=width), tmp_path / f"{name}.{fmt}")
    ref_hex, ref_quality = reference(path)
    fp = fingerprint_file(path)
    assert fp.pdq == ref_hex
    assert fp.pdq_method == decode.PDQ_FULL == "full-v1"
    assert abs(fp.pdq_quality - ref_quality) <= 1  # type: ignore[operator]


@pytest.mark.parametrize("name", TEXTURED + ORDINARY)
def test_sample_photos_as_they_are(tmp_path: Path, name: str) -> None:
    path = _save(photo(name), tmp_path / f"{name}.jpg")
    assert fingerprint_file(path).pdq == reference(path)[0]


def test_exif_rotated_file_matches_the_reference_on_the_upright_picture(tmp_path: Path) -> None:
    rgb = scaled_photo("chelsea", 1200, 800)
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display"
    Image.fromarray(rgb).save(path, quality=90, exif=exif.tobytes())
    with Image.open(path) as im:
        upright = im.transpose(Image.Transpose.ROTATE_270)
        upright.save(tmp_path / "upright.png")
    fp = fingerprint_file(path)
    assert fp.pdq == reference(tmp_path / "upright.png")[0]
    assert hamming(fp.pdq, reference(path)[0]) > 31  # the stored orientation really is another picture


def _modes(rgb: np.ndarray) -> dict[str, Image.Image]:
    colour = Image.fromarray(rgb)
    grey = colour.convert("L")
    alpha = Image.fromarray(
        np.linspace(0, 255, rgb.shape[1], dtype=np.uint8)[None, :].repeat(rgb.shape[0], 0)
    )
    rgba = colour.copy()
    rgba.putalpha(alpha)
    la = grey.copy()
    la.putalpha(alpha)
    deep = Image.fromarray(np.asarray(grey).astype(np.uint16) * 3)  # mode I;16
    return {
        "L.jpg": grey,
        "P.png": colour.quantize(64),
        "P.gif": colour.quantize(200),
        "RGBA.png": rgba,
        "LA.png": la,
        "I16.png": deep,
        "1.png": grey.convert("1"),
        "CMYK.jpg": colour.convert("CMYK"),
        "RGB.tiff": colour,
        "RGB.bmp": colour,
    }


@pytest.mark.parametrize("kind", list(_modes(np.full((8, 8, 3), 9, np.uint8))))
def test_every_mode_as_the_reference_converts_it(tmp_path: Path, kind: str) -> None:
    # threatexchange hashes palette pictures by their indices, CMYK by its first three channels, 1-bit
    # pictures as 0/1 values: odd, but it is what a service computes, so it is what a list must carry.
    image = _modes(scaled_photo("coffee", 900, 600))[kind]
    path = tmp_path / kind.replace(".", "_sample.")
    image.save(path)
    assert fingerprint_file(path).pdq == reference(path)[0]


def test_heic_within_two_bits(tmp_path: Path) -> None:
    path = tmp_path / "photo.heic"
    heif = pillow_heif.from_pillow(Image.fromarray(scaled_photo("gravel", 1600, 1200)))
    heif.save(path, quality=80)
    fp = fingerprint_file(path)
    assert fp.kind == "image"
    assert hamming(fp.pdq, reference(path)[0]) <= 2  # type: ignore[arg-type]


def _pdqhash_hex(rgb: np.ndarray) -> tuple[str, int]:
    vector, quality = pdqhash.compute(np.ascontiguousarray(rgb))
    return np.packbits(vector.astype(np.uint8)).tobytes().hex(), int(quality)


def test_exact_replay_equals_pdqhash_quality_included() -> None:
    # The replay path alone (what runs when the fast path's margin is thin), sizes around the window edges.
    for seed, shape in enumerate([(64, 64), (65, 129), (300, 257), (1000, 37), (5, 900), (777, 1281)]):
        rgb = smooth_noise(seed, shape)
        luma = pdq_exact.reference_luma(rgb)
        bits, quality = pdq_exact.exact_from_luma(luma)
        ref_hex, ref_quality = _pdqhash_hex(rgb)
        assert pdq_exact.bits_to_hex(bits) == ref_hex
        assert quality == ref_quality


def test_replay_is_used_when_the_margin_is_thin(monkeypatch: pytest.MonkeyPatch) -> None:
    rgb = scaled_photo("astronaut", 700, 500)
    ref_hex, ref_quality = _pdqhash_hex(rgb)
    fast = pdq_exact.reference_pdq_of_array(rgb)
    monkeypatch.setattr(pdq_exact, "COEFF_ERROR_BASE", 1e6)
    replayed = pdq_exact.reference_pdq_of_array(rgb)
    assert replayed.replayed and not fast.replayed
    assert replayed.hex == fast.hex == ref_hex
    assert replayed.quality == ref_quality and replayed.quality_exact


def test_tiny_pictures_hash_as_the_reference() -> None:
    for shape in [(4, 100), (100, 4), (5, 5), (6, 7)]:
        rgb = smooth_noise(1, shape)
        result = pdq_exact.reference_pdq_of_array(rgb)
        assert (result.hex, result.quality) == _pdqhash_hex(rgb)


def test_too_big_for_the_budget_is_reduced_and_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(scaled_photo("brick", 1600, 1200), tmp_path / "big.jpg")
    monkeypatch.setattr(decode, "EXACT_PDQ_MAX_PIXELS", 1_000_000)
    fp = fingerprint_file(path)
    assert fp.pdq_method == decode.PDQ_REDUCED == "reduced-512"
    assert fp.pdq is not None and fp.robust is not None


def test_memory_budget_decides_as_well(monkeypatch: pytest.MonkeyPatch) -> None:
    im = Image.new("RGB", (2000, 1000))
    assert decode.exact_pdq_allowed(im, 1)
    # decode (4 bytes a pixel) + two float buffers (8) = 24 MB; a rotated file adds an upright copy (8 MB).
    monkeypatch.setattr(decode, "MAX_DECODE_BYTES", 25_000_000)
    assert decode.exact_pdq_allowed(im, 1)
    assert not decode.exact_pdq_allowed(im, 6)


def test_fingerprint_json_records_the_method_and_old_json_still_reads() -> None:
    line = {
        "file": "a.jpg", "kind": "image", "size": 10, "sha256": "a" * 64, "md5": "b" * 32,
        "pdq": "c" * 64, "pdq_quality": 90, "phash": "d" * 16,
    }  # fmt: skip
    old = Fingerprint.from_json(line)
    assert old.pdq_method is None and "pdq_method" not in old.to_json()
    new = Fingerprint.from_json({**line, "pdq_method": "full-v1"})
    assert new.pdq_method == "full-v1" and new.to_json()["pdq_method"] == "full-v1"
    for bad in (5, "", "Full V1!", "x" * 40):
        with pytest.raises(HashListInvalid):
            Fingerprint.from_json({**line, "pdq_method": bad})


def test_json_lines_list_with_methods_reads(tmp_path: Path) -> None:
    from victim_desk.core.fingerprint.hashlist import read_hash_list

    fp = fingerprint_file(_save(scaled_photo("coffee", 800, 600), tmp_path / "c.png"))
    listing = tmp_path / "list.jsonl"
    import json

    listing.write_text(json.dumps(fp.to_json()) + "\n", encoding="utf-8")
    (known,) = read_hash_list(listing)
    assert known.pdq == (fp.pdq,)
    bad = dict(fp.to_json(), pdq_method=7)
    listing.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(HashListInvalid):
        read_hash_list(listing)


def test_reference_rows_match_numpy_asarray_for_every_mode() -> None:
    # The band reader gives what np.asarray(image) (the reference's input) has, for every band split.
    for image in _modes(scaled_photo("astronaut", 300, 200)).values():
        if image.mode in ("LA", "I;16"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG" if image.mode != "CMYK" else "TIFF")
        with Image.open(buffer) as im:
            im.load()
            rows = decode.reference_rows(im, 1)
            expected = np.asarray(im)
            expected = expected.view(np.uint8) if expected.dtype == bool else expected
            got = np.concatenate([rows(top, min(top + 37, rows.height)) for top in range(0, rows.height, 37)])
            assert np.array_equal(got[..., : expected.shape[-1]] if got.ndim == 3 else got, expected)
