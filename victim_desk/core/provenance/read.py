"""Reading everything a file says about how it was made: the one entry point the fingerprint calls.

`read_provenance(path, kind)` walks the file's metadata blocks (containers.py), reads what each holds (C2PA,
XMP, EXIF, generator text, video tags) and, for pixel-exact pictures, checks the Stable Diffusion watermark.
It never raises for a bad file: every part it could not read becomes an `Unreadable` note, and the
fingerprint is made regardless. Nothing here touches the network.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import IO, Any

from victim_desk.core.provenance import containers, exif, generators, watermark, xmp
from victim_desk.core.provenance.containers import RawMetadata
from victim_desk.core.provenance.types import Indicator, Provenance, Unreadable
from victim_desk.logs import log_unexpected

# Only pictures up to this size (4096 x 4096, a 4x upscale of SDXL) are decoded for the watermark check (the
# check needs full-resolution pixels: measured ~0.15 s per megapixel decoded and checked, on top of hashing).
WATERMARK_MAX_PIXELS = 16_800_000
_MAX_VALUE = 512
_VIDEO_TAGS = ("encoder", "software", "creation_tool", "com.apple.quicktime.software", "handler_name",
               "comment", "description", "title")  # fmt: skip


def read_provenance(path: Path, kind: str) -> Provenance:
    """What `path` says about its making. `kind` is the fingerprint's ("image" or "video")."""
    found = _Findings()
    try:
        with open(path, "rb") as fh:
            raw = containers.walk(fh)
            found.unreadable.extend(raw.unreadable)
            found.checked += ["c2pa", "xmp", "exif", "generator_text"]
            if raw.container == "other" and kind == "image":
                _pillow_blocks(path, raw, found)
            _from_xmp(raw, found)
            _from_exif(raw, found)
            _from_texts(raw, found)
            _from_comments(raw, found)
            _from_c2pa(fh, raw, found)
        if kind == "image" and raw.lossless:
            _from_watermark(path, found)
        if kind == "video":
            _from_video(path, found)
    except MemoryError:
        found.unreadable.append(Unreadable("file", "too_large"))
    except OSError:
        found.unreadable.append(Unreadable("file", "corrupt"))
    except Exception as exc:
        # A bug in our reading, not the person's file; the fingerprint is still made.
        log_unexpected(exc, "reading provenance")
        found.unreadable.append(Unreadable("file", "unexpected"))
    return found.result()


@dataclasses.dataclass
class _Findings:
    indicators: list[Indicator] = dataclasses.field(default_factory=list)
    metadata: dict[str, str] = dataclasses.field(default_factory=dict)
    unreadable: list[Unreadable] = dataclasses.field(default_factory=list)
    checked: list[str] = dataclasses.field(default_factory=list)
    remote_url: str | None = None

    def add(self, indicator: Indicator) -> None:
        from victim_desk.core.provenance.statements import statement

        text = statement(indicator.to_json(), "en")
        self.indicators.append(
            dataclasses.replace(indicator, details={**indicator.details, "statement": text})
        )

    def result(self) -> Provenance:
        unique = list(dict.fromkeys(self.unreadable))
        return Provenance(
            tuple(self.indicators), dict(self.metadata), tuple(unique), tuple(dict.fromkeys(self.checked))
        )


def _pillow_blocks(path: Path, raw: RawMetadata, found: _Findings) -> None:
    """TIFF, HEIF, GIF, BMP: Pillow reads their headers (no pixels) and hands over EXIF and XMP."""
    from victim_desk.core.fingerprint import decode
    from victim_desk.errors import DeskError

    try:
        with decode.open_image(path) as im:
            packet = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
            if isinstance(packet, str):
                packet = packet.encode("utf-8", errors="replace")
            if isinstance(packet, bytes):
                if len(packet) > containers.MAX_XMP:
                    raw.note("XMP", "too_large")
                else:
                    raw.xmp.append(packet)
            block = im.info.get("exif")
            if isinstance(block, bytes) and len(block) <= containers.MAX_EXIF:
                raw.exif = block
            elif len(im.getexif()):
                raw.exif = im.getexif().tobytes()
            tags = getattr(im, "tag_v2", None)
            if tags is not None and 0xCD41 in tags:  # C2PA manifest store in a TIFF
                raw.c2pa_bytes = max(1, len(bytes(tags[0xCD41])) if isinstance(tags[0xCD41], bytes) else 1)
            raw.lossless = im.format in ("BMP", "TIFF", "PNG")
    except DeskError:
        return  # the fingerprint will say what is wrong with the file
    except (OSError, ValueError, SyntaxError):
        found.unreadable.append(Unreadable("file structure", "corrupt"))
    found.unreadable.extend(u for u in raw.unreadable if u not in found.unreadable)


