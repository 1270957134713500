"""Fingerprints of pictures: JPEG, PNG, WebP, GIF, BMP, TIFF and HEIC/HEIF, animations included.

The hashes describe the picture as a person sees it: upright (EXIF orientation applied), first frame for
the main hashes. The exchanged PDQ (`pdq`) is computed from the full decode exactly as matching services
compute it (pdq_exact.py; `pdq_method` says so); the local hashes (pHash, robust signature, animation frames)
come from the reduced working image, which is all they need. Animated GIF, PNG and WebP also get hashes of
their frames, because a clip is often posted as a GIF and only some of its frames get re-shared as stills.
Decoding follows decode.py's rules; this module only decides what to hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

import numpy as np
from PIL import Image

from victim_desk.core.cancel import CancelToken, check
from victim_desk.core.fingerprint import decode, pdq, pdq_exact, pixels
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
    path: Path,
    digests: decode.Digests | Callable[[], decode.Digests],
    *,
    cancel: CancelToken | None = None,
) -> Fingerprint:
    """Fingerprint the picture at `path`; `digests` are of the same file, or a function giving them once
    the hashes are done (files.py computes them on a helper thread meanwhile)."""
    with decode.open_image(path) as im:
        orientation = decode.image_orientation(im)
        exchanged: Future[pdq_exact.PdqResult] | pdq_exact.PdqResult | None = None
        if decode.exact_pdq_allowed(im, orientation):
            # Decoded once, whole: the exchanged PDQ needs every pixel, and the working image for the local
            # hashes is reduced from the same decode (decode.working_image skips the draft on a loaded file).
            exchanged = _start_exchanged_pdq(im, orientation)
        check(cancel)
        first = decode.working_image(im, orientation=orientation)
        check(cancel)
        gray = pdq.luminance(decode.rgb_array(first))
        local_hex, local_quality = pdq_of_gray(gray)
        phash = phash_of(first)
        robust = robust_signature(gray)
        if isinstance(exchanged, Future):
            exchanged = exchanged.result()
        if exchanged is None:
            # Too big for the full-decode PDQ within the memory budget: the reduced one, marked as such.
            pdq_hex, quality, method = local_hex, local_quality, decode.PDQ_REDUCED
        else:
            pdq_hex, quality, method = exchanged.hex, exchanged.quality, decode.PDQ_FULL
        frames: tuple[FrameHash, ...] = ()
        if im.format in _ANIMATED_FORMATS and getattr(im, "is_animated", False):
            # Frame hashes stay local (they are compared with each other, never exported for a picture).
            first_hash = FrameHash(t=0.0, pdq=local_hex, quality=local_quality)
            frames = collapse(_animation(im, first_hash, orientation, cancel), limit=MAX_FRAME_HASHES)
    if callable(digests):
        digests = digests()
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


def _start_exchanged_pdq(
    im: Image.Image, orientation: int
) -> Future[pdq_exact.PdqResult] | pdq_exact.PdqResult:
    """Load `im` whole and start computing the PDQ matching services compute for it (pdq_exact.py).

    When its pixels can be read in place (pixels.view: 8-bit RGB and grey, most photos), the PDQ runs on a
    helper thread from that read-only view while this thread reduces the same decode for the local hashes;
    otherwise it is computed here, through decode.reference_rows (Pillow is not asked to do two things with
    one picture at once)."""
    with decode.decoding():
        pixels.load_in_one_block(im)
    px = pixels.view(im)
    if px is None:
        rows = decode.reference_rows(im, orientation)
        with decode.decoding():
            return pdq_exact.reference_pdq(rows, rows.height, rows.width)
    return pixels.background(_pdq_of_view, pixels.upright(px, orientation))


def _pdq_of_view(px: np.ndarray) -> pdq_exact.PdqResult:
    with decode.decoding():
        return pdq_exact.reference_pdq_of_array(px)


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
