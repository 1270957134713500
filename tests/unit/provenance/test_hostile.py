"""Hostile metadata: mutated real files never make provenance reading raise, hang or stop a fingerprint."""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path

import _make as m
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from victim_desk.core.provenance.read import read_provenance
from victim_desk.core.provenance.types import Provenance

_SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@cache
def _seeds() -> tuple[bytes, ...]:
    webp = io.BytesIO()
    m.picture().save(webp, "WEBP", lossless=True, xmp=m.xmp_packet("trainedAlgorithmicMedia"))
    return (
        m.c2pa_signed(m.jpeg_bytes(xmp=m.xmp_packet("compositeWithTrainedAlgorithmicMedia")), "image/jpeg"),
        m.c2pa_signed(m.a1111_png(), "image/png"),
        m.comfyui_png(),
        m.png_with_chunks([m.itxt("XML:com.adobe.xmp", m.xmp_packet("algorithmicMedia"), compressed=True)]),
        webp.getvalue(),
    )


@given(
    st.integers(0, 4),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=16)), min_size=1, max_size=8),
)
@_SETTINGS
def test_mutated_metadata_never_raises(seed: int, edits: list[tuple[float, bytes]]) -> None:
    data = bytearray(_seeds()[seed])
    for where, junk in edits:
        # Mostly in the first 16 KB, where the metadata lives.
        at = int(where * min(len(data) - 1, 16384))
        data[at : at + len(junk)] = junk
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutated"
        path.write_bytes(bytes(data))
        found = read_provenance(path, "image")
    assert isinstance(found, Provenance)
    assert all(u.reason != "unexpected" for u in found.unreadable), found.unreadable


@given(st.binary(max_size=4096))
@_SETTINGS
def test_random_bytes_after_a_signature_never_raise(tail: bytes) -> None:
    for head in (b"\xff\xd8", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP", b"\x00\x00\x00\x18ftypisom"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "random"
            path.write_bytes(head + tail)
            found = read_provenance(path, "image")
        assert all(u.reason != "unexpected" for u in found.unreadable), found.unreadable


def test_image_decoded_for_watermark_is_refused_when_huge(tmp_path: Path) -> None:
    # A 30,000 x 30,000 PNG header (900 MP) with almost no data: refused before any pixel is decoded.
    data = m.png_bytes(Image.new("RGB", (8, 8)))
    ihdr = m.png_chunk(b"IHDR", (30000).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
    found = read_provenance(m.write(tmp_path / "huge.png", data[:8] + ihdr + data[33:]), "image")
    assert "watermark" not in found.checked