def _from_xmp(raw: RawMetadata, found: _Findings) -> None:
    for packet in raw.xmp[:8]:
        try:
            facts = xmp.parse(packet)
        except xmp.XmpUnreadable as exc:
            found.unreadable.append(Unreadable("XMP", exc.reason))
            continue
        for term in facts.source_types:
            found.add(
                Indicator(
                    "iptc_source_type",
                    "XMP Iptc4xmpExt:DigitalSourceType",
                    xmp.SOURCE_TYPES.get(term, "unstated"),
                    {"value": term[:_MAX_VALUE]},
                )
            )
        if facts.ai_system:
            details = {"value": facts.ai_system[:_MAX_VALUE]}
            if facts.ai_system_version:
                details["version"] = facts.ai_system_version[:_MAX_VALUE]
            found.add(
                Indicator(
                    "iptc_ai_system",
                    "XMP Iptc4xmpExt:AISystemUsed",
                    "ai_generated",
                    details,
                    parameters=dict(facts.sensitive) or None,
                )
            )
        elif facts.sensitive:
            found.add(
                Indicator(
                    "generator_parameters",
                    "XMP Iptc4xmpExt:AIPromptInformation",
                    "ai_generated",
                    {"generator": None},
                    parameters=dict(facts.sensitive),
                )
            )
        if facts.creator_tool:
            found.metadata.setdefault("CreatorTool", facts.creator_tool[:_MAX_VALUE])
            _software(facts.creator_tool, "XMP xmp:CreatorTool", found)
        if facts.provenance_url:
            found.remote_url = facts.provenance_url[:_MAX_VALUE]


def _from_exif(raw: RawMetadata, found: _Findings) -> None:
    if raw.exif is None:
        return
    try:
        fields = exif.parse(raw.exif)
    except exif.ExifUnreadable:
        found.unreadable.append(Unreadable("EXIF", "corrupt"))
        return
    for name, value in fields.items():
        found.metadata.setdefault(name, value)
    if "Software" in fields:
        _software(fields["Software"], "EXIF Software", found)
    for name in ("UserComment", "ImageDescription"):
        text = fields.get(name, "")
        if generators.looks_like_a1111(text):
            _a1111(text, f"EXIF {name}", found)


def _from_texts(raw: RawMetadata, found: _Findings) -> None:
    texts: dict[str, str] = {}
    for key, text in raw.texts:
        texts.setdefault(key, text)
    for key in ("Software", "Source"):
        if key in texts:
            found.metadata.setdefault(f"PNG {key}", texts[key][:_MAX_VALUE])
            _software(texts[key], f"PNG text '{key}'", found)
    if "parameters" in texts:
        text = texts["parameters"]
        obj = generators.parse_json_text(text) if text.lstrip().startswith("{") else None
        if isinstance(obj, dict):
            tool = (
                "SwarmUI" if "sui_image_params" in obj else "Fooocus" if "fooocus_scheme" in texts else None
            )
            _params(
                "PNG text 'parameters'",
                tool or "generation tool",
                generators.parse_generic_json(obj),
                text,
                found,
            )
        else:
            _a1111(text, "PNG text 'parameters'", found)
    if "prompt" in texts or "workflow" in texts:
        prompt = generators.parse_json_text(texts.get("prompt", ""))
        workflow = generators.parse_json_text(texts.get("workflow", ""))
        if isinstance(prompt, dict) or isinstance(workflow, dict):
            raw_text = "\n".join(texts.get(k, "") for k in ("prompt", "workflow") if k in texts)
            source = "PNG text " + " and ".join(f"'{k}'" for k in ("prompt", "workflow") if k in texts)
            _params(source, "ComfyUI", generators.parse_comfyui(prompt, workflow), raw_text, found)
    if "Comment" in texts:
        comment = generators.parse_json_text(texts["Comment"])
        if isinstance(comment, dict) and ("prompt" in comment or "uc" in comment):
            fields = generators.parse_novelai(comment)
            if "Description" in texts:
                fields.setdefault("prompt", texts["Description"][: generators.MAX_RAW])
            is_novelai = "novelai" in texts.get("Software", "").lower()
            _params(
                "PNG text 'Comment'",
                "NovelAI" if is_novelai else "generation tool",
                fields,
                texts["Comment"],
                found,
            )
    for key in ("invokeai_metadata", "sd-metadata", "Dream", "generation_data"):
        if key in texts:
            obj = generators.parse_json_text(texts[key])
            fields = generators.parse_generic_json(obj) if isinstance(obj, dict) else {}
            _params(f"PNG text '{key}'", generators.PARAMETER_KEYS[key], fields, texts[key], found)


