"""Hamming-radius search over many PDQ hashes, fast enough for a 1,000,000-hash list.

Why: a counselor may be handed a large hash list (a programme's export) and wants to know within a blink
whether a photo is on it, and one photo asks with up to ~20 hashes (its PDQ, rotations, mirrors, trimmed and
cropped views). A scan of 1M hashes costs ~2 ms per query hash here, so ~40 ms a photo; large lists therefore
use multi-index hashing (Norouzi et al., "Fast search in Hamming space with multi-index hashing", CVPR 2012):
cut the 256 bits into 16 chunks of 16 bits; two hashes within distance r agree to within floor(r / 16) bits
on at least one chunk (pigeonhole), so looking up every chunk's near keys in a per-chunk bucket table finds
every candidate (~5,000 per query hash for 1M random hashes), and only those are compared in full. The
result is exact, not approximate, and all the queries of a photo are looked up together in one fixed series
of numpy calls, so a photo costs ~2 ms; fetching the candidates' first 128 bits (one cache miss each) is most
of that.

The tables take ~0.5 s and ~70 MB for 1M hashes, so they are built on a background thread when a large index
is made (numpy's sort releases the GIL): the caller goes on decoding the photo meanwhile, and any search made
before they are ready is answered by a blocked scan (same answer, just slower). `build()` waits for them.

Hashes are kept as four uint64 words per hash (N x 4); the words are the hex text's bytes, big-endian, so
`hex_to_words` is one `bytes.fromhex` call for the whole list.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

log = logging.getLogger(__name__)

_CHUNKS = 16
_CHUNK_BITS = 16
# Below this size a scan is about as fast as the tables and needs no build (nor their ~70 bytes a row).
_SCAN_LIMIT = 50_000
# Multi-index hashing enumerates C(16, k) keys per chunk for k <= radius // 16; beyond 2 that stops paying.
_MAX_MIH_FLIPS = 2
# Rows per block of the scan: a block's temporaries stay in cache while every query passes over it.
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
    return np.array(masks, dtype=np.int64)


# Made once at import (a few hundred entries), never per search.
_MASKS = {k: _flip_masks(k) for k in range(_MAX_MIH_FLIPS + 1)}
_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32))


def _chunk_keys(words: np.ndarray) -> np.ndarray:
    """N x 16 chunk keys. Any fixed cut of the 256 bits into 16-bit pieces works, as long as the tables and
    the queries use the same one, so the native-order uint16 view is taken as is (no copy)."""
    return words.view(np.uint16).reshape(-1, _CHUNKS)


class HashIndex:
    """Exact radius search over N PDQ hashes (N x 4 uint64 words)."""

    def __init__(self, words: np.ndarray, *, background: bool = True) -> None:
        words = np.ascontiguousarray(words, dtype=np.uint64)
        if words.ndim != 2 or words.shape[1] != 4:
            raise ValueError("HashIndex needs an N x 4 uint64 array")
        self.words = words
        self._tables: tuple[np.ndarray, np.ndarray] | None = None
        self._lock = threading.Lock()
        # The first two words, twice: as columns for the scan (contiguous 1-D passes) and as 16-byte items
        # for the table lookups (one fetch a candidate). Almost every row is rejected on those 128 bits.
        self._w01 = np.ascontiguousarray(words[:, :2].T)
        self._head = np.ascontiguousarray(words[:, :2]).view("V16").reshape(-1)
        self._builder: threading.Thread | None = None
        if len(self) > _SCAN_LIMIT and background:
            self._builder = threading.Thread(target=self._build_quietly, name="hash-index", daemon=True)
            self._builder.start()

    @classmethod
    def from_hex(cls, hexes: Sequence[str]) -> HashIndex:
        return cls(hex_to_words(hexes))

    def __len__(self) -> int:
        return int(self.words.shape[0])

    @property
    def ready(self) -> bool:
        """True once the multi-index tables exist (searches then take milliseconds on any list size)."""
        return self._tables is not None

    def build(self) -> None:
        """Build the multi-index tables now (waits for a background build already under way)."""
        with self._lock:
            if self._tables is not None:
                return
            n = len(self)
            keys = _chunk_keys(self.words)
            orders = np.empty((_CHUNKS, n), dtype=np.int32)
            starts = np.empty((_CHUNKS, 65537), dtype=np.int64)
            starts[:, 0] = 0
            for c in range(_CHUNKS):
                column = np.ascontiguousarray(keys[:, c])
                # Stable sort of uint16 is numpy's radix sort: linear, and it releases the GIL.
                orders[c] = np.argsort(column, kind="stable")
                np.cumsum(np.bincount(column, minlength=65536), out=starts[c, 1:])
            self._tables = (orders, starts)  # one assignment: a concurrent search sees all or nothing

    def _build_quietly(self) -> None:
        try:
            self.build()
        except MemoryError:  # the scan still answers every search, only slower
            log.warning("hash index tables not built: out of memory")

    def search(self, query: np.ndarray | str, radius: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows within `radius` of `query` (4 words or hex) and their distances, nearest first."""
        q = hex_to_words([query])[0] if isinstance(query, str) else np.asarray(query, dtype=np.uint64)
        _, rows, d = self.search_many(q.reshape(1, 4), radius)
        return rows, d

    def search_many(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (query number, row, distance) within `radius`, for a Q x 4 array of queries: grouped by
        query in order, nearest first within a query."""
        qs = np.ascontiguousarray(np.asarray(queries, dtype=np.uint64).reshape(-1, 4))
        if len(self) == 0 or len(qs) == 0 or radius < 0:
            return _EMPTY
        tables = self._tables
        if tables is not None and radius // _CHUNK_BITS <= _MAX_MIH_FLIPS:
            q_idx, rows = self._candidates(tables, qs, radius)
        else:
            q_idx, rows = self._scan(qs, radius)
        d = np.bitwise_count(self.words.take(rows, axis=0) ^ qs.take(q_idx, axis=0)).sum(
            axis=1, dtype=np.int32
        )
        keep = d <= radius
        q_idx, rows, d = q_idx[keep], rows[keep], d[keep]
        order = np.lexsort((rows, d, q_idx))
        return q_idx[order], rows[order], d[order]

    def _candidates(
        self, tables: tuple[np.ndarray, np.ndarray], qs: np.ndarray, radius: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(query, row) pairs sharing a near chunk key and within `radius` on the first 128 bits, for all
        queries at once: a fixed number of numpy calls whatever the number of queries."""
        orders, starts = tables
        n = len(self)
        masks = _MASKS[radius // _CHUNK_BITS]
        qkeys = _chunk_keys(qs).astype(np.int64)  # Q x 16
        near = qkeys[:, :, None] ^ masks[None, None, :]  # Q x 16 x K: every key within the flips
        chunk = np.arange(_CHUNKS, dtype=np.int64)[None, :, None]
        at = (chunk * starts.shape[1] + near).ravel()
        lo = starts.take(at)
        lengths = starts.take(at + 1) - lo
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # Ranges to indices: the flat position in `orders` of every row of every bucket looked up.
        base = np.broadcast_to(chunk, near.shape).ravel() * n + lo
        ends = np.cumsum(lengths)
        rows = orders.reshape(-1).take(np.repeat(base - ends + lengths, lengths) + np.arange(total))
        per_query = lengths.reshape(len(qs), -1).sum(axis=1)
        # The first 128 bits bound the distance from below. Fetching them is the search's main cost (one
        # cache miss a candidate), so they sit together, 16 bytes a row, and are taken as one item each.
        low = self._head.take(rows).view(np.uint64).reshape(-1, 2)
        low ^= np.repeat(qs[:, :2], per_query, axis=0)
        counts = np.bitwise_count(low)
        near_rows = np.flatnonzero(counts[:, 0] + counts[:, 1] <= radius)
        q_idx = np.repeat(np.arange(len(qs)), per_query)[near_rows]
        rows = rows[near_rows].astype(np.int64)
        # A row near a query is usually found through several chunks: keep one of each pair.
        _, first = np.unique(q_idx * n + rows, return_index=True)
        return q_idx[first], rows[first]

    def _scan(self, qs: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray]:
        """Each query against each cache-sized block of rows; the first 128 bits bound the distance from
        below, so only the rare rows within `radius` on those go on to the full comparison. (1-D numpy
        calls per query: broadcasting queries x rows in one call is several times slower.)"""
        n = len(self)
        block = min(n, _SCAN_BLOCK)
        xor = np.empty(block, dtype=np.uint64)
        d0 = np.empty(block, dtype=np.uint8)
        d1 = np.empty(block, dtype=np.uint8)
        found_q, found_r = [], []
        w0, w1 = self._w01
        pairs = qs[:, :2].tolist()
        for start in range(0, n, block):
            m = min(block, n - start)
            x, a, b = xor[:m], d0[:m], d1[:m]
            c0, c1 = w0[start : start + m], w1[start : start + m]
            for i, (q0, q1) in enumerate(pairs):
                np.bitwise_xor(c0, np.uint64(q0), out=x)
                np.bitwise_count(x, out=a)
                np.bitwise_xor(c1, np.uint64(q1), out=x)
                np.bitwise_count(x, out=b)
                np.add(a, b, out=a)
                hits = np.flatnonzero(a <= radius)
                if hits.size:
                    found_q.append(np.full(hits.size, i, dtype=np.int64))
                    found_r.append(hits + start)
        if not found_q:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(found_q), np.concatenate(found_r).astype(np.int64)


@dataclass(frozen=True)
class HashTable:
    """A hash list in columns, for lists too large for one object per row (see hashlist.read_hash_array).

    Row i has PDQ `words[i]`, label `labels[i]` and optional file sums `md5[i]`, `sha256[i]`: numpy bytes
    arrays of lower-case hex, b"" where a row has none, None when the list had no such column. (Arrays, not
    lists of str: a million sums are looked up with one vectorised comparison.) `labels` may be a lazy
    sequence (hashlist.Labels) that decodes a label only when it is asked for: a match names a few rows, and
    making a million str objects would cost more than the rest of the load.
    """

    words: np.ndarray
    labels: Sequence[str]
    md5: np.ndarray | None = None
    sha256: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.labels)
