"""Matcher semantics: exact sums, PDQ thresholds, video frames, one result per label, big-list tables, and
the feature stage through real files (unrelated photos never match; cropped, captioned, mirrored and
screenshotted copies find their original)."""

from __future__ import annotations

import numpy as np
import pytest
from _photos import caption_bar, crop, edits, encode, phone_screenshot, photo, resize
from PIL import Image

from victim_desk.core.fingerprint import fingerprint_file, pdq
from victim_desk.core.fingerprint.index import HashTable, hex_to_words
from victim_desk.core.fingerprint.matching import Known, Matcher
from victim_desk.core.fingerprint.robust import signature
from victim_desk.core.fingerprint.types import Fingerprint

MD5 = "d41d8cd98f00b204e9800998ecf8427e"


def _hex(rgb: np.ndarray) -> str:
    return pdq.bits_to_hex(pdq.pdq_from_gray(pdq.luminance(rgb))[0])


def _flip_bits(h: str, n: int) -> str:
    value = int(h, 16)
    for b in range(n):
        value ^= 1 << (b * 7 % 256)
    return f"{value:064x}"


def test_exact_sums_match_even_without_pdq() -> None:
    matcher = Matcher([Known("video.mp4", (), md5=MD5), Known("other", (_hex(photo("coffee")),))])
    assert matcher.match([], md5=MD5.upper()) == [matcher.match([], md5=MD5)[0]]
    assert [(m.label, m.method, m.distance) for m in matcher.match([], md5=MD5)] == [
        ("video.mp4", "exact", 0)
    ]
    assert matcher.match([], md5="0" * 32) == []


def test_threshold_and_best_first() -> None:
    base = _hex(photo("chelsea"))
    known = [Known("near", (_flip_bits(base, 5),)), Known("far", (_flip_bits(base, 31),)),
             Known("too far", (_flip_bits(base, 32),))]  # fmt: skip
    matches = Matcher(known).match([base])
    assert [(m.label, m.distance) for m in matches] == [("near", 5), ("far", 31)]
    assert [m.label for m in Matcher(known).match([base], max_distance=10)] == ["near"]


def test_one_match_per_label_keeps_the_best() -> None:
    base = _hex(photo("chelsea"))
    known = [Known("dup", (_flip_bits(base, 20),)), Known("dup", (_flip_bits(base, 3),))]
    assert [(m.label, m.distance) for m in Matcher(known).match([base])] == [("dup", 3)]


def test_video_frames_match_a_screenshot_and_a_clip() -> None:
    frames = [photo(n) for n in ("astronaut", "rocket", "camera", "chelsea", "moon", "motorcycle_left")]
    frame_hashes = tuple(_hex(f) for f in frames)
    matcher = Matcher([Known("clip.mp4", frame_hashes), Known("photo", (_hex(photo("coffee")),))])
    # A screenshot of frame 3 on a phone: the cut-out picture carries the frame's hash.
    shot = encode(phone_screenshot(frames[3]), "JPEG", 85)
    result = matcher.match([_hex(shot)], signature(shot))
    assert [m.label for m in result] == ["clip.mp4"]
    # A re-encoded, shrunk clip of frames 2..4: query frames against known frames.
    clip = [_hex(resize(encode(f, "JPEG", 30), 240)) for f in frames[2:5]]
    assert [m.label for m in matcher.match(clip)] == ["clip.mp4"]


def test_hash_table_path_matches_like_known_objects() -> None:
    images = [photo(n) for n in ("chelsea", "camera", "coffee")]
    hexes = [_hex(i) for i in images]
    table = HashTable(words=hex_to_words(hexes), labels=["a", "b", "c"],
                      md5=np.array([b"", MD5.encode(), b""], dtype="S32"))  # fmt: skip
    query = encode(images[1][:, ::-1], "JPEG", 30)
    result = Matcher(table).match([_hex(query)], signature(query))
    assert [(m.label, m.method) for m in result] == [("b", "pdq-dihedral")]
    assert [m.label for m in Matcher(table).match([], md5=MD5)] == ["b"]


def test_degenerate_hashes_never_match() -> None:
    flat = "0" * 64  # what a flat image hashes to: not half ones
    assert Matcher([Known("flat", (flat,))]).match([flat]) == []


# --- the feature stage through real files: what a user's folder goes through ----------------------------


