"""Pictures and tiny videos for the fingerprint tests (helpers; the fixtures are in conftest.py).

Everything is generated from skimage's public sample photos or synthetic noise, never anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from _photos import photo
from PIL import Image

SCENES = ("astronaut", "coffee", "chelsea", "rocket", "camera", "horse")


def scene(name: str, size: tuple[int, int] = (320, 240)) -> np.ndarray:
    """A sample photo resized to `size` (width, height), uint8 RGB."""
    return np.asarray(Image.fromarray(photo(name)).resize(size, Image.Resampling.BILINEAR))


def write_video(
    path: Path,
    scenes: Sequence[np.ndarray],
    *,
    seconds_each: float = 1.0,
    fps: int = 10,
    gop: int = 10,
    codec: str = "libx264",
    pan: bool = True,
    rotation: int | None = None,
) -> Path:
    """Encode `scenes` one after another, each for `seconds_each`, slowly panning so frames differ."""
    h, w = scenes[0].shape[:2]
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = w, h
        stream.pix_fmt = "yuv420p"
        stream.gop_size = gop
        if codec == "libx264":
            # A fixed GOP without scene-cut keyframes, so tests know where keyframes are.
            params = f"keyint={gop}:min-keyint={gop}:scenecut=0"
            stream.options = {"preset": "ultrafast", "x264-params": params}
        if rotation is not None:
            stream.set_display_rotation(rotation)
        index = 0
        for rgb in scenes:
            for k in range(round(seconds_each * fps)):
                img = np.roll(rgb, 2 * k, axis=1) if pan else rgb
                frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(img), format="rgb24")
                frame.pts = index
                frame.time_base = Fraction(1, fps)
                index += 1
                for packet in stream.encode(frame):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