def _from_comments(raw: RawMetadata, found: _Findings) -> None:
    for text in raw.comments[:16]:
        if generators.looks_like_a1111(text):
            _a1111(text, "JPEG comment", found)
        elif text.lstrip().startswith("{"):
            obj = generators.parse_json_text(text)
            fields = generators.parse_generic_json(obj) if isinstance(obj, dict) else {}
            if "prompt" in fields:
                _params("JPEG comment", "generation tool", fields, text, found)


def _from_c2pa(fh: IO[bytes], raw: RawMetadata, found: _Findings) -> None:
    from victim_desk.core.provenance import c2pa_reader

    if raw.c2pa_bytes > containers.MAX_C2PA:
        found.unreadable.append(Unreadable(c2pa_reader.SOURCE, "too_large"))
        return
    if raw.c2pa_bytes == 0:
        if found.remote_url:
            # The file says its Content Credential is online. Noted, never fetched: this app works offline.
            found.add(c2pa_reader.remote_indicator(found.remote_url))
        return
    mime = {"bmff": None}.get(raw.container)
    indicator, problem = c2pa_reader.read(fh, raw.container, mime)
    if indicator is not None:
        found.add(indicator)
    if problem is not None:
        found.unreadable.append(problem)


def _from_watermark(path: Path, found: _Findings) -> None:
    import numpy as np

    from victim_desk.core.fingerprint import decode
    from victim_desk.errors import DeskError

    try:
        with decode.open_image(path) as im:
            if im.mode not in ("RGB", "RGBA", "P") or getattr(im, "n_frames", 1) > 1:
                return
            if im.width * im.height > WATERMARK_MAX_PIXELS or im.width * im.height < watermark.MIN_PIXELS:
                return
            found.checked.append("watermark")
            rgb = np.asarray(im.convert("RGB"))
    except DeskError:
        return
    except (OSError, ValueError, SyntaxError):
        found.unreadable.append(Unreadable(watermark.SOURCE, "corrupt"))
        return
    mark = watermark.find(rgb)
    if mark is not None:
        found.add(Indicator("watermark", watermark.SOURCE, "ai_generated", {"value": mark.name}))


def _from_video(path: Path, found: _Findings) -> None:
    import av

    found.checked.append("video_tags")
    try:
        with av.open(str(path), metadata_errors="replace") as container:
            tags: list[tuple[str, str]] = list(container.metadata.items())
            for stream in list(container.streams)[:16]:
                tags += list(stream.metadata.items())
    except (av.FFmpegError, OSError, ValueError, UnicodeError):
        found.unreadable.append(Unreadable("video tags", "corrupt"))
        return
    for name, value in tags[:256]:
        key = name.lower()
        if key not in _VIDEO_TAGS or not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if key in ("comment", "description"):
            found.metadata.setdefault(key, value[: generators.MAX_RAW])
            if generators.looks_like_a1111(value):
                _a1111(value, f"video tag '{key}'", found)
            continue
        found.metadata.setdefault(key, value[:_MAX_VALUE])
        if key != "title":
            _software(value, f"video tag '{key}'", found)


def _software(value: str, source: str, found: _Findings) -> None:
    name = generators.ai_software(value)
    if name is not None and not any(
        i.kind == "generator_software" and i.details.get("generator") == name for i in found.indicators
    ):
        found.add(
            Indicator(
                "generator_software", source, "ai_generated", {"value": value[:_MAX_VALUE], "generator": name}
            )
        )


def _a1111(text: str, source: str, found: _Findings) -> None:
    fields = generators.parse_a1111(text)
    _params(source, generators.a1111_generator(fields), fields, text, found)


def _params(source: str, generator: str, fields: dict[str, Any], raw_text: str, found: _Findings) -> None:
    raw, cut = generators.raw_excerpt(raw_text)
    parameters: dict[str, Any] = {**fields, "raw": raw}
    if cut:
        parameters["raw_truncated"] = True
    found.add(Indicator("generator_parameters", source, "ai_generated", {"generator": generator}, parameters))
