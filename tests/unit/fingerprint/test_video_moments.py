"""Any moment of a video can be found: some frames carry robust signatures, so a screenshot taken between
keyframes of a moving clip is found through the vault; with midpoint sampling on (video.MIDPOINT_SAMPLES), a
frame halfway through each group of pictures is hashed too, which is what a PDQ-only hash list needs."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from _media import scene
from _photos import resize
from PIL import Image

from victim_desk.app.matching import match_files, read_known_list
from victim_desk.core.fingerprint import Fingerprint, fingerprint_file, hashlist, pdq
from victim_desk.core.fingerprint import video as video_mod
from victim_desk.errors import HashListInvalid

FPS = 10


@pytest.fixture
def midpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(video_mod, "MIDPOINT_SAMPLES", True)


def _pan_clip(path: Path, name: str, *, gop: int = FPS, seconds: int = 4, step: int = 2) -> Path:
    """A 320 x 240 window panning `step` px a frame across a wide picture (0.4 s: 8 px, PDQ ~50 bits away)."""
    wide = scene(name, (320 + step * FPS * seconds, 240))
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        stream.options = {"preset": "ultrafast", "x264-params": f"keyint={gop}:min-keyint={gop}:scenecut=0"}
        for i in range(FPS * seconds):
            view = np.ascontiguousarray(wide[:, i * step : i * step + 320])
            frame = av.VideoFrame.from_ndarray(view, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _decoded(path: Path, index: int) -> np.ndarray:
    """The frame a player shows at `index`."""
    with av.open(str(path)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i == index:
                return frame.to_ndarray(format="rgb24")
    raise AssertionError(f"no frame {index}")


def _times(path: Path) -> list[float]:
    return [f.t for f in fingerprint_file(path).frames]


def test_short_groups_are_sampled_at_their_keyframes(tmp_path: Path) -> None:
    path = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    assert _times(path) == pytest.approx([0.0, 1.0, 2.0, 3.0])


def test_with_midpoints_a_panning_clip_is_sampled_halfway_too(tmp_path: Path, midpoints: None) -> None:
    path = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    assert _times(path) == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5])


def test_the_halfway_sample_is_the_frame_a_player_shows_there(tmp_path: Path, midpoints: None) -> None:
    path = _pan_clip(tmp_path / "pan.mp4", "coffee")
    fp = fingerprint_file(path)
    halfway = next(f for f in fp.frames if f.t == pytest.approx(1.5))
    still = tmp_path / "frame15.png"
    Image.fromarray(_decoded(path, 15)).save(still)
    # Decoded without the deblocking filter on the way: PDQ does not see the difference.
    assert pdq.hamming(halfway.pdq, fingerprint_file(still).pdq) <= 8


def test_a_long_group_is_sampled_twice_a_second(tmp_path: Path) -> None:
    path = _pan_clip(tmp_path / "long_gop.mp4", "rocket", gop=5 * FPS, seconds=5, step=4)
    assert _times(path) == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5])


def test_a_still_clip_still_keeps_one_hash(tmp_path: Path) -> None:
    path = _pan_clip(tmp_path / "still.mp4", "chelsea", step=0)
    assert len(fingerprint_file(path).frames) == 1


def test_very_long_videos_fall_back_to_keyframes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, midpoints: None
) -> None:
    path = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    monkeypatch.setattr(video_mod, "MAX_SAMPLES", 4)  # 4 s at 4 samples: one a second, keyframes only
    assert _times(path) == pytest.approx([0.0, 1.0, 2.0, 3.0])


def _screenshot(tmp_path: Path, clip: Path, index: int, name: str) -> Path:
    """A screenshot of frame `index`, shrunk and saved as a re-compressed JPEG, as it would be shared."""
    out = tmp_path / name
    Image.fromarray(resize(_decoded(clip, index), 256)).save(out, quality=80)
    return out


def test_a_screenshot_between_keyframes_is_found_through_the_vault(desk, tmp_path: Path) -> None:
    clip = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    other = _pan_clip(tmp_path / "other.mp4", "rocket")
    case = desk.cases.add("영상 장면")
    added = dict(desk.evidence.add(case, [clip, other]))
    clip_id = added[clip].id
    # 0.4 s after their keyframe, 0.1 s before a halfway sample.
    shots = [_screenshot(tmp_path, clip, i, f"shot{i}.jpg") for i in (4, 14, 24)]
    stranger = _screenshot(tmp_path, _pan_clip(tmp_path / "stranger.mp4", "camera"), 16, "stranger.jpg")
    results = dict(match_files([*shots, stranger], desk.evidence.known_entries()))
    for shot in shots:
        assert [m["evidence"] for m in results[shot]] == [clip_id]  # type: ignore[index]
    assert results[stranger] == []


@pytest.mark.parametrize("signatures", [True, False])
def test_with_keyframes_only_the_frame_signatures_still_find_it(desk, tmp_path: Path, monkeypatch,
                                                                signatures: bool) -> None:  # fmt: skip
    # Keyframes only (the default for short groups): PDQ alone misses the screenshot, so the feature stage
    # is what finds it, through the robust signatures kept for some frames.
    clip = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    monkeypatch.setattr(video_mod, "MAX_SAMPLES", 4)
    if not signatures:
        monkeypatch.setattr(video_mod, "robust_signature", lambda gray: None)
    case = desk.cases.add("키프레임만")
    list(desk.evidence.add(case, [clip]))
    shot = _screenshot(tmp_path, clip, 24, "shot24.jpg")
    found = dict(match_files([shot], desk.evidence.known_entries()))[shot]
    assert [m["method"] for m in found] == (["features"] if signatures else [])  # type: ignore[index]


def test_signatures_are_kept_per_shot_and_spaced(tmp_path: Path) -> None:
    fp = fingerprint_file(_pan_clip(tmp_path / "pan.mp4", "astronaut", seconds=6))
    signed = [f.t for f in fp.frames if f.robust is not None]
    assert signed[0] == 0.0 and len(signed) >= 2
    assert all(b - a >= video_mod.SIGNATURE_SPACING_S for a, b in itertools.pairwise(signed))
    # They travel with the stored fingerprint.
    again = Fingerprint.from_json(fp.to_json())
    assert [f.robust for f in again.frames] == [f.robust for f in fp.frames]


def test_a_cut_gets_its_own_signature(tmp_path: Path, video, midpoints: None) -> None:
    # Two still scenes, cut at 1.5 s (between keyframes, less than the spacing after the first signature):
    # each shot is signed on its first sample.
    path = video("cut.mp4", scenes=[scene("coffee"), scene("rocket")], seconds_each=1.5, pan=False)
    fp = fingerprint_file(path)
    assert [f.t for f in fp.frames if f.robust is not None] == pytest.approx([0.0, 1.5])


def test_with_midpoints_a_screenshot_between_keyframes_is_found_through_a_hash_list(
    desk, tmp_path: Path, midpoints: None
) -> None:
    clip = _pan_clip(tmp_path / "pan.mp4", "coffee")
    case = desk.cases.add("해시 목록")
    evidence_id = dict(desk.evidence.add(case, [clip]))[clip].id
    csv_path = tmp_path / "list.csv"
    rows = desk.evidence.export_hash_list(case, csv_path)
    assert rows == 1 + len(fingerprint_file(clip).frames)  # the MD5 row, then one row per frame
    shot = _screenshot(tmp_path, clip, 14, "shot14.jpg")  # 0.1 s from the halfway sample at 1.5 s
    (found,) = [m for _, m in match_files([shot], read_known_list(csv_path))]
    assert isinstance(found, list) and found
    assert {str(m["label"]).rsplit("-frame", 1)[0] for m in found} == {f"case{case}-evidence{evidence_id}"}


def test_a_json_lines_list_keeps_the_frame_signatures_and_finds_the_screenshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the vault test above, but through a JSON Lines list written from `fingerprint --json` output: the
    # screenshot between keyframes is found by the feature stage through the frames' signatures.
    clip = _pan_clip(tmp_path / "pan.mp4", "astronaut")
    monkeypatch.setattr(video_mod, "MAX_SAMPLES", 4)
    fp = fingerprint_file(clip)
    listed = tmp_path / "list.jsonl"
    listed.write_text(json.dumps(fp.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    signed = [f.robust for f in fp.frames if f.robust is not None]
    assert signed

    known = read_known_list(listed)
    assert isinstance(known.entries, list)
    assert [k.robust for k in known.entries[1:]] == signed  # one entry per signed frame, in order
    assert {k.label for k in known.entries} == {"pan.mp4"}
    assert all(k.pdq == () and k.md5 is None for k in known.entries[1:])
    # Importing into the vault's hash table keeps hashes only: no entry without a hash.
    assert len(hashlist.read_hash_list(listed)) == 1

    shot = _screenshot(tmp_path, clip, 24, "shot24.jpg")
    stranger = _screenshot(tmp_path, _pan_clip(tmp_path / "stranger.mp4", "camera"), 16, "stranger.jpg")
    results = dict(match_files([shot, stranger], known))
    assert [(m["file"], m["method"]) for m in results[shot]] == [("pan.mp4", "features")]  # type: ignore[index]
    assert results[stranger] == []


def test_a_garbled_frame_signature_is_refused_with_its_line(tmp_path: Path) -> None:
    fp = fingerprint_file(_pan_clip(tmp_path / "pan.mp4", "astronaut")).to_json()
    signed = next(f for f in fp["frames"] if "robust" in f)
    signed["robust"]["descriptors"] = "not base64!"
    listed = tmp_path / "bad.jsonl"
    listed.write_text("\n" + json.dumps(fp) + "\n", encoding="utf-8")
    with pytest.raises(HashListInvalid) as caught:
        read_known_list(listed)
    assert caught.value.params == {"problem": "robust_not_base64", "field": "descriptors", "line": 2}
