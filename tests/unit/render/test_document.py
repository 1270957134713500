"""PDFs read back with poppler: Hangul text survives, fonts are embedded, typed markup stays text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from victim_desk.errors import OutputExists
from victim_desk.render.document import PdfDocument


def _poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    assert exe, f"{tool} (poppler-utils) is needed by the tests; .ci/run installs it"
    return subprocess.run([exe, *args], check=True, capture_output=True).stdout.decode("utf-8")


def _sample(title: str = "삭제 요청서 Removal request") -> PdfDocument:
    doc = PdfDocument(title=title, footer="victim_desk")
    doc.heading("요청하는 사람")
    doc.key_values([("이름", "김민지"), ("연락처", "minji@example.org")])
    doc.paragraph("아래 주소의 게시물을 삭제해 주십시오.\nPlease remove the material below.")
    doc.table(
        ["#", "주소 / address", "발견 / found"],
        [[str(i), f"https://t.me/room/{'a' * 80}{i}", "2026-11-20 21:15 +09:00"] for i in range(1, 121)],
        [0.07, 0.63, 0.30],
    )
    doc.bullets(["증거를 퍼뜨리지 마세요", "Keep the address"])
    doc.monospace("pdq " + "f0" * 32)
    return doc


def test_hangul_and_every_row_read_back(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    _sample().write(out)
    text = _poppler("pdftotext", "-layout", str(out), "-")
    needles = (
        "삭제 요청서 Removal request",
        "김민지",
        "minji@example.org",
        "아래 주소의 게시물을 삭제해 주십시오",
        "증거를 퍼뜨리지 마세요",
        "f0f0f0f0f0f0f0f0",
    )
    for needle in needles:
        assert needle in text, needle
    # 120 long addresses wrap inside their cells and run over several pages, each row present.
    assert int(_poppler("pdfinfo", str(out)).split("Pages:")[1].split()[0]) >= 3
    flat = text.replace("\n", "").replace(" ", "")
    for i in (1, 60, 120):
        assert f"https://t.me/room/{'a' * 80}{i}" in flat or f"{'a' * 30}{i}" in flat


def test_only_the_shipped_font_is_used_and_it_is_embedded(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    _sample().write(out)
    rows = _poppler("pdffonts", str(out)).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "NanumGothic" in name and emb == "yes", row


def test_typed_markup_and_controls_stay_visible_text(tmp_path: Path) -> None:
    out = tmp_path / "odd.pdf"
    doc = PdfDocument(title='<font size="40">큰 제목</font> & co')
    doc.paragraph("before\x1b[2Jafter \u202eevil")
    doc.write(out)
    text = _poppler("pdftotext", str(out), "-")
    assert '<font size="40">큰 제목</font> & co' in text
    assert "before\\x1b[2Jafter \\u202eevil" in text


def test_same_content_same_bytes_and_no_silent_overwrite(tmp_path: Path) -> None:
    assert _sample().to_bytes() == _sample().to_bytes()  # no clock or random id inside
    out = tmp_path / "letter.pdf"
    out.write_bytes(b"an earlier letter, kept")
    with pytest.raises(OutputExists):
        _sample().write(out)
    assert out.read_bytes() == b"an earlier letter, kept"
