"""Opening untrusted files safely: checks before decoding, reduced decodes, and one error per failure.

Everything a person drops into the app may be hostile or broken: a PNG that claims 30,000 x 30,000 pixels in
a few kilobytes, a truncated download, a text file called .jpg, a FIFO, a folder. This module is the one
place that touches the bytes before the hashers do, so the rules live here:

- what a file is comes from its first bytes, not its name;
- only the image decoders we mean to support are allowed (Pillow would otherwise try EPS, which runs
  Ghostscript, and a dozen other rarely audited parsers);
- dimensions are checked against a pixel cap, and the memory decoding will take against a budget
  (MAX_DECODE_BYTES), BEFORE any pixel is decoded;
- pictures are decoded whole, because the exchanged PDQ must be computed from every pixel as matching
  services do (`reference_rows`, pdq_exact.py), unless that would pass EXACT_PDQ_MAX_PIXELS or the memory
  budget; then JPEGs are decoded at reduced scale (the decoder skips most of the work) and the PDQ is
  marked as reduced. The local hashes get a small "working image", converted and reduced strip by strip;
- every decoder failure becomes a `DeskError` (`CorruptFile` and friends), never a traceback.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import numpy as np
import pillow_heif
from PIL import (  # imported for their registration in Image.OPEN, which _pillow_open reads
    BmpImagePlugin,  # noqa: F401
    GifImagePlugin,  # noqa: F401
    Image,
    JpegImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    TiffImagePlugin,  # noqa: F401
    WebPImagePlugin,  # noqa: F401
)

from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.errors import (
    CorruptFile,
    DeskError,
    FileIsFolder,
    FileNotRegular,
    ImageNeedsTooMuchMemory,
    ImageTooLarge,
    UnsupportedFile,
    file_error,
)

log = logging.getLogger(__name__)

# Refuse images above this many pixels (a 200 MP picture is already beyond any phone or camera) ...
MAX_PIXELS = 200_000_000
# ... or with a side longer than JPEG allows; both are checked from the header, before decoding.
MAX_SIDE = 65_535
# The working image keeps its long side between WORK_LONG_SIDE and twice that: enough for PDQ (which filters
# down to 64x64) and for the robust signature's crops, small enough to be cheap.
WORK_LONG_SIDE = 512

# Memory for one picture. Pillow decodes a picture whole, so what its decoder holds is decided by the
# header: `decode_bytes` estimates it by mode and format (measured; `benchmarks/bench_fingerprint.py --memory`
# measures the worst mode), and a picture whose estimate passes MAX_DECODE_BYTES is refused before any pixel
# is decoded, with its size and the estimate in the message. Everything after decoding (conversion to 8-bit
# RGB, reduction) works in strips of about STRIP_PIXELS, adding at most a few tens of MB, so a picture's peak
# memory stays near MAX_DECODE_BYTES + 100 MB. With 1 GiB, every 8-bit JPEG, PNG, GIF, BMP and TIFF and every
# 16-bit grey PNG up to the 200 MP cap fits; WebP (~67 MP) and HEIF (~134 MP) decoders copy more and reach it
# earlier.
MAX_DECODE_BYTES = 1 << 30
STRIP_PIXELS = 1 << 21
# Bytes a pixel Pillow stores by mode: one for grey, palette and bilevel, two for 16-bit grey, four for the
# rest (colour is kept as four bytes even without alpha; 32-bit integer and float grey are four too).
_STORED_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# Decoders that build the picture in their own buffer first (bytes a pixel, all copies at their peak):
# libwebp's animation decoder keeps a canvas, hands Pillow a copy, which Pillow reads into its own image;
# libheif decodes to 3 bytes a pixel, then Pillow copies.
_DECODER_BYTES = {"WEBP": 16, "HEIF": 8}
# Animations: after the first frame Pillow works in RGB(A) and keeps the previous frame and a disposal area
# beside the one it decodes (measured ~15 bytes a pixel for GIF).
_ANIMATION_COPIES = 4

# Pillow format names we decode (the JPEG opener also yields "MPO", multi-picture JPEGs from cameras).
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "HEIF")

_CHUNK = 1 << 20

# Pillow's own bomb check (a warning above Image.MAX_IMAGE_PIXELS, ~89 MP by default, an error above twice
# that) runs inside Image.open, before ours could, and its limit is process-wide: switching it off would also
# switch it off for every other Pillow user in the process (ReportLab embedding pictures in a PDF). So the
# global stays at Pillow's default, and open_image does not go through Image.open: it runs the same format
# search (each allowed format's accept test and opener from Pillow's registry) and applies OUR check as soon
# as the header is read, with our cap (200 MP: phone cameras take 108 MP pictures, above Pillow's ~89 MP)
# and the dimensions for the message. Nothing global is toggled, so neither the threads that fingerprint in
# parallel nor anyone else sees a race. Pillow's checks inside decoders (a GIF frame that grows the canvas
# beyond what the header said, an MPO's later pictures) stay in force; their error becomes ImageTooLarge.
# Pillow and pillow-heif also report broken metadata ("Corrupt EXIF data", ...) through the warnings module,
# which would print to the person's terminal; those are ignored. Pillow's DecompressionBombWarning (a
# RuntimeWarning, not a UserWarning) is left alone for everyone else.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\.|$)")
warnings.filterwarnings("ignore", module=r"pillow_heif(\.|$)")
pillow_heif.register_heif_opener()

Kind = Literal["image", "video"]

# EXIF orientation -> the transpose that shows the picture upright (as ImageOps.exif_transpose).
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# ISO base media "ftyp" brands that are still pictures (HEIC/HEIF); every other brand is a video.
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# QuickTime files from old cameras may start with another atom than ftyp.
_MOV_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


@dataclass(frozen=True)
class Digests:
    size: int
    sha256: str
    md5: str


def regular_file_size(path: Path) -> int:
    """The size of `path`, or FileUnreadable when it is missing, a folder, a device or a pipe."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise file_error(exc) from exc
    if stat.S_ISDIR(st.st_mode):
        raise FileIsFolder()
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO would block forever; devices could be endless.
        raise FileNotRegular()
    return st.st_size


