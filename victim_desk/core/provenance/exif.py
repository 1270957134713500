"""EXIF fields that say what made a picture: Software, Make, Model, ImageDescription, UserComment.

Read with Pillow's TIFF-structure parser from the bounded EXIF block the walker found (at most 1 MB; a JPEG's
is at most 64 KB). Make/Model/Software are recorded as metadata; ImageDescription and UserComment are free
text (some generators put the prompt there) and therefore sensitive.
"""

from __future__ import annotations

from typing import Any

_SOFTWARE, _MAKE, _MODEL, _DESCRIPTION = 0x0131, 0x010F, 0x0110, 0x010E
_EXIF_IFD, _USER_COMMENT = 0x8769, 0x9286
_MAX_SHORT = 256
_MAX_TEXT = 64 * 1024


class ExifUnreadable(Exception):
    pass


def parse(block: bytes) -> dict[str, str]:
    """The fields present, as text. Raises ExifUnreadable for a block Pillow cannot walk."""
    from PIL import Image

    exif = Image.Exif()
    data = block if block.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + block
    try:
        exif.load(data)
        out: dict[str, str] = {}
        for tag, name, cap in (
            (_SOFTWARE, "Software", _MAX_SHORT),
            (_MAKE, "Make", _MAX_SHORT),
            (_MODEL, "Model", _MAX_SHORT),
            (_DESCRIPTION, "ImageDescription", _MAX_TEXT),
        ):
            text = _text(exif.get(tag), cap)
            if text:
                out[name] = text
        comment = exif.get_ifd(_EXIF_IFD).get(_USER_COMMENT)
        text = _user_comment(comment)
        if text:
            out["UserComment"] = text[:_MAX_TEXT]
        return out
    except Exception as exc:
        # Pillow's TIFF walker on hostile bytes can fail in many ways (struct, key, type, recursion errors);
        # every one of them means the same to a person: this block could not be read.
        raise ExifUnreadable() from exc


def _text(value: Any, cap: int) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()[:cap]


def _user_comment(value: Any) -> str:
    """EXIF UserComment: an 8-byte character code, then the text (A1111 writes 'UNICODE' + UTF-16)."""
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    if not isinstance(value, bytes) or len(value) < 8:
        return ""
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        # Big-endian per the standard; some writers use little-endian: pick the one that reads as text.
        be = body.decode("utf-16-be", errors="replace")
        le = body.decode("utf-16-le", errors="replace")
        text = be if _ascii_share(be) >= _ascii_share(le) else le
    else:
        text = body.decode("utf-8", errors="replace")
    return text.replace("\x00", "").strip()


def _ascii_share(text: str) -> float:
    return sum(c.isascii() for c in text[:2000]) / max(1, min(len(text), 2000))
