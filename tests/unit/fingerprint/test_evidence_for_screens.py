"""What the evidence screens need from the application layer: matches that say which item and how (a video
frame included), the JSON Lines hash list, and the plain AI-made indicator phrases."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from _media import write_video
from PIL import Image

from victim_desk.app import matching
from victim_desk.core.provenance.plain import plain_indicators
from victim_desk.desk import Desk
from victim_desk.errors import DeskError, HashListInvalid, OutputExists


def _scene(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (10, 14, 3), dtype=np.uint8)
    img = np.asarray(Image.fromarray(small).resize((320, 240), Image.Resampling.BICUBIC)).copy()
    img[60:140, 100:200] = rng.integers(0, 256, 3, dtype=np.uint8)
    return img


@pytest.fixture
def stored(desk: Desk, tmp_path: Path) -> dict[str, object]:
    case = desk.cases.add("case")
    picture = tmp_path / "picture.png"
    Image.fromarray(_scene(1)).save(picture)
    video = write_video(tmp_path / "clip.mp4", [_scene(2), _scene(3)], pan=False)
    added = dict(desk.evidence.add(case, [picture, video]))
    return {"case": case, "picture": added[picture], "video": added[video], "dir": tmp_path}


def test_matches_say_which_item_and_how_a_video_frame_included(desk: Desk, stored: dict) -> None:
    folder: Path = stored["dir"]
    still = folder / "still.png"
    Image.fromarray(_scene(3)).save(still)  # a moment of the stored video
    unrelated = folder / "unrelated.png"
    Image.fromarray(_scene(9)).save(unrelated)
    seen: list[tuple[int, int]] = []
    results = dict(
        desk.evidence.match_files(
            [folder / "picture.png", still, unrelated], progress=lambda d, t: seen.append((d, t))
        )
    )
    [exact] = results[folder / "picture.png"]
    assert (exact.method, exact.video_frame, exact.evidence_id, exact.case_id, exact.kind) == (
        "exact", False, stored["picture"].id, stored["case"], "image",
    )  # fmt: skip
    [frame] = results[still]
    assert frame.evidence_id == stored["video"].id and frame.kind == "video" and frame.file_name == "clip.mp4"
    assert frame.video_frame and frame.method in ("pdq", "pdq-dihedral", "features")
    assert results[unrelated] == []
    assert seen[-1] == (3, 3)


def test_json_lines_export_round_trips_and_never_overwrites(desk: Desk, stored: dict) -> None:
    folder: Path = stored["dir"]
    out = folder / "list.jsonl"
    assert desk.evidence.export_hash_list(stored["case"], out, fmt="jsonl") == 2
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [obj["file"] for obj in lines] == [
        f"case{stored['case']}-evidence{stored['picture'].id}",
        f"case{stored['case']}-evidence{stored['video'].id}",
    ]
    assert all("provenance" not in obj for obj in lines) and lines[1]["frames"]
    assert "picture.png" not in out.read_text("utf-8")
    with pytest.raises(OutputExists):
        desk.evidence.export_hash_list(stored["case"], out, fmt="jsonl")
    known = matching.read_known_list(out)
    # One entry per file, and one more per video frame with a robust signature (the same label).
    assert known.key == "file" and {k.label for k in known.entries} == {lines[0]["file"], lines[1]["file"]}
    assert len(known.entries) == 2 + sum(1 for f in lines[1]["frames"] if f.get("robust"))

    # Imported, a frame row of the exported CSV is reported as a video frame of a hash-list entry.
    csv_out = folder / "list.csv"
    desk.evidence.export_hash_list(stored["case"], csv_out)
    other = Desk.create(folder / "other vault", "another passphrase for a second vault")
    try:
        assert other.evidence.import_hash_list(csv_out) >= 3
        still = folder / "still.png"
        Image.fromarray(_scene(2)).save(still)
        [(_still, found)] = list(other.evidence.match_files([still]))
        assert [(m.evidence_id, m.video_frame) for m in found] == [(None, True)]
        assert found[0].label.startswith(f"case{stored['case']}-evidence{stored['video'].id}-frame")
    finally:
        other.lock()


def test_matching_against_a_list_file_uses_only_that_list(desk: Desk, stored: dict) -> None:
    """As `match --against`: a JSON Lines or CSV list file, nothing imported, the vault's own items unused."""
    folder: Path = stored["dir"]
    jsonl, csv_out = folder / "given.jsonl", folder / "given.csv"
    desk.evidence.export_hash_list(stored["case"], jsonl, fmt="jsonl")
    desk.evidence.export_hash_list(stored["case"], csv_out)
    other = Desk.create(folder / "other vault", "another passphrase for a second vault")
    try:
        still = folder / "still.png"
        Image.fromarray(_scene(3)).save(still)  # a moment of the listed video
        unrelated = folder / "unrelated.png"
        Image.fromarray(_scene(9)).save(unrelated)
        picture_label = f"case{stored['case']}-evidence{stored['picture'].id}"
        for listed in (jsonl, csv_out):
            files = [folder / "picture.png", still, unrelated]
            results = dict(other.evidence.match_files(files, against=listed))
            [found] = results[folder / "picture.png"]
            assert (found.label, found.evidence_id, found.case_id) == (picture_label, None, None)
            assert found.method in ("exact", "pdq")
            assert [m.label.split("-frame")[0] for m in results[still]] == [
                f"case{stored['case']}-evidence{stored['video'].id}"
            ]
            assert results[unrelated] == []
        assert other.evidence.known_entries().entries == []  # nothing was imported
        # The vault's own items are not consulted when a list is given.
        empty = folder / "empty-but-valid.csv"
        empty.write_text("pdq,md5,sha256,label\n" + "0" * 64 + ",,,nothing-alike\n", encoding="utf-8")
        assert dict(desk.evidence.match_files([folder / "picture.png"], against=empty)) == {
            folder / "picture.png": []
        }
        broken = folder / "broken.jsonl"
        broken.write_text('{"file": "a", "sha256": "12"}\nnot json\n', encoding="utf-8")
        with pytest.raises(HashListInvalid):
            list(other.evidence.match_files([still], against=broken))
        with pytest.raises(DeskError):
            list(other.evidence.match_files([still], against=folder / "no such list.csv"))
    finally:
        other.lock()


def test_plain_indicator_phrases_never_overstate() -> None:
    assert plain_indicators(None, "en") == ["Not checked (added before this app read such information)"]
    assert plain_indicators({"indicators": [], "none_found": True}, "en") == [
        "No indicator found — this does not mean it was not made with AI"
    ]
    broken = {"kind": "c2pa", "source": "c2pa", "suggests": "ai_generated", "valid": False}
    params = {"kind": "generator_parameters", "source": "PNG text", "suggests": "ai_generated"}
    assert plain_indicators({"indicators": [broken, params], "unreadable": [{"source": "exif"}]}, "en") == [
        "C2PA credential that did not validate (it may have been changed)",
        "Holds the settings of an image generator (hidden)",
        "Some of the information could not be read",
    ]
    captured = {
        "kind": "iptc_source_type",
        "source": "xmp",
        "suggests": "captured",
        "value": "digitalCapture",
    }
    assert plain_indicators({"indicators": [captured]}, "ko") == [
        "IPTC 소스 유형: 카메라나 스캐너로 찍었다고 적혀 있음"
    ]