@contextmanager
def _opened(path: Path) -> Iterator[object]:
    try:
        with open(path, "rb") as fh:
            yield fh
    except OSError as exc:
        raise file_error(exc) from exc


def sniff(path: Path) -> Kind:
    """Whether `path` holds a picture or a video, from its first bytes. UnsupportedFile otherwise."""
    with _opened(path) as fh:
        head: bytes = fh.read(64)  # type: ignore[attr-defined]
    if not head:
        raise CorruptFile()
    kind = kind_of(head)
    if kind is None:
        raise UnsupportedFile()
    return kind


def kind_of(head: bytes) -> Kind | None:
    """Classify a file by its magic bytes; None for anything we do not handle."""
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")):
        return "image"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska and WebM
        return "video"
    if head[4:8] == b"ftyp":
        major = head[8:12]
        if major in (b"avif", b"avis"):
            return None  # AVIF: not among the formats we promise (and pillow-heif no longer reads it)
        # Compatible brands follow the minor version; a HEIC may carry "mif1" as major and "heic" after it.
        box_end = min(int.from_bytes(head[:4], "big"), len(head))
        compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
        if major in _HEIF_BRANDS or (major not in {b"qt  "} and compatible & {b"heic", b"heix", b"mif1"}):
            return "image"
        return "video"
    if head[4:8] in _MOV_ATOMS:
        return "video"
    return None


