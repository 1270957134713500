"""The evaluation set for the exchanged PDQ: real photos (scikit-image's public samples) at phone-camera
sizes, and the reference it must equal (shared by test_pdq_interop.py and benchmarks/eval_pdq_interop.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _photos import photo
from PIL import Image

# High-texture photos (where a reduced decode strays furthest from the reference) and ordinary ones.
TEXTURED = ["brick", "grass", "gravel"]
ORDINARY = ["astronaut", "coffee", "chelsea", "camera", "moon", "rocket", "hubble_deep_field"]


def reference(path: Path) -> tuple[str, int]:
    """threatexchange's pdq_from_file: what Hasher-Matcher-Actioner computes for the file."""
    from threatexchange.signal_type.pdq.pdq_hasher import pdq_from_file

    return pdq_from_file(path)


def scaled_photo(name: str, width: int, height: int, seed: int = 0) -> np.ndarray:
    """`name` at width x height: the largest centred crop of the photo with that aspect ratio, resized with
    Lanczos, with faint seeded sensor noise so that a big picture has pixel-level detail as a camera's has.
    (No mirror tiling: a symmetric picture has DCT coefficients that tie at zero, unlike any photo.)"""
    base = photo(name)
    h, w = base.shape[:2]
    if w / h > width / height:
        crop_w, crop_h = round(h * width / height), h
    else:
        crop_w, crop_h = w, round(w * height / width)
    top, left = (h - crop_h) // 2, (w - crop_w) // 2
    crop = np.ascontiguousarray(base[top : top + crop_h, left : left + crop_w])
    big = np.asarray(Image.fromarray(crop).resize((width, height), Image.Resampling.LANCZOS))
    rng = np.random.default_rng(seed)
    noisy = big.astype(np.int16) + rng.integers(-6, 7, big.shape, dtype=np.int16)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def cpp_hasher_pdq(path: Path) -> tuple[str, int]:
    """What Meta's C++ command-line hasher (pdq/cpp/io/pdqio.cpp) would give: it loads the file with CImg,
    resizes anything larger than 512 x 512 to exactly 512 x 512 with CImg's default resize
    (interpolation_type 1, nearest neighbour: output x reads input floor(x * width / 512)) and hashes that.
    Emulated with Pillow's decode and NumPy nearest-neighbour indexing, then the same float arithmetic
    (pdqhash on the resized array)."""
    import pdqhash

    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"))
    h, w = rgb.shape[:2]
    if h > 512 or w > 512:
        ys = (np.arange(512) * h) // 512
        xs = (np.arange(512) * w) // 512
        rgb = np.ascontiguousarray(rgb[ys][:, xs])
    vector, quality = pdqhash.compute(rgb)
    return np.packbits(vector.astype(np.uint8)).tobytes().hex(), int(quality)
