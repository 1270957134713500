"""The PDQ that matching services compute, bit for bit, without their compiled code.

Why: a hash list is only useful if a platform or a hash-sharing programme, hashing the same file, gets the
same PDQ. Meta's Hasher-Matcher-Actioner hashes with python-threatexchange's `pdq_from_file`
(threatexchange/signal_type/pdq/pdq_hasher.py): Pillow decodes the whole picture, the array goes to
`pdqhash.compute`, which computes luma in NumPy (float64 `r*0.299 + g*0.587 + b*0.114`, then float32;
pdqhash-python's bindings.pyx) and then runs Meta's C++ (pdq/cpp/hashing/pdqhashing.cpp and
pdq/cpp/downscaling/downscaling.cpp) in float32: four one-dimensional box passes (rows, columns, rows,
columns) as *running sums* (`sum += in[right]; sum -= in[left]; out = sum / count`), decimation to 64 x 64
at `int((i + 0.5) * size / 64)`, a 16 x 64 DCT matrix stored as float, two DCT products summed one term at a
time in float, Torben's median (the 128th smallest value) and bit k set where coefficient k > median.

Float32 running sums round at every step, so a mathematically exact filter (pdq.py's matrix form) lands up
to ~2e-3 away from the C++ coefficients; a bit flips when the 128th and 129th largest coefficients are that
close. Two ways to get the reference's bits here:

- `exact_from_luma` replays every float32 operation in the reference's order (the sums vectorised across
  the independent rows or columns). It is always right, and slow: a full-size float loop per pass.
- `fast_coefficients` computes the filtered 64 x 64 image and the DCT in float64 from the pixels, with the
  two box passes folded into one banded weight matrix per axis (pdq.py's trick), reading each pixel once.
  Its bits are the reference's whenever the gap between the 128th and 129th coefficient is wider than
  twice the reference's own rounding error, and the quality is the reference's whenever no term of the
  quality sum sits within that error of a whole number. `COEFF_ERROR` bounds that error: on the evaluation
  set (15 photos, 0.1 to 12 MP, benchmarks/eval_pdq_interop.py) the largest difference between our float64
  values and pdqhash's float32 ones was 1.9e-3; the bound is ten times that, plus a term growing with the
  image's size (the running sums are longer). When the margin is not there, `reference_pdq` replays the
  reference exactly, so the answer is the reference's in either case.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from victim_desk.core.fingerprint.pdq import bits_to_hex

F32 = np.float32

# rows(top, bottom) -> uint8 pixels of those rows of the upright picture.
Rows = Callable[[int, int], np.ndarray]


class PdqResult(NamedTuple):
    hex: str
    quality: int
    replayed: bool  # the fast path's margin was too thin: every float operation was replayed
    quality_exact: bool  # False: the quality is our float64 estimate (the bits are exact regardless)


# Below this many rows or columns the reference returns an all-zero hash of quality 0 (MIN_HASHABLE_DIM).
MIN_HASHABLE_DIM = 5
# Bound on |reference float32 value - our float64 value| for the 64 x 64 image and the DCT coefficients.
COEFF_ERROR_BASE = 0.008
COEFF_ERROR_PER_PIXEL_SIDE = 5e-7
# Rows of pixels turned into float luma at a time (keeps the float64 temporaries small).
_STRIP_PIXELS = 1 << 20
# Values of a band converted to float32 at a time by the fast path (with ~64 rows, ~1 MB: cache-sized).
_CHUNK_VALUES = 4096


def coeff_error(rows: int, cols: int) -> float:
    return COEFF_ERROR_BASE + COEFF_ERROR_PER_PIXEL_SIDE * (rows + cols)


def _window(size: int) -> int:
    # computeJaroszFilterWindowSize(size, 64): ceil(size / 128).
    return (size + 2 * 64 - 1) // (2 * 64)


def _picks(size: int) -> np.ndarray:
    # decimateFloat: int(((i + 0.5) * size) / 64), computed in double.
    return np.array([int(((i + 0.5) * size) / 64) for i in range(64)], dtype=np.int64)


@lru_cache(maxsize=1)
def _dct_matrix() -> np.ndarray:
    """The reference's 16 x 64 DCT matrix: float(sqrt(2/64)) times a double cosine, stored as float."""
    scale = float(F32(np.sqrt(2.0 / 64.0)))
    i = np.arange(16, dtype=np.float64)[:, None]
    j = np.arange(64, dtype=np.float64)[None, :]
    return (scale * np.cos(((np.pi / 2.0 / 64.0) * (i + 1)) * (2 * j + 1))).astype(F32)


# --- pixels to luma, as pdqhash does it ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _grey_table() -> np.ndarray:
    """Luma of a grey value v after threatexchange stacks it into three equal channels."""
    v = np.arange(256, dtype=np.float64)
    return (v * 0.299 + v * 0.587 + v * 0.114).astype(F32)


