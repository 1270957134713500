"""A tiny, heavily blurred preview, so a person can tell her saved items apart without seeing them again.

The vault keeps fingerprints, not pictures. Re-seeing the material hurts, yet "which one was this?" still
needs an answer, so the vault may keep this: at most 96 pixels on the long side, averaged down to a few
blocks of colour and blurred again, JPEG-encoded in memory. Nothing here touches the disk except reading the
original; the bytes go straight to the (encrypted) vault.
"""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageFilter

from victim_desk.core.fingerprint import decode
from victim_desk.core.fingerprint.video import demuxer_for
from victim_desk.errors import CorruptFile, UnsupportedFile

PREVIEW_LONG_SIDE = 96
# The picture is first averaged down to this many pixels on its long side: shapes and colours survive,
# faces and bodies do not.
_BLOCKS = 6
_BLUR_RADIUS = 8
# Keyframes looked at when choosing a video's preview frame (the one with the most going on wins, which
# skips black lead-ins without decoding much).
_VIDEO_KEYFRAMES = 12


def blurred_preview(path: Path) -> bytes:
    """JPEG bytes of a very blurred thumbnail of the picture or video at `path` (<= 96 px long side)."""
    path = Path(path)
    decode.regular_file_size(path)
    if decode.sniff(path) == "image":
        with decode.open_image(path) as im:
            source = decode.working_image(im)
    else:
        source = _video_frame(path)
    return _blur(source)


def _blur(source: Image.Image) -> bytes:
    w, h = source.size
    scale = PREVIEW_LONG_SIDE / max(w, h)
    out_size = (max(1, round(w * scale)), max(1, round(h * scale)))
    block_scale = _BLOCKS / max(w, h)
    blocks = source.resize(
        (max(1, round(w * block_scale)), max(1, round(h * block_scale))), Image.Resampling.BOX
    )
    small = blocks.resize(out_size, Image.Resampling.BICUBIC)
    small = small.filter(ImageFilter.GaussianBlur(_BLUR_RADIUS))
    buf = io.BytesIO()
    small.convert("RGB").save(buf, "JPEG", quality=70, optimize=True)
    return buf.getvalue()


def _video_frame(path: Path) -> Image.Image:
    """A small RGB frame from among the first keyframes, the one with the most contrast."""
    try:
        container = av.open(str(path), format=demuxer_for(path), metadata_errors="ignore")
    except av.FFmpegError as exc:
        raise CorruptFile() from exc
    with container:
        if not container.streams.video:
            raise UnsupportedFile()
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        best: tuple[float, Image.Image] | None = None
        seen = 0
        try:
            for frame in container.decode(stream):
                decode.check_size(frame.width, frame.height)
                scale = min(1.0, 64 / max(frame.width, frame.height))
                small = frame.reformat(
                    width=max(2, round(frame.width * scale)),
                    height=max(2, round(frame.height * scale)),
                    format="rgb24",
                ).to_image()
                turns = round((frame.rotation or 0) / 90) % 4
                if turns:
                    small = small.rotate(90 * turns, expand=True)
                spread = float(np.asarray(small, dtype=np.float32).std())
                if best is None or spread > best[0]:
                    best = (spread, small)
                seen += 1
                if seen >= _VIDEO_KEYFRAMES:
                    break
        except av.FFmpegError as exc:
            if best is None:
                raise CorruptFile() from exc
    if best is None:
        raise CorruptFile()
    return best[1]
