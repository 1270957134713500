"""A compact signature that lets edited copies of a photo be found where a plain PDQ comparison fails.

Why: copies that get reshared are cropped a little, screenshotted inside a phone or chat frame, captioned,
mirrored, rotated or shrunk. PDQ survives re-compression, resizing and colour changes, but a few percent of
crop or a frame around the picture moves it past its threshold. The signature therefore carries three things,
each for the edits the others miss (matching.py decides how they are compared):

* PDQ of the *picture*: uniform borders and, in a screenshot, the surrounding interface are cut away first,
  so a framed copy hashes like the original. Both sides go through the same cut, so it is symmetric.
* The 8 dihedral PDQs of that picture (mirrors and quarter turns), derived from one DCT.
* Up to 160 ORB local features (position + 32-byte binary descriptor), spread over the picture (at most 4
  per cell of an 8 x 8 grid before the rest fill up, so a crop or a caption removes only a share), of the
  cut picture only when what was cut is clearly a flat frame (the finder also cuts into unframed photos
  with smooth areas, and not the same way on every copy), and then cut from the full-resolution input, so
  a picture that is a third of a chat screenshot is not described from a 200 px blur. Grey levels are
  stretched first, so tone edits and dim pictures give the same corners; thin bright strokes (overlaid
  text) are masked, or their letter corners would take the slots. A cropped or overlaid copy keeps many
  features, and a geometric check on the matched positions tells a true copy from a chance likeness.
* For the 64 strongest features, the descriptor of the same keypoint in the *mirrored* picture: ORB is not
  mirror-invariant, so this is what lets a mirrored crop meet its original (2 KB, instead of a second
  feature set).

Everything is computed on a reduced grey image (~400 x 300 for features), so the signature costs ~10-12 ms
per photo and is ~10 KB in JSON. No pixels are kept, and the features can't be turned back into an image.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from victim_desk.core.fingerprint import pdq
from victim_desk.errors import HashListInvalid

VERSION = 2
MAX_FEATURES = 160
MAX_MIRRORED = 64  # strongest features that also carry the descriptor of their mirror image
MAX_TILES = 9  # a collage is read as a 2 x 2 or 3 x 3 grid
_FEATURE_AREA = 400 * 300  # features are taken at about this many pixels, whatever the input size
_FAST_THRESHOLDS = (12, 5)
_WORK_SIDE = 512  # everything is computed on a copy this long at most (PDQ itself works at 64 x 64)
_PICTURE_SIDE = 256  # the picture finder works on a thumbnail this long
_FLAT_STEP = 3.0  # grey-level difference below which neighbouring pixels count as "flat" (UI background)
_MIN_PICTURE_SHARE = 0.12  # a picture inside a frame covers at least this share of it
_FRAME_FLAT_SHARE = 0.8  # share of what is cut away that must be flat pixel to pixel to call it a frame


@dataclass(frozen=True)
class RobustSignature:
    """What signature() keeps of one image. `pdqs[0:8]` are the picture's symmetric PDQ and its dihedral
    variants (pdq.DIHEDRAL_NAMES order), `pdqs[8:16]` the whole image's standard PDQ variants, and
    `pdqs[16]`, when the picture sat in a frame, the picture's standard PDQ; `points` (K x 2 uint16,
    feature-image pixels) and `descriptors` (K x 32 uint8) are the local features; `size` is the feature
    image's (width, height)."""

    quality: int
    pdqs: tuple[str, ...]
    size: tuple[int, int]
    points: np.ndarray
    descriptors: np.ndarray
    mirrored: np.ndarray = field(default_factory=lambda: np.zeros((0, 32), np.uint8))
    # When the image is a collage (an n x n grid of pictures): the local features of each tile, described
    # at the working size like a picture of its own (see _grid). Empty for anything else.
    tiles: tuple[Tile, ...] = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RobustSignature):
            return NotImplemented
        return (
            self.quality == other.quality
            and self.pdqs == other.pdqs
            and self.size == other.size
            and np.array_equal(self.points, other.points)
            and np.array_equal(self.descriptors, other.descriptors)
            and np.array_equal(self.mirrored, other.mirrored)
            and len(self.tiles) == len(other.tiles)
            and all(a == b for a, b in zip(self.tiles, other.tiles, strict=True))
        )

    def __hash__(self) -> int:
        return hash((self.quality, self.pdqs, self.size))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "v": VERSION,
            "quality": self.quality,
            "pdq": list(self.pdqs),
            "size": list(self.size),
            **_features_json(self.points, self.descriptors, self.mirrored),
        }
        if self.tiles:  # additive: readers that predate tiles ignore the key
            out["tiles"] = [{"size": list(t.size), **_features_json(t.points, t.descriptors, t.mirrored)}
                            for t in self.tiles]  # fmt: skip
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> RobustSignature:
        """Parse what to_json wrote; anything else raises HashListInvalid naming what is wrong (this reads
        untrusted files, and the person who sees the message should learn which part of the list is bad)."""
        if not isinstance(obj, dict):
            raise HashListInvalid(problem="not_object", field="robust")
        try:
            # Version 1 (no mirrored descriptors, fewer features) still matches: read it as it is.
            if obj.get("v") not in (1, VERSION):
                raise HashListInvalid(problem="robust_version")
            quality = _required(obj, "quality")
            if not isinstance(quality, int) or isinstance(quality, bool) or not 0 <= quality <= 100:
                raise HashListInvalid(problem="robust_quality")
            hashes = _required(obj, "pdq")
            if not isinstance(hashes, list) or not 1 <= len(hashes) <= 32:
                raise HashListInvalid(problem="robust_pdq_list")
            for h in hashes:
                if not isinstance(h, str):
                    raise HashListInvalid(problem="robust_pdq")
                try:
                    pdq.hex_to_bits(h)
                except ValueError:
                    raise HashListInvalid(problem="robust_pdq") from None
            main = _parse_features(obj, obj["v"] > 1)
            tiles_raw = obj.get("tiles", [])
            if not isinstance(tiles_raw, list) or len(tiles_raw) > MAX_TILES:
                raise HashListInvalid(problem="robust_tiles", limit=MAX_TILES)
            tiles = tuple(Tile(*_parse_features(t, True)) for t in tiles_raw)
        except (KeyError, TypeError, ValueError):
            # Every case above is checked by name; this only keeps a shape nobody foresaw from escaping
            # as a crash (or as an English exception text in the message).
            raise HashListInvalid(problem="robust_invalid") from None
        return cls(quality, tuple(h.strip().lower() for h in hashes), *main, tiles=tiles)


