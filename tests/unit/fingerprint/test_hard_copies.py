"""Harder copies (issue 8, section 4): tilted re-photographs and scans, collages, with mirroring and crops;
and a hard negative that must stay apart (the other part of the same photo)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from _photos import collage, crop, encode, hard_edits, photo, tilt

from victim_desk.core.fingerprint.matching import Known, Matcher
from victim_desk.core.fingerprint.robust import RobustSignature, signature

NAMES = ("astronaut", "coffee", "chelsea", "rocket", "camera")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([Known(n, (signature(photo(n)).pdqs[8],), robust=signature(photo(n))) for n in NAMES])


def _labels(matcher: Matcher, sig: RobustSignature) -> list[tuple[str, str]]:
    return [(m.label, m.method) for m in matcher.match([sig.pdqs[8]], sig)]


@pytest.mark.parametrize(
    ("name", "edit"),
    [("coffee", "tilt-15"), ("astronaut", "tilt7"), ("chelsea", "scan_tilt8"), ("rocket", "tilt10_mirror"),
     ("camera", "tilt6_crop10")],
)  # fmt: skip
def test_tilted_copies_are_found(matcher: Matcher, name: str, edit: str) -> None:
    copy = signature(hard_edits()[edit](photo(name)))  # type: ignore[operator]
    assert _labels(matcher, copy) == [(name, "features")]


@pytest.mark.parametrize(
    ("name", "edit"),
    [("coffee", "collage3_4"), ("astronaut", "collage3_8"), ("chelsea", "collage2_mirror"),
     ("rocket", "collage3_crop5_tilt5"), ("camera", "collage2_crop8")],
)  # fmt: skip
def test_collage_tiles_are_found(matcher: Matcher, name: str, edit: str) -> None:
    copy = signature(hard_edits()[edit](photo(name)))  # type: ignore[operator]
    assert copy.tiles  # the grid was seen
    assert _labels(matcher, copy) == [(name, "features")]


def test_photos_are_not_taken_for_collages() -> None:
    for name in NAMES:
        assert signature(photo(name)).tiles == (), name


def test_the_other_part_of_a_photo_never_matches() -> None:
    parts = []
    for name in NAMES:
        img = photo(name)
        w = img.shape[1]
        left = signature(img[:, : int(0.45 * w)])
        parts.append(Known(f"{name}/left", (left.pdqs[8],), robust=left))
    matcher = Matcher(parts)
    for name in NAMES:
        img = photo(name)
        right = img[:, int(0.55 * img.shape[1]) :]
        for query in (right, tilt(right, 8), np.ascontiguousarray(right[:, ::-1]), crop(right, 0.05, "t")):
            assert _labels(matcher, signature(query)) == [], name


def test_tiles_survive_json_and_older_signatures_still_read() -> None:
    sig = signature(collage(photo("coffee"), 2, 1, seed=3))
    assert len(sig.tiles) == 4
    again = RobustSignature.from_json(json.loads(json.dumps(sig.to_json())))
    assert again == sig
    older = sig.to_json()
    del older["tiles"]  # what signatures stored before tiles existed look like
    read = RobustSignature.from_json(older)
    assert read.tiles == () and np.array_equal(read.descriptors, sig.descriptors)
    assert "tiles" not in signature(photo("coffee")).to_json()


def test_self_similar_parts_of_one_photo_stay_apart() -> None:
    """The two halves of a motion-blurred clock share no pixels, but their streaks line up under a shift:
    the transform must line up in one place only (matching._echo), which a real copy does."""
    img = photo("clock")
    h = img.shape[0]
    top = signature(encode(img[: int(0.45 * h)], "JPEG", 90))  # as stored and re-shared files are
    matcher = Matcher([Known("clock/top", (top.pdqs[8],), robust=top)])
    for query in (img[int(0.55 * h) :], crop(img[int(0.55 * h) :], 0.05, "lr")):
        sig = signature(encode(query, "JPEG", 85))
        assert _labels(matcher, sig) == []
        evidence = matcher.feature_evidence(sig)
        # Every other gate holds (58 and 48 pairs, near-upright, scale ~1): only lining up elsewhere too
        # rejects it.
        assert [ev.accepted for _, ev in evidence] == [False]
        assert evidence[0][1].echo > 0.6 and evidence[0][1].inliers >= 40
    # A true crop of the top part still lines up in one place and is found.
    found = matcher.match([], signature(encode(crop(img[: int(0.45 * h)], 0.08, "lt"), "JPEG", 85)))
    assert [(m.label, m.method) for m in found] == [("clock/top", "features")]
