"""Decide whether a file is a copy of something on a list, and how sure we are.

Why this is more than one PDQ comparison: a reshared copy is often cropped a little, screenshotted inside a
phone or chat frame, captioned, mirrored or turned, and plain PDQ misses most of those. The matcher tries,
cheapest first, and reports the first thing that holds:

1. "exact": the same MD5 or SHA-256 (what video programmes exchange).
2. "pdq": any query hash (the file's PDQ, its video frames, the PDQ of the picture cut out of a frame)
   within `max_distance` of any known hash (a known's PDQ, its frames, its cut-out picture).
3. "pdq-dihedral": the query's mirrored / rotated PDQs, same threshold.
4. "features": both sides have robust signatures and enough local features agree *in position* (a
   similarity transform found by RANSAC with many inliers spread over the picture). This finds crops,
   overlays and framed copies; the geometric check is what keeps unrelated photos out.

Hashes of textureless images are noise (PDQ's quality < ~20, or a hash that is not half ones), so those never
match perceptually: two flat grey pictures are not "copies" of each other.

`Match.distance` is always PDQ bits: for "features" it is the smallest PDQ distance between the two sides,
which may exceed the threshold (that is why features were needed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from victim_desk.core.fingerprint.index import HashIndex, HashTable, distances, hex_to_words
from victim_desk.core.fingerprint.robust import RobustSignature

_MIN_QUALITY = 8
# A real PDQ hash has 128 ones (median threshold); a flat image's is nearly all zeros.
_MIN_BALANCE = 96
_METHOD_RANK = {"exact": 0, "pdq": 1, "pdq-dihedral": 2, "features": 3}
# Feature verification. Tuned on the tune photos of benchmarks/eval_robustness.py.
_DESCRIPTOR_MAX = 64  # Hamming bits between two ORB descriptors to call them a pair
_MIN_PAIRS = 8
_MIN_INLIERS = 10
_MIN_INLIER_SHARE = 0.15
_MIN_SPREAD = 0.15  # inliers must span this share of the known picture's width and height
_SCALE_RANGE = (0.4, 2.5)  # pictures are normalised to one working size, so copies sit near 1


@dataclass(frozen=True)
class Known:
    """One entry of a hash list. `pdq` = the main hash followed by any video frame hashes."""

    label: str
    pdq: tuple[str, ...]
    robust: RobustSignature | None = None
    md5: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Match:
    label: str
    distance: int
    method: str


def _balanced(words: np.ndarray) -> np.ndarray:
    ones = np.bitwise_count(words).sum(axis=1)
    return np.abs(ones.astype(np.int32) - 128) <= 128 - _MIN_BALANCE


class Matcher:
    """Matches queries against a fixed list of knowns (a list of Known or a HashTable for big lists)."""

    def __init__(self, known: Iterable[Known] | HashTable) -> None:
        if isinstance(known, HashTable):
            self._labels = list(known.labels)
            words = np.asarray(known.words, dtype=np.uint64).reshape(-1, 4)
            owners = np.arange(len(self._labels))
            self._sums = [c for c in (known.md5, known.sha256) if c is not None]
            self._features: list[tuple[int, RobustSignature]] = []
        else:
            self._labels, hexes, owner_list, self._features = [], [], [], []
            md5s: list[str | None] = []
            shas: list[str | None] = []
            for entry in known:
                i = len(self._labels)
                self._labels.append(entry.label)
                md5s.append(entry.md5)
                shas.append(entry.sha256)
                extra: tuple[str, ...] = ()
                if entry.robust is not None:
                    extra = entry.robust.pdqs[0:1] + entry.robust.pdqs[8:9] + entry.robust.pdqs[16:]
                    if len(entry.robust.descriptors) >= _MIN_INLIERS:
                        self._features.append((i, entry.robust))
                for h in (*entry.pdq, *extra):
                    hexes.append(h.strip().lower())
                    owner_list.append(i)
            words = hex_to_words(hexes)
            owners = np.array(owner_list, dtype=np.int64)
            self._sums = [
                np.array([(v or "").strip().lower() for v in column], dtype=f"S{n}")
                for column, n in ((md5s, 32), (shas, 64))
            ]
        self._low_quality = {i for i, sig in self._features if sig.quality < _MIN_QUALITY}
        usable = _balanced(words) if len(words) else np.zeros(0, dtype=bool)
        self._words = words
        self._owners = owners[usable]
        self._index = HashIndex(words[usable])
        self._feature_stack()

    def _feature_stack(self) -> None:
        """All known descriptors in one array, so one brute-force pass pairs a query with every known."""
        if not self._features:
            self._desc = np.zeros((0, 32), dtype=np.uint8)
            self._desc_owner = np.zeros(0, dtype=np.int64)
            return
        self._desc = np.concatenate([sig.descriptors for _, sig in self._features])
        self._desc_owner = np.concatenate(
            [np.full(len(sig.descriptors), k, dtype=np.int64) for k, (_, sig) in enumerate(self._features)]
        )

    def __len__(self) -> int:
        return len(self._labels)

    def match(
        self,
        query_pdq: Sequence[str],
        query_robust: RobustSignature | None = None,
        *,
        md5: str | None = None,
        sha256: str | None = None,
        max_distance: int = 31,
    ) -> list[Match]:
        """Every known this query is a copy of, best first, one Match per label."""
        best: dict[str, Match] = {}

        def offer(label: str, distance: int, method: str) -> None:
            old = best.get(label)
            new = Match(label, int(distance), method)
            if old is None or (_METHOD_RANK[method], distance) < (_METHOD_RANK[old.method], old.distance):
                best[label] = new

        for value in (md5, sha256):
            if value:
                key = value.strip().lower().encode("ascii", "replace")
                for column in self._sums:
                    for i in np.flatnonzero(column == key).tolist():
                        offer(self._labels[i], 0, "exact")

        low_quality = query_robust is not None and query_robust.quality < _MIN_QUALITY
        plain = [h.strip().lower() for h in query_pdq]
        dihedral: list[str] = []
        if query_robust is not None:
            plain += [query_robust.pdqs[0], *query_robust.pdqs[8:9], *query_robust.pdqs[16:]]
            dihedral = [*query_robust.pdqs[1:8], *query_robust.pdqs[9:16]]
        if not low_quality:
            for hexes, method in ((plain, "pdq"), (dihedral, "pdq-dihedral")):
                if not hexes:
                    continue
                queries = hex_to_words(hexes)
                queries = queries[_balanced(queries)]
                _, rows, dist = self._index.search_many(queries, max_distance)
                for row, d in zip(rows.tolist(), dist.tolist(), strict=True):
                    owner = int(self._owners[row])
                    if owner not in self._low_quality:
                        offer(self._labels[owner], d, method)

        if query_robust is not None and not low_quality and len(query_robust.descriptors) >= _MIN_INLIERS:
            all_hexes = plain + dihedral
            for k in self._feature_matches(query_robust):
                owner, sig = self._features[k]
                label = self._labels[owner]
                if label not in best:
                    offer(
                        label, _closest(all_hexes, sig.pdqs[0:1] + sig.pdqs[8:9] + sig.pdqs[16:]), "features"
                    )
        return sorted(best.values(), key=lambda m: (_METHOD_RANK[m.method], m.distance, m.label))

    def _feature_matches(self, query: RobustSignature) -> list[int]:
        """Indexes into self._features whose features agree with the query's geometrically."""
        if not len(self._desc):
            return []
        matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
        # The three nearest known descriptors per query descriptor: a copy listed twice still gets its pairs,
        # and repetitive textures (bricks, grass) keep their true pair among look-alikes.
        pairs = matcher.knnMatch(query.descriptors, self._desc, k=3)
        by_known: dict[int, list[tuple[int, int]]] = {}
        for candidates in pairs:
            for m in candidates:
                if m.distance <= _DESCRIPTOR_MAX:
                    k = int(self._desc_owner[m.trainIdx])
                    by_known.setdefault(k, []).append((m.queryIdx, m.trainIdx))
        offsets = np.concatenate([[0], np.cumsum([len(sig.descriptors) for _, sig in self._features])])
        found = []
        for k, matched in by_known.items():
            if len(matched) >= _MIN_PAIRS and _geometry_holds(
                query, self._features[k][1], matched, offsets[k]
            ):
                found.append(k)
        return found