def digests(
    path: Path, *, cancel: CancelToken | None = None, progress: Progress | None = None, total: int = 0
) -> Digests:
    """SHA-256 and MD5 of the whole file in one streaming read (hashlib releases the GIL for big chunks)."""
    sha, md5, size, chunks = hashlib.sha256(), hashlib.md5(), 0, 0
    with _opened(path) as fh:
        while chunk := fh.read(_CHUNK):  # type: ignore[attr-defined]
            sha.update(chunk)
            md5.update(chunk)
            size += len(chunk)
            chunks += 1
            check(cancel)
            if progress is not None and chunks % 8 == 0:
                progress(size, total)
    if progress is not None:
        progress(size, total)
    return Digests(size=size, sha256=sha.hexdigest(), md5=md5.hexdigest())


@contextmanager
def decoding() -> Iterator[None]:
    """Turn any decoder failure into CorruptFile; our own errors pass through.

    Pillow and its plugins signal broken input with OSError, SyntaxError, ValueError, EOFError, struct.error,
    zlib.error, IndexError, ... depending on the format, so a narrower net would let some through.
    """
    try:
        yield
    except DeskError:
        raise
    except (Image.DecompressionBombError, MemoryError):
        raise ImageTooLarge(width="?", height="?") from None
    except Exception as exc:
        # Never the path or the bytes: the file name alone can identify a person. (`from None` for the same
        # reason: a decoder's message may quote the path, and our error is shown and stored.)
        log.debug("decoder failed: %s", type(exc).__name__)
        raise CorruptFile() from None


@contextmanager
def open_image(path: Path) -> Iterator[Image.Image]:
    """Open `path` with the allowed decoders and check its size and the memory decoding it takes (see
    MAX_DECODE_BYTES); no pixel is decoded yet."""
    with _opened(path) as fh, decoding():
        im = _pillow_open(fh)  # type: ignore[arg-type]
        with im:
            check_size(*im.size)
            # Here, not only in working_image: reading metadata (a PNG's EXIF after its pixels) may decode.
            check_memory(im)
            yield im


def _pillow_open(fh: IO[bytes]) -> Image.Image:
    """`Image.open(fh, formats=IMAGE_FORMATS)` without Pillow's bomb check (see the note at the top: ours
    follows at once). Same search: the first allowed format whose accept test takes the first bytes and
    whose opener can read the header; openers that find it is not theirs after all raise SyntaxError and
    friends, and the next format is tried."""
    prefix = fh.read(16)
    for name in IMAGE_FORMATS:
        opener, accept = Image.OPEN[name]
        if accept is not None:
            verdict = accept(prefix)
            if not verdict or isinstance(verdict, str):  # a str: "this format, but a kind Pillow cannot read"
                continue
        fh.seek(0)
        try:
            return opener(fh, "")
        except (SyntaxError, IndexError, TypeError, struct.error):
            continue
    # The magic bytes already said "picture" (sniff), so no decoder making sense of it means damage.
    raise CorruptFile()


