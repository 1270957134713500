"""How many edited copies does the matcher find, and does it ever match an unrelated image?

Run: /tmp/venv/bin/python benchmarks/eval_robustness.py [--set tune|report|all]

Photos are public samples shipped with scikit-image (and matplotlib's grace_hopper when installed), split
into a *tune* set (thresholds were chosen looking at these) and a *report* set (looked at only to report).
Every photo is edited ~60 ways (tests/unit/fingerprint/_photos.py: crops of 3-10 % from various sides,
borders, phone and chat screenshots, caption bars and overlays, mirror, turns, thumbnails, heavy JPEG/WebP,
tone changes, greyscale, combinations). Each edited copy is a query against one Matcher holding every original
and a crowd of distractors (other samples, synthetic photo-like images, flat and two-tone images).
Recall = copies whose own original is found; a false match = any other label returned.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "fingerprint")]

from _photos import as_rgb, edits, photo, smooth_noise  # noqa: E402

from victim_desk.core.fingerprint import pdq  # noqa: E402
from victim_desk.core.fingerprint.matching import Known, Matcher  # noqa: E402
from victim_desk.core.fingerprint.robust import signature  # noqa: E402

TUNE = ["astronaut", "coffee", "rocket", "coins", "brick", "clock", "page"]
REPORT = ["chelsea", "camera", "hubble_deep_field", "retina", "moon", "grass", "gravel", "motorcycle_left",
          "immunohistochemistry", "cell"]  # fmt: skip
DISTRACTOR_SAMPLES = ["text", "colorwheel", "horse", "logo", "microaneurysms"]


def extra_photos() -> dict[str, np.ndarray]:
    try:
        from matplotlib import cbook

        with cbook.get_sample_data("grace_hopper.jpg") as f:
            from PIL import Image

            return {"grace_hopper": np.asarray(Image.open(f).convert("RGB"))}
    except Exception:  # matplotlib is optional here
        return {}


def distractors() -> dict[str, np.ndarray]:
    out = {name: photo(name) for name in DISTRACTOR_SAMPLES}
    for seed in range(40):
        out[f"synthetic{seed}"] = smooth_noise(1000 + seed, (360 + seed * 7, 480))
    import skimage.data

    faces = skimage.data.lfw_subset()[:40]
    for i, face in enumerate(faces):
        out[f"face{i}"] = as_rgb(np.kron(face * 255, np.ones((8, 8))))
    for v in (0, 128, 255):
        out[f"flat{v}"] = np.full((300, 400, 3), v, dtype=np.uint8)
    two = np.zeros((300, 400, 3), dtype=np.uint8)
    two[:, 200:] = 255
    out["two_tone"] = two
    out["two_tone_h"] = np.ascontiguousarray(two.transpose(1, 0, 2))
    return out


def known_of(label: str, rgb: np.ndarray) -> Known:
    bits, _ = pdq.pdq_from_gray(pdq.luminance(rgb))
    return Known(label=label, pdq=(pdq.bits_to_hex(bits),), robust=signature(rgb))


def evaluate(names: list[str], photos: dict[str, np.ndarray]) -> None:
    crowd = distractors()
    knowns = [known_of(n, photos[n]) for n in photos] + [known_of(n, img) for n, img in crowd.items()]
    matcher = Matcher(knowns)
    plain = Matcher([Known(k.label, k.pdq) for k in knowns])
    found = defaultdict(lambda: [0, 0, 0])  # edit -> [plain PDQ hits, matcher hits, total]
    methods: dict[str, int] = defaultdict(int)
    false = []
    sig_times = []
    match_times = []
    for name in names:
        for edit, fn in edits().items():
            query = fn(photos[name])
            bits, _ = pdq.pdq_from_gray(pdq.luminance(query))
            qhex = pdq.bits_to_hex(bits)
            t0 = time.perf_counter()
            sig = signature(query)
            t1 = time.perf_counter()
            result = matcher.match([qhex], sig)
            match_times.append(time.perf_counter() - t1)
            sig_times.append(t1 - t0)
            row = found[edit]
            row[2] += 1
            row[0] += any(m.label == name for m in plain.match([qhex]))
            hit = [m for m in result if m.label == name]
            row[1] += bool(hit)
            if hit:
                methods[hit[0].method] += 1
            false += [(name, edit, m) for m in result if m.label != name]
    # Distractors against each other (and flat images against flat images): nothing may match.
    for label, img in crowd.items():
        for m in matcher.match([pdq.bits_to_hex(pdq.pdq_from_gray(pdq.luminance(img))[0])], signature(img)):
            if m.label != label:
                false.append((label, "distractor", m))

    total_plain = sum(r[0] for r in found.values())
    total_hit = sum(r[1] for r in found.values())
    total = sum(r[2] for r in found.values())
    print(f"photos: {', '.join(names)}")
    print(f"known entries: {len(knowns)} ({len(photos)} photos + {len(crowd)} distractors)")
    print(f"{'edit':<20}{'plain PDQ':>10}{'matcher':>10}")
    for edit, (p, h, n) in found.items():
        print(f"{edit:<20}{p / n:>10.0%}{h / n:>10.0%}")
    print(f"{'ALL':<20}{total_plain / total:>10.1%}{total_hit / total:>10.1%}   ({total_hit}/{total} copies)")
    print("found by:", dict(methods))
    print(f"false matches: {len(false)}")
    for item in false[:20]:
        print("  ", item)
    sig_ms, match_ms = np.median(sig_times) * 1000, np.median(match_times) * 1000
    print(f"signature median {sig_ms:.1f} ms, match median {match_ms:.1f} ms (shared machine: noisy)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tune", "report", "all"], default="report")
    args = parser.parse_args()
    photos = {n: photo(n) for n in TUNE + REPORT}
    extra = extra_photos()
    photos.update(extra)
    names = {"tune": TUNE, "report": REPORT + list(extra), "all": TUNE + REPORT + list(extra)}[args.set]
    evaluate(names, photos)


if __name__ == "__main__":
    main()
