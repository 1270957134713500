"""Harder copies (issue 8, section 4): tilted re-photographs and scans, collages, with mirroring and crops;
and a hard negative that must stay apart (the other part of the same photo)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from _photos import collage, crop, hard_edits, photo, tilt

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
    top = signature(img[: int(0.45 * h)])
    matcher = Matcher([Known("clock/top", (top.pdqs[8],), robust=top)])
    for query in (img[int(0.55 * h) :], crop(img[int(0.55 * h) :], 0.05, "lr")):
        assert _labels(matcher, signature(query)) == []
    evidence = matcher.feature_evidence(signature(img[int(0.55 * h) :]))
    assert evidence and all(not ev.accepted for _, ev in evidence)
    assert max(ev.echo for _, ev in evidence) > 0.5  # rejected for lining up elsewhere too
    # A true crop of the top part still lines up in one place and is found.
    found = matcher.match([], signature(crop(img[: int(0.45 * h)], 0.08, "lt")))
    assert [(m.label, m.method) for m in found] == [("clock/top", "features")]
