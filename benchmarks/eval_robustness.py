"""How many edited copies does the matcher find, and does it ever match an unrelated image?

Run: /tmp/venv/bin/python benchmarks/eval_robustness.py [--quick]

Everything goes through the real pipeline: originals and every edited copy are written to files (JPEG, PNG
or WebP, as the edit implies) in a temporary folder and fingerprinted with `fingerprint_file`, so decoding
(JPEG draft mode, the working-size reduction, luma) is exactly what a user's files go through.

* Known list: the tune and report photos plus ~90 distractors (other samples, synthetic photo-like images,
  faces, flat and two-tone images), all as knowns.
* Queries: ~60 edits of every tune/report photo (tests/unit/fingerprint/_photos.py: crops of 3-10 % from
  various sides, borders, phone and chat screenshots, caption bars and overlays, mirror, turns, thumbnails,
  heavy JPEG/WebP, tone changes, greyscale, combinations); every distractor and photo itself (it must find
  only itself); and every edit of *held-out* pictures that are on no list (any match is false).
* Recall = copies whose own original is found, per edit, plain PDQ vs the matcher, split tune / report
  (thresholds were chosen looking at the tune photos only). A false match = any other label returned.
* Margin: the feature check's evidence (inliers) for every unrelated pair that got as far as RANSAC, against
  the same figure for true copies: zero false matches should come with a wide gap, not a lucky threshold.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]

from _photos import as_rgb, crop, edits, hard_edits, photo, smooth_noise, tilt  # noqa: E402

from victim_desk.core.fingerprint import fingerprint_file  # noqa: E402
from victim_desk.core.fingerprint.matching import Evidence, Known, Matcher  # noqa: E402
from victim_desk.core.fingerprint.robust import signature  # noqa: E402
from victim_desk.core.fingerprint.types import Fingerprint  # noqa: E402

TUNE = ["astronaut", "coffee", "rocket", "coins", "brick", "clock", "page"]
REPORT = ["chelsea", "camera", "hubble_deep_field", "retina", "moon", "grass", "gravel", "motorcycle_left",
          "immunohistochemistry", "cell", "grace_hopper"]  # fmt: skip
# Pictures on no list: every edit of them is a query, and any match is false.
HELD_OUT = ["minduka", "dem", "topobathy", "phantom", "mri"]
DISTRACTOR_SAMPLES = ["text", "colorwheel", "horse", "logo", "microaneurysms"]
QUICK_EDITS = ["crop5_lt", "crop10_lrtb", "crop8_b", "crop10_r", "border_white", "phone_dark", "chat",
               "caption_top", "caption_overlay", "text_overlay", "mirror", "rot90", "thumb100", "webp5",
               "grey", "crop8_mirror", "crop5_rot90", "crop8_caption_webp30", "crop10_border"]  # fmt: skip


def _mpl(name: str) -> Path:
    from matplotlib import cbook

    return Path(cbook.get_sample_data(name, asfileobj=False))


def _render(height: np.ndarray) -> np.ndarray:
    """A height map as a shaded grey picture (photo-like texture)."""
    h = np.nan_to_num(height.astype(np.float64))
    gy, gx = np.gradient(h)
    shade = 0.6 * (gx - gy) / (np.std(gx - gy) + 1e-9) + (h - h.mean()) / (h.std() + 1e-9)
    return as_rgb((np.clip(shade, -2.5, 2.5) + 2.5) * 51)


def picture(name: str) -> np.ndarray:
    """A sample photo from scikit-image or matplotlib, as uint8 RGB."""
    if name == "grace_hopper":
        return np.asarray(Image.open(_mpl("grace_hopper.jpg")).convert("RGB"))
    if name == "minduka":
        return np.asarray(Image.open(_mpl("Minduka_Present_Blue_Pack.png")).convert("RGB"))
    if name == "dem":
        return _render(np.load(_mpl("jacksboro_fault_dem.npz"))["elevation"])
    if name == "topobathy":
        return _render(np.load(_mpl("topobathy.npz"))["topo"])
    if name == "phantom":
        import skimage.data

        return as_rgb(skimage.data.shepp_logan_phantom() * 255)
    if name == "mri":
        with gzip.open(_mpl("s1045.ima.gz")) as f:
            raw = np.frombuffer(f.read(), np.uint16).reshape(256, 256).astype(np.float64)
        return as_rgb(np.kron(raw / raw.max() * 255, np.ones((2, 2))))
    return photo(name)


def distractors() -> dict[str, np.ndarray]:
    import skimage.data

    out = {name: photo(name) for name in DISTRACTOR_SAMPLES}
    for seed in range(40):
        out[f"synthetic{seed}"] = smooth_noise(1000 + seed, (360 + seed * 7, 480))
    for i, face in enumerate(skimage.data.lfw_subset()[:40]):
        out[f"face{i}"] = as_rgb(np.kron(face * 255, np.ones((8, 8))))
    for v in (0, 128, 255):
        out[f"flat{v}"] = np.full((300, 400, 3), v, dtype=np.uint8)
    two = np.zeros((300, 400, 3), dtype=np.uint8)
    two[:, 200:] = 255
    out["two_tone"] = two
    out["two_tone_h"] = np.ascontiguousarray(two.transpose(1, 0, 2))
    return out


def file_format(edit: str) -> tuple[str, dict[str, object]]:
    """How a copy with this edit would be stored: screenshots and borders as PNG, the already compressed
    copies losslessly (their damage is done), everything else as a typical re-shared JPEG."""
    if edit.startswith(("phone", "chat", "border", "jpeg", "webp", "crop5_jpeg", "caption_grey")):
        return "png", {}
    if "webp" in edit:
        return "png", {}
    if edit.startswith("thumb"):
        return "jpg", {"quality": 75}
    return "jpg", {"quality": 85}


class Corpus:
    """Writes pictures to files and fingerprints them, as a user's files would be."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.seconds = 0.0

    def fingerprint(self, rgb: np.ndarray, suffix: str = "jpg", **save: object) -> Fingerprint:
        self.count += 1
        path = self.folder / f"{self.count:05d}.{suffix}"
        Image.fromarray(np.ascontiguousarray(rgb)).save(path, **save)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        fp = fingerprint_file(path)
        self.seconds += time.perf_counter() - t0
        return fp


