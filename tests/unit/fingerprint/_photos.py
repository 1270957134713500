"""Public sample photos and synthetic images shared by the fingerprint tests (not a conftest on purpose)."""

from __future__ import annotations

from functools import cache

import numpy as np


def as_rgb(img: np.ndarray) -> np.ndarray:
    """Any skimage sample -> contiguous uint8 HxWx3."""
    if img.dtype == bool:
        img = img.astype(np.uint8) * 255
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    return np.ascontiguousarray(img[..., :3])


@cache
def photo(name: str) -> np.ndarray:
    import skimage.data

    if name in ("motorcycle_left", "motorcycle_right"):
        left, right, _ = skimage.data.stereo_motorcycle()
        return as_rgb(left if name == "motorcycle_left" else right)
    if name == "immunohistochemistry":
        return as_rgb(skimage.data.immunohistochemistry())
    return as_rgb(getattr(skimage.data, name)())


def smooth_noise(seed: int, shape: tuple[int, int] = (384, 512)) -> np.ndarray:
    """A synthetic, photo-like (spatially correlated) colour image, different for every seed."""
    rng = np.random.default_rng(seed)
    h, w = shape
    out = np.zeros((h, w, 3), dtype=np.float64)
    for scale in (4, 8, 16, 32):
        small = rng.normal(size=(scale, scale * w // h + 1, 3))
        ys = np.linspace(0, small.shape[0] - 1, h)
        xs = np.linspace(0, small.shape[1] - 1, w)
        y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
        y1, x1 = np.minimum(y0 + 1, small.shape[0] - 1), np.minimum(x0 + 1, small.shape[1] - 1)
        fy, fx = (ys - y0)[:, None, None], (xs - x0)[None, :, None]
        layer = (
            small[y0][:, x0] * (1 - fy) * (1 - fx)
            + small[y1][:, x0] * fy * (1 - fx)
            + small[y0][:, x1] * (1 - fy) * fx
            + small[y1][:, x1] * fy * fx
        )
        out += layer * (32 / scale) ** 0.5
    out = (out - out.min()) / (np.ptp(out) + 1e-9) * 255
    return out.astype(np.uint8)
