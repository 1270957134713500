"""Decide whether a file is a copy of something on a list, and how sure we are.

Why this is more than one PDQ comparison: a reshared copy is often cropped a little, screenshotted inside a
phone or chat frame, captioned, mirrored or turned, and plain PDQ misses most of those. The matcher tries,
cheapest first, and reports the first thing that holds:

1. "exact": the same MD5 or SHA-256 (what video programmes exchange).
2. "pdq": any query hash (the file's PDQ, its video frames, the PDQ of the picture cut out of a frame)
   within `max_distance` of any known hash (a known's PDQ, its frames, its cut-out picture).
3. "pdq-dihedral": the query's mirrored / rotated PDQs, same threshold.
4. "features": both sides have robust signatures and their local features agree *in position*. This finds
   crops, captions, overlays and framed copies, mirrored ones too (the query's mirrored descriptors). Since a
   false match tells a victim an unrelated picture is hers, the check is deliberately strict, each step for
   a way chance pairs slip through (measured through real files in benchmarks/eval_robustness.py):
   pairs are mutual nearest neighbours passing Lowe's ratio test (unfiltered neighbours let RANSAC find a
   "transform" among chance pairs: unrelated photos reached 20 inliers that way); a RANSAC similarity
   with a ~5 px threshold on them gives the transform, which must rest on >= 4 of them; then every feature
   pair within ~5 px of where the transform puts it and within 40 bits counts (repetitive textures and
   overlays leave few ratio-tested pairs, but their other true pairs are right there): >= 12 of those when
   the transform rests on >= 8 ratio-tested pairs, >= 16 when on fewer. The transform must be a quarter
   turn (chance transforms take any angle), of plausible scale, put most of the known picture inside the
   query, and its pairs must spread over the picture. (Quarter turns within 16.5 degrees: tilted
   re-photographs and scans are turned by up to ~15; within 6, as before, every tilted copy was missed.)
   And the transform must line up in one place only: moved by three tolerances in any direction it may keep
   at most half of its pairs (`_echo`), unless >= 70 % of the ratio-tested pairs fit it. A copy's pairs
   scatter when the alignment moves; a self-similar
   picture's do not (the two halves of a motion-blurred clock, a stereo partner along its baseline: they
   share no pixels, but their streaks and edges line up under a shift as well as where RANSAC put them).
   A collage's signature also carries the features of each tile (robust.py), and each tile is checked
   like a query of its own, so a picture that is a ninth of a 3 x 3 collage meets its original at its
   own scale. Candidates come from a descriptor index (features_index.py), not a comparison with every
   stored descriptor, so the check's cost grows only slowly with the list. Measured figures, and the hard
   negatives still matched (terrain lit from other directions): docs/architecture.md.

Hashes of textureless images are noise (PDQ's quality < ~20, or a hash that is not half ones), so those never
match perceptually: two flat grey pictures are not "copies" of each other.

`Match.distance` is always PDQ bits, so it reads like `--max-distance`: for "features" it is the smallest PDQ
distance between any hash of the two sides, and is usually *above* the threshold (that is why features were
needed): it says how different the copy looks as a whole, not how sure the match is. The sureness is the
geometric check above, which either holds or does not. (A PDQ of the aligned region would need pixels the
list does not keep.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from victim_desk.core.fingerprint.features_index import DescriptorIndex
from victim_desk.core.fingerprint.index import HashIndex, HashTable, distances, hex_to_words
from victim_desk.core.fingerprint.robust import RobustSignature

_MIN_QUALITY = 8
# A real PDQ hash has 128 ones (median threshold); a flat image's is nearly all zeros.
_MIN_BALANCE = 96
_METHOD_RANK = {"exact": 0, "pdq": 1, "pdq-dihedral": 2, "features": 3}

# Feature verification, tuned on the tune photos of benchmarks/eval_robustness.py (report photos untouched).
_DESCRIPTOR_MAX = 64  # Hamming bits (of 256) between two ORB descriptors to call them a pair at all
_RATIO = 0.8  # Lowe's test: the best partner must be clearly better than the second best
_MIN_VOTES = 5  # query descriptors whose nearest found descriptor (features_index) is this known's
_VOTE_BITS = _DESCRIPTOR_MAX
_MAX_CANDIDATES = 24  # knowns checked geometrically per view, most votes first (bounds a query's cost)
_MIN_PAIRS = 8
_MIN_INLIERS = 12  # pairs where the transform puts them (see _guided)
_GUIDED_MAX = 40  # Hamming bits for those pairs: most true ones are < 35; edge-like patches of unrelated
# pictures share descriptors ~45 bits apart (ORB on a ramp says little but its direction)
_MIN_RANSAC = 4  # of them, mutual ratio-tested pairs (RANSAC inliers): the transform must rest on these
_STRONG_RANSAC = 8  # with fewer ratio-tested inliers than this (repetitive texture, overlays) ...
_MIN_INLIERS_WEAK = 16  # ... more pairs must confirm the transform
_REPROJECTION = 0.012  # RANSAC threshold, share of the query feature image's long side (~5 px)
# Copies are upright or quarter-turned, or tilted (re-photographed, scanned) by up to ~15 degrees; chance
# transforms take any angle, so this still turns most of them away.
_MAX_SKEW_DEGREES = 16.5
_SCALE_RANGE = (0.3, 2.5)  # pictures are normalised to one working size, so copies sit near 1
_MIN_COVERAGE = 0.4  # share of the known picture that must land inside the query (crops cut <= ~35 %)
_MIN_SPREAD = 0.15  # inliers must span this share of the known picture's width and height
_ECHO_SHIFT = 3.0  # tolerances the transform is moved by to see whether it lines up elsewhere as well
# ... and the most of its pairs it may keep there: copies keep <= ~0.33 (tune photos), self-similar
# pictures (the two halves of a motion-blurred clock, a stereo partner along its baseline) 0.67-0.86.
_MAX_ECHO = 0.5
_ECHO_RANSAC_SHARE = 0.7  # ... unless this share of the ratio-tested pairs fit the transform (see _verify)


@dataclass(frozen=True)
class Evidence:
    """What the feature check found between one query and one known (for the report and diagnostics)."""

    pairs: int  # mutual nearest, ratio-tested descriptor pairs
    inliers: int  # feature pairs that agree with the RANSAC similarity transform (see _guided)
    mirrored: bool  # found with the query's mirrored descriptors
    angle: float  # degrees off the nearest quarter turn
    scale: float
    coverage: float  # share of the known picture's area that the transform maps inside the query
    spread: float  # smaller of the inliers' span across the known picture's width and height
    accepted: bool
    ransac: int = 0  # of the ratio-tested pairs, those the RANSAC transform fits
    share: float = 0.0  # of the known's features the transform puts inside the query, the share that pair
    bits: float = 0.0  # median Hamming distance of the pairs that count
    tile: bool = False  # found through one tile of a collage query
    echo: float = 0.0  # pairs kept by the transform moved a little (_echo), as a share of `inliers`

    def __str__(self) -> str:
        return (
            f"{self.inliers} inliers ({self.ransac}/{self.pairs} ratio-tested)"
            f"{' mirrored' if self.mirrored else ''}"
            f" angle {self.angle:.1f} scale {self.scale:.2f}"
            f" coverage {self.coverage:.2f} spread {self.spread:.2f}"
            f" {'ACCEPTED' if self.accepted else 'rejected'}"
        )


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
        self._labels: Sequence[str]
        if isinstance(known, HashTable):
            # Indexed, never copied: a CSV list decodes a label only when it is part of a match.
            self._labels = known.labels
            words = np.asarray(known.words, dtype=np.uint64).reshape(-1, 4)
            owners = np.arange(len(self._labels))
            self._sums = [c for c in (known.md5, known.sha256) if c is not None]
            self._features: list[tuple[int, RobustSignature]] = []
        else:
            labels: list[str] = []
            self._labels = labels
            hexes, owner_list, self._features = [], [], []
            md5s: list[str | None] = []
            shas: list[str | None] = []
            for entry in known:
                i = len(labels)
                labels.append(entry.label)
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
        everything = bool(usable.all())  # the usual case for a received list: no 32 MB copy then
        self._owners = owners if everything else owners[usable]
        self._index = HashIndex(words if everything else words[usable])
        self._feature_stack()

    def _feature_stack(self) -> None:
        """All known descriptors in one index, so a few lookups find the candidate knowns."""
        sigs = [sig for _, sig in self._features]
        descriptors = np.concatenate([s.descriptors for s in sigs]) if sigs else np.zeros((0, 32), np.uint8)
        owners = np.repeat(np.arange(len(sigs), dtype=np.int64), [len(s.descriptors) for s in sigs])
        self._desc_index = DescriptorIndex(descriptors, owners, len(sigs))

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
                    known_hexes = sig.pdqs[0:1] + sig.pdqs[8:9] + sig.pdqs[16:]
                    offer(label, _closest(all_hexes, known_hexes), "features")
        return sorted(best.values(), key=lambda m: (_METHOD_RANK[m.method], m.distance, m.label))

    def feature_evidence(self, query: RobustSignature) -> list[tuple[str, Evidence]]:
        """The feature check's evidence against every candidate known (accepted or not), for diagnostics."""
        return [(self._labels[self._features[k][0]], ev) for k, ev in self._evidence(query)]

    def _feature_matches(self, query: RobustSignature) -> list[int]:
        """Indexes into self._features whose features agree with the query's geometrically."""
        return [k for k, ev in self._evidence(query) if ev.accepted]

    def _evidence(self, query: RobustSignature) -> list[tuple[int, Evidence]]:
        if not len(self._desc_index) or self._features_low(query):
            return []
        # The query as seen, and mirrored: its signature carries descriptors of the mirrored picture for its
        # strongest features, so a mirrored crop (no dihedral PDQ catches it) meets the original's features.
        # A collage's tiles are looked at the same way, each as a picture of its own.
        views: list[tuple[bool, bool, tuple[int, int], np.ndarray, np.ndarray]] = []
        for tile, size, points, descriptors, mirrored_descriptors in [
            (False, query.size, query.points, query.descriptors, query.mirrored),
            *((True, t.size, t.points, t.descriptors, t.mirrored) for t in query.tiles),
        ]:
            views.append((tile, False, size, points, descriptors))
            if len(mirrored_descriptors):
                mirrored_points = points[: len(mirrored_descriptors)].astype(np.int32)
                mirrored_points[:, 0] = size[0] - 1 - mirrored_points[:, 0]
                views.append((tile, True, size, mirrored_points, mirrored_descriptors))
        views = [v for v in views if len(v[4]) >= _MIN_INLIERS]
        if not views:
            return []
        # One pass over the index for every view (as seen, mirrored, each tile of a collage).
        votes = self._desc_index.votes(
            np.concatenate([v[4] for v in views]),
            _VOTE_BITS,
            np.repeat(np.arange(len(views)), [len(v[4]) for v in views]),
        )
        found: dict[int, Evidence] = {}
        for (tile, mirrored, size, points, descriptors), view_votes in zip(views, votes, strict=True):
            for k in _candidates(view_votes):
                known = self._features[k][1]
                ev = _verify(points.astype(np.float32), descriptors, size, known, mirrored, tile)
                old = found.get(k)
                if ev is not None and (old is None or _better(ev, old)):
                    found[k] = ev
        return sorted(found.items())

    @staticmethod
    def _features_low(query: RobustSignature) -> bool:
        return len(query.descriptors) < _MIN_INLIERS


