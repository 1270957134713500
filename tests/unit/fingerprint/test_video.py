"""Video fingerprints: containers, frame sampling and collapsing, keyframe-only decoding, caps, bad files."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import numpy as np
import pytest
from _media import SCENES, scene
from PIL import Image

from victim_desk.core.cancel import CancelToken
from victim_desk.core.fingerprint import Fingerprint, fingerprint_file, pdq
from victim_desk.core.fingerprint import video as video_mod
from victim_desk.errors import Cancelled, CorruptFile, DeskError, ImageTooLarge, UnsupportedFile, VideoTooLong


def _still_pdq(tmp_path: Path, rgb: np.ndarray) -> str:
    path = tmp_path / "still.png"
    Image.fromarray(rgb).save(path)
    return fingerprint_file(path).pdq


@pytest.mark.parametrize(("name", "codec"), [("v.mp4", "libx264"), ("v.mov", "libx264"), ("v.mkv", "libx264"),
                                             ("v.webm", "libvpx-vp9"), ("v.avi", "mpeg4")])  # fmt: skip
def test_containers_give_one_hash_per_scene(video, tmp_path: Path, name: str, codec: str) -> None:
    path = video(name, codec=codec)
    fp = fingerprint_file(path)
    data = path.read_bytes()
    assert fp.kind == "video" and fp.size == len(data)
    assert fp.sha256 == hashlib.sha256(data).hexdigest() and fp.md5 == hashlib.md5(data).hexdigest()
    # Four scenes of one second, slowly panning: sampled at each keyframe and halfway to the next.
    assert _seconds(fp) == [0, 1, 2, 3] and all(round(f.t * 2, 3) == round(f.t * 2) for f in fp.frames)
    on_keyframes = [f for f in fp.frames if f.t == round(f.t)]
    for frame, name_ in zip(on_keyframes, SCENES[:4], strict=True):
        assert pdq.hamming(frame.pdq, _still_pdq(tmp_path, scene(name_))) <= 20
    assert fp.pdq == fp.frames[0].pdq and fp.pdq_quality == fp.frames[0].quality
    assert fp.phash is not None and len(fp.phash) == 16
    frame_json = fp.to_json()["frames"][1]
    assert {k: frame_json[k] for k in ("t", "pdq", "quality")} == {
        "t": fp.frames[1].t, "pdq": fp.frames[1].pdq, "quality": fp.frames[1].quality
    }  # fmt: skip
    # Each scene starts a shot, and the first frame of a shot carries a robust signature.
    assert frame_json["robust"] == fp.frames[1].robust.to_json()


def test_a_static_video_collapses_to_one_frame(video) -> None:
    still = scene("rocket")
    fp = fingerprint_file(video("static.mp4", scenes=[still] * 5, pan=False))
    assert len(fp.frames) == 1


def test_short_gops_decode_only_keyframes(video) -> None:
    path = video("short_gop.mp4", scenes=[scene(n) for n in SCENES], gop=10)
    segments = _segments_of(path)
    assert len(segments) == len(SCENES) and all(s.key_only for s in segments)
    fp = fingerprint_file(path)
    assert _seconds(fp) == list(range(len(SCENES)))


def test_long_gops_are_decoded_and_still_sampled_each_second(video) -> None:
    # One keyframe every 5 s: keyframes alone would miss scenes 2..5.
    path = video("long_gop.mp4", scenes=[scene(n) for n in SCENES[:5]], gop=50)
    assert not any(s.key_only for s in _segments_of(path))
    fp = fingerprint_file(path)
    assert _seconds(fp) == [0, 1, 2, 3, 4]


def _seconds(fp: Fingerprint) -> list[int]:
    """The whole seconds that have at least one frame hash (two samples a second are taken)."""
    return sorted({int(f.t) for f in fp.frames})


def _segments_of(path: Path) -> list:
    with video_mod._container(path, video_mod.demuxer_for(path)) as container:
        stream = container.streams.video[0]
        segments, _, _ = video_mod._scan(container, stream, time.monotonic() + 60, None)
    return segments


def test_rotated_phone_video_is_hashed_upright(video, tmp_path: Path) -> None:
    upright = np.ascontiguousarray(np.rot90(scene("coffee"), 1))  # portrait, as the phone was held
    # The phone stores the sensor's landscape frames and a display rotation that turns them back.
    stored = video("rotated.mp4", scenes=[scene("coffee")], pan=False, rotation=90)
    fp = fingerprint_file(stored)
    assert pdq.hamming(fp.frames[0].pdq, _still_pdq(tmp_path, upright)) <= 20


def test_progress_and_cancel(video) -> None:
    path = video("p.mp4")
    seen: list[tuple[int, int]] = []
    fingerprint_file(path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        fingerprint_file(path, cancel=token)


# --- bad and hostile files --------------------------------------------------------------------------------


def test_truncated_mp4_without_index_is_corrupt(video) -> None:
    path = video("cut.mp4")
    # The moov index is written at the end; without it nothing can be found.
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(CorruptFile):
        fingerprint_file(path)


def test_truncated_mkv_keeps_what_it_has(video) -> None:
    path = video("cut.mkv", scenes=[scene(n) for n in SCENES[:4]])
    path.write_bytes(path.read_bytes()[: int(path.stat().st_size * 0.6)])
    fp = fingerprint_file(path)
    assert 1 <= len(_seconds(fp)) < 4


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(range(256)) * 40,
        b"\x1a\x45\xdf\xa3" + b"\xff" * 5000,
        b"RIFF\x00\x10\x00\x00AVI LIST" + b"\x00" * 4000,
        b"\x00\x00\x00\x18ftypisom",
    ],
)
def test_garbage_with_video_magic_is_corrupt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.mp4"
    path.write_bytes(content)
    with pytest.raises((CorruptFile, UnsupportedFile)):
        fingerprint_file(path)


def test_flipped_bytes_never_crash(video) -> None:
    path = video("flip.mkv", scenes=[scene(n) for n in SCENES[:3]])
    data = bytearray(path.read_bytes())
    rng = np.random.default_rng(5)
    for trial in range(6):
        broken = bytearray(data)
        for pos in rng.integers(200, len(data), 40):
            broken[pos] ^= 0xFF
        path.write_bytes(bytes(broken))
        # Either outcome is fine; any other exception (or a crash of the process) fails the test.
        try:
            result: Fingerprint | DeskError = fingerprint_file(path)
        except DeskError as exc:
            result = exc
        assert isinstance(result, Fingerprint | DeskError), trial


def test_too_long_is_refused(video, monkeypatch: pytest.MonkeyPatch) -> None:
    path = video("long.mp4")
    monkeypatch.setattr(video_mod, "MAX_DURATION_S", 2.0)
    with pytest.raises(VideoTooLong) as caught:
        fingerprint_file(path)
    assert caught.value.params["limit"] == "duration"
    assert "시간으로, 한 번에 처리할 수 있는 0시간을 넘습니다" in caught.value.message("ko")
    assert " hours long, more than the 0 hours that can be processed at once" in caught.value.message("en")


def test_time_limit(video, monkeypatch: pytest.MonkeyPatch) -> None:
    path = video("slow.mp4")
    monkeypatch.setattr(video_mod, "TIME_LIMIT_S", -1.0)
    with pytest.raises(VideoTooLong) as caught:
        fingerprint_file(path)
    assert caught.value.params == {"limit": "time", "minutes": 0}
    assert "처리가 0분을 넘겨 멈췄습니다" in caught.value.message("ko")


def test_every_video_limit_says_which_limit_and_its_figure_in_each_language() -> None:
    """The limit and its figures are data; the words and units around them are the message's language."""
    cases = [
        (
            VideoTooLong(limit="duration", hours=5.25, max_hours=4),
            "동영상 길이가 5.2시간으로, 한 번에 처리할 수 있는 4시간을 넘습니다",
            "is 5.2 hours long, more than the 4 hours",
        ),
        (
            VideoTooLong(limit="frames", count=4_000_256, max_count=4_000_000),
            "프레임이 한 번에 처리할 수 있는 4,000,000개를 넘습니다(4,000,256개까지",
            "more frames than the 4,000,000",
        ),
        (
            VideoTooLong(limit="time", minutes=10),
            "처리가 10분을 넘겨 멈췄습니다",
            "took more than 10 minutes",
        ),
        (
            VideoTooLong(limit="size", size_mb=1_300, max_mb=512),
            "파일 크기가 1,300 MB로, 원본을 보관할 수 있는 512 MB를 넘습니다",
            "The file is 1,300 MB, more than the 512 MB",
        ),
    ]
    for error, korean, english in cases:
        ko, en = error.message("ko"), error.message("en")
        assert ko.startswith("너무 길거나 큰 파일이라 처리하지 않았습니다. ") and korean in ko, ko
        assert en.startswith("This file is too long or too large to process. ") and english in en, en
        assert not re.search("[A-Za-z]", ko.replace("MB", "")), ko
        assert "{" not in ko + en and " h)" not in ko and "frames" not in ko and "over " not in ko


def test_huge_frames_are_refused(video, monkeypatch: pytest.MonkeyPatch) -> None:
    path = video("big.mp4", seconds_each=0.3)
    monkeypatch.setattr("victim_desk.core.fingerprint.decode.MAX_PIXELS", 320 * 240 - 1)
    with pytest.raises(ImageTooLarge):
        fingerprint_file(path)


def test_long_videos_are_sampled_more_sparsely(video, monkeypatch: pytest.MonkeyPatch) -> None:
    path = video("sparse.mp4", scenes=[scene(n) for n in SCENES], gop=10)
    monkeypatch.setattr(video_mod, "MAX_SAMPLES", 3)
    fp = fingerprint_file(path)
    assert 1 <= len(fp.frames) <= 4
    assert all(b.t - a.t >= 1.4 for a, b in zip(fp.frames, fp.frames[1:], strict=False))
