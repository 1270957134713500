"""Reading what real files say about their making: C2PA, IPTC source type, EXIF, generator text, watermark."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import _make as m
import numpy as np
import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from victim_desk.core.provenance import c2pa_reader, redacted
from victim_desk.core.provenance.read import read_provenance
from victim_desk.core.provenance.xmp import SOURCE_TYPES


def _read(tmp_path: Path, name: str, data: bytes, kind: str = "image") -> dict:
    return read_provenance(m.write(tmp_path / name, data), kind).to_json()


def _only(found: dict, kind: str) -> dict:
    items = [i for i in found["indicators"] if i["kind"] == kind]
    assert len(items) == 1, found
    return items[0]


# --- C2PA ---------------------------------------------------------------------------------------------------


def test_signed_jpeg_c2pa_states_ai_generation_with_signer_and_valid_signature(tmp_path: Path) -> None:
    found = _read(tmp_path, "gen.jpg", m.c2pa_signed(m.jpeg_bytes(), "image/jpeg"))
    c2pa = _only(found, "c2pa")
    assert c2pa["suggests"] == "ai_generated"
    assert c2pa["signer"] == "Example Generator Signer"
    assert c2pa["signer_organization"] == "Example AI Lab"
    assert c2pa["claim_generator"] == "Example Generator 1.0"
    assert c2pa["actions"] == [
        {"action": "c2pa.created", "digital_source_type": "trainedAlgorithmicMedia",
         "software_agent": "Example Image Model"}
    ]  # fmt: skip
    assert c2pa["valid"] is True
    assert c2pa["trusted"] is False  # our test root is on no trust list, and none is consulted
    assert "signingCredential.untrusted" in [s["code"] for s in c2pa["validation_status"]]
    assert "signed by Example Generator Signer" in c2pa["statement"]
    assert found["none_found"] is False


@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_signed_png_and_webp_composite(tmp_path: Path, fmt: str) -> None:
    buf = io.BytesIO()
    m.picture().save(buf, fmt.upper(), **({"lossless": True} if fmt == "webp" else {}))
    data = m.c2pa_signed(buf.getvalue(), f"image/{fmt}", m.manifest("compositeWithTrainedAlgorithmicMedia"))
    c2pa = _only(_read(tmp_path, f"gen.{fmt}", data), "c2pa")
    assert c2pa["suggests"] == "ai_composite"
    assert c2pa["digital_source_type"] == ["compositeWithTrainedAlgorithmicMedia"]
    assert c2pa["valid"] is True


def test_signed_mp4_c2pa_is_read_for_videos(tmp_path: Path) -> None:
    import av

    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for k in range(5):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 40 * k, np.uint8), format="rgb24")
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    data = m.c2pa_signed(buf.getvalue(), "video/mp4")
    found = _read(tmp_path, "clip.mp4", data, kind="video")
    assert _only(found, "c2pa")["suggests"] == "ai_generated"
    assert "video_tags" in found["checked"]


def test_content_changed_after_signing_does_not_validate(tmp_path: Path) -> None:
    data = bytearray(m.c2pa_signed(m.jpeg_bytes(), "image/jpeg"))
    data[-200] ^= 0xFF  # a byte of the picture data, after the manifest
    c2pa = _only(_read(tmp_path, "changed.jpg", bytes(data)), "c2pa")
    assert c2pa["valid"] is False
    assert c2pa["validation_state"] == "Invalid"
    assert "assertion.dataHash.mismatch" in [s["code"] for s in c2pa["validation_status"]]
    assert "did not validate" in c2pa["statement"]


def test_corrupt_manifest_store_gives_a_note_not_an_error(tmp_path: Path) -> None:
    data = m.c2pa_signed(m.jpeg_bytes(), "image/jpeg")
    start = data.index(b"jumb")
    broken = data[: start + 40] + bytes(range(256)) * 4 + data[start + 40 + 1024 :]
    found = _read(tmp_path, "broken.jpg", broken)
    assert {"source": c2pa_reader.SOURCE, "reason": "corrupt"} in found["unreadable"] or any(
        i["kind"] == "c2pa" and i["valid"] is False for i in found["indicators"]
    )


def test_garbage_jumbf_segment_is_noted_and_fingerprint_is_still_made(tmp_path: Path) -> None:
    from victim_desk.core.fingerprint import fingerprint_file

    rng = np.random.default_rng(5)
    payload = (
        b"JP\x02\x11\x00\x01\x00\x00\x00\x01"
        + b"\x00\x00\x10\x00jumb\x00\x00\x00\x2fjumdc2pa"
        + rng.bytes(4000)
    )
    path = m.write(tmp_path / "garbage.jpg", m.jpeg_with_segment(0xEB, payload))
    fp = fingerprint_file(path)
    assert fp.pdq is not None
    assert fp.provenance is not None
    assert {"source": c2pa_reader.SOURCE, "reason": "corrupt"} in fp.provenance["unreadable"]
    assert fp.provenance["indicators"] == []


class _Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counting.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/manifests/generated.c2pa"
    httpd.shutdown()
    httpd.server_close()


def test_remote_manifest_is_noted_with_its_address_and_never_fetched(tmp_path: Path, server: str) -> None:
    data = m.c2pa_remote(m.jpeg_bytes(), "image/jpeg", server)
    found = _read(tmp_path, "remote.jpg", data)
    remote = _only(found, "c2pa_remote")
    assert remote["remote_manifest"] == server
    assert remote["fetched"] is False
    # The library itself, asked directly, must not go to the address either.
    indicator, problem = c2pa_reader.read(io.BytesIO(data), "jpeg", None)
    assert problem is None and indicator is not None and indicator.kind == "c2pa_remote"
    assert _Counting.hits == []


# --- XMP / IPTC ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source_type", sorted(SOURCE_TYPES))
@pytest.mark.parametrize("as_element", [False, True])
def test_every_iptc_source_type_in_jpeg_xmp(tmp_path: Path, source_type: str, as_element: bool) -> None:
    data = m.jpeg_bytes(xmp=m.xmp_packet(source_type, as_element=as_element))
    found = _read(tmp_path, "x.jpg", data)
    item = _only(found, "iptc_source_type")
    assert item["value"] == source_type
    assert item["suggests"] == SOURCE_TYPES[source_type]
    assert found["metadata"]["CreatorTool"] == "Example Editor 2.1"


@pytest.mark.parametrize("source_type", ["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia",
                                         "algorithmicMedia"])  # fmt: skip
def test_source_type_in_png_itxt_and_webp_xmp(tmp_path: Path, source_type: str) -> None:
    png = m.png_with_chunks([m.itxt("XML:com.adobe.xmp", m.xmp_packet(source_type), compressed=True)])
    assert _only(_read(tmp_path, "x.png", png), "iptc_source_type")["value"] == source_type
    buf = io.BytesIO()
    m.picture().save(buf, "WEBP", xmp=m.xmp_packet(source_type))
    assert _only(_read(tmp_path, "x.webp", buf.getvalue()), "iptc_source_type")["value"] == source_type


def test_iptc_ai_fields_keep_the_prompt_hidden(tmp_path: Path) -> None:
    extra = (
        "<Iptc4xmpExt:AISystemUsed>Example Image Model</Iptc4xmpExt:AISystemUsed>"
        "<Iptc4xmpExt:AIPromptInformation>secret prompt words here</Iptc4xmpExt:AIPromptInformation>"
    )
    found = _read(tmp_path, "ai.jpg", m.jpeg_bytes(xmp=m.xmp_packet("trainedAlgorithmicMedia", extra=extra)))
    system = _only(found, "iptc_ai_system")
    assert system["value"] == "Example Image Model"
    assert system["parameters"] == {"prompt": "secret prompt words here"}
    assert "secret prompt words" not in json.dumps(redacted(found))


def test_xmp_with_entity_declaration_is_refused_quickly(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">'
            % ((b"b%d" % i,) + (b"a" if i == 0 else b"b%d" % (i - 1),) * 10)
            for i in range(9)
        )
        + b']><x:xmpmeta xmlns:x="adobe:ns:meta/">&b8;</x:xmpmeta>'
    )
    found = _read(tmp_path, "bomb.jpg", m.jpeg_bytes(xmp=bomb))
    assert {"source": "XMP", "reason": "declaration"} in found["unreadable"]


def test_oversized_xmp_is_not_parsed(tmp_path: Path) -> None:
    big = m.xmp_packet("trainedAlgorithmicMedia", extra="<!-- " + "x" * (3 * 1024 * 1024) + " -->")
    found = _read(tmp_path, "big.png", m.png_with_chunks([m.itxt("XML:com.adobe.xmp", big)]))
    assert {"source": "XMP", "reason": "too_large"} in found["unreadable"]
    assert found["indicators"] == []


def test_malformed_xmp_is_noted(tmp_path: Path) -> None:
    found = _read(tmp_path, "bad.jpg", m.jpeg_bytes(xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><unclosed>"))
    assert {"source": "XMP", "reason": "corrupt"} in found["unreadable"]


# --- PNG text, JPEG comments, EXIF --------------------------------------------------------------------------


def test_a1111_parameters_are_parsed_and_kept_sensitive(tmp_path: Path) -> None:
    found = _read(tmp_path, "a1111.png", m.a1111_png())
    item = _only(found, "generator_parameters")
    assert item["generator"] == "AUTOMATIC1111 / Forge web UI"
    assert item["source"] == "PNG text 'parameters'"
    assert item["sensitive"] is True
    params = item["parameters"]
    assert params["prompt"] == m.PROMPT
    assert params["negative_prompt"] == m.NEGATIVE
    assert params["seed"] == "3141592653"
    assert params["sampler"] == "DPM++ 2M Karras"
    assert params["model"] == "v1-5-pruned-emaonly"
    assert params["raw"] == m.A1111
    shown = redacted(found)
    assert m.PROMPT not in json.dumps(shown)
    assert "3141592653" not in json.dumps(shown)
    assert set(_only(shown, "generator_parameters")["hidden"]) >= {"prompt", "seed", "model", "raw"}


def test_comfyui_prompt_and_workflow(tmp_path: Path) -> None:
    item = _only(_read(tmp_path, "comfy.png", m.comfyui_png()), "generator_parameters")
    assert item["generator"] == "ComfyUI"
    assert item["parameters"]["model"] == ["sd_xl_base_1.0.safetensors"]
    assert item["parameters"]["seed"] == [271828182]
    assert item["parameters"]["sampler"] == ["euler"]
    assert m.PROMPT in item["parameters"]["prompt"]


def test_novelai_software_and_comment(tmp_path: Path) -> None:
    info = PngInfo()
    info.add_text("Software", "NovelAI")
    info.add_text("Description", m.PROMPT)
    info.add_text("Comment", json.dumps({"prompt": m.PROMPT, "steps": 28, "seed": 99, "sampler": "k_euler"}))
    found = _read(tmp_path, "nai.png", m.png_bytes(m.picture(3), info))
    assert _only(found, "generator_software")["generator"] == "NovelAI"
    params = _only(found, "generator_parameters")
    assert params["generator"] == "NovelAI"
    assert params["parameters"]["seed"] == 99


def test_jpeg_comment_with_parameters(tmp_path: Path) -> None:
    found = _read(tmp_path, "c.jpg", m.jpeg_bytes(comment=m.A1111.encode("utf-8")))
    item = _only(found, "generator_parameters")
    assert item["source"] == "JPEG comment"
    assert item["parameters"]["seed"] == "3141592653"


def test_ordinary_jpeg_comment_is_not_an_indicator(tmp_path: Path) -> None:
    found = _read(
        tmp_path, "c.jpg", m.jpeg_bytes(comment=b"CREATOR: gd-jpeg v1.0 (using IJG JPEG v62), quality = 90")
    )
    assert found["indicators"] == []


def test_exif_user_comment_as_a1111_writes_jpegs(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0131] = "Example Phone Gallery 3.2"
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + m.A1111.encode("utf-16-be")
    found = _read(tmp_path, "e.jpg", m.jpeg_bytes(exif=exif.tobytes()))
    item = _only(found, "generator_parameters")
    assert item["source"] == "EXIF UserComment"
    assert item["parameters"]["prompt"] == m.PROMPT
    assert found["metadata"]["Software"] == "Example Phone Gallery 3.2"
    assert "UserComment" not in redacted(found)["metadata"]


def test_camera_exif_is_recorded_without_an_indicator(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = "ExampleCam", "EC-100", "Firmware 1.02"
    found = _read(tmp_path, "cam.jpg", m.jpeg_bytes(exif=exif.tobytes()))
    assert found["indicators"] == [] and found["none_found"] is True
    assert found["metadata"] == {"Make": "ExampleCam", "Model": "EC-100", "Software": "Firmware 1.02"}


def test_generator_named_in_exif_software(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0131] = "Adobe Firefly Image 3"
    item = _only(_read(tmp_path, "ff.jpg", m.jpeg_bytes(exif=exif.tobytes())), "generator_software")
    assert item["generator"] == "Adobe Firefly"
    assert item["source"] == "EXIF Software"


def test_thousands_of_png_chunks_are_capped(tmp_path: Path) -> None:
    chunks = [m.png_chunk(b"tEXt", b"Comment\x00" + b"%d" % i) for i in range(5000)]
    chunks.append(m.png_chunk(b"tEXt", b"parameters\x00" + m.A1111.encode()))
    found = _read(tmp_path, "many.png", m.png_with_chunks(chunks))
    assert {"source": "PNG text chunks", "reason": "too_many_parts"} in found["unreadable"]


def test_compressed_text_bomb_is_not_inflated(tmp_path: Path) -> None:
    bomb = m.png_chunk(
        b"zTXt", b"parameters\x00\x00" + __import__("zlib").compress(b"a" * (64 * 1024 * 1024), 9)
    )
    found = _read(tmp_path, "bomb.png", m.png_with_chunks([bomb]))
    assert {"source": "PNG zTXt 'parameters'", "reason": "too_large"} in found["unreadable"]


def test_invalid_utf8_in_itxt_is_noted_and_the_rest_read(tmp_path: Path) -> None:
    bad = m.itxt("parameters", m.A1111.encode("utf-8") + b"\xff\xfe\xc3(")
    found = _read(tmp_path, "u.png", m.png_with_chunks([bad]))
    assert {"source": "PNG iTXt 'parameters'", "reason": "invalid_utf8"} in found["unreadable"]
    assert _only(found, "generator_parameters")["parameters"]["seed"] == "3141592653"


def test_truncated_png_is_noted(tmp_path: Path) -> None:
    data = m.a1111_png()
    found = _read(tmp_path, "t.png", data[: data.index(b"parameters") + 20])
    assert {"source": "PNG", "reason": "corrupt"} in found["unreadable"]


# --- watermark ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "mark"),
    [("sd1.png", 'Stable Diffusion 1.x ("StableDiffusionV1")'), ("sd2.png", 'Stable Diffusion 2.x ("SDV2")'),
     ("sdxl.png", "SDXL")],
)  # fmt: skip
def test_reference_encoder_watermarks_are_found(name: str, mark: str) -> None:
    found = read_provenance(m.FIXTURES / name, "image").to_json()
    item = _only(found, "watermark")
    assert item["value"] == mark
    assert item["suggests"] == "ai_generated"
    assert "watermark" in found["checked"]


def test_watermark_is_not_checked_in_jpeg(tmp_path: Path) -> None:
    rgb = Image.open(m.FIXTURES / "sd1.png").convert("RGB")
    found = _read(tmp_path, "sd1.jpg", m.jpeg_bytes(rgb, subsampling=0))
    assert "watermark" not in found["checked"]
    assert found["indicators"] == []


# --- ordinary photos ----------------------------------------------------------------------------------------

PHOTOS = [
    "astronaut",
    "coffee",
    "chelsea",
    "rocket",
    "camera",
    "coins",
    "motorcycle_left",
    "hubble_deep_field",
]


@pytest.mark.parametrize("name", PHOTOS)
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_ordinary_photos_give_no_indicator(tmp_path: Path, name: str, fmt: str) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "fingerprint"))
    from _photos import photo

    buf = io.BytesIO()
    Image.fromarray(photo(name)).save(buf, fmt)
    found = _read(tmp_path, f"{name}.{fmt.lower()}", buf.getvalue())
    assert found["indicators"] == []
    assert found["none_found"] is True
    assert "unreadable" not in found


def test_video_tags_naming_a_generator(tmp_path: Path) -> None:
    import av

    path = tmp_path / "v.mp4"
    with av.open(str(path), "w") as out:
        out.metadata["comment"] = "Made with Sora"
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for k in range(5):
            out.mux(
                stream.encode(av.VideoFrame.from_ndarray(np.full((48, 64, 3), 30 * k, np.uint8), "rgb24"))
            )
        out.mux(stream.encode())
    found = read_provenance(path, "video").to_json()
    assert found["metadata"]["comment"] == "Made with Sora"
    assert "encoder" in found["metadata"]  # Lavf...: recorded, not an indicator
    assert found["indicators"] == []  # a comment is free text, not a software tag


def test_video_encoder_tag_naming_a_generator(tmp_path: Path) -> None:
    import av

    path = tmp_path / "v.mp4"
    with av.open(str(path), "w", options={"movflags": "use_metadata_tags"}) as out:
        out.metadata["software"] = "Runway Gen-3"
        stream = out.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for k in range(5):
            out.mux(
                stream.encode(av.VideoFrame.from_ndarray(np.full((48, 64, 3), 30 * k, np.uint8), "rgb24"))
            )
        out.mux(stream.encode())
    item = _only(read_provenance(path, "video").to_json(), "generator_software")
    assert item["generator"] == "Runway"


def test_tiff_xmp_and_software_through_pillow(tmp_path: Path) -> None:
    path = tmp_path / "x.tif"
    m.picture().save(path, "TIFF", tiffinfo={700: m.xmp_packet("trainedAlgorithmicMedia"), 0x0131: "ComfyUI"})
    found = read_provenance(path, "image").to_json()
    assert _only(found, "iptc_source_type")["value"] == "trainedAlgorithmicMedia"
    assert _only(found, "generator_software")["generator"] == "ComfyUI"
    assert "watermark" in found["checked"]  # TIFF is pixel-exact: checked, and nothing found
    assert len(found["indicators"]) == 2


def test_a_reading_bug_is_a_note_and_never_stops_the_fingerprint(tmp_path: Path, monkeypatch) -> None:
    from victim_desk.core.fingerprint import fingerprint_file
    from victim_desk.core.provenance import read

    def broken(*_args: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(read, "_from_texts", broken)
    fp = fingerprint_file(m.write(tmp_path / "a.png", m.a1111_png()))
    assert fp.pdq is not None and fp.provenance is not None
    assert fp.provenance["unreadable"] == [{"source": "file", "reason": "unexpected"}]


def test_huge_parameters_text_is_parsed_in_bounded_work(tmp_path: Path) -> None:
    text = "x\nSteps: 20, Sampler: Euler, " + "a" * (3 * 1024 * 1024) + "\n"
    found = _read(
        tmp_path, "huge.png", m.png_with_chunks([m.png_chunk(b"tEXt", b"parameters\x00" + text.encode())])
    )
    item = _only(found, "generator_parameters")
    assert item["parameters"]["sampler"] == "Euler"
    assert item["parameters"]["raw_truncated"] is True and len(item["parameters"]["raw"]) == 64 * 1024
