"""Hamming-radius search over many PDQ hashes, fast enough for a 1,000,000-hash list.

Why: a counselor may be handed a large hash list (a programme's export) and wants to know within a blink
whether a photo is on it. A plain scan of 1M hashes costs ~5 ms per query hash on a laptop, and one photo
asks with up to ~20 hashes (rotations, mirrors, trimmed and cropped views), so large lists use multi-index
hashing (Norouzi et al., "Fast search in Hamming space with multi-index hashing", CVPR 2012): cut the 256
bits into 16 chunks of 16 bits; two hashes within distance r agree to within floor(r / 16) bits on at least
one chunk (pigeonhole), so looking up every chunk's near keys in a per-chunk bucket table finds every
candidate, and only those are compared in full. The result is exact, not approximate.

Hashes are kept as four uint64 words per hash (N x 4); the words are the hex text's bytes, big-endian, so
`hex_to_words` is one `bytes.fromhex` call for the whole list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

_CHUNKS = 16
_CHUNK_BITS = 16
# Below this size a plain scan is about as fast as the tables and needs no build.
_SCAN_LIMIT = 50_000
# Multi-index hashing enumerates C(16, k) keys per chunk for k <= radius // 16; beyond 2 that stops paying.
_MAX_MIH_FLIPS = 2
# Building the tables costs about as much as ~100 scans of the list (0.5 s for 1M hashes), so the index
# scans first and builds them only once it has scanned the whole list this many times (ski-rental):
# one photo against a big list stays cheap, a batch of many files gets sub-millisecond lookups.
_BUILD_AFTER_SCANS = 48
_SCAN_BLOCK = 1 << 15


def hex_to_words(hexes: Sequence[str]) -> np.ndarray:
    """64-digit hex hashes -> N x 4 uint64. Raises ValueError naming the first malformed entry."""
    n = len(hexes)
    if n == 0:
        return np.zeros((0, 4), dtype=np.uint64)
    joined = "".join(hexes)
    try:
        if len(joined) != 64 * n:
            raise ValueError
        raw = bytes.fromhex(joined)
    except ValueError:
        for i, h in enumerate(hexes):
            if len(h) != 64 or not _is_hex(h):
                raise ValueError(f"entry {i + 1} is not a 64-digit hex PDQ hash") from None
        raise
    return np.frombuffer(raw, dtype=">u8").reshape(n, 4).astype(np.uint64)


def _is_hex(h: str) -> bool:
    try:
        bytes.fromhex(h)
    except ValueError:
        return False
    return True


def words_to_hex(words: np.ndarray) -> list[str]:
    """N x 4 uint64 -> hex strings (inverse of hex_to_words)."""
    raw = np.ascontiguousarray(words, dtype=np.uint64).astype(">u8").tobytes()
    return [raw[i : i + 32].hex() for i in range(0, len(raw), 32)]


def distances(words: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Hamming distance of every row of `words` (N x 4) to one query (4,)."""
    return np.bitwise_count(words ^ query).sum(axis=1, dtype=np.int32)


def _flip_masks(max_flips: int) -> np.ndarray:
    masks = [0]
    for k in range(1, max_flips + 1):
        for bits in combinations(range(_CHUNK_BITS), k):
            masks.append(sum(1 << b for b in bits))
    return np.array(masks, dtype=np.uint16)


_MASKS = {k: _flip_masks(k) for k in range(_MAX_MIH_FLIPS + 1)}