@dataclass(frozen=True, eq=False)
class Tile:
    """The local features of one tile of a collage, in that tile's own feature image (`size`)."""

    size: tuple[int, int]
    points: np.ndarray
    descriptors: np.ndarray
    mirrored: np.ndarray

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tile):
            return NotImplemented
        return (
            self.size == other.size
            and np.array_equal(self.points, other.points)
            and np.array_equal(self.descriptors, other.descriptors)
            and np.array_equal(self.mirrored, other.mirrored)
        )

    def __hash__(self) -> int:
        return hash(self.size)


def _features_json(points: np.ndarray, descriptors: np.ndarray, mirrored: np.ndarray) -> dict[str, str]:
    return {
        "points": base64.b64encode(points.astype("<u2").tobytes()).decode("ascii"),
        "descriptors": base64.b64encode(descriptors.astype(np.uint8).tobytes()).decode("ascii"),
        "mirrored": base64.b64encode(mirrored.astype(np.uint8).tobytes()).decode("ascii"),
    }


def _parse_features(
    obj: dict[str, Any], with_mirrored: bool
) -> tuple[tuple[int, int], np.ndarray, np.ndarray, np.ndarray]:
    """(size, points, descriptors, mirrored) of a to_json feature set (the signature's own or a tile's);
    HashListInvalid, naming the part, when malformed."""
    if not isinstance(obj, dict):
        raise HashListInvalid(problem="robust_tile_not_object")
    size = _required(obj, "size")
    if (
        not isinstance(size, list)
        or len(size) != 2
        or not all(isinstance(v, int) and 0 < v < 65536 for v in size)
    ):
        raise HashListInvalid(problem="robust_size")
    raw_points = _base64(_required(obj, "points"), "points")
    descriptors = np.frombuffer(_base64(_required(obj, "descriptors"), "descriptors"), dtype=np.uint8)
    if len(raw_points) % 4 or descriptors.size % 32 or len(raw_points) // 4 != descriptors.size // 32:
        raise HashListInvalid(problem="robust_features_mismatch")
    points = np.frombuffer(raw_points, dtype="<u2")
    if points.size // 2 > 4 * MAX_FEATURES:
        raise HashListInvalid(problem="robust_too_many_features", limit=4 * MAX_FEATURES)
    mirrored = np.frombuffer(_base64(obj.get("mirrored", "") if with_mirrored else "", "mirrored"), np.uint8)
    if mirrored.size % 32 or mirrored.size // 32 > points.size // 2:
        raise HashListInvalid(problem="robust_mirrored_mismatch")
    return (
        (size[0], size[1]),
        points.astype(np.uint16).reshape(-1, 2),
        descriptors.reshape(-1, 32).copy(),
        mirrored.reshape(-1, 32).copy(),
    )


