"""Bounded walkers over the file's own structure: the metadata blocks of JPEG, PNG, WebP and ISO BMFF files.

Metadata comes from whoever made or shared the file, so every walker is a parser of hostile input: it reads
one structure at a time, never more than the caps below, never decompresses past a cap, and on anything odd
stops with an `Unreadable` note instead of an exception. A file is never loaded whole; image data is skipped
with a seek. The pixels are not touched here (the watermark check decodes them separately, when it can tell
anything).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import IO

from victim_desk.core.provenance.types import Unreadable

MAX_JPEG_SEGMENTS = 4096  # a real JPEG has a few dozen
MAX_PNG_CHUNKS = 100_000  # a 200 MP PNG written in 8 KB IDAT chunks has ~75,000
MAX_TEXT_CHUNKS = 512
MAX_CHUNK_TEXT = 4 * 1024 * 1024  # one ComfyUI workflow is typically 20-300 KB
MAX_TEXT_TOTAL = 8 * 1024 * 1024
MAX_XMP = 2 * 1024 * 1024
MAX_EXIF = 1024 * 1024
MAX_COMMENTS = 1024 * 1024
MAX_C2PA = 64 * 1024 * 1024
MAX_BOXES = 10_000

XMP_KEYWORD = "XML:com.adobe.xmp"
_XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXT_JPEG = b"http://ns.adobe.com/xmp/extension/\x00"
_C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_PNG_SIG = b"\x89PNG\r\n\x1a\n"


@dataclass
class RawMetadata:
    """The metadata blocks found, undecoded beyond text."""

    container: str  # jpeg, png, webp, bmff or other
    xmp: list[bytes] = field(default_factory=list)
    exif: bytes | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (PNG chunk keyword, text)
    comments: list[str] = field(default_factory=list)  # JPEG COM segments
    c2pa_bytes: int = 0  # size of the embedded C2PA/JUMBF store found (0: none)
    lossless: bool = False  # pixel-exact format: an invisible watermark can survive
    unreadable: list[Unreadable] = field(default_factory=list)

    def note(self, source: str, reason: str) -> None:
        if all(u.source != source or u.reason != reason for u in self.unreadable):
            self.unreadable.append(Unreadable(source, reason))


def container_of(head: bytes) -> str:
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head.startswith(_PNG_SIG):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "bmff"
    return "other"


def walk(fh: IO[bytes]) -> RawMetadata:
    head = fh.read(16)
    fh.seek(0)
    raw = RawMetadata(container_of(head))
    walker = {"jpeg": _jpeg, "png": _png, "webp": _webp, "bmff": _bmff}.get(raw.container)
    if walker is not None:
        try:
            walker(fh, raw)
        except (OSError, struct.error, ValueError):
            raw.note("file structure", "corrupt")
    return raw


def decode_text(data: bytes, raw: RawMetadata, source: str, *, latin1_ok: bool = False) -> str:
    """UTF-8 text; invalid UTF-8 is noted and kept with replacement characters (PNG tEXt is Latin-1 by
    the standard, so there a non-UTF-8 text is read as Latin-1 without a note)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if latin1_ok:
            return data.decode("latin-1")
        raw.note(source, "invalid_utf8")
        return data.decode("utf-8", errors="replace")


# --- JPEG ---------------------------------------------------------------------------------------------------


def _jpeg(fh: IO[bytes], raw: RawMetadata) -> None:
    fh.read(2)
    extended: dict[bytes, dict[int, bytes]] = {}
    comment_bytes = 0
    for _ in range(MAX_JPEG_SEGMENTS):
        byte = fh.read(1)
        while byte == b"\xff":  # fill bytes before a marker
            byte = fh.read(1)
        if not byte:
            return
        marker = byte[0]
        if marker == 0xDA or marker == 0xD9:  # start of scan / end of image: metadata comes before
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            continue
        size = fh.read(2)
        if len(size) < 2:
            raw.note("JPEG", "corrupt")
            return
        length = struct.unpack(">H", size)[0] - 2
        if length < 0:
            raw.note("JPEG", "corrupt")
            return
        payload = fh.read(length)
        if len(payload) < length:
            raw.note("JPEG", "corrupt")
            return
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00") and raw.exif is None:
            raw.exif = payload[6:]
        elif marker == 0xE1 and payload.startswith(_XMP_JPEG):
            raw.xmp.append(payload[len(_XMP_JPEG) :])
        elif marker == 0xE1 and payload.startswith(_XMP_EXT_JPEG):
            body = payload[len(_XMP_EXT_JPEG) :]
            if len(body) > 40:
                parts = extended.setdefault(body[:32], {})
                parts[struct.unpack(">I", body[36:40])[0]] = body[40:]
        elif marker == 0xEB and b"jumb" in payload[:64] and b"c2pa" in payload[:128]:
            # JUMBF in APP11 labelled "c2pa" (JPEG 360 and JPEG XT use JUMBF too, with other labels).
            raw.c2pa_bytes += len(payload)
        elif marker == 0xFE:
            comment_bytes += len(payload)
            if comment_bytes > MAX_COMMENTS:
                raw.note("JPEG comment", "too_large")
            else:
                raw.comments.append(decode_text(payload.rstrip(b"\x00"), raw, "JPEG comment"))
    else:
        raw.note("JPEG", "too_many_parts")
    for guid in list(extended)[:4]:
        parts = extended[guid]
        whole = b"".join(parts[k] for k in sorted(parts))
        if len(whole) > MAX_XMP:
            raw.note("XMP", "too_large")
        else:
            raw.xmp.append(whole)


# --- PNG ----------------------------------------------------------------------------------------------------


