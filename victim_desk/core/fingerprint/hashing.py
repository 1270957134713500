"""The perceptual hashes we compute from decoded pixels, shared by pictures, animations and videos.

Kept apart from decoding so image.py and video.py hash the same way: PDQ through pdq.py (Meta's algorithm,
what hash-sharing programmes exchange), pHash through imagehash (what many older tools and lists use), the
robust signature through robust.py, and the rule for collapsing near-identical frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import imagehash
import numpy as np
from PIL import Image

from victim_desk.core.fingerprint import pdq
from victim_desk.core.fingerprint.types import FrameHash

if TYPE_CHECKING:
    from victim_desk.core.fingerprint.robust import RobustSignature

try:
    # robust.py adds rotation/mirror/crop tolerant data for matching. It is optional at import time so the
    # basic fingerprint keeps working in a build without it; any other import failure is a bug and surfaces.
    import victim_desk.core.fingerprint.robust as _robust
except ModuleNotFoundError as exc:
    if exc.name != "victim_desk.core.fingerprint.robust":
        raise
    _robust = None  # type: ignore[assignment]

# Consecutive sampled frames this close (in PDQ bits) show the same picture; keep only the first. Well under
# the usual match threshold (31), so collapsing never loses a frame that could match something else.
FRAME_DEDUP_DISTANCE = 12
# Below this PDQ quality a frame is flat (black, white, a fade): its hash is noise that would "match" every
# other flat frame anywhere, so it is not kept as a frame hash.
MIN_FRAME_QUALITY = 20
# A frame this good is taken as the video's representative hash without looking further.
GOOD_QUALITY = 50


def pdq_of_gray(gray: np.ndarray) -> tuple[str, int]:
    """PDQ (hex) and quality of a luma image (any real dtype)."""
    bits, quality = pdq.pdq_from_gray(np.asarray(gray, dtype=np.float32))
    return pdq.bits_to_hex(bits), int(quality)


def pdq_of_rgb(rgb: np.ndarray) -> tuple[str, int]:
    """PDQ (hex) and quality of a uint8 HxWx3 picture, with PDQ's own luma weights."""
    return pdq_of_gray(pdq.luminance(rgb))


def phash_of(image: Image.Image) -> str:
    """imagehash's DCT pHash (8x8, 16 hex digits)."""
    return str(imagehash.phash(image))


def robust_signature(image: np.ndarray) -> RobustSignature | None:
    """The robust-matching signature of an upright working image (RGB or PDQ luma), None without robust.py."""
    if _robust is None:
        return None
    return _robust.signature(image)


def collapse(frames: Iterable[FrameHash], *, limit: int) -> tuple[FrameHash, ...]:
    """Drop flat frames and frames within FRAME_DEDUP_DISTANCE of the last kept one; keep at most `limit`.

    Comparing with the last *kept* frame (not the previous one) means a slow pan still yields a new hash
    each time it has drifted far enough.
    """
    kept: list[FrameHash] = []
    for frame in frames:
        if frame.quality < MIN_FRAME_QUALITY:
            continue
        if kept and pdq.hamming(kept[-1].pdq, frame.pdq) <= FRAME_DEDUP_DISTANCE:
            continue
        kept.append(frame)
        if len(kept) >= limit:
            break
    return tuple(kept)


def representative(frames: Iterable[tuple[FrameHash, Any]]) -> tuple[FrameHash, Any] | None:
    """The first good frame, else the best one seen; each item carries along whatever the caller needs."""
    best: tuple[FrameHash, Any] | None = None
    for item in frames:
        if item[0].quality >= GOOD_QUALITY:
            return item
        if best is None or item[0].quality > best[0].quality:
            best = item
    return best
