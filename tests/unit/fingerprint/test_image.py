"""Picture fingerprints: formats, agreement with Meta's reference PDQ, orientation, animations, JSON form."""

from __future__ import annotations

import io
import json
import statistics
from pathlib import Path

import imagehash
import numpy as np
import pdqhash  # a test extra: if it is missing the run fails, it never skips
import pytest
from _media import scene
from _photos import photo, smooth_noise
from PIL import Image, ImageOps

from victim_desk.core.cancel import CancelToken
from victim_desk.core.fingerprint import Fingerprint, FrameHash, decode, fingerprint_file, image, pdq
from victim_desk.errors import Cancelled, HashListInvalid

PHOTOS = ["astronaut", "coffee", "chelsea", "camera", "rocket", "hubble_deep_field", "retina", "horse",
          "coins", "moon", "brick", "grass", "motorcycle_left"]  # fmt: skip


def reference_pdq(path: Path) -> str:
    """Meta's reference on a full-resolution, upright decode of the same file (what a platform computes)."""
    with Image.open(path) as im:
        rgb = np.asarray(ImageOps.exif_transpose(im).convert("RGB"))
    vector, _quality = pdqhash.compute(np.ascontiguousarray(rgb))
    return pdq.bits_to_hex(vector.astype(bool)[::-1])


def big(rgb: np.ndarray, size: tuple[int, int], seed: int = 0) -> np.ndarray:
    """Upscale a sample photo and add sensor-like noise, to stand in for a camera picture."""
    up = np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.BICUBIC)).astype(np.int16)
    noise = np.random.default_rng(seed).integers(-10, 11, up.shape, dtype=np.int16)
    return np.clip(up + noise, 0, 255).astype(np.uint8)


# --- agreement with the reference ------------------------------------------------------------------------


def test_pdq_agrees_with_meta_reference_on_the_same_files(photo_file) -> None:
    files = []
    for name in PHOTOS:
        files.append(photo_file(f"{name}.jpg", photo(name), quality=92))
        files.append(photo_file(f"{name}.png", photo(name), compress_level=1))
    for seed, shape in enumerate([(384, 512), (700, 300), (129, 1000)]):
        files.append(photo_file(f"noise{seed}.webp", smooth_noise(seed, shape), lossless=True))
    # Big enough that the JPEG is decoded at reduced scale and the PNG is reduced after decoding.
    files.append(photo_file("big.jpg", big(photo("coffee"), (2200, 1600)), quality=90))
    files.append(photo_file("big.png", big(photo("chelsea"), (1400, 1000), seed=1), compress_level=1))
    distances = [pdq.hamming(fingerprint_file(f).pdq, reference_pdq(f)) for f in files]
    assert statistics.median(distances) <= 8, distances
    assert max(distances) <= 31, distances


def test_quality_is_high_for_photos_and_zero_for_a_flat_picture(photo_file) -> None:
    assert fingerprint_file(photo_file("p.png", photo("astronaut"))).pdq_quality >= 50
    flat = np.full((300, 400, 3), 128, dtype=np.uint8)
    assert fingerprint_file(photo_file("flat.png", flat)).pdq_quality == 0


def test_phash_is_imagehash_of_the_picture(photo_file) -> None:
    path = photo_file("p.png", photo("coffee"))
    fp = fingerprint_file(path)
    with Image.open(path) as im:
        direct = imagehash.phash(im)
    assert fp.phash is not None and len(fp.phash) == 16
    # Hashed from the reduced working image, so allow the small difference that resampling makes.
    assert imagehash.hex_to_hash(fp.phash) - direct <= 6