def _geometry_holds(
    query: RobustSignature, known: RobustSignature, matched: list[tuple[int, int]], offset: int
) -> bool:
    """RANSAC a similarity transform known -> query; accept only a clear, spread-out, plausible one."""
    src = known.points[[t - offset for _, t in matched]].astype(np.float32)
    dst = query.points[[q for q, _ in matched]].astype(np.float32)
    threshold = 0.02 * max(query.size)
    transform, inliers = cv2.estimateAffinePartial2D(
        src, dst, method=cv2.RANSAC, ransacReprojThreshold=threshold, maxIters=500, confidence=0.99
    )
    if transform is None or inliers is None:
        return False
    mask = inliers.ravel().astype(bool)
    count = int(mask.sum())
    if count < _MIN_INLIERS or count < _MIN_INLIER_SHARE * len(matched):
        return False
    scale = float(np.hypot(transform[0, 0], transform[1, 0]))
    if not _SCALE_RANGE[0] <= scale <= _SCALE_RANGE[1]:
        return False
    # Inliers crowded on one small patch (a logo, a line of text) are not evidence of the same photo.
    used = src[mask]
    span = np.ptp(used, axis=0) / np.maximum(np.array(known.size, dtype=np.float32), 1)
    return bool(span[0] >= _MIN_SPREAD and span[1] >= _MIN_SPREAD)


def _closest(query_hexes: Sequence[str], known_hexes: Sequence[str]) -> int:
    if not query_hexes or not known_hexes:
        return 256
    q = hex_to_words(list(query_hexes))
    return int(min(distances(q, k).min() for k in hex_to_words(list(known_hexes))))