@pytest.fixture(scope="module")
def on_disk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fingerprint]:
    """Four unrelated photos and edited copies of two of them, written as files and fingerprinted."""
    folder = tmp_path_factory.mktemp("photos")
    out: dict[str, Fingerprint] = {}

    def write(label: str, rgb: np.ndarray, name: str, **save: object) -> None:
        path = folder / name
        Image.fromarray(np.ascontiguousarray(rgb)).save(path, **save)  # type: ignore[arg-type]
        out[label] = fingerprint_file(path)

    for name in ("astronaut", "coffee", "chelsea", "rocket"):
        write(name, photo(name), f"{name}.jpg", quality=92)
    for name in ("astronaut", "coffee"):
        img = photo(name)
        write(f"{name}/crop_caption_webp", caption_bar(crop(img, 0.08, "lb"), "bottom"), f"{name}1.webp",
              quality=30)  # fmt: skip
        write(f"{name}/mirror_crop", crop(img, 0.08, "rt")[:, ::-1], f"{name}2.jpg", quality=85)
        write(f"{name}/phone", phone_screenshot(img, dark=False), f"{name}3.png")
    return out


def _known(fps: dict[str, Fingerprint], *labels: str) -> Matcher:
    return Matcher([Known(label=n, pdq=(fps[n].pdq,), robust=fps[n].robust) for n in labels])


def test_unrelated_photo_files_never_match(on_disk: dict[str, Fingerprint]) -> None:
    # Chelsea and the rocket used to "match" coffee through 20 chance RANSAC inliers.
    names = ["astronaut", "coffee", "chelsea", "rocket"]
    two = _known(on_disk, "astronaut", "coffee")
    for name in ("chelsea", "rocket"):
        assert two.match((on_disk[name].pdq,), on_disk[name].robust) == [], name
    for name in names:
        matcher = _known(on_disk, *[n for n in names if n != name])
        assert matcher.match((on_disk[name].pdq,), on_disk[name].robust) == [], name


@pytest.mark.parametrize("edit", ["crop_caption_webp", "mirror_crop", "phone"])
@pytest.mark.parametrize("name", ["astronaut", "coffee"])
def test_edited_copy_files_match_their_original_only(
    on_disk: dict[str, Fingerprint], name: str, edit: str
) -> None:
    copy = on_disk[f"{name}/{edit}"]
    result = _known(on_disk, "astronaut", "coffee", "chelsea", "rocket").match((copy.pdq,), copy.robust)
    assert [m.label for m in result] == [name]
    assert 0 <= result[0].distance <= 256


def test_features_distance_is_the_closest_pdq_distance(on_disk: dict[str, Fingerprint]) -> None:
    copy = on_disk["coffee/crop_caption_webp"]
    [found] = _known(on_disk, "coffee").match((copy.pdq,), copy.robust, max_distance=0)
    assert found.method == "features"
    known = on_disk["coffee"].robust
    assert known is not None and copy.robust is not None
    everything = [copy.pdq, copy.robust.pdqs[0], *copy.robust.pdqs[1:]]
    assert found.distance == min(pdq.hamming(q, k) for q in everything for k in [on_disk["coffee"].pdq,
                                 known.pdqs[0], *known.pdqs[8:9], *known.pdqs[16:]])  # fmt: skip


# Copies the feature stage used to miss, each through a file as the evaluation writes it:
# - a crop of a low-contrast photo (the moon): its smooth parts were taken for a "frame", so original and copy
#   were described over different regions;
# - a mirrored crop of a repetitive texture (bricks) in a phone screenshot: few pairs pass the ratio test; the
#   transform they give is right, and the other pairs, where it puts them, confirm it;
# - a chat screenshot: the picture is a third of the screen, and was described at 512 px screen size;
# - a white text overlay: its letter corners took most of the feature slots.
_HARD = {
    "moon": ("crop10_r", "jpg"),
    "brick": ("mirror_crop5_phone", "jpg"),
    "cell": ("chat", "png"),
    "rocket": ("text_overlay", "jpg"),
}


@pytest.fixture(scope="module")
def hard_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fingerprint]:
    folder = tmp_path_factory.mktemp("hard")
    out: dict[str, Fingerprint] = {}
    for name, (edit, suffix) in _HARD.items():
        for label, rgb, ext in (
            (name, photo(name), "jpg"),
            (f"{name}/{edit}", edits()[edit](photo(name)), suffix),
        ):
            path = folder / f"{label.replace('/', '_')}.{ext}"
            Image.fromarray(np.ascontiguousarray(rgb)).save(path, **({"quality": 90} if ext == "jpg" else {}))
            out[label] = fingerprint_file(path)
    return out


@pytest.mark.parametrize("name", sorted(_HARD))
def test_hard_copies_are_found_by_features(
    on_disk: dict[str, Fingerprint], hard_copies: dict[str, Fingerprint], name: str
) -> None:
    everything = {**on_disk, **hard_copies}
    originals = list(dict.fromkeys([*_HARD, "astronaut", "coffee", "chelsea", "rocket"]))
    copy = hard_copies[f"{name}/{_HARD[name][0]}"]
    result = _known(everything, *originals).match((copy.pdq,), copy.robust)
    assert [(m.label, m.method) for m in result] == [(name, "features")]
    # And the originals still find only themselves.
    original = hard_copies[name]
    assert [m.label for m in _known(everything, *originals).match((original.pdq,), original.robust)] == [name]
