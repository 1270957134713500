"""Matching at vault scale: more stored descriptors than OpenCV's brute-force matcher accepts (262,144, its
IMGIDX_ONE limit, ~1,650 stored pictures), and the descriptor index that proposes candidates instead."""

from __future__ import annotations

import numpy as np
import pytest
from _photos import caption_bar, crop, photo

from victim_desk.core.fingerprint.features_index import DescriptorIndex
from victim_desk.core.fingerprint.matching import Known, Matcher
from victim_desk.core.fingerprint.robust import RobustSignature, signature

OPENCV_TRAIN_LIMIT = 262_144


def _filler(rng: np.random.Generator, i: int, features: int) -> Known:
    """A stored picture with a small, random feature set (what a sparse photo gives)."""
    words = rng.integers(0, 256, (3, 32), dtype=np.uint8)
    pdqs = tuple(w.tobytes().hex() for w in words)
    sig = RobustSignature(
        quality=80,
        pdqs=pdqs,
        size=(400, 300),
        points=np.column_stack([rng.integers(0, 400, features), rng.integers(0, 300, features)]).astype(
            np.uint16
        ),
        descriptors=rng.integers(0, 256, (features, 32), dtype=np.uint8),
    )
    return Known(label=f"filler{i}", pdq=(pdqs[0],), robust=sig)


@pytest.fixture(scope="module")
def crowded() -> tuple[Matcher, dict[str, RobustSignature]]:
    """20,000 stored pictures of 14 features each (280,000 descriptors) and two real photos among them."""
    rng = np.random.default_rng(8)
    knowns = [_filler(rng, i, 14) for i in range(20_000)]
    real = {name: signature(photo(name)) for name in ("astronaut", "coffee")}
    knowns[7_000:7_000] = [Known(name, (sig.pdqs[8],), robust=sig) for name, sig in real.items()]
    assert sum(len(k.robust.descriptors) for k in knowns if k.robust) > OPENCV_TRAIN_LIMIT
    return Matcher(knowns), real


def test_more_descriptors_than_opencv_accepts_still_match(
    crowded: tuple[Matcher, dict[str, RobustSignature]],
) -> None:
    matcher, _ = crowded
    # A cropped, captioned copy: its PDQ is far off, only the feature stage can find it.
    copy = signature(caption_bar(crop(photo("astronaut"), 0.08, "lb"), "bottom"))
    result = matcher.match([copy.pdqs[8]], copy)
    assert [(m.label, m.method) for m in result] == [("astronaut", "features")]
    mirrored = signature(np.ascontiguousarray(crop(photo("coffee"), 0.1, "rt")[:, ::-1]))
    assert [m.label for m in matcher.match([mirrored.pdqs[8]], mirrored)] == ["coffee"]


def test_unrelated_photo_finds_nothing_in_a_crowded_list(
    crowded: tuple[Matcher, dict[str, RobustSignature]],
) -> None:
    matcher, _ = crowded
    query = signature(photo("chelsea"))
    assert matcher.match([query.pdqs[8]], query) == []


def test_index_votes_count_each_query_descriptor_once_per_picture() -> None:
    rng = np.random.default_rng(3)
    stored = rng.integers(0, 256, (300, 32), dtype=np.uint8)
    owners = np.repeat(np.arange(3), 100)
    stored[100:200] = stored[0:100]  # picture 1 duplicates picture 0
    index = DescriptorIndex(stored, owners, 3)
    query = stored[:40].copy()
    query[:, 31] ^= 0x0F  # 4 bits off: every piece but the last still agrees exactly
    votes = index.votes(query, 8)
    assert votes.tolist() == [40, 40, 0]
    assert index.votes(query, 3).tolist() == [0, 0, 0]
    assert DescriptorIndex(np.zeros((0, 32), np.uint8), np.zeros(0, np.int64), 0).votes(query, 64).size == 0