def known_of(label: str, fp: Fingerprint) -> Known:
    return Known(label=label, pdq=(fp.pdq,), robust=fp.robust)


def query(matcher: Matcher, fp: Fingerprint) -> list:
    return matcher.match((fp.pdq,), fp.robust)


def evaluate(quick: bool, dump: Path | None = None, only: str = "") -> None:
    names = {"tune": TUNE, "report": REPORT}
    base_edits: dict[str, Callable[[np.ndarray], np.ndarray]] = edits()  # type: ignore[assignment]
    harder: dict[str, Callable[[np.ndarray], np.ndarray]] = hard_edits()  # type: ignore[assignment]
    if quick:
        base_edits = {k: v for k, v in base_edits.items() if k in QUICK_EDITS}
    if only == "hard":
        base_edits = {}
    elif only == "base":
        harder = {}
    all_edits = {**base_edits, **harder}
    crowd = distractors()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp))
        originals = {n: corpus.fingerprint(picture(n), "jpg", quality=92) for n in TUNE + REPORT}
        others = {n: corpus.fingerprint(img, "png") for n, img in crowd.items()}
        knowns = [known_of(n, fp) for n, fp in {**originals, **others}.items()]
        matcher = Matcher(knowns)
        plain = Matcher([Known(k.label, k.pdq) for k in knowns])

        found: dict[str, dict[str, list[int]]] = {s: defaultdict(lambda: [0, 0, 0]) for s in names}
        methods: dict[str, int] = defaultdict(int)
        false: list[tuple[str, str, object]] = []
        true_ev: list[Evidence] = []
        false_ev: list[tuple[str, str, str, Evidence]] = []
        match_times: list[float] = []

        def check(name: str, edit: str, fp: Fingerprint, own: str | None) -> list:
            t0 = time.perf_counter()
            result = query(matcher, fp)
            match_times.append(time.perf_counter() - t0)
            false.extend((name, edit, m) for m in result if m.label != own)
            if fp.robust is not None:
                for label, ev in matcher.feature_evidence(fp.robust):
                    if label == own:
                        true_ev.append(ev)
                    else:
                        false_ev.append((name, edit, label, ev))
            return result

        for split, photos in names.items():
            for name in photos:
                for edit, fn in all_edits.items():
                    suffix, save = file_format(edit)
                    fp = corpus.fingerprint(fn(picture(name)), suffix, **save)
                    result = check(name, edit, fp, name)
                    row = found[split][edit]
                    row[2] += 1
                    row[0] += any(m.label == name for m in plain.match((fp.pdq,)))
                    hit = [m for m in result if m.label == name]
                    row[1] += bool(hit)
                    if hit:
                        methods[hit[0].method] += 1
                    else:
                        print(f"  missed {name} {edit}")
        # Unrelated queries: each known finds only itself; held-out pictures and their edits find nothing.
        for label, fp in {**originals, **others}.items():
            check(label, "itself", fp, label)
        unrelated = 0
        for name in HELD_OUT:
            img = picture(name)
            check(name, "held-out", corpus.fingerprint(img, "jpg", quality=92), None)
            unrelated += 1
            for edit, fn in all_edits.items():
                suffix, save = file_format(edit)
                check(name, edit, corpus.fingerprint(fn(img), suffix, **save), None)
                unrelated += 1

        unrelated += hard_negatives(corpus, knowns, false, false_ev)
        print(f"known entries: {len(knowns)} ({len(originals)} photos + {len(others)} distractors)")
        print(f"{'edit':<22}{'tune PDQ':>9}{'matcher':>9}{'report PDQ':>11}{'matcher':>9}")
        for edit in all_edits:
            t, r = found["tune"][edit], found["report"][edit]
            print(f"{edit:<22}{t[0] / t[2]:>9.0%}{t[1] / t[2]:>9.0%}{r[0] / r[2]:>11.0%}{r[1] / r[2]:>9.0%}")
        for group, group_edits in (("edits", base_edits), ("HARD", harder)):
            for split in names:
                rows = [found[split][e] for e in group_edits]
                if not rows:
                    continue
                n = sum(r[2] for r in rows)
                p, h = sum(r[0] for r in rows), sum(r[1] for r in rows)
                print(
                    f"{group} ALL {split:<8} plain PDQ {p / n:6.1%}   matcher {h / n:6.1%}   ({h}/{n} copies)"
                )
            rows = [found[split][e] for split in names for e in group_edits]
            if not rows:
                continue
            n, h = sum(r[2] for r in rows), sum(r[1] for r in rows)
            print(f"{group} ALL both     matcher {h / n:6.1%}   ({h}/{n} copies)")
        print("found by:", dict(methods))
        count = len(originals) + len(others) + unrelated
        print(f"unrelated queries: {count} (each known vs the rest, held-out pictures and their edits, "
              "hard negatives)")  # fmt: skip
        print(f"FALSE MATCHES: {len(false)}")
        for item in false[:30]:
            print("  ", item)
        margin(true_ev, false_ev)
        if dump is not None:
            import dataclasses
            import json

            with dump.open("w") as f:
                for ev in true_ev:
                    f.write(json.dumps({"true": True, **dataclasses.asdict(ev)}) + "\n")
                for name, edit, label, ev in false_ev:
                    f.write(json.dumps({"true": False, "query": f"{name}/{edit}", "known": label,
                                        **dataclasses.asdict(ev)}) + "\n")  # fmt: skip
        sig = [1000 * t for t in time_signatures()]
        print(
            f"fingerprint_file median {1000 * corpus.seconds / corpus.count:.1f} ms/file, "
            f"signature median {np.median(sig):.1f} ms (max {max(sig):.1f}), "
            f"match median {1000 * np.median(match_times):.2f} ms (shared machine: noisy)"
        )