# --- formats ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "save"),
    [
        ("a.jpg", {"quality": 95}),
        ("a.png", {}),
        ("a.webp", {"quality": 90}),
        ("a.gif", {}),
        ("a.bmp", {}),
        ("a.tif", {"compression": "tiff_lzw"}),
        ("a.heic", {"format": "HEIF", "quality": 90}),
    ],
)
def test_every_format_gives_the_same_picture(photo_file, name: str, save: dict) -> None:
    baseline = fingerprint_file(photo_file("base.png", photo("chelsea")))
    fp = fingerprint_file(photo_file(name, photo("chelsea"), **save))
    assert fp.kind == "image" and fp.frames == ()
    assert len(fp.sha256) == 64 and len(fp.md5) == 32
    if name.endswith(".gif"):
        # Matching services hash a palette picture by its palette indices (threatexchange's pdq_from_file
        # hands np.asarray of the "P" image to pdqhash), so the exchanged PDQ does too; the local hashes
        # still describe the picture (GIF quantises to 256 colours).
        from _interop import reference

        assert fp.pdq == reference(Path(fp.file))[0]
        assert pdq.hamming(fp.pdq, baseline.pdq) > 31
        assert bin(int(fp.phash, 16) ^ int(baseline.phash, 16)).count("1") <= 6
    else:
        # Near-lossless at these settings.
        assert pdq.hamming(fp.pdq, baseline.pdq) <= 12


def test_16_bit_and_grey_pictures_are_scaled_not_clipped(tmp_path: Path) -> None:
    grey = np.asarray(Image.fromarray(photo("camera")).convert("L"))
    base = tmp_path / "g8.png"
    Image.fromarray(grey).save(base)
    deep = tmp_path / "g16.png"
    Image.fromarray(grey.astype(np.uint16) * 257).save(deep)
    assert Image.open(deep).mode.startswith("I")
    a, b = fingerprint_file(base), fingerprint_file(deep)
    # The local hashes see the picture scaled to 8 bits ...
    assert _phash_distance(a, b) <= 4
    # ... while the exchanged PDQ is what matching services compute: threatexchange converts I;16 to RGB
    # with Pillow, which clips (this picture turns almost white), and so must we.
    from _interop import reference

    assert b.pdq == reference(deep)[0]


def _phash_distance(a: Fingerprint, b: Fingerprint) -> int:
    return (int(a.phash or "0", 16) ^ int(b.phash or "0", 16)).bit_count()


def test_cmyk_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    Image.fromarray(photo("rocket")).convert("CMYK").save(path, quality=92)
    rgb_path = tmp_path / "rgb.png"
    Image.fromarray(photo("rocket")).save(rgb_path)
    cmyk, rgb = fingerprint_file(path), fingerprint_file(rgb_path)
    assert _phash_distance(cmyk, rgb) <= 6
    # threatexchange hands CMYK's first three channels to pdqhash as they are; the exchanged PDQ follows.
    from _interop import reference

    assert cmyk.pdq == reference(path)[0]


# --- reduced decoding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [("a.jpg", (4000, 3000), (1000, 750)), ("b.jpg", (4096, 2048), (512, 256)),
     ("c.png", (3000, 2000), (600, 400)), ("d.jpg", (640, 480), (640, 480)),
     ("e.png", (300, 200), (300, 200))],
)  # fmt: skip
def test_working_image_is_small_but_not_too_small(
    tmp_path: Path, name: str, size: tuple, expected: tuple
) -> None:
    path = tmp_path / name
    options = {"compress_level": 1} if name.endswith("png") else {}
    Image.fromarray(scene("astronaut", size)).save(path, **options)
    with decode.open_image(path) as im:
        work = decode.working_image(im)
    assert work.size == expected
    assert work.mode == "RGB"


# --- orientation ------------------------------------------------------------------------------------------

# EXIF orientation -> how to turn the upright picture into what the camera stored.
STORED = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@pytest.mark.parametrize("orientation", sorted(STORED))
def test_exif_orientation_is_honoured(tmp_path: Path, orientation: int) -> None:
    upright = Image.fromarray(scene("coffee", (640, 420)))
    stored = upright.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / f"o{orientation}.jpg"
    stored.save(path, quality=95, exif=exif.tobytes())
    plain = tmp_path / "upright.jpg"
    upright.save(plain, quality=95)
    turned = fingerprint_file(path)
    assert pdq.hamming(turned.pdq, fingerprint_file(plain).pdq) <= 10
    # ... and without the tag it would be a different picture as far as PDQ knows.
    stored.save(tmp_path / "untagged.jpg", quality=95)
    assert pdq.hamming(fingerprint_file(tmp_path / "untagged.jpg").pdq, turned.pdq) > 40