def check_size(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise CorruptFile()
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise ImageTooLarge(width=width, height=height)


def working_image(im: Image.Image, *, orientation: int | None = None) -> Image.Image:
    """The current frame of `im`, upright, in RGB, long side in [WORK_LONG_SIDE, 2 * WORK_LONG_SIDE).

    ImageTooLarge (ImageNeedsTooMuchMemory) before decoding when the frame would need more than
    MAX_DECODE_BYTES."""
    if im.format in ("JPEG", "MPO") and im.mode in ("RGB", "L", "CMYK"):
        # The JPEG decoder can skip whole DCT stages: decode at 1/2, 1/4 or 1/8 scale, as long as the long
        # side stays >= WORK_LONG_SIDE. draft() picks the smallest scale that is at least the requested size.
        w, h = im.size
        scale = max(1, min(8, max(w, h) // WORK_LONG_SIDE))
        im.draft(None, ((w + scale - 1) // scale, (h + scale - 1) // scale))
    check_memory(im)
    with decoding():
        im.load()
        if orientation is None:
            orientation = image_orientation(im)
        frame = rgb_reduced(im, max(im.size) // WORK_LONG_SIDE)
        if orientation in _ORIENTATION:
            frame = frame.transpose(_ORIENTATION[orientation])
    return frame


def decode_bytes(im: Image.Image) -> int:
    """Peak bytes decoding the current frame of `im` takes, estimated from its header (nothing decoded yet).
    For a JPEG, call it after draft(): the size is then what the decoder will produce."""
    width, height = im.size
    per_pixel = _DECODER_BYTES.get(im.format or "", _STORED_BYTES.get(im.mode, 4))
    if getattr(im, "is_animated", False) and im.tell() > 0:
        per_pixel *= _ANIMATION_COPIES
    return width * height * per_pixel


def check_memory(im: Image.Image) -> None:
    """ImageNeedsTooMuchMemory, with the size and the estimate, when `im` would pass MAX_DECODE_BYTES."""
    needed = decode_bytes(im)
    if needed > MAX_DECODE_BYTES:
        width, height = im.size
        raise ImageNeedsTooMuchMemory(
            width=width, height=height, needed=-(-needed // 1_000_000), limit=MAX_DECODE_BYTES // 1_000_000
        )


def rgb_reduced(im: Image.Image, factor: int) -> Image.Image:
    """`to_rgb(im).reduce(factor)` (no reduction below 2), made a strip at a time so that the conversion's
    copies (12 bytes a pixel for 16-bit grey) never exist for the whole picture.

    Bit-identical to the whole-picture version: every strip but the last is a whole number of boxes tall, a
    box average never looks outside its box, the conversion is per pixel, and 16-bit scaling uses the whole
    picture's range."""
    if factor < 2:
        return to_rgb(im)
    if im.mode == "RGB":
        # Nothing to convert, so no strip copies either (they cost a third of the reduction on 12 MP).
        return im.reduce(factor)
    width, height = im.size
    rows = max(1, STRIP_PIXELS // width // factor) * factor
    strips = [(top, min(height, top + rows)) for top in range(0, height, rows)]
    span = _value_range(im, strips) if im.mode in _DEEP_MODES else None
    out = Image.new("RGB", (-(-width // factor), -(-height // factor)))
    for top, bottom in strips:
        part = to_rgb(im.crop((0, top, width, bottom)), span=span).reduce(factor)
        out.paste(part, (0, top // factor))
    return out


def _value_range(im: Image.Image, strips: list[tuple[int, int]]) -> tuple[float, float]:
    """The lowest and highest value of a 16-bit, 32-bit or float picture, as numpy sees them (NaN wins)."""
    lows, highs = [], []
    for top, bottom in strips:
        a = np.asarray(im.crop((0, top, im.size[0], bottom)), dtype=np.float64)
        lows.append(a.min())
        highs.append(a.max())
    return float(np.min(lows)), float(np.max(highs))


def image_orientation(im: Image.Image) -> int:
    """The EXIF orientation (1..8), 1 when absent or unreadable. HEIF comes already rotated by pillow-heif."""
    if im.format == "HEIF":
        return 1
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:  # broken EXIF is common and harmless: show the picture as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


_DEEP_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")


def to_rgb(im: Image.Image, *, span: tuple[float, float] | None = None) -> Image.Image:
    """Any Pillow mode -> 8-bit RGB. Alpha is dropped, as the reference hashers do. 16-bit, 32-bit and float
    grey are scaled from `span` (lowest, highest) to 0..255; without it, from `im`'s own range."""
    if im.mode == "RGB":
        return im
    if im.mode in _DEEP_MODES:
        # convert() would clip 16-bit and float values at 255, turning most pictures white.
        a = np.asarray(im, dtype=np.float64)
        lo, hi = span if span is not None else (float(a.min()), float(a.max()))
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(a)
        return Image.fromarray(a.astype(np.uint8), "L").convert("RGB")
    return im.convert("RGB")


def rgb_array(im: Image.Image) -> np.ndarray:
    """uint8 HxWx3 array of an RGB image."""
    return np.asarray(im, dtype=np.uint8)


# --- the picture as matching services hash it -------------------------------------------------------------

# The exchanged PDQ is computed from the full decode (pdq_exact.py) up to this many pixels, when the decode
# plus two float32 work buffers (and an upright copy for a rotated file) fit MAX_DECODE_BYTES; above it the
# PDQ comes from the reduced working image and says so (PDQ_REDUCED). 50 MP covers every phone photo short of
# the 108/200 MP sensor modes.
EXACT_PDQ_MAX_PIXELS = 50_000_000
_EXACT_WORK_BYTES = 8  # two float32 buffers a pixel for pdq_exact's replay
# How a fingerprint's `pdq` was made (Fingerprint.pdq_method).
PDQ_FULL = "full-v1"  # the full decode, as threatexchange's pdq_from_file hashes it (bit-identical)
PDQ_REDUCED = "reduced-512"  # the reduced working image (long side 512..1023): older entries, huge pictures
PDQ_VIDEO_FRAME = "video-frame"  # a video's representative frame, scaled down by video.py
# Modes np.asarray hands to pdqhash as they are: one grey channel (for "P", the palette indices, as the
# reference does) or three-plus channels whose first three it takes as R, G, B.
_GREY_MODES = ("L", "P", "1")
_COLOUR_MODES = ("RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV")
# Modes pdq_from_file converts to RGB with Pillow before hashing.
_REFERENCE_CONVERTS = ("LA", "I;16")


def exact_pdq_allowed(im: Image.Image, orientation: int) -> bool:
    """Whether the full-decode PDQ of `im`'s current frame fits EXACT_PDQ_MAX_PIXELS and the memory budget."""
    width, height = im.size
    pixels = width * height
    upright_copy = 4 * pixels if orientation in _ORIENTATION else 0
    needed = decode_bytes(im) + _EXACT_WORK_BYTES * pixels + upright_copy
    return pixels <= EXACT_PDQ_MAX_PIXELS and needed <= MAX_DECODE_BYTES


@dataclass(frozen=True)
class ReferenceRows:
    """Rows of the decoded, upright picture as pdq_from_file hands them to pdqhash, a band at a time."""

    image: Image.Image
    span: tuple[float, float] | None  # value range, for modes the reference cannot take (scaled to 0..255)

    @property
    def height(self) -> int:
        return self.image.size[1]

    @property
    def width(self) -> int:
        return self.image.size[0]

    def __call__(self, top: int, bottom: int) -> np.ndarray:
        band = self.image.crop((0, top, self.image.size[0], bottom))
        mode = band.mode
        if mode in _REFERENCE_CONVERTS:
            band, mode = band.convert("RGB"), "RGB"
        if mode in _GREY_MODES:
            return np.asarray(band).view(np.uint8) if mode == "1" else np.asarray(band)
        if mode in _COLOUR_MODES:
            return np.asarray(band)
        # 32-bit, float, big-endian 16-bit, PA, La ...: pdqhash refuses these (not 8-bit, or two channels);
        # hash what a viewer shows instead, scaled over the whole picture's range.
        return np.asarray(to_rgb(band, span=self.span))


def reference_rows(im: Image.Image, orientation: int) -> ReferenceRows:
    """`im`'s loaded current frame, upright, as ReferenceRows (a rotated file is transposed: one copy)."""
    with decoding():
        image = im.transpose(_ORIENTATION[orientation]) if orientation in _ORIENTATION else im
        span = None
        if image.mode not in _REFERENCE_CONVERTS + _GREY_MODES + _COLOUR_MODES and image.mode in _DEEP_MODES:
            width, height = image.size
            rows = max(1, STRIP_PIXELS // width)
            span = _value_range(image, [(top, min(height, top + rows)) for top in range(0, height, rows)])
    return ReferenceRows(image=image, span=span)
