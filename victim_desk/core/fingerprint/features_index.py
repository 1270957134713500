"""Find the few stored pictures whose local features resemble a query's, without comparing the query with
every stored descriptor.

Why: every stored picture adds ~160 ORB descriptors (256 bits each). Comparing a query's ~220 descriptors
(its own and its mirrored ones) with all of them grows with the vault: ~50 ms against 108 pictures, seconds
against 10,000, and OpenCV's brute-force matcher refuses more than 262,144 train descriptors at all (its
IMGIDX_ONE limit, reached at ~1,650 pictures). The careful geometric check (matching.py) only needs the
handful of stored pictures a query could be a copy of.

How: substring hashing (the idea of multi-index hashing, used to propose, not to search exactly). Each
descriptor is cut into 16-bit pieces; `_TABLES` tables each sort all stored descriptors by one piece.
A query descriptor looks up its own piece in every table, and every stored descriptor sharing one piece
exactly is compared in full; the nearest of those (within `max_bits`) votes for its picture.
Two descriptors d bits apart share a given 16-bit piece with probability ~(1 - d/256)^16: ~0.3 at 20 bits,
~0.1 at 35 bits, so with 16 tables a true pair (mostly < 35 bits apart) is found with probability ~0.8-0.99,
and a copy, which has dozens of true pairs, collects far more votes than the >= 5 it needs, while an
unrelated picture collects ~0-2. Candidates are ranked by votes and capped, so the geometric check runs on a
fixed handful whatever the vault size.

Cost: one lookup per piece per query descriptor (a fixed number of numpy calls for the whole query), then
a full comparison of the bucket contents: buckets hold ~N / 65,536 descriptors on average, so the work
grows linearly with the vault but with a tiny constant (benchmarks/bench_match.py --features: see
docs/architecture.md for the figures). A few keys are far more common than the rest (flat, low-contrast
patches give near-constant pieces); buckets above `_HEAVY` times the average are skipped, since a key that
a large share of all pictures carries says nothing about which one the query is a copy of.

Memory: 4 bytes per descriptor per table plus 512 KB of bucket starts per table (10,000 pictures: ~100 MB
of tables next to ~50 MB of descriptors).
"""

from __future__ import annotations

import numpy as np

_TABLES = 16  # 16-bit pieces of the 256-bit descriptor: all of it
_KEYS = 1 << 16
_HEAVY = 64  # buckets larger than this many times the mean (and than _HEAVY_FLOOR) are skipped
_HEAVY_FLOOR = 256
_PROBES = 16  # buckets read per query descriptor, rarest first (see votes)


