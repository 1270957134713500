"""Public sample photos and synthetic images shared by the fingerprint tests (not a conftest on purpose)."""

from __future__ import annotations

from functools import cache

import numpy as np


def as_rgb(img: np.ndarray) -> np.ndarray:
    """Any skimage sample -> contiguous uint8 HxWx3."""
    if img.dtype == bool:
        img = img.astype(np.uint8) * 255
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    return np.ascontiguousarray(img[..., :3])


@cache
def photo(name: str) -> np.ndarray:
    import skimage.data

    if name in ("motorcycle_left", "motorcycle_right"):
        left, right, _ = skimage.data.stereo_motorcycle()
        return as_rgb(left if name == "motorcycle_left" else right)
    if name == "immunohistochemistry":
        return as_rgb(skimage.data.immunohistochemistry())
    return as_rgb(getattr(skimage.data, name)())


def smooth_noise(seed: int, shape: tuple[int, int] = (384, 512)) -> np.ndarray:
    """A synthetic, photo-like (spatially correlated) colour image, different for every seed."""
    rng = np.random.default_rng(seed)
    h, w = shape
    out = np.zeros((h, w, 3), dtype=np.float64)
    for scale in (4, 8, 16, 32):
        small = rng.normal(size=(scale, scale * w // h + 1, 3))
        ys = np.linspace(0, small.shape[0] - 1, h)
        xs = np.linspace(0, small.shape[1] - 1, w)
        y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
        y1, x1 = np.minimum(y0 + 1, small.shape[0] - 1), np.minimum(x0 + 1, small.shape[1] - 1)
        fy, fx = (ys - y0)[:, None, None], (xs - x0)[None, :, None]
        layer = (
            small[y0][:, x0] * (1 - fy) * (1 - fx)
            + small[y1][:, x0] * fy * (1 - fx)
            + small[y0][:, x1] * (1 - fy) * fx
            + small[y1][:, x1] * fy * fx
        )
        out += layer * (32 / scale) ** 0.5
    out = (out - out.min()) / (np.ptp(out) + 1e-9) * 255
    return out.astype(np.uint8)


# --- edits a reshared copy typically went through -------------------------------------------------------

_rng_text = ["omg look at this", "lol", "who is she??", "sent from my phone", "fwd: fwd:", "12:41"]


def _text(img: np.ndarray, text: str, org: tuple[int, int], scale: float, colour: tuple[int, ...]) -> None:
    import cv2

    cv2.putText(
        img, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, colour, max(1, round(scale * 2)), cv2.LINE_AA
    )


def resize(img: np.ndarray, long_side: int) -> np.ndarray:
    import cv2

    h, w = img.shape[:2]
    s = long_side / max(h, w)
    return cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)


def crop(img: np.ndarray, share: float, sides: str) -> np.ndarray:
    """Cut `share` of the size away from each named side (l, r, t, b)."""
    h, w = img.shape[:2]
    dy, dx = round(h * share), round(w * share)
    return img[dy if "t" in sides else 0 : h - dy if "b" in sides else h,
               dx if "l" in sides else 0 : w - dx if "r" in sides else w].copy()  # fmt: skip


def border(img: np.ndarray, share: float, colour: int) -> np.ndarray:
    h, w = img.shape[:2]
    p = round(max(h, w) * share)
    out = np.full((h + 2 * p, w + 2 * p, 3), colour, dtype=np.uint8)
    out[p : p + h, p : p + w] = img
    return out


def phone_screenshot(img: np.ndarray, dark: bool = True) -> np.ndarray:
    """The photo shown full-width in a phone's viewer: status bar, top bar, letterbox, navigation bar."""
    sw, sh = 540, 1170
    bg = 0 if dark else 250
    fg = (235, 235, 235) if dark else (20, 20, 20)
    out = np.full((sh, sw, 3), bg, dtype=np.uint8)
    out[:48] = (30, 30, 30) if dark else (240, 240, 240)
    _text(out, "12:41", (20, 34), 0.8, fg)
    _text(out, "5G 87%", (420, 34), 0.6, fg)
    _text(out, "<  Photos", (16, 100), 0.8, fg)
    ih, iw = img.shape[:2]
    pic = resize(img, round(max(ih, iw) * min(sw / iw, 760 / ih)))
    ph, pw = pic.shape[:2]
    y, x = (sh - ph) // 2, (sw - pw) // 2
    out[y : y + ph, x : x + pw] = pic
    out[sh - 60 :] = (20, 20, 20) if dark else (245, 245, 245)
    _text(out, "Share   Edit   Delete", (110, sh - 22), 0.7, fg)
    return out


def chat_window(img: np.ndarray) -> np.ndarray:
    """The photo as an attachment in a chat: header, text bubbles, the picture in a bubble off to one side."""
    import cv2

    sw, sh = 720, 1000
    out = np.full((sh, sw, 3), (221, 229, 236), dtype=np.uint8)
    out[:70] = (94, 128, 18)
    _text(out, "Group chat (23)", (80, 45), 0.9, (255, 255, 255))
    cv2.rectangle(out, (20, 95), (420, 150), (255, 255, 255), -1)
    _text(out, _rng_text[0], (35, 130), 0.7, (20, 20, 20))
    pic = resize(img, 440)
    ph, pw = pic.shape[:2]
    y, x = 180, 30
    cv2.rectangle(out, (x - 8, y - 8), (x + pw + 8, y + ph + 40), (255, 255, 255), -1)
    out[y : y + ph, x : x + pw] = pic
    _text(out, "10:02", (x + pw - 60, y + ph + 28), 0.5, (120, 120, 120))
    cv2.rectangle(out, (300, y + ph + 70), (700, y + ph + 125), (200, 248, 220), -1)
    _text(out, _rng_text[2], (315, y + ph + 105), 0.7, (20, 20, 20))
    return out


def caption_bar(img: np.ndarray, where: str = "top") -> np.ndarray:
    """A meme-style white bar with black text added above (or below) the picture."""
    h, w = img.shape[:2]
    bar = np.full((max(24, h // 6), w, 3), 255, dtype=np.uint8)
    _text(
        bar,
        _rng_text[1 if where == "top" else 4].upper(),
        (w // 10, bar.shape[0] * 2 // 3),
        w / 500,
        (0, 0, 0),
    )
    return np.concatenate([bar, img] if where == "top" else [img, bar])


def caption_overlay(img: np.ndarray) -> np.ndarray:
    """A dark translucent band with white text over the bottom of the picture."""
    out = img.copy()
    h, w = out.shape[:2]
    band = out[h - h // 6 :].astype(np.float32)
    out[h - h // 6 :] = (band * 0.35).astype(np.uint8)
    _text(out, _rng_text[3], (w // 20, h - h // 18), w / 600, (255, 255, 255))
    return out


def text_overlay(img: np.ndarray) -> np.ndarray:
    out = img.copy()
    h, w = out.shape[:2]
    _text(out, "@reposter_account", (w // 8, h // 2), w / 450, (255, 255, 255))
    _text(out, "follow for more", (w // 6, h // 2 + h // 10), w / 600, (255, 255, 0))
    return out


def encode(img: np.ndarray, fmt: str, quality: int) -> np.ndarray:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format=fmt, quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def tone(img: np.ndarray, gain: float = 1.0, bias: float = 0.0, gamma: float = 1.0) -> np.ndarray:
    x = img.astype(np.float32) / 255.0
    x = np.clip(x**gamma * gain + bias / 255.0, 0, 1)
    return (x * 255).round().astype(np.uint8)


def grey(img: np.ndarray) -> np.ndarray:
    g = (img.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)).astype(np.uint8)
    return np.stack([g] * 3, -1)


def edits() -> dict[str, object]:
    """name -> function(rgb) -> rgb, every edit the evaluation and the tests apply."""
    e: dict[str, object] = {}
    for share in (0.03, 0.05, 0.08, 0.10):
        for sides in ("l", "r", "t", "b", "lt", "rb", "lrtb"):
            e[f"crop{round(share * 100)}_{sides}"] = lambda a, s=share, d=sides: crop(a, s, d)
    e["border_white"] = lambda a: border(a, 0.08, 255)
    e["border_black"] = lambda a: border(a, 0.05, 0)
    e["phone_dark"] = lambda a: encode(phone_screenshot(a, True), "JPEG", 85)
    e["phone_light"] = lambda a: encode(phone_screenshot(a, False), "JPEG", 85)
    e["chat"] = lambda a: encode(chat_window(a), "JPEG", 80)
    e["caption_top"] = lambda a: caption_bar(a, "top")
    e["caption_bottom"] = lambda a: caption_bar(a, "bottom")
    e["caption_overlay"] = caption_overlay
    e["text_overlay"] = text_overlay
    e["mirror"] = lambda a: np.ascontiguousarray(a[:, ::-1])
    e["flip"] = lambda a: np.ascontiguousarray(a[::-1])
    for k in (1, 2, 3):
        e[f"rot{90 * k}"] = lambda a, k=k: np.ascontiguousarray(np.rot90(a, k))
    e["thumb160"] = lambda a: resize(a, 160)
    e["thumb100"] = lambda a: resize(a, 100)
    e["jpeg10"] = lambda a: encode(a, "JPEG", 10)
    e["jpeg20"] = lambda a: encode(a, "JPEG", 20)
    e["webp5"] = lambda a: encode(a, "WEBP", 5)
    e["bright"] = lambda a: tone(a, bias=40)
    e["dark"] = lambda a: tone(a, gain=0.6)
    e["contrast"] = lambda a: tone(a, gain=1.4, bias=-50)
    e["gamma"] = lambda a: tone(a, gamma=0.6)
    e["grey"] = grey
    e["crop5_jpeg20"] = lambda a: encode(crop(a, 0.05, "lt"), "JPEG", 20)
    e["crop8_mirror"] = lambda a: np.ascontiguousarray(crop(a, 0.08, "r")[:, ::-1])
    e["crop5_rot90"] = lambda a: np.ascontiguousarray(np.rot90(crop(a, 0.05, "b"), 1))
    e["phone_thumb"] = lambda a: encode(resize(phone_screenshot(a), 400), "JPEG", 70)
    e["caption_grey_jpeg"] = lambda a: encode(grey(caption_bar(a)), "JPEG", 30)
    e["thumb_caption"] = lambda a: caption_overlay(resize(a, 200))
    e["crop10_border"] = lambda a: border(crop(a, 0.10, "lrtb"), 0.05, 255)
    e["crop8_caption_webp30"] = lambda a: encode(caption_bar(crop(a, 0.08, "lb"), "bottom"), "WEBP", 30)
    e["mirror_crop5_phone"] = lambda a: encode(phone_screenshot(crop(a, 0.05, "t")[:, ::-1]), "JPEG", 85)
    return e


# --- harder copies (issue 8, section 4): tilted re-photographs and scans, collages --------------------------


def tilt(img: np.ndarray, degrees: float, fill: int | None = None) -> np.ndarray:
    """Turned by a few degrees, as a tilted re-photograph (cut to the largest upright rectangle of the same
    shape inside, so no corner shows) or, with `fill`, a tilted scan (whole picture on a `fill` page)."""
    import cv2

    h, w = img.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    if fill is not None:
        a = np.radians(abs(degrees))
        bw, bh = int(w * np.cos(a) + h * np.sin(a)) + 2, int(h * np.cos(a) + w * np.sin(a)) + 2
        turn[:, 2] += ((bw - w) / 2, (bh - h) / 2)
        return cv2.warpAffine(img, turn, (bw, bh), flags=cv2.INTER_LINEAR, borderValue=(fill,) * 3)
    out = cv2.warpAffine(img, turn, (w, h), flags=cv2.INTER_LINEAR)
    a = np.radians(abs(degrees))
    s = 1 / (np.cos(a) + max(w, h) / min(w, h) * np.sin(a))
    cw, ch = int(w * s), int(h * s)
    top, left = (h - ch) // 2, (w - cw) // 2
    return np.ascontiguousarray(out[top : top + ch, left : left + cw])


def collage(img: np.ndarray, n: int, slot: int, seed: int, gutter: int = 6) -> np.ndarray:
    """The picture as one tile of an n x n collage (tiles 480 px wide, the others synthetic photo-like
    pictures on no list), white gutters between tiles, as meme and comparison pages make them."""
    import cv2

    cell_w = 480
    cell_h = round(cell_w * img.shape[0] / img.shape[1])
    out = np.full((n * cell_h + (n + 1) * gutter, n * cell_w + (n + 1) * gutter, 3), 255, np.uint8)
    for i in range(n * n):
        tile = img if i == slot else smooth_noise(seed * 100 + i, (cell_h, cell_w))
        tile = cv2.resize(tile, (cell_w, cell_h), interpolation=cv2.INTER_AREA)
        r, c = divmod(i, n)
        y, x = gutter + r * (cell_h + gutter), gutter + c * (cell_w + gutter)
        out[y : y + cell_h, x : x + cell_w] = tile
    return out


def hard_edits() -> dict[str, object]:
    """name -> function(rgb) -> rgb: the harder copies (rotations up to 15 degrees, collages, combinations
    with mirroring and crops)."""
    e: dict[str, object] = {}
    for d in (-15, -10, -5, 3, 7, 12, 15):
        e[f"tilt{d}"] = lambda a, d=d: tilt(a, d)
    e["scan_tilt8"] = lambda a: tilt(a, 8, fill=255)
    e["scan_tilt-13"] = lambda a: tilt(a, -13, fill=235)
    e["tilt10_mirror"] = lambda a: np.ascontiguousarray(tilt(a, 10)[:, ::-1])
    e["tilt-15_mirror"] = lambda a: np.ascontiguousarray(tilt(a, -15)[:, ::-1])
    e["tilt6_crop10"] = lambda a: crop(tilt(a, 6), 0.10, "rb")
    e["tilt-12_jpeg"] = lambda a: encode(tilt(a, -12), "JPEG", 40)
    for slot in (0, 3):
        e[f"collage2_{slot}"] = lambda a, s=slot: collage(a, 2, s, seed=20 + s)
    for slot in (0, 4, 8):
        e[f"collage3_{slot}"] = lambda a, s=slot: collage(a, 3, s, seed=30 + s)
    e["collage2_mirror"] = lambda a: collage(np.ascontiguousarray(a[:, ::-1]), 2, 1, seed=41)
    e["collage2_crop8"] = lambda a: collage(crop(a, 0.08, "lt"), 2, 2, seed=42)
    e["collage3_mirror"] = lambda a: collage(np.ascontiguousarray(a[:, ::-1]), 3, 5, seed=43)
    e["collage3_crop5_tilt5"] = lambda a: collage(tilt(crop(a, 0.05, "b"), 5), 3, 1, seed=44)
    e["collage2_tilt-8"] = lambda a: collage(tilt(a, -8), 2, 3, seed=45)
    return e
