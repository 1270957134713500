"""The fingerprint of one file, as the rest of the app stores, prints and exchanges it.

A `Fingerprint` is what replaces the original: the vault keeps it instead of the picture, the CLI prints it as
one JSON line, and hash lists carry it to other tools. Its JSON form is therefore a contract (field names are
fixed by the CLI contract in DESIGN.md), and `from_json` is a parser of untrusted input: it checks every field
and refuses anything odd with `HashListInvalid`, never a KeyError or TypeError.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

from victim_desk.errors import HashListInvalid

if TYPE_CHECKING:
    from victim_desk.core.fingerprint.robust import RobustSignature

Kind = Literal["image", "video"]

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
# imagehash's text form: any whole number of bytes, 8x8 bits (16 digits) by default.
_PHASH = re.compile(r"(?:[0-9a-f]{2}){1,64}")
_METHOD = re.compile(r"[a-z0-9][a-z0-9.-]{0,31}")


@dataclass(frozen=True)
class FrameHash:
    """The PDQ of one sampled video or animation frame; `t` is seconds from the start. A few frames of a video
    (one or two per shot) also carry a robust signature, so a cropped or framed screenshot of any moment
    near them can be confirmed by the matcher's feature stage (see video.py)."""

    t: float
    pdq: str
    quality: int
    robust: RobustSignature | None = None

    def to_json(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"t": self.t, "pdq": self.pdq, "quality": self.quality}
        if self.robust is not None:
            obj["robust"] = self.robust.to_json()
        return obj


@dataclass(frozen=True)
class Fingerprint:
    """Everything we keep about a file instead of the file itself."""

    file: str
    kind: Kind
    size: int
    sha256: str
    md5: str
    pdq: str | None
    pdq_quality: int | None
    phash: str | None
    frames: tuple[FrameHash, ...] = ()
    robust: RobustSignature | None = None
    # What the file says about how it was made (core/provenance, stored JSON form); None when not read.
    provenance: dict[str, Any] | None = None
    # How `pdq` was computed: "full-v1" (the full decode, bit-identical to what matching services compute),
    # "reduced-512" (a reduced decode: huge pictures, videos' frames) or None (made before this was
    # recorded: a reduced decode). Local matching treats them alike; exports can say which is which.
    pdq_method: str | None = None

    def to_json(self) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "file": self.file,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "md5": self.md5,
            "pdq": self.pdq,
            "pdq_quality": self.pdq_quality,
            "phash": self.phash,
        }
        if self.pdq_method is not None:
            obj["pdq_method"] = self.pdq_method
        # Frames are part of the contract for video; an animated image carries them only when it has some.
        if self.kind == "video" or self.frames:
            obj["frames"] = [f.to_json() for f in self.frames]
        if self.robust is not None:
            obj["robust"] = self.robust.to_json()
        if self.provenance is not None:
            obj["provenance"] = self.provenance
        return obj

    @classmethod
    def from_json(cls, obj: object) -> Fingerprint:
        """Parse and check one fingerprint object, e.g. a line of `fingerprint --json` output."""
        if not isinstance(obj, dict):
            raise HashListInvalid(problem="fingerprint_not_object")
        file = obj.get("file")
        if not isinstance(file, str) or not file:
            raise HashListInvalid(problem="no_file_name")
        kind = obj.get("kind")
        if kind not in ("image", "video"):
            raise HashListInvalid(problem="bad_kind")
        size = obj.get("size")
        if not _is_int(size) or size < 0:
            raise HashListInvalid(problem="bad_size")
        sha256 = _hex(obj, "sha256", _HEX64, required=True)
        md5 = _hex(obj, "md5", _HEX32, required=True)
        pdq = _hex(obj, "pdq", _HEX64, required=False)
        quality = obj.get("pdq_quality")
        if quality is not None and not _is_quality(quality):
            raise HashListInvalid(problem="bad_quality")
        if (pdq is None) != (quality is None):
            raise HashListInvalid(problem="pdq_needs_quality")
        phash = _hex(obj, "phash", _PHASH, required=False)
        pdq_method = obj.get("pdq_method")
        if pdq_method is not None and not (isinstance(pdq_method, str) and _METHOD.fullmatch(pdq_method)):
            raise HashListInvalid(problem="bad_method")
        frames = _frames(obj.get("frames", []))
        robust = _robust(obj.get("robust"))
        provenance = None
        if obj.get("provenance") is not None:
            from victim_desk.core.provenance.types import check_json

            provenance = check_json(obj["provenance"])
        return cls(
            file=file,
            kind=kind,
            size=size,
            sha256=sha256,  # type: ignore[arg-type]  # required=True never gives None
            md5=md5,  # type: ignore[arg-type]
            pdq=pdq,
            pdq_quality=quality,
            phash=phash,
            frames=frames,
            robust=robust,
            provenance=provenance,
            pdq_method=pdq_method,
        )


def _is_int(value: object) -> TypeGuard[int]:
    # bool is an int in Python; true/false in JSON is not a size or a quality.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_quality(value: object) -> TypeGuard[int]:
    return _is_int(value) and 0 <= value <= 100


def _hex(obj: dict[str, Any], name: str, pattern: re.Pattern[str], *, required: bool) -> str | None:
    value = obj.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value.strip().lower()):
        raise HashListInvalid(problem="bad_hash", field=name)
    return value.strip().lower()


def _frames(raw: object) -> tuple[FrameHash, ...]:
    if not isinstance(raw, list):
        raise HashListInvalid(problem="not_list", field="frames")
    frames = []
    for item in raw:
        if not isinstance(item, dict):
            raise HashListInvalid(problem="frame_not_object")
        t = item.get("t")
        if not isinstance(t, int | float) or isinstance(t, bool) or not math.isfinite(t) or t < 0:
            raise HashListInvalid(problem="frame_bad_time")
        pdq = _hex(item, "pdq", _HEX64, required=True)
        quality = item.get("quality")
        if not _is_quality(quality):
            raise HashListInvalid(problem="frame_bad_quality")
        robust = _robust(item.get("robust"))
        frames.append(FrameHash(t=float(t), pdq=pdq, quality=quality, robust=robust))  # type: ignore[arg-type]
    return tuple(frames)


def _robust(raw: object) -> RobustSignature | None:
    if raw is None:
        return None
    try:
        from victim_desk.core.fingerprint.robust import RobustSignature
    except ModuleNotFoundError as exc:
        if exc.name != "victim_desk.core.fingerprint.robust":
            raise
        # Robust matching is not built into this version: keep the basic fingerprint, drop the extra.
        return None
    # from_json names every problem itself (HashListInvalid), an unforeseen shape included.
    return RobustSignature.from_json(raw)  # type: ignore[arg-type]
