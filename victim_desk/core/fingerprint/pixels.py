"""The decoded pixels of a picture as a NumPy array without copying them, and a helper thread to overlap work.

Why: the exchanged PDQ reads every pixel of the full decode (pdq_exact.py). `np.asarray(image)` copies the
picture through Pillow's `tobytes`, repacking its 4-byte RGB pixels into 3 bytes: on a 12 MP JPEG that copy
costs about as much CPU as the decode itself (measured 70 ms against 75 ms, benchmarks/bench_fingerprint.py
--stages). Pillow (11.2 and later) exports its pixel memory through the Arrow C data interface, a stable
ABI, when the picture sits in one memory block; `load_in_one_block` makes the decoder write into such a block
and `view` reads it in place, as (height, width, 4) for RGB (the fourth byte is padding) or (height, width)
for grey. With an older Pillow, or any other mode, `view` returns None and callers copy as before.

`upright` applies an EXIF orientation as a NumPy view (flips and a transpose: no copy), and `background`
runs a function on a small shared pool of threads, so that hashing the file and the exchanged PDQ overlap
with decoding and the local hashes (hashlib, NumPy and Pillow release the GIL for this work).
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from threading import Lock
from typing import Any, TypeVar

import numpy as np
from PIL import Image

T = TypeVar("T")

# Modes whose arrow export is a plain uint8 buffer we know the layout of.
_VIEW_MODES = {"RGB": 4, "L": 1}


class _ArrowArray(ctypes.Structure):
    """struct ArrowArray of the Arrow C data interface (arrow.apache.org/docs/format/CDataInterface.html)."""


_ArrowArray._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(_ArrowArray))),
    ("dictionary", ctypes.c_void_p),
    ("release", ctypes.c_void_p),
    ("private_data", ctypes.c_void_p),
]

_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def load_in_one_block(im: Image.Image) -> None:
    """Decode `im` (not loaded yet) into a single memory block, when Pillow can; otherwise load as usual.
    The pixels are the decoder's, bit for bit: only where they are stored changes."""
    new_block = getattr(Image.core, "new_block", None)
    if new_block is not None and im.mode in _VIEW_MODES and getattr(im, "_im", True) is None:
        im.im = new_block(im.mode, im.size)
    im.load()


def view(im: Image.Image) -> np.ndarray | None:
    """The loaded pixels of `im` in place (read-only; keeps the memory alive), or None when not available."""
    channels = _VIEW_MODES.get(im.mode)
    if channels is None or not hasattr(im, "__arrow_c_array__"):
        return None
    try:
        schema, array = im.__arrow_c_array__()
    except ValueError:  # "rows are not contiguous": decoded into several blocks
        return None
    struct = ctypes.cast(_capsule_pointer(array, b"arrow_array"), ctypes.POINTER(_ArrowArray)).contents
    if channels > 1:
        if struct.n_children != 1:
            return None
        struct = struct.children[0].contents
    width, height = im.size
    if struct.n_buffers != 2 or struct.offset != 0 or struct.length != width * height * channels:
        return None
    holder = _holder(struct.length).from_address(struct.buffers[1])
    holder.capsules = (schema, array)  # the capsules keep Pillow's memory alive as long as the array lives
    pixels = np.frombuffer(holder, dtype=np.uint8)
    pixels.flags.writeable = False
    return pixels.reshape((height, width, channels) if channels > 1 else (height, width))


def _holder(length: int) -> Any:
    class Holder(ctypes.c_uint8 * length):  # type: ignore[misc, valid-type]
        capsules: tuple[object, object]

    return Holder


# EXIF orientation -> NumPy view showing the picture upright (the same pixels as Pillow's transposes in
# decode._ORIENTATION, tested in test_decode.py).
_UPRIGHT: dict[int, Callable[[np.ndarray], np.ndarray]] = {
    2: lambda a: a[:, ::-1],  # FLIP_LEFT_RIGHT
    3: lambda a: a[::-1, ::-1],  # ROTATE_180
    4: lambda a: a[::-1],  # FLIP_TOP_BOTTOM
    5: lambda a: a.swapaxes(0, 1),  # TRANSPOSE
    6: lambda a: a.swapaxes(0, 1)[:, ::-1],  # ROTATE_270 (90 degrees clockwise)
    7: lambda a: a[::-1, ::-1].swapaxes(0, 1),  # TRANSVERSE
    8: lambda a: a.swapaxes(0, 1)[::-1],  # ROTATE_90 (counter-clockwise)
}


def upright(pixels: np.ndarray, orientation: int) -> np.ndarray:
    """`pixels` as the picture is shown for this EXIF orientation (a view, no copy)."""
    turn = _UPRIGHT.get(orientation)
    return turn(pixels) if turn is not None else pixels


_pool: ThreadPoolExecutor | None = None
_pool_lock = Lock()


def background(fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
    """Run `fn` on the shared helper threads. Helpers never wait on helpers, so they cannot deadlock; two
    per core lets the files of a two-worker batch each keep one busy."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 1), thread_name_prefix="fp-helper")
        return _pool.submit(fn, *args, **kwargs)