# --- animations -------------------------------------------------------------------------------------------


def _gif(path: Path, frames: list[np.ndarray], duration: int = 100) -> Path:
    images = [Image.fromarray(f) for f in frames]
    images[0].save(path, save_all=True, append_images=images[1:], duration=duration, loop=0)
    return path


def test_animated_gif_frames_are_hashed_and_collapsed(tmp_path: Path) -> None:
    names = ["astronaut", "rocket", "coffee"]
    frames = [scene(n, (160, 120)) for n in names for _ in range(6)]  # three scenes of 0.6 s each
    fp = fingerprint_file(_gif(tmp_path / "a.gif", frames))
    assert [f.t for f in fp.frames] == [0.0, 0.6, 1.2]
    for frame, name in zip(fp.frames, names, strict=True):
        alone = fingerprint_file(_gif(tmp_path / f"{name}.gif", [scene(name, (160, 120))]))
        assert alone.frames == ()
        # Frame hashes describe the picture (local matching), whatever the container's palette.
        assert (
            pdq.hamming(
                frame.pdq, pdq.bits_to_hex(pdq.pdq_from_gray(pdq.luminance(scene(name, (160, 120))))[0])
            )
            <= 8
        )
    # The exchanged PDQ of a GIF is the reference's, computed from its palette indices.
    from _interop import reference

    assert fp.pdq == reference(Path(fp.file))[0]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animated_png_and_webp(tmp_path: Path, fmt: str) -> None:
    images = [Image.fromarray(scene(n, (160, 120))) for n in ("horse", "chelsea")]
    path = tmp_path / f"anim.{fmt.lower()}"
    images[0].save(path, format=fmt, save_all=True, append_images=images[1:], duration=500, lossless=True)
    fp = fingerprint_file(path)
    assert len(fp.frames) == 2 and fp.frames[1].t == pytest.approx(0.5)


