"""Matcher semantics: exact sums, PDQ thresholds, video frames, one result per label, big-list tables."""

from __future__ import annotations

import numpy as np
from _photos import encode, phone_screenshot, photo, resize

from victim_desk.core.fingerprint import pdq
from victim_desk.core.fingerprint.index import HashTable, hex_to_words
from victim_desk.core.fingerprint.matching import Known, Matcher
from victim_desk.core.fingerprint.robust import signature

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