def _better(new: Evidence, old: Evidence) -> bool:
    return (new.accepted, new.inliers) > (old.accepted, old.inliers)


def _candidates(votes: np.ndarray) -> list[int]:
    """Knowns with at least _MIN_VOTES of a view's descriptors nearest to one of theirs, most votes first, at
    most _MAX_CANDIDATES: the index (features_index.py) proposes them without comparing the query with every
    stored descriptor, so the careful check runs on a handful of knowns whatever the list size. An unrelated
    known gets ~0-2 votes; a copy's original dozens, and so does each duplicate of it."""
    chosen = np.flatnonzero(votes >= _MIN_VOTES)
    if len(chosen) > _MAX_CANDIDATES:
        chosen = chosen[np.argsort(-votes[chosen], kind="stable")[:_MAX_CANDIDATES]]
    return sorted(chosen.tolist())


def _hamming(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """len(a) x len(b) Hamming distances between rows of 32-byte descriptors."""
    a64 = np.ascontiguousarray(a).view(np.uint64)
    b64 = np.ascontiguousarray(b).view(np.uint64)
    return np.bitwise_count(a64[:, None, :] ^ b64[None, :, :]).sum(axis=2, dtype=np.int32)


def _pairs(query: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mutual nearest neighbours that pass Lowe's ratio test: (query indexes, known indexes).

    Unfiltered nearest neighbours are mostly chance pairs (any ORB descriptor has a partner ~60 bits away in
    a few hundred others), and RANSAC finds a "transform" among enough chance pairs. A true pair is the
    best for both its ends and clearly better than the runner-up, which removes nearly all chance pairs.
    """
    if len(query) < 2 or len(known) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return _ratio_pairs(_hamming(query, known))


def _ratio_pairs(d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """_pairs on a precomputed query x known distance matrix."""
    two = np.argpartition(d, 1, axis=1)[:, :2]
    rows = np.arange(d.shape[0])
    d_a, d_b = d[rows, two[:, 0]], d[rows, two[:, 1]]
    nearest = np.where(d_a <= d_b, two[:, 0], two[:, 1])
    first, second = np.minimum(d_a, d_b), np.maximum(d_a, d_b)
    mutual = d.argmin(axis=0)[nearest] == rows
    keep = mutual & (first <= _DESCRIPTOR_MAX) & (first < _RATIO * second)
    return rows[keep], nearest[keep]


def _verify(
    points: np.ndarray,
    descriptors: np.ndarray,
    size: tuple[int, int],
    known: RobustSignature,
    mirrored: bool,
    tile: bool = False,
) -> Evidence | None:
    """Fit a similarity transform known -> query on the paired features and judge it.

    A copy's transform is a quarter turn, a plausible scale, puts most of the known picture inside the
    query, and is supported by many pairs spread over the picture. A chance transform fitted to leftover
    pairs rarely has even one of these.
    """
    if len(descriptors) < 2 or len(known.descriptors) < 2:
        return None
    d = _hamming(descriptors, known.descriptors)
    q_idx, k_idx = _ratio_pairs(d)
    if len(q_idx) < _MIN_PAIRS:
        return None
    src = known.points[k_idx].astype(np.float32)
    dst = points[q_idx]
    tolerance = _REPROJECTION * max(size)
    transform, inliers = cv2.estimateAffinePartial2D(
        src, dst, method=cv2.RANSAC, ransacReprojThreshold=tolerance, maxIters=2000, confidence=0.999,
        refineIters=10,
    )  # fmt: skip
    if transform is None or inliers is None:
        return None
    ransac = int(inliers.sum())
    scale = float(np.hypot(transform[0, 0], transform[1, 0]))
    angle = float(np.degrees(np.arctan2(transform[1, 0], transform[0, 0])))
    skew = abs((angle + 45.0) % 90.0 - 45.0)
    # Every feature pair that sits where the transform puts it and is similar enough, not only the mutual,
    # ratio-tested ones: repetitive texture (bricks, gravel) and text overlays leave few of those, but
    # their other true pairs are right where the transform says. A chance transform gains ~nothing: a
    # descriptor within _GUIDED_MAX bits *and* within ~5 px of the predicted spot is rare by chance.
    used_k, used_bits = _guided(transform, known.points.astype(np.float32), points, d, tolerance)
    count = len(used_k)
    kw, kh = known.size
    corners = np.array([[0, 0], [kw, 0], [kw, kh], [0, kh]], dtype=np.float32)
    mapped = corners @ transform[:, :2].T.astype(np.float32) + transform[:, 2].astype(np.float32)
    frame = np.array([[0, 0], [size[0], 0], [size[0], size[1]], [0, size[1]]], dtype=np.float32)
    inside, _ = cv2.intersectConvexConvex(_convex(mapped), frame)
    coverage = float(inside) / max(scale * scale * kw * kh, 1e-6)
    used = known.points[used_k].astype(np.float32)
    spread = float(np.min(np.ptp(used, axis=0) / np.array([kw, kh], np.float32))) if count else 0.0
    kp = known.points.astype(np.float32) @ transform[:, :2].T.astype(np.float32) + transform[:, 2].astype(
        np.float32
    )
    landed = int(((kp[:, 0] >= 0) & (kp[:, 0] < size[0]) & (kp[:, 1] >= 0) & (kp[:, 1] < size[1])).sum())
    share = count / max(landed, 1)
    bits = float(np.median(used_bits)) if count else 0.0
    accepted = (
        ransac >= _MIN_RANSAC
        and count >= (_MIN_INLIERS if ransac >= _STRONG_RANSAC else _MIN_INLIERS_WEAK)
        and skew <= _MAX_SKEW_DEGREES
        and _SCALE_RANGE[0] <= scale <= _SCALE_RANGE[1]
        and coverage >= _MIN_COVERAGE
        and spread >= _MIN_SPREAD
    )
    echo = _echo(transform, known.points.astype(np.float32), points, d, tolerance, count) if accepted else 0.0
    # A self-similar picture's true copy also lines up elsewhere (a crop of the clock: 0.64), but there the
    # mutual, ratio-tested pairs agree with the transform nearly all (29 of 36); chance alignments of
    # streaks rest on guided pairs (6-10 of ~20 ratio-tested).
    accepted = accepted and (echo <= _MAX_ECHO or ransac >= _ECHO_RANSAC_SHARE * len(q_idx))
    return Evidence(
        len(q_idx), count, mirrored, skew, scale, coverage, spread, accepted, ransac, share, bits, tile, echo
    )


def _echo(
    transform: np.ndarray, known_points: np.ndarray, points: np.ndarray, d: np.ndarray, tolerance: float,
    count: int,
) -> float:  # fmt: skip
    """The most pairs the transform keeps when moved by a few tolerances in any direction, as a share of
    the pairs it has where it is. A copy lines up in one place only; a self-similar texture (motion-blur
    streaks, a repeated pattern) lines up nearly as well shifted, so agreement in position proves nothing."""
    best = 0
    step = _ECHO_SHIFT * tolerance
    for angle in range(0, 360, 45):
        moved = transform.copy()
        moved[0, 2] += step * np.cos(np.radians(angle))
        moved[1, 2] += step * np.sin(np.radians(angle))
        best = max(best, len(_guided(moved, known_points, points, d, tolerance)[0]))
    return best / max(count, 1)


def _guided(
    transform: np.ndarray, known_points: np.ndarray, points: np.ndarray, d: np.ndarray, tolerance: float
) -> tuple[np.ndarray, np.ndarray]:
    """Known feature indexes paired one-to-one (closest descriptors first) with a query feature within
    `tolerance` px of where the transform maps them and within _GUIDED_MAX bits, and those pairs' bits."""
    mapped = known_points @ transform[:, :2].T.astype(np.float32) + transform[:, 2].astype(np.float32)
    gap = ((points[:, None, :] - mapped[None, :, :]) ** 2).sum(axis=2)  # query x known
    q, k = np.nonzero((gap <= tolerance * tolerance) & (d <= _GUIDED_MAX))
    order = np.argsort(d[q, k], kind="stable")
    seen_q: set[int] = set()
    seen_k: set[int] = set()
    used, bits = [], []
    for i in order.tolist():
        a, b = int(q[i]), int(k[i])
        if a not in seen_q and b not in seen_k:
            seen_q.add(a)
            seen_k.add(b)
            used.append(b)
            bits.append(int(d[a, b]))
    return np.array(used, dtype=np.int64), np.array(bits, dtype=np.int32)


def _convex(points: np.ndarray) -> np.ndarray:
    """The mapped corners in the (counter-)clockwise order intersectConvexConvex expects."""
    return cv2.convexHull(points.reshape(-1, 1, 2)).reshape(-1, 2)


def _closest(query_hexes: Sequence[str], known_hexes: Sequence[str]) -> int:
    if not query_hexes or not known_hexes:
        return 256
    q = hex_to_words(list(query_hexes))
    return int(min(distances(q, k).min() for k in hex_to_words(list(known_hexes))))