def test_thousands_of_frames_are_capped(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    palette = rng.integers(0, 256, 768, dtype=np.uint8).tobytes()
    frames = []
    for _ in range(3000):  # palette frames: GIF-encoding 3000 RGB frames would take half a minute
        frame = Image.fromarray(rng.integers(0, 256, (24, 24), dtype=np.uint8), "P")
        frame.putpalette(palette)
        frames.append(frame)
    path = tmp_path / "many.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=20, loop=0)
    fp = fingerprint_file(path)  # the time it takes is in benchmarks/bench_quick_paths.py
    assert 1 < len(fp.frames) <= image.MAX_FRAME_HASHES
    assert fp.frames[-1].t < image.MAX_ANIMATION_FRAMES * 0.02 + 1e-6


def test_animation_with_a_broken_tail_keeps_its_first_frames(tmp_path: Path) -> None:
    frames = [scene(n, (160, 120)) for n in ("astronaut", "rocket", "coffee", "horse")]
    path = _gif(tmp_path / "cut.gif", frames)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    fp = fingerprint_file(path)
    assert 1 <= len(fp.frames) < 4


def test_multipage_tiff_is_not_an_animation(tmp_path: Path) -> None:
    pages = [Image.fromarray(scene(n)) for n in ("astronaut", "rocket")]
    path = tmp_path / "pages.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:])
    assert fingerprint_file(path).frames == ()


def test_cancel_during_animation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frames = [scene(n, (160, 120)) for n in ("astronaut", "rocket", "coffee")]
    path = _gif(tmp_path / "c.gif", frames)
    token = CancelToken()
    real = decode.working_image

    def cancel_after_first(*args, **kwargs):
        token.cancel()
        return real(*args, **kwargs)

    monkeypatch.setattr(decode, "working_image", cancel_after_first)
    with pytest.raises(Cancelled):
        fingerprint_file(path, cancel=token)


# --- JSON -------------------------------------------------------------------------------------------------


def test_json_has_exactly_the_contract_fields_and_round_trips(photo_file) -> None:
    fp = fingerprint_file(photo_file("j.jpg", photo("horse"), quality=90))
    obj = fp.to_json()
    expected = {"file", "kind", "size", "sha256", "md5", "pdq", "pdq_quality", "pdq_method", "phash"}
    assert set(obj) - {"robust", "provenance"} == expected
    assert ("robust" in obj) == (fp.robust is not None)
    assert obj["provenance"]["none_found"] is True  # an ordinary photo: what the file says, read by default
    line = json.dumps(obj, ensure_ascii=False)
    assert "\n" not in line
    assert Fingerprint.from_json(json.loads(line)) == fp


def test_json_of_video_and_animation_carry_frames() -> None:
    fp = Fingerprint(file="v.mp4", kind="video", size=10, sha256="a" * 64, md5="b" * 32, pdq=None,
                     pdq_quality=None, phash=None)  # fmt: skip
    assert fp.to_json()["frames"] == []
    frames = (FrameHash(t=0.0, pdq="c" * 64, quality=90), FrameHash(t=1.5, pdq="d" * 64, quality=70))
    anim = Fingerprint(file="a.gif", kind="image", size=10, sha256="a" * 64, md5="b" * 32, pdq="c" * 64,
                       pdq_quality=90, phash="0" * 16, frames=frames)  # fmt: skip
    obj = anim.to_json()
    assert obj["frames"] == [
        {"t": 0.0, "pdq": "c" * 64, "quality": 90},
        {"t": 1.5, "pdq": "d" * 64, "quality": 70},
    ]
    assert Fingerprint.from_json(obj) == anim


GOOD = {"file": "x.jpg", "kind": "image", "size": 5, "sha256": "0" * 64, "md5": "1" * 32, "pdq": "f" * 64,
        "pdq_quality": 80, "phash": "ab" * 8}  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"file": ""},
        {"file": 3},
        {"kind": "audio"},
        {"size": -1},
        {"size": True},
        {"size": "5"},
        {"sha256": "0" * 63},
        {"sha256": "z" * 64},
        {"md5": None},
        {"pdq": "f" * 65},
        {"pdq_quality": 101},
        {"pdq_quality": 50.5},
        {"pdq": None},
        {"phash": "xyz"},
        {"frames": "none"},
        {"frames": [{"t": -1, "pdq": "0" * 64, "quality": 5}]},
        {"frames": [{"t": float("nan"), "pdq": "0" * 64, "quality": 5}]},
        {"frames": [{"t": 1, "pdq": "0" * 64}]},
        {"frames": [["t", 1]]},
        {"robust": [1, 2]},
    ],
)
def test_from_json_refuses_bad_input(change: dict) -> None:
    with pytest.raises(HashListInvalid):
        Fingerprint.from_json({**GOOD, **change})


def test_from_json_refuses_non_objects_and_missing_fields() -> None:
    for bad in (None, [], "x", {k: v for k, v in GOOD.items() if k != "md5"}):
        with pytest.raises(HashListInvalid):
            Fingerprint.from_json(bad)


def test_from_json_normalises_hex_case() -> None:
    fp = Fingerprint.from_json({**GOOD, "pdq": "ABCDEF" + "0" * 58, "sha256": "A" * 64})
    assert fp.pdq == "abcdef" + "0" * 58 and fp.sha256 == "a" * 64


def test_fingerprint_never_keeps_pixels(photo_file) -> None:
    fp = fingerprint_file(photo_file("p.png", photo("coffee")))
    blob = json.dumps(fp.to_json())
    # A fingerprint is a few hundred bytes of hashes (a few KB with the robust signature), not an image.
    assert len(blob) < 16_000
    buf = io.BytesIO()
    Image.fromarray(photo("coffee")).save(buf, "PNG")
    assert len(blob) < len(buf.getvalue()) / 10
