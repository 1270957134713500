"""Fingerprints of pictures: JPEG, PNG, WebP, GIF, BMP, TIFF and HEIC/HEIF, animations included.

The hashes describe the picture as a person sees it: upright (EXIF orientation applied), first frame for
the main hashes. The exchanged PDQ (`pdq`) is computed from the full decode exactly as matching services
compute it (pdq_exact.py; `pdq_method` says so); the local hashes (pHash, robust signature, animation frames)
come from the reduced working image, which is all they need. Animated GIF, PNG and WebP also get hashes of
their frames, because a clip is often posted as a GIF and only some of its frames get re-shared as stills.
Decoding follows decode.py's rules; this module only decides what to hash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from victim_desk.core.cancel import CancelToken, check
from victim_desk.core.fingerprint import decode, pdq, pdq_exact
from victim_desk.core.fingerprint.hashing import collapse, pdq_of_gray, pdq_of_rgb, phash_of, robust_signature
from victim_desk.core.fingerprint.types import Fingerprint, FrameHash
from victim_desk.errors import DeskError

# Animations: examine at most this many frames, and at most this many decoded pixels in all (every frame of
# an animation is decoded at full size, so a big GIF with thousands of frames must stop early).
MAX_ANIMATION_FRAMES = 240
MAX_ANIMATION_PIXELS = 400_000_000
# Frame hashes kept for one animation, after collapsing near-duplicates.
MAX_FRAME_HASHES = 100
# Only these containers hold animations; multi-page TIFF and HEIF collections are documents, not clips.
_ANIMATED_FORMATS = ("GIF", "PNG", "WEBP")


def fingerprint_image(
    path: Path, digests: decode.Digests, *, cancel: CancelToken | None = None
) -> Fingerprint:
    """Fingerprint the picture at `path`; `digests` are of the same file (computed by the caller)."""
    with decode.open_image(path) as im:
        orientation = decode.image_orientation(im)
        exchanged = _exchanged_pdq(im, orientation) if decode.exact_pdq_allowed(im, orientation) else None
        check(cancel)
        first = decode.working_image(im, orientation=orientation)
        check(cancel)
        gray = pdq.luminance(decode.rgb_array(first))
        local_hex, local_quality = pdq_of_gray(gray)
        if exchanged is None:
            # Too big for the full-decode PDQ within the memory budget: the reduced one, marked as such.
            pdq_hex, quality, method = local_hex, local_quality, decode.PDQ_REDUCED
        else:
            pdq_hex, quality, method = exchanged.hex, exchanged.quality, decode.PDQ_FULL
        phash = phash_of(first)
        robust = robust_signature(gray)
        frames: tuple[FrameHash, ...] = ()
        if im.format in _ANIMATED_FORMATS and getattr(im, "is_animated", False):
            # Frame hashes stay local (they are compared with each other, never exported for a picture).
            first_hash = FrameHash(t=0.0, pdq=local_hex, quality=local_quality)
            frames = collapse(_animation(im, first_hash, orientation, cancel), limit=MAX_FRAME_HASHES)
    return Fingerprint(
        file=str(path),
        kind="image",
        size=digests.size,
        sha256=digests.sha256,
        md5=digests.md5,
        pdq=pdq_hex,
        pdq_quality=quality,
        pdq_method=method,
        phash=phash,
        frames=frames,
        robust=robust,
    )


def _exchanged_pdq(im: Image.Image, orientation: int) -> pdq_exact.PdqResult:
    """The PDQ matching services compute for this file (pdq_exact.py), from the full decode."""
    with decode.decoding():
        im.load()
    rows = decode.reference_rows(im, orientation)
    with decode.decoding():
        return pdq_exact.reference_pdq(rows, rows.height, rows.width)


def _animation(
    im: Image.Image, first: FrameHash, orientation: int, cancel: CancelToken | None
) -> Iterator[FrameHash]:
    """Hashes of the frames after the first, with their start times, within the caps."""
    yield first
    width, height = im.size
    budget = min(MAX_ANIMATION_FRAMES, max(1, MAX_ANIMATION_PIXELS // (width * height)))
    t_ms = _duration_ms(im)
    for index in range(1, budget):
        check(cancel)
        try:
            im.seek(index)
        except EOFError:
            return
        except Exception:
            # A broken frame part-way through: the frames before it are still good evidence.
            return
        try:
            frame = decode.working_image(im, orientation=orientation)
        except DeskError:
            return
        pdq_hex, quality = pdq_of_rgb(decode.rgb_array(frame))
        yield FrameHash(t=round(t_ms / 1000.0, 3), pdq=pdq_hex, quality=quality)
        t_ms += _duration_ms(im)


def _duration_ms(im: Image.Image) -> float:
    value = im.info.get("duration", 0)
    # Some files carry nonsense (negative, huge, text); a frame shows for at most a minute here.
    return float(min(max(value, 0), 60_000)) if isinstance(value, int | float) else 0.0