def _scene(height: np.ndarray, light: float, warp: float) -> np.ndarray:
    """A height map lit from `light` degrees and seen from a slightly different angle (`warp`: a perspective
    tilt as a share of the width): two such renderings are two photos of one scene, not copies."""
    import cv2

    h = np.nan_to_num(height.astype(np.float64))
    gy, gx = np.gradient(h)
    a = np.radians(light)
    lit = np.cos(a) * gx + np.sin(a) * gy
    shade = 0.6 * lit / (np.std(lit) + 1e-9) + (h - h.mean()) / (h.std() + 1e-9)
    img = as_rgb((np.clip(shade, -2.5, 2.5) + 2.5) * 51)
    rows, cols = img.shape[:2]
    d = warp * cols
    src = np.float32([[0, 0], [cols, 0], [cols, rows], [0, rows]])
    dst = np.float32([[d, d / 2], [cols - d, 0], [cols, rows], [0, rows - d / 2]])
    return cv2.warpPerspective(img, cv2.getPerspectiveTransform(src, dst), (cols, rows))


def hard_negatives(
    corpus: Corpus,
    knowns: list[Known],
    false: list[tuple[str, str, object]],
    false_ev: list[tuple[str, str, str, Evidence]],
) -> int:
    """Pictures that resemble a known one but share none of its pixels; any match to it is false.

    * The other part of the same photo: the left and the top 45 % of every list photo are stored, the
      right and the bottom 45 % (and tilted, mirrored, cropped copies) ask. The right part may match the
      whole original (it is a crop of it) and the top part (they share a quadrant), never the left part;
      likewise the bottom part never the top.
    * Different photos of one scene: the stereo pair (motorcycle left / right); two non-overlapping views of
      a large photo (astronaut, 10 % apart); terrain renderings lit from other directions and seen from a
      slightly different angle.
    """
    from _photos import photo as sample

    parts: dict[str, Fingerprint] = {}
    asks: list[tuple[str, str, Fingerprint, str]] = []  # (name, what, query, the original it may match)
    for name in TUNE + REPORT:
        img = picture(name)
        h, w = img.shape[:2]
        parts[f"{name}/left"] = corpus.fingerprint(img[:, : int(0.45 * w)], "jpg", quality=90)
        parts[f"{name}/top"] = corpus.fingerprint(img[: int(0.45 * h)], "jpg", quality=90)
        right, bottom = img[:, int(0.55 * w) :], img[int(0.55 * h) :]
        for what, q in (("right", right), ("right_tilt8", tilt(right, 8)),
                        ("right_mirror", np.ascontiguousarray(right[:, ::-1])), ("bottom", bottom),
                        ("bottom_crop5", crop(bottom, 0.05, "lr"))):  # fmt: skip
            # It shares pixels with the original and with the stored part across (right with top, bottom
            # with left: one quadrant), so those may match; the part it shares none with may not.
            shared = f"{name}/top" if what.startswith("right") else f"{name}/left"
            asks.append((name, what, corpus.fingerprint(q, "jpg", quality=85), f"{name}|{shared}"))
    # motorcycle_left is a report photo: its stereo partner is a different photo of the same scene.
    right = sample("motorcycle_right")
    asks.append(("motorcycle_right", "stereo partner", corpus.fingerprint(right, "jpg", quality=90), ""))
    big = sample("astronaut")
    parts["astronaut/view_a"] = corpus.fingerprint(big[:220, :220], "jpg", quality=90)
    view_b = corpus.fingerprint(big[270:490, 270:490], "jpg", quality=90)
    asks.append(("astronaut", "view_b", view_b, "astronaut"))
    for source in ("dem", "topobathy"):
        height = np.load(_mpl("jacksboro_fault_dem.npz"))["elevation"] if source == "dem" else (
            np.load(_mpl("topobathy.npz"))["topo"])  # fmt: skip
        parts[f"{source}/scene"] = corpus.fingerprint(_scene(height, 135, 0.0), "jpg", quality=90)
        for light, warp in ((45, 0.0), (90, 0.06), (200, 0.1)):
            fp = corpus.fingerprint(_scene(height, light, warp), "jpg", quality=85)
            asks.append((source, f"lit{light}_warp{warp}", fp, ""))
    matcher = Matcher([*knowns, *(known_of(label, fp) for label, fp in parts.items())])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [queries, falsely matched]
    for name, what, fp, allowed in asks:
        result = matcher.match((fp.pdq,), fp.robust)
        wrong = [m for m in result if m.label not in allowed.split("|")]
        if fp.robust is not None:
            evidence, ok = matcher.feature_evidence(fp.robust), allowed.split("|")
            false_ev.extend((name, f"hard negative {what}", k, ev) for k, ev in evidence if k not in ok)
        false.extend((name, f"hard negative {what}", m) for m in wrong)
        kind = "other part" if name in TUNE + REPORT and what != "view_b" else what.split("_warp")[0]
        kinds[kind if not kind.startswith("lit") else "scene lit otherwise"][0] += 1
        kinds[kind if not kind.startswith("lit") else "scene lit otherwise"][1] += bool(wrong)
        missed_crop = allowed and allowed.split("|")[0] not in {m.label for m in result}
        print(
            f"  hard negative {name}/{what}: {[(m.label, m.method) for m in result]}"
            f"{' (FALSE)' if wrong else ''}{' (crop of the original, not found)' if missed_crop else ''}"
        )
    print(f"hard negatives: {len(asks)} queries against {len(parts)} stored parts and scenes")
    for kind, (n, bad) in kinds.items():
        print(f"  hard negatives {kind:<22} {bad} of {n} falsely matched")
    return len(asks)


