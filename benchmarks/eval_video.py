"""Is a screenshot of any moment of a stored video found, and a re-encoded excerpt of it, with no false match?

Run: .venv/bin/python benchmarks/eval_video.py [--quick] [--keep DIR]

Everything goes through the real pipeline: the clips are stored as evidence in a real vault
(`Desk.evidence.add`), queries are matched with `app.matching.match_files` against
`desk.evidence.known_entries()`, and the same case is exported as a CSV hash list
(`desk.evidence.export_hash_list`: the video's MD5 plus one PDQ row per stored frame) and read back with
`read_known_list`, which is what someone receiving the list has; so is a JSON Lines list as `fingerprint
--json` writes it (robust signatures of files and video frames kept), and the same list with every robust
signature removed (PDQ only). `--every` / `--midpoints` show what denser sampling gives the PDQ-only lists.

* Clips (1280 x 720, 30 fps, H.264 with a fixed 1 s keyframe interval and no scene-cut keyframes, as phones
  record; two with 2 s): pans, zooms, cuts in the middle of a group of pictures, talking-head footage (a
  still frame with one moving region), made from scikit-image's public sample photos. TUNE clips were used
  to choose the sampling; REPORT clips were not looked at while tuning.
* Screenshots: frames at seeded random moments (never chosen near keyframes), decoded from the clip itself
  (what a player shows), then: as is (PNG), inside a phone viewer or a chat window, cropped 2-6 % and
  rescaled, thumbnailed, re-compressed as JPEG.
* Excerpts: 10 s from a random start, re-encoded at 854 x 480 with the encoder's own keyframe choice.
* Distractors: unrelated clips and photos are stored in the same vault; screenshots and excerpts of clips
  that are NOT stored are queries too (any match is false). A query matching any other evidence is false.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]

from _photos import chat_window, crop, phone_screenshot, photo, resize, smooth_noise  # noqa: E402

from victim_desk.app.matching import match_files, read_known_list  # noqa: E402
from victim_desk.core.fingerprint import fingerprint_file  # noqa: E402
from victim_desk.desk import Desk  # noqa: E402

W, H, FPS = 1280, 720, 30
SECONDS = 16
TUNE = ["pan_astronaut", "cuts_a", "talk_a"]
REPORT = ["zoom_coffee", "pan_diag_rocket", "cuts_b", "talk_b", "zoompan_hubble", "pan_fast_camera"]
HELD_OUT = ["pan_moon", "talk_c"]  # never stored: every query from them must match nothing
DISTRACTOR_CLIPS = ["pan_coins", "cuts_c", "zoom_noise"]
EDITS = ["png", "phone", "chat", "crop_rescale", "thumb", "phone_crop"]


def _fit(img: np.ndarray, w: int, h: int) -> np.ndarray:
    return cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA if img.shape[1] > w else cv2.INTER_LINEAR)


def _canvas(name: str, w: int, h: int) -> np.ndarray:
    # "noise<seed>": a synthetic photo-like picture. Every source picture appears in ONE clip only, so a
    # match between two clips is always false.
    img = smooth_noise(int(name[5:]), (480, 640)) if name.startswith("noise") else photo(name)
    return _fit(np.ascontiguousarray(img[..., :3]), w, h)


def _window(canvas: np.ndarray, cx: float, cy: float, scale: float) -> np.ndarray:
    """The W x H view of `canvas` centred at (cx, cy) with `scale` canvas pixels per output pixel."""
    m = np.array([[scale, 0, cx - scale * W / 2], [0, scale, cy - scale * H / 2]], dtype=np.float64)
    return cv2.warpAffine(canvas, m, (W, H), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REFLECT)  # fmt: skip


def _pan(name: str, vx: float, vy: float) -> Callable[[int], np.ndarray]:
    canvas = _canvas(name, 2200, 1300)

    def frame(i: int) -> np.ndarray:
        t = i / FPS
        return _window(canvas, 1100 - vx * 8 + vx * t, 650 - vy * 8 + vy * t, 1.0)

    return frame


def _zoom(name: str, drift: float = 0.0) -> Callable[[int], np.ndarray]:
    canvas = _canvas(name, 2000, 1125)

    def frame(i: int) -> np.ndarray:
        t = i / FPS
        scale = 1.45 - 0.08 * t if t < 8 else 0.81 + 0.06 * (t - 8)  # in, then out
        return _window(canvas, 1000 + drift * (t - 8), 562, scale)

    return frame


def _cuts(names: list[str], seed: int) -> Callable[[int], np.ndarray]:
    rng = np.random.default_rng(seed)
    canvases = [_canvas(n, 1700, 960) for n in names]
    # Cuts at random frames, never on a keyframe: 1.1 to 2.6 s apart.
    cuts = np.cumsum(rng.integers(33, 78, size=40))
    moves = rng.uniform(-40, 40, size=(len(cuts) + 1, 2))

    def frame(i: int) -> np.ndarray:
        shot = int(np.searchsorted(cuts, i, side="right"))
        start = 0 if shot == 0 else int(cuts[shot - 1])
        t = (i - start) / FPS
        vx, vy = moves[shot]
        return _window(canvases[shot % len(canvases)], 850 + vx * t, 480 + vy * t, 1.0)

    return frame


def _talk(background: str, head: str, seed: int) -> Callable[[int], np.ndarray]:
    """A talking-head shot: still background, a 'person' region that sways and changes, a caption bar."""
    rng = np.random.default_rng(seed)
    bg = _canvas(background, W, H)
    face = _canvas(head, 420, 520)
    phase = rng.uniform(0, 6.28)

    def frame(i: int) -> np.ndarray:
        t = i / FPS
        out = bg.copy()
        x = int(430 + 40 * np.sin(0.9 * t + phase))
        y = int(120 + 10 * np.sin(2.3 * t))
        f = face.copy()
        mouth = f[330:420, 120:300].astype(np.int16)  # the moving part of the face
        f[330:420, 120:300] = np.clip(mouth + int(60 * np.sin(7.0 * t)), 0, 255).astype(np.uint8)
        out[y : y + 520, x : x + 420] = f
        out[620:700, 80:1200] = (30, 30, 30)
        return out

    return frame


def clip_makers() -> dict[str, tuple[Callable[[int], np.ndarray], int]]:
    """name -> (frame maker, keyframe interval in frames)."""
    return {
        "pan_astronaut": (_pan("astronaut", 60, 0), FPS),
        "cuts_a": (_cuts(["chelsea", "clock", "noise11"], 1), FPS),
        "talk_a": (_talk("brick", "retina", 2), FPS),
        "zoom_coffee": (_zoom("coffee"), FPS),
        "pan_diag_rocket": (_pan("rocket", 45, 30), FPS),
        "cuts_b": (_cuts(["horse", "page", "immunohistochemistry", "noise13"], 3), FPS),
        "talk_b": (_talk("grass", "cell", 4), 2 * FPS),
        "zoompan_hubble": (_zoom("hubble_deep_field", 30), FPS),
        "pan_fast_camera": (_pan("camera", 110, 10), 2 * FPS),
        "pan_moon": (_pan("moon", 60, 0), FPS),
        "talk_c": (_talk("gravel", "motorcycle_left", 5), FPS),
        "pan_coins": (_pan("coins", 50, 10), FPS),
        "cuts_c": (_cuts(["text", "colorwheel", "noise12"], 6), FPS),
        "zoom_noise": (_zoom("noise77"), FPS),
    }


def encode(path: Path, frames: Callable[[int], np.ndarray], count: int, gop: int | None,
           size: tuple[int, int] = (W, H), crf: int = 23) -> Path:  # fmt: skip
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        params = f"keyint={gop}:min-keyint={gop}:scenecut=0" if gop else "keyint=90"
        stream.options = {"preset": "veryfast", "crf": str(crf), "x264-params": params}
        for i in range(count):
            img = frames(i)
            if img.shape[1] != size[0]:
                img = _fit(img, *size)
            vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(img), format="rgb24")
            vf.pts, vf.time_base = i, Fraction(1, FPS)
            for packet in stream.encode(vf):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def decoded_frames(path: Path, wanted: set[int]) -> dict[int, np.ndarray]:
    """The frames a player shows at these indexes (decoded from the encoded clip, not the source)."""
    got: dict[int, np.ndarray] = {}
    with av.open(str(path)) as c:
        for i, f in enumerate(c.decode(video=0)):
            if i in wanted:
                got[i] = f.to_ndarray(format="rgb24")
    return got


def jpeg(img: np.ndarray, quality: int) -> tuple[np.ndarray, str, dict[str, object]]:
    return img, "jpg", {"quality": quality}


def screenshot(
    img: np.ndarray, edit: str, rng: np.random.Generator
) -> tuple[np.ndarray, str, dict[str, object]]:
    if edit == "png":
        return img, "png", {}
    if edit == "phone":
        return jpeg(phone_screenshot(img, bool(rng.integers(2))), 85)
    if edit == "chat":
        return jpeg(chat_window(img), 80)
    if edit == "crop_rescale":
        sides = "".join(s for s in "lrtb" if rng.random() < 0.6) or "t"
        out = crop(img, float(rng.uniform(0.02, 0.06)), sides)
        return jpeg(resize(out, int(max(out.shape[:2]) * rng.uniform(0.5, 0.9))), int(rng.integers(70, 91)))
    if edit == "thumb":
        return jpeg(resize(img, 480), 75)
    if edit == "phone_crop":
        return jpeg(phone_screenshot(crop(img, float(rng.uniform(0.02, 0.05)), "lr")), 80)
    raise ValueError(edit)


def build(folder: Path, quick: bool) -> dict[str, object]:
    """Clips, screenshots and excerpts on disk; returns the query table (cached in folder/queries.json)."""
    table_path = folder / "queries.json"
    if table_path.exists():
        return json.loads(table_path.read_text())  # type: ignore[no-any-return]
    rng = np.random.default_rng(2026)
    per_clip = 8 if quick else 20
    queries: list[dict[str, object]] = []
    clips: dict[str, str] = {}
    for name, (maker, gop) in clip_makers().items():
        count = SECONDS * FPS
        path = encode(folder / f"{name}.mp4", maker, count, gop)
        clips[name] = str(path)
        if name in DISTRACTOR_CLIPS:
            continue
        n = per_clip if name not in HELD_OUT else per_clip // 2
        # Moments away from keyframes (at least 3 frames off), where sparse sampling fails.
        moments = sorted({int(i) for i in rng.integers(0, count, size=4 * n) if 3 <= i % gop <= gop - 3})[:n]
        moments = sorted(rng.choice(moments, size=min(n, len(moments)), replace=False).tolist())
        frames = decoded_frames(path, set(moments))
        for k, i in enumerate(moments):
            edit = EDITS[(k + len(name)) % len(EDITS)]
            img, ext, opts = screenshot(frames[i], edit, rng)
            out = folder / f"shot_{name}_{i:04d}_{edit}.{ext}"
            Image.fromarray(img).save(out, **opts)
            queries.append({"file": str(out), "clip": name, "kind": "screenshot", "edit": edit, "t": i / FPS})
        for e in range(1 if quick else 2):
            start = int(rng.integers(0, count - 10 * FPS))
            excerpt = lambda j, s=start, m=maker: m(s + j)  # noqa: E731
            out = encode(folder / f"excerpt_{name}_{e}.mp4", excerpt, 10 * FPS, None, size=(854, 480), crf=28)
            queries.append(
                {"file": str(out), "clip": name, "kind": "excerpt", "edit": "480p", "t": start / FPS}
            )
    photos = []
    for name in ["logo", "microaneurysms"]:
        out = folder / f"photo_{name}.jpg"
        Image.fromarray(np.ascontiguousarray(photo(name)[..., :3])).save(out, quality=90)
        photos.append(str(out))
    for seed in range(5):
        out = folder / f"photo_noise{seed}.jpg"
        Image.fromarray(smooth_noise(500 + seed)).save(out, quality=90)
        photos.append(str(out))
    table = {"clips": clips, "photos": photos, "queries": queries}
    table_path.write_text(json.dumps(table))
    return table


def _evidence_of(label: str) -> int:
    found = re.search(r"evidence[ ]?(\d+)", label)
    assert found is not None, label
    return int(found.group(1))


def run(folder: Path, table: dict[str, object]) -> int:
    clips: dict[str, str] = table["clips"]  # type: ignore[assignment]
    queries: list[dict[str, object]] = table["queries"]  # type: ignore[assignment]
    stored = [c for c in clips if c not in HELD_OUT]
    vault = folder / "vault"
    shutil.rmtree(vault, ignore_errors=True)
    desk = Desk.create(vault, "correct horse battery staple 4 eval")
    case = desk.cases.add("video eval")
    started = time.perf_counter()
    by_evidence: dict[int, str] = {}
    for path, item in desk.evidence.add(case, [Path(clips[c]) for c in stored]):
        assert not isinstance(item, Exception), item
        by_evidence[item.id] = Path(path).stem
    took = time.perf_counter() - started
    for path, item in desk.evidence.add(case, [Path(p) for p in table["photos"]]):  # type: ignore[union-attr]
        assert not isinstance(item, Exception), item
        by_evidence[item.id] = Path(path).stem
    print(f"Stored {len(stored)} clips ({len(stored) * SECONDS} s of 720p video) in {took:.1f} s, "
          f"{len(stored) * SECONDS / took:.1f}x real time, plus {len(table['photos'])} photos")  # type: ignore[arg-type]  # fmt: skip
    sizes, counts = [], []
    for c in stored:
        fp = fingerprint_file(Path(clips[c]))
        sizes.append(len(json.dumps(fp.to_json())))
        counts.append(len(fp.frames))
    print(f"Stored fingerprint: median {int(np.median(counts))} frame hashes per clip "
          f"({min(counts)}-{max(counts)}),"
          f" {np.median(sizes) / SECONDS * 60 / 1024:.1f} KB of JSON per minute of video")  # fmt: skip

    csv_path = folder / "hashlist.csv"
    csv_path.unlink(missing_ok=True)
    rows = desk.evidence.export_hash_list(case, csv_path)
    print(f"Exported hash list: {rows} rows")
    # The same files as `victim-desk fingerprint --json` writes them (a JSON Lines list: robust signatures of
    # files and of video frames kept), and that list with every robust signature taken out (PDQ only).
    lines = [fingerprint_file(Path(clips[c]), provenance=False).to_json() for c in stored]
    lines += [fingerprint_file(Path(p), provenance=False).to_json() for p in table["photos"]]  # type: ignore[union-attr]
    full_path, bare_path = folder / "hashlist.jsonl", folder / "hashlist-pdq.jsonl"
    full_path.write_text("".join(json.dumps(obj) + "\n" for obj in lines), encoding="utf-8")
    bare_path.write_text("".join(json.dumps(_pdq_only(obj)) + "\n" for obj in lines), encoding="utf-8")
    by_stem = {stem: e for e, stem in by_evidence.items()}  # a JSON Lines match names the file
    files = [Path(str(q["file"])) for q in queries]
    results = {
        "vault": desk.evidence.known_entries(),
        "csv": read_known_list(csv_path),
        "jsonl": read_known_list(full_path),
        "jsonl-pdq": read_known_list(bare_path),
    }
    bad = 0
    for source, known in results.items():
        found: dict[str, list[int]] = {}
        for path, matches in match_files(files, known):
            assert not isinstance(matches, Exception), (path, matches)
            found[str(path)] = [
                by_stem[Path(str(m["file"])).stem] if "file" in m else _evidence_of(str(m["label"]))
                for m in matches
            ]
        bad += report(source, queries, found, by_evidence)
    desk.lock()
    return bad


def _pdq_only(obj: dict[str, object]) -> dict[str, object]:
    """A `fingerprint` line without robust signatures: what a PDQ-only JSON Lines list carries."""
    out = {k: v for k, v in obj.items() if k != "robust"}
    if isinstance(obj.get("frames"), list):
        out["frames"] = [{k: v for k, v in f.items() if k != "robust"} for f in obj["frames"]]  # type: ignore[union-attr]
    return out


def report(source: str, queries: list[dict[str, object]], found: dict[str, list[int]],
           by_evidence: dict[int, str]) -> int:  # fmt: skip
    title = {
        "vault": "through the vault",
        "csv": "through the exported CSV hash list (PDQ rows only)",
        "jsonl": "through a JSON Lines list from `fingerprint --json` (frame signatures kept)",
        "jsonl-pdq": "through that JSON Lines list without robust signatures (PDQ only)",
    }[source]
    print(f"\n== {title}")
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    per_edit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false: list[str] = []
    missed: list[str] = []
    for q in queries:
        names = [by_evidence[e] for e in found[str(q["file"])]]
        clip, kind = str(q["clip"]), str(q["kind"])
        wrong = [n for n in names if n != clip]
        if wrong:
            false.append(f"{Path(str(q['file'])).name} -> {wrong}")
        if clip in HELD_OUT:
            continue
        split = "tune" if clip in TUNE else "report"
        hit = clip in names
        tally[(split, kind)][0] += hit
        tally[(split, kind)][1] += 1
        if kind == "screenshot" and split == "report":
            per_edit[str(q["edit"])][0] += hit
            per_edit[str(q["edit"])][1] += 1
        if not hit:
            missed.append(f"{Path(str(q['file'])).name}")
    for (split, kind), (hit, n) in sorted(tally.items()):
        goal = {"screenshot": 0.95, "excerpt": 1.0}[kind] if source == "vault" else None
        note = f"(goal {goal:.0%})" if goal is not None else ""
        print(f"  {split:<7} {kind:<11} {hit:>4}/{n:<4} {hit / n:6.1%} {note}")
    print(
        "  report screenshots per edit: "
        + ", ".join(f"{e} {h}/{n}" for e, (h, n) in sorted(per_edit.items()))
    )
    print(f"  false matches: {len(false)} (goal 0)")
    for line in false[:20]:
        print(f"    FALSE {line}")
    for line in missed[:40]:
        print(f"    missed {line}")
    return len(false) if source == "vault" else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 screenshots per clip instead of 20")
    parser.add_argument("--keep", type=Path, help="build the media in (or reuse them from) this folder")
    parser.add_argument("--every", type=float, metavar="SECONDS",
                        help="experiment: decode every frame and sample this often (what denser "
                             "sampling buys a PDQ-only list), instead of the app's sampling")  # fmt: skip
    parser.add_argument("--midpoints", action="store_true",
                        help="experiment: also sample groups halfway (video.MIDPOINT_SAMPLES)")  # fmt: skip
    args = parser.parse_args()
    if args.midpoints:
        from victim_desk.core.fingerprint import video

        video.MIDPOINT_SAMPLES = True
        print("EXPERIMENT: midpoint samples on")
    if args.every:
        from victim_desk.core.fingerprint import video

        video.KEYFRAME_GAP_S = 0.0  # every group is decoded in full
        video.DENSE_INTERVAL_S = args.every
        print(f"EXPERIMENT: every frame decoded, sampled every {args.every} s")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        table = build(args.keep, args.quick)
        return 1 if run(args.keep, table) else 0
    with tempfile.TemporaryDirectory(prefix="vd-video-eval-") as tmp:
        table = build(Path(tmp), args.quick)
        return 1 if run(Path(tmp), table) else 0


if __name__ == "__main__":
    sys.exit(main())