def reference_luma(px: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """float32 luma exactly as pdqhash.compute makes it from `px` (uint8 HxW grey or HxWxC, C >= 3),
    computed a strip of rows at a time."""
    rows, cols = px.shape[:2]
    if out is None:
        out = np.empty((rows, cols), dtype=F32)
    if px.ndim == 2:
        np.take(_grey_table(), px, out=out)
        return out
    step = max(1, _STRIP_PIXELS // max(cols, 1))
    for top in range(0, rows, step):
        part = px[top : top + step]
        luma = part[..., 0] * 0.299
        luma += part[..., 1] * 0.587
        luma += part[..., 2] * 0.114
        out[top : top + step] = luma
    return out


# --- the fast path: float64 filter, certified against the reference's rounding ---------------------------


@lru_cache(maxsize=16)
def _tent(size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the 64 decimated positions along an axis of `size`: the weights the two box passes give each
    input (64 x size, float64) and each row's non-zero span [start, stop)."""
    w = _window(size)
    half = (w + 2) // 2
    o = np.arange(size)
    lo = np.maximum(o - (w - half), 0)
    hi = np.minimum(o + half - 1, size - 1)
    count = (hi - lo + 1).astype(np.float64)
    first = np.zeros((64, size))
    for r, p in enumerate(_picks(size)):
        first[r, lo[p] : hi[p] + 1] = 1.0 / count[p]
    weights = first / count
    diff = np.zeros((64, size + 1))
    np.add.at(diff.T, lo, weights.T)
    np.add.at(diff.T, hi + 1, -weights.T)
    op = np.cumsum(diff[:, :size], axis=1)
    op[np.abs(op) < 1e-15] = 0.0
    nonzero = op != 0
    start = nonzero.argmax(axis=1)
    stop = size - nonzero[:, ::-1].argmax(axis=1)
    return op, start, stop


@lru_cache(maxsize=16)
def _whole_tent(size: int) -> tuple[np.ndarray, np.ndarray]:
    """The same weights times window², and for each row whether they are then whole numbers whose sum times
    255 stays below 2**24. Away from the edges both passes divide by the full window, so a row's weights
    are (overlap count) / window²; a float32 product of such whole weights with 8-bit pixels is then exact
    in any order of summation, and costs half the memory traffic of float64."""
    op, _, _ = _tent(size)
    scaled = op * float(_window(size) ** 2)
    whole = np.all(np.abs(scaled - np.round(scaled)) < 1e-6, axis=1) & (scaled.sum(axis=1) * 255 < 2**24)
    return np.round(scaled).astype(F32), whole


def fast_image64(rows: Rows, height: int, width: int) -> np.ndarray:
    """The reference's 64 x 64 filtered and decimated luma, in float64 (within coeff_error of it).

    Rows first: each of the 64 kept rows is a weighted sum of a band of about height / 64 pixel rows, so
    every pixel is fetched and converted about once, a band at a time (no full-size array exists)."""
    vertical, start, stop = _tent(height)
    horizontal, _, _ = _tent(width)
    scaled, whole = _whole_tent(height)
    denominator = float(_window(height) ** 2)
    table = _grey_table()
    # A grey value's luma is a fixed table (threatexchange stacks it into three equal channels); it is the
    # value itself for every 8-bit value, which the whole-number path below relies on.
    grey_is_value = bool(np.array_equal(table, np.arange(256, dtype=F32)))
    filtered: np.ndarray | None = None
    channels = 0
    # The whole-number path converts a band to float32 a few thousand values at a time into one small buffer
    # that stays in the core's cache, and multiplies it there: on a 12 MP photo that is 26 ms of CPU against
    # 46 ms for converting whole bands into new arrays (benchmarks/bench_fingerprint.py --stages).
    work: np.ndarray | None = None
    for r in range(64):
        a, b = int(start[r]), int(stop[r])
        band = rows(a, b)  # may be a strided view (an upright view of a rotated picture)
        channels = 1 if band.ndim == 2 else band.shape[2]
        if filtered is None:
            filtered = np.empty((64, width * channels))
        if whole[r] and (channels > 1 or grey_is_value):
            step = max(1, _CHUNK_VALUES // channels)
            if work is None:
                work = np.empty((int((stop - start).max()), step * channels), dtype=F32)
            sums = np.empty(width * channels, dtype=F32)
            for left in range(0, width, step):
                right = min(width, left + step)
                block32 = work[: b - a, : (right - left) * channels]
                np.copyto(block32.reshape(band[:, left:right].shape), band[:, left:right], casting="unsafe")
                np.matmul(scaled[r, a:b], block32, out=sums[left * channels : right * channels])
            filtered[r] = sums
            filtered[r] /= denominator
        else:
            flat = band.reshape(band.shape[0], -1)
            block = table.astype(np.float64)[flat] if channels == 1 else flat.astype(np.float64)
            filtered[r] = vertical[r, a:b] @ block
    assert filtered is not None
    if channels == 1:
        luma = filtered
    else:
        # The filter is linear, so the luma of the filtered channels is the filtered luma.
        split = filtered.reshape(64, width, channels)
        luma = split[..., 0] * 0.299 + split[..., 1] * 0.587 + split[..., 2] * 0.114
    # Each output column weighs only the ~width/32 pixels under its tent: 64 small products instead of a
    # dense 64 x width one (a third of the remaining time).
    _, h_start, h_stop = _tent(width)
    out = np.empty((64, 64))
    for c in range(64):
        a, b = int(h_start[c]), int(h_stop[c])
        out[:, c] = luma[:, a:b] @ horizontal[c, a:b]
    return out


def _dct64(img64: np.ndarray) -> np.ndarray:
    d = _dct_matrix().astype(np.float64)
    return d @ img64 @ d.T


def _quality_terms(img64: np.ndarray) -> np.ndarray:
    """The values (u - v) * 100 / 255 whose truncations the quality metric adds up."""
    dv = (img64[:-1, :] - img64[1:, :]) * 100.0 / 255.0
    dh = (img64[:, :-1] - img64[:, 1:]) * 100.0 / 255.0
    return np.concatenate([dv.reshape(-1), dh.reshape(-1)])


def _certain_quality(img64: np.ndarray, error: float) -> int | None:
    """The reference's quality, or None when rounding could change it."""
    terms = _quality_terms(img64)
    slack = 2.0 * error * 100.0 / 255.0 + 1e-9
    low = np.trunc(np.abs(terms) - slack).clip(min=0)
    high = np.trunc(np.abs(terms) + slack)
    # |trunc(x)| = trunc(|x|); a term near a whole number could land on either side of it.
    lowest, highest = int(low.sum()), int(high.sum())
    q_low, q_high = min(lowest // 90, 100), min(highest // 90, 100)
    return q_low if q_low == q_high else None


def _certain_bits(coeffs: np.ndarray, error: float) -> np.ndarray | None:
    flat = coeffs.reshape(-1)
    order = np.sort(flat)
    if order[128] - order[127] <= 2.0 * error:
        return None
    return flat > order[127]


# --- the exact replay ------------------------------------------------------------------------------------


def _box_sums_axis0(src: np.ndarray, window: int, out: np.ndarray) -> np.ndarray:
    """box1DFloat along axis 0 of `src` for every column at once: writes the float32 running sums into
    `out` and returns the window count of each output row (divide afterwards: the same IEEE division)."""
    length = src.shape[0]
    half = (window + 2) // 2
    state = np.zeros(src.shape[1:], dtype=F32)
    scratch = np.empty(src.shape[1:], dtype=F32)
    counts = np.empty(length, dtype=F32)
    right = left = pos = n = 0
    for _ in range(half - 1):  # phase 1: accumulate, no output
        np.add(state, src[right], out=state)
        right += 1
        n += 1
    previous = state
    for _ in range(window - half + 1):  # phase 2: growing window
        np.add(previous, src[right], out=out[pos])
        previous = out[pos]
        right += 1
        n += 1
        counts[pos] = n
        pos += 1
    for _ in range(length - window):  # phase 3: full window, add then subtract
        np.add(previous, src[right], out=scratch)
        np.subtract(scratch, src[left], out=out[pos])
        previous = out[pos]
        right += 1
        left += 1
        counts[pos] = n
        pos += 1
    for _ in range(half - 1):  # phase 4: shrinking window
        np.subtract(previous, src[left], out=out[pos])
        previous = out[pos]
        left += 1
        n -= 1
        counts[pos] = n
        pos += 1
    return counts


def _box_axis0(src: np.ndarray, window: int, out: np.ndarray) -> None:
    counts = _box_sums_axis0(src, window, out)
    out /= counts.reshape((-1,) + (1,) * (out.ndim - 1))


def exact_image64(luma: np.ndarray) -> np.ndarray:
    """The reference's 64 x 64 float32 image from float32 luma, replaying its arithmetic. Uses `luma` as
    one of its two work buffers (it is overwritten), as the C++ does."""
    rows, cols = luma.shape
    if (rows, cols) == (64, 64):
        return luma.astype(F32, copy=True)
    along_rows, along_cols = _window(cols), _window(rows)
    a = luma.reshape(-1)
    b = np.empty(rows * cols, dtype=F32)
    # Each pass runs along axis 0 of a contiguous array (one vector op per step over all the independent
    # lines); the data is transposed between passes so that the next pass's lines are contiguous too.
    # Pass 1, along rows: transpose to cols x rows.
    np.copyto(b.reshape(cols, rows), a.reshape(rows, cols).T)
    _box_axis0(b.reshape(cols, rows), along_rows, a.reshape(cols, rows))
    # Pass 2, along columns: back to rows x cols.
    np.copyto(b.reshape(rows, cols), a.reshape(cols, rows).T)
    _box_axis0(b.reshape(rows, cols), along_cols, a.reshape(rows, cols))
    # Pass 3, along rows.
    np.copyto(b.reshape(cols, rows), a.reshape(rows, cols).T)
    _box_axis0(b.reshape(cols, rows), along_rows, a.reshape(cols, rows))
    # Pass 4, along columns, only for the 64 columns the decimation keeps.
    col_picks = _picks(cols)
    kept = np.ascontiguousarray(a.reshape(cols, rows)[col_picks].T)  # rows x 64
    result = np.empty_like(kept)
    _box_axis0(kept, along_cols, result)
    return result[_picks(rows)]


def exact_dct(img64: np.ndarray) -> np.ndarray:
    """dct64To16 with its float32 sums taken one term at a time, in its order."""
    d = _dct_matrix()
    a = img64.astype(F32)
    t = np.zeros((16, 64), dtype=F32)
    for k in range(64):
        t += d[:, k : k + 1] * a[k : k + 1, :]
    b = np.zeros((16, 16), dtype=F32)
    for k in range(64):
        b += t[:, k : k + 1] * d[:, k][None, :]
    return b


def exact_quality(img64: np.ndarray) -> int:
    """pdqImageDomainQualityMetric: int(((u - v) * 100) / 255) in float32, summed as absolute values."""
    a = img64.astype(F32)
    dv = np.trunc(((a[:-1, :] - a[1:, :]) * F32(100)) / F32(255))
    dh = np.trunc(((a[:, :-1] - a[:, 1:]) * F32(100)) / F32(255))
    total = int(np.abs(dv).astype(np.int64).sum() + np.abs(dh).astype(np.int64).sum())
    return min(total // 90, 100)


def exact_from_luma(luma: np.ndarray) -> tuple[np.ndarray, int]:
    """(256 bits, quality) exactly as pdqHash256FromFloatLuma gives them. Overwrites `luma`."""
    rows, cols = luma.shape
    if rows < MIN_HASHABLE_DIM or cols < MIN_HASHABLE_DIM:
        return np.zeros(256, dtype=bool), 0
    img64 = exact_image64(luma)
    coeffs = exact_dct(img64).reshape(-1)
    median = np.partition(coeffs, 127)[127]  # Torben's median of 256 values is the 128th smallest
    return coeffs > median, exact_quality(img64)


# --- the entry point --------------------------------------------------------------------------------------


def reference_pdq(rows: Rows, height: int, width: int) -> PdqResult:
    """The PDQ threatexchange's pdq_from_file reports for the decoded picture whose upright rows `rows`
    gives (uint8, grey HxW or HxWxC with C >= 3, as `np.asarray` of the Pillow image would have them)."""
    if height < MIN_HASHABLE_DIM or width < MIN_HASHABLE_DIM:
        return PdqResult(bits_to_hex(np.zeros(256, dtype=bool)), 0, replayed=False, quality_exact=True)
    if (height, width) != (64, 64):
        img64 = fast_image64(rows, height, width)
        error = coeff_error(height, width)
        bits = _certain_bits(_dct64(img64), error)
        if bits is not None:
            quality = _certain_quality(img64, error)
            if quality is not None:
                return PdqResult(bits_to_hex(bits), quality, replayed=False, quality_exact=True)
            # The bits are certain; only the quality (never exchanged in hash lists) could be one off.
            # Replaying the whole picture for it costs several decodes, so the estimate stands.
            estimate = _estimated_quality(img64)
            return PdqResult(bits_to_hex(bits), estimate, replayed=False, quality_exact=False)
    luma = np.empty((height, width), dtype=F32)
    step = max(1, _STRIP_PIXELS // width)
    for top in range(0, height, step):
        bottom = min(height, top + step)
        reference_luma(rows(top, bottom), out=luma[top:bottom])
    bits, quality = exact_from_luma(luma)
    return PdqResult(bits_to_hex(bits), quality, replayed=True, quality_exact=True)


def reference_pdq_of_array(px: np.ndarray) -> PdqResult:
    """`reference_pdq` of a whole uint8 array (what pdqhash.compute takes)."""
    return reference_pdq(lambda top, bottom: px[top:bottom], px.shape[0], px.shape[1])


def _estimated_quality(img64: np.ndarray) -> int:
    total = int(np.abs(np.trunc(_quality_terms(img64))).sum())
    return min(total // 90, 100)