class HashIndex:
    """Exact radius search over N PDQ hashes (N x 4 uint64 words)."""

    def __init__(self, words: np.ndarray) -> None:
        words = np.ascontiguousarray(words, dtype=np.uint64)
        if words.ndim != 2 or words.shape[1] != 4:
            raise ValueError("HashIndex needs an N x 4 uint64 array")
        self.words = words
        self._tables: tuple[np.ndarray, np.ndarray] | None = None
        self._scanned_rows = 0
        # Column copies of the first two words: the scan rejects almost everything on those 128 bits.
        self._w0 = np.ascontiguousarray(words[:, 0])
        self._w1 = np.ascontiguousarray(words[:, 1])

    @classmethod
    def from_hex(cls, hexes: Sequence[str]) -> HashIndex:
        return cls(hex_to_words(hexes))

    def __len__(self) -> int:
        return int(self.words.shape[0])

    def _build(self) -> tuple[np.ndarray, np.ndarray]:
        """Per chunk: row numbers sorted by chunk key, and where each key's bucket starts (counting sort)."""
        if self._tables is None:
            n = len(self)
            keys = self.words.astype(">u8").view(">u2").reshape(n, _CHUNKS)
            orders = np.empty((_CHUNKS, n), dtype=np.int32)
            starts = np.empty((_CHUNKS, 65537), dtype=np.int64)
            for c in range(_CHUNKS):
                column = keys[:, c].astype(np.uint16)
                orders[c] = np.argsort(column, kind="stable")
                starts[c, 0] = 0
                np.cumsum(np.bincount(column, minlength=65536), out=starts[c, 1:])
            self._tables = (orders, starts)
        return self._tables

    def _candidates(self, query: np.ndarray, radius: int) -> np.ndarray:
        orders, starts = self._build()
        qkeys = query.astype(">u8").view(">u2").astype(np.int64)
        masks = _MASKS[radius // _CHUNKS].astype(np.int64)
        # Every (chunk, near key) bucket at once: flat positions into `orders` via a ranges-to-indices trick.
        near = masks[None, :] ^ qkeys[:, None]  # 16 x K
        chunk = np.broadcast_to(np.arange(_CHUNKS)[:, None], near.shape)
        lo = starts[chunk, near].ravel()
        hi = starts[chunk, near + 1].ravel()
        base = (chunk.ravel() * len(self)).astype(np.int64)
        lengths = hi - lo
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        offsets = np.repeat(base + lo - np.cumsum(lengths) + lengths, lengths)
        flat = offsets + np.arange(total)
        return np.unique(orders.reshape(-1)[flat])

    def _scan(self, q: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray]:
        """Plain scan in cache-sized blocks: the first 128 bits bound the distance from below, so only the
        rare rows within `radius` on those get the full comparison."""
        n = len(self)
        block = min(n, _SCAN_BLOCK)
        xor = np.empty(block, dtype=np.uint64)
        d0 = np.empty(block, dtype=np.uint8)
        d1 = np.empty(block, dtype=np.uint8)
        found = []
        for start in range(0, n, block):
            m = min(block, n - start)
            np.bitwise_xor(self._w0[start : start + m], q[0], out=xor[:m])
            np.bitwise_count(xor[:m], out=d0[:m])
            np.bitwise_xor(self._w1[start : start + m], q[1], out=xor[:m])
            np.bitwise_count(xor[:m], out=d1[:m])
            np.add(d0[:m], d1[:m], out=d0[:m])
            hits = np.flatnonzero(d0[:m] <= radius)
            if hits.size:
                found.append(hits + start)
        rows = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
        return rows, distances(self.words[rows], q)

    def search(self, query: np.ndarray | str, radius: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows within `radius` of `query` (4 words or hex) and their distances, nearest first."""
        q = hex_to_words([query])[0] if isinstance(query, str) else np.asarray(query, dtype=np.uint64)
        if len(self) == 0 or radius < 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        use_tables = (
            len(self) > _SCAN_LIMIT
            and radius // _CHUNKS <= _MAX_MIH_FLIPS
            and (self._tables is not None or self._scanned_rows >= _BUILD_AFTER_SCANS * len(self))
        )
        if use_tables:
            rows = self._candidates(q, radius)
            d = distances(self.words[rows], q)
        else:
            self._scanned_rows += len(self)
            rows, d = self._scan(q, radius)
        keep = d <= radius
        rows, d = rows[keep], d[keep]
        order = np.argsort(d, kind="stable")
        return rows[order], d[order]

    def search_many(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (query number, row, distance) within `radius`, for a Q x 4 array of queries."""
        qs, rows, ds = [], [], []
        for i, q in enumerate(np.asarray(queries, dtype=np.uint64).reshape(-1, 4)):
            r, d = self.search(q, radius)
            qs.append(np.full(r.shape, i, dtype=np.int64))
            rows.append(r)
            ds.append(d)
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty.astype(np.int32)
        return np.concatenate(qs), np.concatenate(rows), np.concatenate(ds)


@dataclass(frozen=True)
class HashTable:
    """A hash list in columns, for lists too large for one object per row (see hashlist.read_hash_array).

    Row i has PDQ `words[i]`, label `labels[i]` and optional file sums `md5[i]`, `sha256[i]`: numpy bytes
    arrays of lower-case hex, b"" where a row has none, None when the list had no such column. (Arrays, not
    lists of str: a million sums are looked up with one vectorised comparison.)
    """

    words: np.ndarray
    labels: list[str]
    md5: np.ndarray | None = None
    sha256: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.labels)