def _required(obj: dict[str, Any], name: str) -> Any:
    if name not in obj:
        raise HashListInvalid(problem="robust_missing", field=name)
    return obj[name]


def _base64(value: object, name: str) -> bytes:
    """The bytes of a base64 field; HashListInvalid naming the field when it is not base64 text."""
    if not isinstance(value, str):
        raise HashListInvalid(problem="robust_not_base64", field=name)
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII
        raise HashListInvalid(problem="robust_not_base64", field=name) from None


def _grey(rgb: np.ndarray) -> np.ndarray:
    """Float luma of the image shrunk to at most _WORK_SIDE px."""
    h, w = rgb.shape[:2]
    if min(h, w) < 1:
        raise ValueError("signature needs a non-empty image")
    scale = _WORK_SIDE / max(h, w)
    if scale < 1:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        rgb = _shrink(np.ascontiguousarray(rgb[..., :3] if rgb.ndim == 3 else rgb), *size)
    if rgb.ndim == 2:
        return rgb.astype(np.float32)
    return pdq.luminance(rgb)


def _shrink(img: np.ndarray, width: int, height: int) -> np.ndarray:
    """Reduce to (width, height) about as cleanly as INTER_AREA, at a fraction of its cost.

    INTER_AREA is ~4 ms for the usual 1000 -> 512 px step (it is only fast for whole-number factors),
    a third of the signature's budget. So: average k x k blocks (k the whole factor that stays above the
    target, the fast path), then interpolate the last step, a factor between 1/2 and 1 where bilinear barely
    aliases. Any remainder is cut evenly from both sides, so mirrored inputs still give mirrored outputs.
    """
    h, w = img.shape[:2]
    k = min(w // max(1, width), h // max(1, height))
    if k >= 2:
        rx, ry = w % k, h % k
        img = img[ry // 2 : h - (ry - ry // 2), rx // 2 : w - (rx - rx // 2)]
        img = cv2.resize(img, (w // k, h // k), interpolation=cv2.INTER_AREA)
    if img.shape[1] == width and img.shape[0] == height:
        return img
    return cv2.resize(img, (max(1, width), max(1, height)), interpolation=cv2.INTER_LINEAR)


def _resize(gray: np.ndarray, width: int, height: int) -> np.ndarray:
    return cv2.resize(gray, (max(1, width), max(1, height)), interpolation=cv2.INTER_AREA)


def _busy_mask(small: np.ndarray) -> np.ndarray:
    dy = np.abs(np.diff(small, axis=0))
    dx = np.abs(np.diff(small, axis=1))
    busy = np.zeros(small.shape, dtype=np.uint8)
    busy[:-1, :] |= dy > _FLAT_STEP
    busy[1:, :] |= dy > _FLAT_STEP
    busy[:, :-1] |= dx > _FLAT_STEP
    busy[:, 1:] |= dx > _FLAT_STEP
    return busy


def _largest_box(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, bw, bh, _ = (int(v) for v in stats[best])
    if bw * bh < _MIN_PICTURE_SHARE * mask.size:
        return None
    return y, y + bh, x, x + bw


def find_picture(gray: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the photo inside `gray`, the whole image if nothing frames it.

    A frame (border, letterbox, phone status bar, chat window) is mostly flat interface colour with text,
    thin rules and outlines; a photo is busy almost everywhere. Mark busy pixels on a thumbnail, erase thin
    structures (text strokes, rules, bubble outlines) by requiring a busy neighbourhood, join what is left
    over small gaps, and take the bounding box of the largest busy region.
    """
    h, w = gray.shape
    scale = min(1.0, _PICTURE_SIDE / max(h, w))
    small = _resize(gray, round(w * scale), round(h * scale)) if scale < 1 else gray
    sh, sw = small.shape
    if sh < 16 or sw < 16:
        return 0, h, 0, w
    busy = _busy_mask(small)
    # Busy on most of a 7 x 7 neighbourhood: photos are, text strokes and 2 px outlines/rules are not.
    density = cv2.boxFilter(busy.astype(np.float32), -1, (7, 7))
    solid: np.ndarray = cv2.morphologyEx(
        (density >= 0.45).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8)
    )
    box = _largest_box(solid) or _largest_box(busy)
    if box is None:
        return 0, h, 0, w
    top, bottom, left, right = box
    # Snap to the full image when the box is within a pixel of it: only real frames should cut anything.
    top = 0 if top <= 1 else top
    left = 0 if left <= 1 else left
    bottom = sh if bottom >= sh - 1 else bottom
    right = sw if right >= sw - 1 else right
    return (
        int(top / scale),
        min(h, int(np.ceil(bottom / scale))),
        int(left / scale),
        min(w, int(np.ceil(right / scale))),
    )


def _framed(gray: np.ndarray, top: int, bottom: int, left: int, right: int) -> bool:
    """Whether what find_picture cut away is a real frame: mostly one flat colour (a border, a phone's or a
    chat's background), not the smooth part of a photo."""
    h, w = gray.shape
    if (bottom - top) * (right - left) >= 0.97 * h * w:
        return False
    outside = np.ones((h, w), dtype=bool)
    outside[top:bottom, left:right] = False
    strip = gray[outside]
    if np.mean(np.abs(strip - np.median(strip)) <= 4.0) < 0.6:
        return False
    # And flat pixel to pixel: an interface background is (text and rules aside), while the smooth part of a
    # low-contrast photo (the moon, a microscope slide, a grey sky) still varies by a level or two between
    # neighbours. Frames measure >= 0.85 even after JPEG; such photos 0.55-0.75.
    dy = np.abs(np.diff(gray, axis=0, append=gray[-1:]))
    dx = np.abs(np.diff(gray, axis=1, append=gray[:, -1:]))
    return bool(np.mean((dx + dy)[outside] <= 1.5) >= _FRAME_FLAT_SHARE)


def _picture_hashes(picture: np.ndarray) -> list[tuple[np.ndarray, int]]:
    """PDQ's DCT, median and quality on a *symmetric* 64 x 64 reduction of the picture, all 8 variants.

    The reference's Jarosz window is one pixel off-centre for even sizes, so a mirrored photo's PDQ differs
    by 10-60 bits from the original's mirror variant (a lot for fine textures). Reducing by area averaging
    and a centred blur keeps mirrors and quarter turns exact; the hash stays within a few bits of PDQ.
    """
    h, w = picture.shape
    if h >= 256 and w >= 256:
        picture = _resize(picture, 256, 256)
    picture = cv2.GaussianBlur(picture, (0, 0), sigmaX=max(picture.shape) / 128.0)
    return pdq.pdq_dihedral_from_gray(_resize(picture, 64, 64))


_Features = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[int, int]]
_GRID = 8  # feature selection grid (cells per side)
_PER_CELL = 4  # strongest features kept per grid cell before the rest fill up to MAX_FEATURES


def _feature_image(gray: np.ndarray) -> np.ndarray:
    """The picture as uint8 at the feature working size, grey levels stretched."""
    h, w = gray.shape
    # Same working size for every picture, so a thumbnail or a small picture in a screenshot meets its
    # original at similar feature scales (upscaling at most 2x: beyond that there is nothing to find).
    scale = min(2.0, (_FEATURE_AREA / (h * w)) ** 0.5)
    fw, fh = max(1, round(w * scale)), max(1, round(h * scale))
    if scale > 1:
        img = cv2.resize(np.clip(gray, 0, 255).astype(np.uint8), (fw, fh), interpolation=cv2.INTER_LINEAR)
    elif scale < 1:
        img = np.clip(_shrink(gray, fw, fh), 0, 255).astype(np.uint8)
    else:
        img = np.clip(gray, 0, 255).astype(np.uint8)
    # Stretch the grey levels (1st..99th percentile to the full range): brightness, contrast and tone edits
    # then detect the same corners, and dim or low-contrast pictures (microscopy, night shots) get corners.
    hist = np.bincount(img[::2, ::2].ravel(), minlength=256).cumsum()
    lo, hi = (int(np.searchsorted(hist, q * hist[-1])) for q in (0.01, 0.99))
    if hi - lo >= 8:
        img = cv2.convertScaleAbs(img, alpha=255.0 / (hi - lo), beta=-255.0 * lo / (hi - lo))
    return img


def _select(keypoints: tuple[cv2.KeyPoint, ...], fw: int, fh: int) -> list[int]:
    """Indexes of the strongest keypoints, at most _PER_CELL per cell of a fine grid first, then the next
    strongest anywhere. A crop or a caption then removes only a share of them, and a big text overlay (its
    letter corners are the strongest corners there are) takes the slots of its own cells only, instead of
    most of the signature."""
    xy = np.array([k.pt for k in keypoints], dtype=np.float32).reshape(-1, 2)
    response = np.array([k.response for k in keypoints], dtype=np.float32)
    cell = (np.minimum(xy[:, 1] * _GRID // fh, _GRID - 1) * _GRID
            + np.minimum(xy[:, 0] * _GRID // fw, _GRID - 1)).astype(np.int64)  # fmt: skip
    order = np.lexsort((-response, cell))  # by cell, strongest first within it
    rank = np.empty(len(order), dtype=np.int64)
    starts = np.searchsorted(cell[order], np.arange(_GRID * _GRID))
    rank[order] = np.arange(len(order)) - starts[cell[order]]
    # Capped features by strength first, then the others by strength.
    key = np.lexsort((-response, rank >= _PER_CELL))
    return key[:MAX_FEATURES].tolist()


def _overlay_mask(img: np.ndarray) -> np.ndarray | None:
    """255 where features may be taken (None: anywhere): not on or next to thin white strokes (overlaid
    text, a watermark). Their letter corners are the strongest corners in most photos, so they
    would take the feature slots of the picture underneath, and no original has them. Large white areas (a
    blown sky, a white shirt) survive the opening and keep their features; both sides mask the same way."""
    # Thin: what an opening of the white areas takes away. White: at the top of the range after the stretch
    # (yellow text stays, but mostly shares its letters with white text that does not).
    _, white = cv2.threshold(img, _STROKE_LEVEL - 1, 255, cv2.THRESH_BINARY)
    thin = cv2.subtract(white, cv2.morphologyEx(white, cv2.MORPH_OPEN, _OPEN_KERNEL))
    if cv2.countNonZero(thin) == 0:
        return None
    # Letters are strokes at least ~10 px long; bright dots (stars, glints, specks) are the picture's own
    # corners and stay, or a dimmed copy, where they are not white any more, would not meet them.
    count, labels, stats, _ = cv2.connectedComponentsWithStats(thin, connectivity=8)
    if count <= 1:
        return None
    long = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) >= _STROKE_LENGTH
    long[0] = False
    if not long.any():
        return None
    strokes = (long[labels] * 255).astype(np.uint8)
    return cv2.bitwise_not(cv2.dilate(strokes, _NEAR_KERNEL))


_OPEN_KERNEL = np.ones((7, 7), np.uint8)  # strokes thinner than this count as text
_NEAR_KERNEL = np.ones((7, 7), np.uint8)  # corners within 3 px of a stroke belong to it
_STROKE_LEVEL = 250  # grey level (after the stretch) of overlaid white text
_STROKE_LENGTH = 10  # px (feature image): white marks at least this long are strokes, shorter are dots


def _features(gray: np.ndarray) -> _Features:
    """(points, descriptors, mirrored descriptors, feature image size) of the picture."""
    img = _feature_image(gray)
    fh, fw = img.shape
    empty = (np.zeros((0, 2), np.uint16), np.zeros((0, 32), np.uint8), np.zeros((0, 32), np.uint8), (fw, fh))
    if min(fw, fh) < 48:
        return empty
    mask = _overlay_mask(img)
    keypoints: tuple[cv2.KeyPoint, ...] = ()
    for threshold in _FAST_THRESHOLDS:
        # A lower corner threshold only for smooth pictures (a wall, skin, sky) that give too few corners.
        orb = cv2.ORB_create(  # type: ignore[attr-defined]  # missing from OpenCV's bundled stubs
            nfeatures=4 * MAX_FEATURES,
            scaleFactor=1.3,
            nlevels=5,
            edgeThreshold=15,
            patchSize=15,
            fastThreshold=threshold,
        )
        keypoints = orb.detect(img, mask)
        if len(keypoints) >= 2 * MAX_FEATURES:
            break
    if not keypoints:
        return empty
    # Describe only the chosen keypoints (describing is a third of ORB's time).
    chosen = [keypoints[i] for i in _select(keypoints, fw, fh)]
    for i, k in enumerate(chosen):
        k.class_id = i
    kept, descriptors = orb.compute(img, chosen)
    if descriptors is None or not kept:
        return empty
    # ORB hands them back grouped by pyramid level: restore strongest-first (class_id is the choice order).
    back = sorted(range(len(kept)), key=lambda j: kept[j].class_id)
    kept, descriptors = [kept[j] for j in back], descriptors[back]
    mirrored, has_mirror = _mirrored_descriptors(orb, img, kept[:MAX_MIRRORED])
    # Features with a mirrored descriptor first (matching.py pairs mirrored[i] with points[i]).
    n = len(has_mirror)
    idx = np.array([i for i in range(n) if has_mirror[i]] + [i for i in range(n) if not has_mirror[i]]
                   + list(range(n, len(kept))), dtype=int)  # fmt: skip
    xy = np.array([k.pt for k in kept], dtype=np.float32).reshape(-1, 2)
    return np.round(xy[idx]).astype(np.uint16), descriptors[idx].astype(np.uint8), mirrored, (fw, fh)


def _mirrored_descriptors(
    orb: cv2.ORB, img: np.ndarray, keypoints: list[cv2.KeyPoint]
) -> tuple[np.ndarray, list[bool]]:
    """ORB descriptors of the same keypoints in the left-right mirrored picture, and which ones it kept.

    ORB descriptors are not mirror-invariant, so a mirrored crop shares no descriptors with its original.
    FAST corners and their scale are mirror-symmetric, so the mirrored picture's keypoints are the mirrored
    keypoints, with the orientation mirrored too (theta -> 180 - theta); describing those there gives what
    a mirrored copy's features would be, without detecting again.
    """
    width = img.shape[1]
    flipped = [
        cv2.KeyPoint(width - 1 - k.pt[0], k.pt[1], k.size, (180.0 - k.angle) % 360.0, k.response, k.octave, i)
        for i, k in enumerate(keypoints)
    ]
    kept, descriptors = orb.compute(np.ascontiguousarray(img[:, ::-1]), flipped)
    has = [False] * len(keypoints)
    if descriptors is None or not kept:
        return np.zeros((0, 32), np.uint8), has
    order = sorted(range(len(kept)), key=lambda j: kept[j].class_id)
    for j in order:
        has[kept[j].class_id] = True
    return descriptors[order].astype(np.uint8), has


def _inner(source: np.ndarray, gray: np.ndarray, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    """The framed picture cut from the input at its full resolution (hashing.py hands over luma with a long
    side up to ~1000 px), not from the 512 px working copy.

    In a chat screenshot the picture is a third of the screen: on the 512 px working copy it would be
    ~200 px long and upscaled 2x for features, blurring exactly the corners its original has.
    """
    if source.shape[0] <= gray.shape[0]:
        return np.ascontiguousarray(gray[top:bottom, left:right])
    sy, sx = source.shape[0] / gray.shape[0], source.shape[1] / gray.shape[1]
    cut = source[int(top * sy) : int(np.ceil(bottom * sy)), int(left * sx) : int(np.ceil(right * sx))]
    if cut.ndim == 3:
        return pdq.luminance(np.ascontiguousarray(cut[..., :3]))
    return np.ascontiguousarray(cut, dtype=np.float32)


_SEAM_SEARCH = 0.02  # share of the side around k/n where a collage seam is looked for
_GUTTER_STD = 2.0  # grey levels: a gutter line is one colour along its whole length
_SEAM_JUMP = 3.0  # a butt seam: the step across it, against the larger steps between neighbouring lines
_SEAM_MIN_STEP = 10.0  # grey levels (median along the line) a butt seam must step at least


def _seam(gray: np.ndarray, at: float) -> bool:
    """Whether a straight vertical line near `at` (share of the width) runs through the whole image as a
    collage seam: a gutter (one flat colour from top to bottom) or a butt joint (two unrelated pictures
    meet, so the step across the line is far above the steps between neighbouring columns)."""
    w = gray.shape[1]
    lo, hi = max(1, int((at - _SEAM_SEARCH) * w)), min(w - 2, int((at + _SEAM_SEARCH) * w) + 1)
    if hi <= lo:
        return False
    if bool((gray[:, lo:hi].std(axis=0) <= _GUTTER_STD).any()):
        return True
    # steps[j]: median step between columns a + j and a + j + 1; the seam lies between lo - 1 and hi.
    a = max(0, lo - w // 10)
    steps = np.median(np.abs(np.diff(gray[:, a : min(w, hi + w // 10)], axis=1)), axis=0)
    inside = steps[lo - 1 - a : hi - a]
    typical = float(np.percentile(steps, 90)) + 1.0  # a blocky upscale steps every few columns
    return bool(inside.size and inside.max() >= max(_SEAM_MIN_STEP, _SEAM_JUMP * typical))


def _grid(gray: np.ndarray) -> int:
    """n when the image is an n x n collage (seams at every k/n across and down), else 0.

    Why: a picture that is one tile of a 3 x 3 collage fills a ninth of the frame; at the working size its
    features are tiny and few, so the whole-image features can't meet the original's. Each tile is then
    described as a picture of its own. Photos rarely have straight flat or stepped lines through the whole
    frame at exactly these places, so the extra work (and extra views for the matcher) is for collages."""
    h, w = gray.shape
    if min(h, w) < 96:
        return 0
    for n in (3, 2):
        cuts = [k / n for k in range(1, n)]
        if all(_seam(gray, c) for c in cuts) and all(_seam(np.ascontiguousarray(gray.T), c) for c in cuts):
            return n
    return 0


def _tiles(rgb: np.ndarray, gray: np.ndarray, n: int) -> tuple[Tile, ...]:
    """Features of each tile of an n x n collage, cut from the full-resolution input (a 3 x 3 tile of the
    512 px working copy is ~170 px: too small to describe)."""
    h, w = gray.shape
    margin = _SEAM_SEARCH + 0.005  # leave the seams and gutters out
    out = []
    for r in range(n):
        for c in range(n):
            top, bottom = int((r / n + margin) * h), int(((r + 1) / n - margin) * h)
            left, right = int((c / n + margin) * w), int(((c + 1) / n - margin) * w)
            points, descriptors, mirrored, size = _features(_inner(rgb, gray, top, bottom, left, right))
            if len(descriptors):
                out.append(Tile(size, points, descriptors, mirrored))
    return tuple(out)


def signature(rgb: np.ndarray) -> RobustSignature:
    """The robust signature of a decoded image (uint8 HxWx3 RGB or HxW grey)."""
    rgb = np.asarray(rgb)
    if rgb.ndim not in (2, 3):
        raise ValueError("signature needs a grey or RGB image")
    gray = _grey(rgb)
    top, bottom, left, right = find_picture(gray)
    picture = np.ascontiguousarray(gray[top:bottom, left:right])
    symmetric = _picture_hashes(picture)
    # Standard PDQ too, for lists that carry only PDQ (the symmetric hash can be tens of bits away from it on
    # fine textures): all 8 variants of the whole image, so a mirrored copy is found in a CSV list, and the
    # cut-out picture's when there is a frame. On the <= 512 px working copy it is within a few bits of the
    # full-size PDQ.
    standard = pdq.pdq_dihedral_from_gray(gray)
    if picture.shape != gray.shape:
        standard.append(pdq.pdq_from_gray(picture))
    # Features of the picture only when it clearly sits in a frame; otherwise of the whole image, because the
    # picture finder also cuts into unframed photos with smooth areas (a wall, the sky), and not always the
    # same way on a copy. The matcher's geometric check copes with either.
    framed = _framed(gray, top, bottom, left, right)
    points, descriptors, mirrored, size = _features(
        _inner(rgb, gray, top, bottom, left, right) if framed else gray
    )
    return RobustSignature(
        quality=symmetric[0][1],
        pdqs=tuple(pdq.bits_to_hex(bits) for bits, _ in symmetric + standard),
        size=size,
        points=points,
        descriptors=descriptors,
        mirrored=mirrored,
        tiles=_tiles(rgb, gray, n) if (n := _grid(gray)) else (),
    )
