"""Fingerprints from the command line, as a victim or counselor would use them, on real image files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from skimage import data as skimage_data  # a test extra: if it is missing the run fails, it never skips

from tests.conftest import Cli, is_usage_error
from victim_desk.errors import FileMissing, HashListInvalid, UnsupportedFile
from victim_desk.i18n import t


def _scene(name: str) -> np.ndarray:
    return np.asarray(Image.fromarray(getattr(skimage_data, name)()).convert("RGB").resize((320, 240)))


def _write_video(path: Path, scenes: list[np.ndarray], fps: int = 10) -> Path:
    """Two seconds of each scene, slowly panning, H.264 with a keyframe every second."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt, stream.gop_size = 320, 240, "yuv420p", fps
        stream.options = {"preset": "ultrafast"}
        for rgb in scenes:
            for k in range(2 * fps):
                frame = av.VideoFrame.from_ndarray(
                    np.ascontiguousarray(np.roll(rgb, k, axis=1)), format="rgb24"
                )
                out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return path


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def photos(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "photos"
    folder.mkdir()
    out: dict[str, Path] = {}
    for name in ("astronaut", "coffee", "chelsea", "rocket"):
        path = folder / f"{name}.jpg"
        Image.fromarray(getattr(skimage_data, name)()).convert("RGB").save(path, quality=92)
        out[name] = path
    # A copy as it spreads: cropped a little, a caption bar added, re-compressed hard.
    im = Image.open(out["astronaut"]).convert("RGB")
    w, h = im.size
    im = im.crop((int(w * 0.04), int(h * 0.03), w, h))
    canvas = Image.new("RGB", (im.width, im.height + 60), "white")
    canvas.paste(im, (0, 60))
    ImageDraw.Draw(canvas).text((10, 20), "look at this lol", fill="black")
    copy = folder / "spread-copy.webp"
    canvas.save(copy, quality=30)
    out["copy"] = copy
    out["not-image"] = folder / "fake.png"
    out["not-image"].write_bytes(b"this is not a png at all")
    return out


def test_fingerprint_prints_the_contract_fields_and_continues_past_bad_files(
    cli: Cli, photos: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.jpg"
    result = cli("--lang", "en", "fingerprint", "--json", str(photos["coffee"]), str(photos["not-image"]),
                 str(missing), str(photos["chelsea"]))  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rows = _lines(result.stdout)
    assert [Path(r["file"]).name for r in rows] == ["coffee.jpg", "fake.png", "nope.jpg", "chelsea.jpg"]
    good = rows[0]
    assert {"file", "kind", "size", "sha256", "md5", "pdq", "pdq_quality", "phash"} <= set(good)
    assert good["kind"] == "image" and len(good["pdq"]) == 64 and 0 <= good["pdq_quality"] <= 100
    assert good["size"] == photos["coffee"].stat().st_size
    assert rows[1] == {"file": str(photos["not-image"]), "error": UnsupportedFile().message("en")}
    assert rows[2] == {"file": str(missing), "error": FileMissing().message("en")}
    assert rows[3]["pdq"] != good["pdq"]


def test_evidence_keeps_fingerprints_not_originals_and_finds_copies(
    ready_cli: Cli, photos: dict[str, Path], tmp_path: Path
) -> None:
    assert ready_cli("case", "add", "--title", "사진 사건").returncode == 0
    added = ready_cli(
        "evidence", "add", "--case", "1", "--json", str(photos["astronaut"]), str(photos["coffee"])
    )
    assert added.returncode == 0, added.stderr
    items = _lines(added.stdout)
    assert [i["original"] for i in items] == [False, False]
    assert [i["preview"] for i in items] == [False, False]
    listed = _lines(ready_cli("evidence", "list", "--case", "1", "--json").stdout)
    assert [i["file"] for i in listed] == ["astronaut.jpg", "coffee.jpg"]

    found = _lines(
        ready_cli("match", str(photos["copy"]), str(photos["chelsea"]), str(photos["rocket"])).stdout
    )
    assert [m["evidence"] for m in found[0]["matches"]] == [listed[0]["id"]]
    assert found[0]["matches"][0]["case"] == 1
    assert found[1]["matches"] == [] and found[2]["matches"] == []

    exported = tmp_path / "hashes.csv"
    assert ready_cli("hashlist", "export", "--case", "1", "-o", str(exported)).returncode == 0
    with open(exported, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["pdq", "md5", "sha256", "label"]
    assert [r["sha256"] for r in rows] == [i["sha256"] for i in listed]
    assert all("astronaut" not in r["label"] and "coffee" not in r["label"] for r in rows)
    again = ready_cli("hashlist", "export", "--case", "1", "-o", str(exported))
    assert again.returncode != 0 and "Traceback" not in again.stderr


def test_keep_original_is_explicit_and_warned(ready_cli: Cli, photos: dict[str, Path]) -> None:
    ready_cli("case", "add", "--title", "x")
    result = ready_cli("--lang", "en", "evidence", "add", "--case", "1", "--keep-original", "--keep-preview",
                       "--json", str(photos["coffee"]))  # fmt: skip
    assert result.returncode == 0
    assert result.stderr == t("cli.keeping_originals", "en") + "\n"
    item = _lines(result.stdout)[0]
    assert item["original"] is True and item["preview"] is True


def test_match_against_lists_without_a_vault(cli: Cli, photos: dict[str, Path], tmp_path: Path) -> None:
    printed = cli("fingerprint", "--json", str(photos["astronaut"]), str(photos["coffee"]))
    jsonl = tmp_path / "known.jsonl"
    jsonl.write_text(printed.stdout, encoding="utf-8")
    result = cli("match", "--against", str(jsonl), str(photos["copy"]), str(photos["rocket"]))
    assert result.returncode == 0, result.stderr
    rows = _lines(result.stdout)
    assert [Path(m["file"]).name for m in rows[0]["matches"]] == ["astronaut.jpg"]
    assert isinstance(rows[0]["matches"][0]["distance"], int)
    assert rows[1]["matches"] == []

    table = tmp_path / "list.csv"
    fps = _lines(printed.stdout)
    table.write_text("pdq,label\n" + "".join(f"{fp['pdq']},known-{i}\n" for i, fp in enumerate(fps)))
    rows = _lines(cli("match", "--against", str(table), str(photos["coffee"])).stdout)
    assert rows[0]["matches"][0] == {**rows[0]["matches"][0], "label": "known-1", "distance": 0}

    broken = tmp_path / "broken.csv"
    broken.write_text("nothing,useful\n1,2\n")
    bad = cli("--lang", "en", "match", "--against", str(broken), str(photos["coffee"]))
    assert bad.returncode != 0
    assert bad.stderr == HashListInvalid(problem="no_pdq_column", line=1).message("en") + "\n"


def test_hashlist_import_makes_the_vault_recognise_its_entries(
    ready_cli: Cli, photos: dict[str, Path], tmp_path: Path
) -> None:
    fp = _lines(ready_cli("fingerprint", "--json", str(photos["chelsea"])).stdout)[0]
    table = tmp_path / "received.csv"
    table.write_text(f"pdq,md5,sha256,label\n{fp['pdq']},{fp['md5']},{fp['sha256']},center-list-7\n")
    assert ready_cli("hashlist", "import", str(table)).returncode == 0
    rows = _lines(ready_cli("match", str(photos["chelsea"])).stdout)
    assert [m["label"] for m in rows[0]["matches"]] == ["center-list-7"]


def test_a_synthetic_noise_image_matches_nothing_known(
    ready_cli: Cli, photos: dict[str, Path], tmp_path: Path
) -> None:
    ready_cli("case", "add", "--title", "x")
    ready_cli("evidence", "add", "--case", "1", str(photos["astronaut"]), str(photos["coffee"]))
    noise = tmp_path / "noise.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (300, 400, 3), dtype=np.uint8)).save(noise)
    rows = _lines(ready_cli("match", str(noise)).stdout)
    assert rows[0]["matches"] == []


def test_video_evidence_exports_by_md5_and_a_frame_screenshot_finds_it(
    ready_cli: Cli, tmp_path: Path
) -> None:
    scenes = [_scene(name) for name in ("astronaut", "coffee", "chelsea")]
    clip = _write_video(tmp_path / "clip.mp4", scenes)
    ready_cli("case", "add", "--title", "영상")
    added = ready_cli("evidence", "add", "--case", "1", "--json", str(clip))
    assert added.returncode == 0, added.stderr
    assert _lines(added.stdout)[0]["kind"] == "video"

    exported = tmp_path / "hashes.csv"
    assert ready_cli("hashlist", "export", "--case", "1", "-o", str(exported)).returncode == 0
    with open(exported, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    video_row, frame_rows = rows[0], rows[1:]
    assert video_row["pdq"] == "" and len(video_row["md5"]) == 32  # programmes identify videos by MD5
    assert video_row["label"] == "case1-evidence1"
    # ... and each distinct scene's PDQ travels too, labelled by frame, without checksums of its own.
    assert [r["label"] for r in frame_rows] == [
        f"case1-evidence1-frame{n}" for n in range(1, len(frame_rows) + 1)
    ]
    assert len(frame_rows) >= len(scenes) and all(len(r["pdq"]) == 64 and not r["md5"] for r in frame_rows)
    again = _lines(ready_cli("match", "--against", str(exported), str(clip)).stdout)
    assert again[0]["matches"][0]["method"] == "exact"

    still = tmp_path / "screenshot.png"
    Image.fromarray(scenes[1]).save(still)
    found = _lines(ready_cli("match", str(still)).stdout)
    assert [m["evidence"] for m in found[0]["matches"]] == [1]
    # Someone holding only the exported list (no vault) recognises the still as one of the video's frames.
    outside = _lines(ready_cli("match", "--against", str(exported), str(still)).stdout)
    assert {m["label"] for m in outside[0]["matches"]} & {r["label"] for r in frame_rows}


def test_mistakes_with_files_and_options_get_one_calm_line(
    cli: Cli, photos: dict[str, Path], tmp_path: Path
) -> None:
    not_utf8 = HashListInvalid(problem="not_utf8").message("en")
    nowhere = str(tmp_path / "nowhere.csv")
    cases = {
        ("match", "--against", nowhere, str(photos["coffee"])): FileMissing().message("en"),
        ("match", "--against", str(photos["coffee"]), str(photos["coffee"])): not_utf8,
        ("match", "--max-distance", "-5", str(photos["coffee"])): "argument --max-distance",
        ("match", "--max-distance", "257", str(photos["coffee"])): "argument --max-distance",
    }
    for args, expected in cases.items():
        result = cli("--lang", "en", *args)
        assert result.returncode != 0, args
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        if expected.startswith("argument "):
            assert result.returncode == 2 and is_usage_error(lines[0], expected), (args, lines[0])
        else:
            assert lines[0] == expected, args