class DescriptorIndex:
    """Stored descriptors (N x 32 uint8), each owned by one picture (0 .. pictures - 1)."""

    def __init__(self, descriptors: np.ndarray, owners: np.ndarray, pictures: int) -> None:
        descriptors = np.ascontiguousarray(descriptors, dtype=np.uint8).reshape(-1, 32)
        self._n = len(descriptors)
        self._pictures = pictures
        self._words = descriptors.view(np.uint64).reshape(-1, 4)
        self._owners = np.ascontiguousarray(owners, dtype=np.int32 if pictures < 2**31 else np.int64)
        keys = descriptors.view("<u2").reshape(-1, 16)[:, :_TABLES]
        index_type = np.int32 if self._n < 2**31 else np.int64
        self._orders = np.empty((_TABLES, self._n), dtype=index_type)
        self._starts = np.zeros((_TABLES, _KEYS + 1), dtype=np.int64)
        for t in range(_TABLES):
            column = np.ascontiguousarray(keys[:, t])
            # Stable sort of uint16 is numpy's radix sort: linear in N.
            self._orders[t] = np.argsort(column, kind="stable")
            np.cumsum(np.bincount(column, minlength=_KEYS), out=self._starts[t, 1:])
        self._cap = max(_HEAVY_FLOOR, int(_HEAVY * self._n / _KEYS))

    def __len__(self) -> int:
        return self._n

    def votes(self, query: np.ndarray, max_bits: int, groups: np.ndarray | None = None) -> np.ndarray:
        """Per picture, how many query descriptors (Q x 32 uint8) have their nearest found stored descriptor
        (one sharing a 16-bit piece exactly, see the module docstring) in it, within `max_bits`.

        With `groups` (a group number 0 .. G - 1 per query descriptor, e.g. the views of one query: as seen,
        mirrored, each collage tile), a G x pictures array of the votes of each group's descriptors: one pass
        over the index for all of them."""
        query = np.ascontiguousarray(query, dtype=np.uint8).reshape(-1, 32)
        group_of = np.zeros(len(query), np.int64) if groups is None else np.asarray(groups, np.int64)
        n_groups = int(group_of.max()) + 1 if len(group_of) else 1
        out = np.zeros((n_groups, self._pictures), dtype=np.intp)
        if self._n == 0 or len(query) == 0:
            return out[0] if groups is None else out
        q_keys = query.view("<u2").reshape(-1, 16)[:, :_TABLES].astype(np.int64)  # Q x T
        at = q_keys + np.arange(_TABLES, dtype=np.int64)[None, :] * (_KEYS + 1)
        lo = self._starts.take(at)
        lengths = self._starts.take(at + 1) - lo
        lengths[lengths > self._cap] = 0  # keys too common to tell pictures apart
        # Each descriptor looks in its _PROBES rarest buckets only: a rare key is as likely as a common one to
        # be shared by a true partner, and far cheaper to read (pieces of ORB descriptors are very skewed:
        # the bucket a query lands in averages ~40 x the mean bucket, mostly through a few common keys).
        if _PROBES < _TABLES:
            rarest = np.argsort(lengths, axis=1, kind="stable")[:, :_PROBES]
            keep = np.zeros_like(lengths, dtype=bool)
            np.put_along_axis(keep, rarest, True, axis=1)
            lengths[~keep] = 0
        total = int(lengths.sum())
        if total == 0:
            return out[0] if groups is None else out
        # Every (query descriptor, stored descriptor) pair sharing a piece, as flat positions in _orders;
        # grouped by query descriptor (q_idx never decreases).
        base = (np.arange(_TABLES, dtype=np.int64)[None, :] * self._n + lo).ravel()
        flat_len = lengths.ravel()
        ends = np.cumsum(flat_len)
        rows = self._orders.reshape(-1).take(np.repeat(base - ends + flat_len, flat_len) + np.arange(total))
        per_query = lengths.sum(axis=1)
        q_idx = np.repeat(np.arange(len(query)), per_query)
        q_words = query.view(np.uint64).reshape(-1, 4)
        d = np.bitwise_count(self._words.take(rows, axis=0) ^ q_words.take(q_idx, axis=0)).sum(
            axis=1, dtype=np.int32
        )
        # Only each query descriptor's nearest stored descriptor(s) among those found vote: blurry or smooth
        # patches have descriptors tens of bits from those of many pictures, and a "within max_bits" vote
        # would let them vote for every smooth picture (a chat screenshot's picture outvoted by forty
        # synthetic ones); nearest neighbours pile up on the original, as a brute-force pass's did.
        present = np.flatnonzero(per_query)
        seg_starts = np.concatenate(([0], np.cumsum(per_query[present])[:-1]))
        nearest = np.full(len(query), 1 << 30, dtype=np.int32)
        nearest[present] = np.minimum.reduceat(d, seg_starts)
        near = (d <= max_bits) & (d == nearest[q_idx])
        # One vote per (query descriptor, picture): a descriptor found through several pieces, or close to
        # several descriptors of one picture, still counts once.
        pairs = np.unique(q_idx[near] * self._pictures + self._owners.take(rows[near]))
        cells = group_of[pairs // self._pictures] * self._pictures + pairs % self._pictures
        out = np.bincount(cells, minlength=n_groups * self._pictures).reshape(n_groups, self._pictures)
        return out[0] if groups is None else out
