"""Our numpy PDQ against Meta's reference binding (pdqhash), which is a test-only dependency."""

from __future__ import annotations

import numpy as np
import pdqhash  # a test extra: if it is missing the run fails, it never skips
import pytest
from _photos import photo, smooth_noise

from victim_desk.core.fingerprint import pdq

PHOTOS = ["astronaut", "coffee", "chelsea", "camera", "rocket", "hubble_deep_field", "retina", "horse",
          "page", "coins", "moon", "brick", "grass", "gravel", "motorcycle_left"]  # fmt: skip


def _reference(rgb: np.ndarray) -> tuple[np.ndarray, int]:
    vector, quality = pdqhash.compute(np.ascontiguousarray(rgb))
    # The binding lists bits most significant first, i.e. bit 255 first.
    return vector.astype(bool)[::-1], int(quality)


def _synthetic() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    shapes = [(384, 512), (100, 700), (1000, 37), (129, 130), (64, 64)]
    images = [smooth_noise(seed, shape) for seed, shape in enumerate(shapes)]
    images.append(rng.integers(0, 256, (257, 255, 3), dtype=np.uint8))
    # (A pure one-direction ramp is left out: half its DCT coefficients tie at zero, so its bits are
    # rounding noise in the reference as much as here. Its quality is tested below.)
    return images


@pytest.mark.parametrize("name", PHOTOS)
def test_agrees_with_reference_on_photos(name: str) -> None:
    rgb = photo(name)
    ref_bits, ref_quality = _reference(rgb)
    bits, quality = pdq.pdq_from_gray(pdq.luminance(rgb))
    assert bits.shape == (256,) and bits.dtype == bool
    assert int((bits != ref_bits).sum()) <= 8
    assert abs(quality - ref_quality) <= 1


def test_agrees_with_reference_on_synthetic_images() -> None:
    distances = []
    for rgb in _synthetic():
        ref_bits, _ = _reference(rgb)
        bits, _ = pdq.pdq_from_gray(pdq.luminance(rgb))
        distances.append(int((bits != ref_bits).sum()))
    assert max(distances) <= 31 and float(np.median(distances)) <= 8


def test_hex_is_the_reference_text_form() -> None:
    rgb = photo("coffee")
    vector, _ = pdqhash.compute(rgb)
    bits, _ = pdq.pdq_from_gray(pdq.luminance(rgb))
    assert pdq.bits_to_hex(bits) == np.packbits(vector.astype(np.uint8)).tobytes().hex()
    assert np.array_equal(pdq.hex_to_bits(pdq.bits_to_hex(bits)), bits)


def test_hex_rejects_malformed() -> None:
    for bad in ["", "ab", "z" * 64, "0" * 63]:
        with pytest.raises(ValueError):
            pdq.hex_to_bits(bad)
    with pytest.raises(ValueError):
        pdq.bits_to_hex(np.zeros(255, dtype=bool))


def test_dihedral_agrees_with_reference_and_with_transformed_images() -> None:
    rgb = photo("chelsea")
    ref_hashes, _ = pdqhash.compute_dihedral(rgb)
    variants = pdq.pdq_dihedral_from_gray(pdq.luminance(rgb))
    assert len(variants) == 8 == len(pdq.DIHEDRAL_NAMES)
    for (bits, _), ref in zip(variants, ref_hashes, strict=True):
        assert int((bits != np.asarray(ref).astype(bool)[::-1]).sum()) <= 8
    transforms = [
        lambda a: a, lambda a: np.rot90(a, 1), lambda a: np.rot90(a, 2), lambda a: np.rot90(a, 3),
        lambda a: a[::-1], lambda a: a[:, ::-1], lambda a: a.transpose(1, 0, 2),
        lambda a: np.rot90(a, 2).transpose(1, 0, 2),
    ]  # fmt: skip
    for (bits, _), transform in zip(variants, transforms, strict=True):
        direct, _ = pdq.pdq_from_gray(pdq.luminance(np.ascontiguousarray(transform(rgb))))
        # Mirrors move the Jarosz window's odd extra sample to the other side: a few bits, not more.
        assert int((bits != direct).sum()) <= 24
    # The variants really differ from each other.
    originals = variants[0][0]
    assert all(int((bits != originals).sum()) > 64 for bits, _ in variants[1:])


def test_quality_is_low_for_flat_images() -> None:
    flat = np.full((300, 400), 128.0, dtype=np.float32)
    _, quality = pdq.pdq_from_gray(flat)
    assert quality == 0
    ramp = np.tile(np.linspace(0, 255, 640, dtype=np.float32), (480, 1))
    assert pdq.pdq_from_gray(ramp)[1] < 50
    _, photo_quality = pdq.pdq_from_gray(pdq.luminance(photo("astronaut")))
    assert photo_quality >= 90


def test_hamming() -> None:
    a = "0" * 64
    b = "f" + "0" * 62 + "1"
    assert pdq.hamming(a, b) == 5
    assert pdq.hamming(b, b) == 0