def _png(fh: IO[bytes], raw: RawMetadata) -> None:
    raw.lossless = True
    fh.seek(8)
    texts = 0
    total = 0
    for _ in range(MAX_PNG_CHUNKS):
        header = fh.read(8)
        if len(header) < 8:
            if header:
                raw.note("PNG", "corrupt")
            return
        length, kind = struct.unpack(">I4s", header)
        if length > 0x7FFFFFFF:
            raw.note("PNG", "corrupt")
            return
        if kind == b"IEND":
            return
        if kind in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"caBX"):
            if kind == b"caBX":
                raw.c2pa_bytes += length
                fh.seek(length + 4, 1)
                continue
            if kind == b"eXIf":
                if length > MAX_EXIF:
                    raw.note("EXIF", "too_large")
                    fh.seek(length + 4, 1)
                    continue
                data = fh.read(length)
                fh.seek(4, 1)
                if raw.exif is None:
                    raw.exif = data
                continue
            texts += 1
            if texts > MAX_TEXT_CHUNKS:
                raw.note("PNG text chunks", "too_many_parts")
                fh.seek(length + 4, 1)
                continue
            if length > MAX_CHUNK_TEXT or total + length > MAX_TEXT_TOTAL:
                raw.note("PNG text chunks", "too_large")
                fh.seek(length + 4, 1)
                continue
            data = fh.read(length)
            fh.seek(4, 1)
            if len(data) < length:
                raw.note("PNG", "corrupt")
                return
            item = _png_text(kind, data, raw, MAX_TEXT_TOTAL - total)
            if item is not None:
                total += len(item[1].encode("utf-8", errors="replace"))
                if item[0] == XMP_KEYWORD:
                    if len(item[1]) > MAX_XMP:
                        raw.note("XMP", "too_large")
                    else:
                        raw.xmp.append(item[1].encode("utf-8", errors="replace"))
                else:
                    raw.texts.append(item)
            continue
        fh.seek(length + 4, 1)
    raw.note("PNG", "too_many_parts")


def _png_text(kind: bytes, data: bytes, raw: RawMetadata, room: int) -> tuple[str, str] | None:
    keyword, sep, rest = data.partition(b"\x00")
    if not sep or not 1 <= len(keyword) <= 79:
        raw.note("PNG text chunks", "corrupt")
        return None
    key = keyword.decode("latin-1")
    source = f"PNG {kind.decode()} '{key}'"
    if kind == b"tEXt":
        return key, decode_text(rest, raw, source, latin1_ok=True)
    if kind == b"zTXt":
        if not rest:
            raw.note(source, "corrupt")
            return None
        text = _inflate(rest[1:], raw, source, min(room, MAX_CHUNK_TEXT))
        return None if text is None else (key, decode_text(text, raw, source, latin1_ok=True))
    # iTXt: compression flag, method, language tag\0, translated keyword\0, text (UTF-8)
    if len(rest) < 2:
        raw.note(source, "corrupt")
        return None
    compressed = rest[0] == 1
    _lang, sep1, tail = rest[2:].partition(b"\x00")
    _translated, sep2, text_bytes = tail.partition(b"\x00")
    if not (sep1 and sep2):
        raw.note(source, "corrupt")
        return None
    if compressed:
        inflated = _inflate(text_bytes, raw, source, min(room, MAX_CHUNK_TEXT))
        if inflated is None:
            return None
        text_bytes = inflated
    return key, decode_text(text_bytes, raw, source)


def _inflate(data: bytes, raw: RawMetadata, source: str, limit: int) -> bytes | None:
    """zlib data, never inflated past `limit` bytes (a 1 KB chunk can claim gigabytes)."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit)
    except zlib.error:
        raw.note(source, "corrupt")
        return None
    if inflater.unconsumed_tail:
        raw.note(source, "too_large")
        return None
    return out


# --- WebP ---------------------------------------------------------------------------------------------------


def _webp(fh: IO[bytes], raw: RawMetadata) -> None:
    fh.seek(12)
    for _ in range(MAX_BOXES):
        header = fh.read(8)
        if len(header) < 8:
            return
        kind, length = struct.unpack("<4sI", header)
        padded = length + (length & 1)
        if kind == b"VP8L":
            raw.lossless = True
        if kind == b"EXIF" and raw.exif is None and length <= MAX_EXIF:
            data = fh.read(length)
            raw.exif = data[6:] if data.startswith(b"Exif\x00\x00") else data
            fh.seek(padded - length, 1)
            continue
        if kind == b"XMP ":
            if length > MAX_XMP:
                raw.note("XMP", "too_large")
            else:
                raw.xmp.append(fh.read(length))
                fh.seek(padded - length, 1)
                continue
        if kind == b"C2PA":
            raw.c2pa_bytes += length
        fh.seek(padded, 1)
    raw.note("WebP", "too_many_parts")


# --- ISO BMFF (MP4, MOV, HEIF, AVIF) ------------------------------------------------------------------------


def _bmff(fh: IO[bytes], raw: RawMetadata) -> None:
    """Top-level boxes only: C2PA and XMP live there as 'uuid' boxes; the media data is skipped."""
    fh.seek(0, 2)
    end = fh.tell()
    pos = 0
    for _ in range(MAX_BOXES):
        if pos + 8 > end:
            return
        fh.seek(pos)
        size, kind = struct.unpack(">I4s", fh.read(8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", fh.read(8))[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            raw.note("file structure", "corrupt")
            return
        if kind == b"uuid":
            usertype = fh.read(16)
            body = size - header - 16
            if usertype == _C2PA_UUID:
                raw.c2pa_bytes += max(body, 1)
            elif usertype == _XMP_UUID:
                if body > MAX_XMP:
                    raw.note("XMP", "too_large")
                elif body > 0:
                    raw.xmp.append(fh.read(body))
        pos += size
    raw.note("file structure", "too_many_parts")