def margin(true_ev: list[Evidence], false_ev: list[tuple[str, str, str, Evidence]]) -> None:
    """The gap between the strongest unrelated pair and the true copies the features stage had to find."""
    accepted = [e for e in true_ev if e.accepted]
    wrong = sum(e.accepted for *_, e in false_ev)
    print(f"feature evidence: {len(true_ev)} true pairs verified ({len(accepted)} accepted), "
          f"{len(false_ev)} unrelated pairs verified ({wrong} accepted)")  # fmt: skip
    if accepted:
        inl = np.array([e.inliers for e in accepted])
        print(f"  true accepted inliers: min {inl.min()}  p5 {np.percentile(inl, 5):.0f}  "
              f"median {np.median(inl):.0f}")  # fmt: skip
    worst = sorted(false_ev, key=lambda x: -x[3].inliers)[:3]
    for name, edit, label, ev in worst:
        print(f"  strongest unrelated: {name}/{edit} vs {label}: {ev}")
    # The same among unrelated transforms that look like a copy's (quarter turn, plausible scale): those
    # only the inlier count keeps out, so their inliers against the threshold are the real margin.
    from victim_desk.core.fingerprint import matching as m

    low, high = m._SCALE_RANGE
    plausible = [x for x in false_ev if x[3].angle <= m._MAX_SKEW_DEGREES and low <= x[3].scale <= high]
    for name, edit, label, ev in sorted(plausible, key=lambda x: -x[3].inliers)[:3]:
        print(f"  strongest plausible unrelated: {name}/{edit} vs {label}: {ev}")
    gated = [
        e.inliers
        for *_, e in plausible
        if e.ransac >= m._MIN_RANSAC and e.coverage >= m._MIN_COVERAGE and e.spread >= m._MIN_SPREAD
    ]
    print(
        f"  unrelated passing every gate but the pair count: {len(gated)}, most pairs {max(gated, default=0)}"
        f" (needed: {m._MIN_INLIERS}, or {m._MIN_INLIERS_WEAK} on < {m._STRONG_RANSAC} ratio-tested)"
    )


def time_signatures() -> list[float]:
    """signature() alone on what hashing.py hands it: the luma of a 512-1000 px working image."""
    import cv2

    from victim_desk.core.fingerprint import pdq

    times = []
    for name in ["astronaut", "coffee", "hubble_deep_field", "retina", "grass", "chelsea", "clock", "cell"]:
        img = picture(name)
        for long_side in (512, 1000):
            s = long_side / max(img.shape[:2])
            size = (round(img.shape[1] * s), round(img.shape[0] * s))
            gray = pdq.luminance(cv2.resize(img, size, interpolation=cv2.INTER_AREA))
            for _ in range(3):
                t0 = time.perf_counter()
                signature(gray)
                times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only {len(QUICK_EDITS)} edits, for iteration")
    parser.add_argument("--dump", type=Path, help="write every feature check's evidence here (JSON Lines)")
    parser.add_argument(
        "--only", choices=["base", "hard"], help="only the original edits, or only the harder"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    evaluate(args.quick, args.dump, args.only or "")
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
