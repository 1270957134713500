"""A letter can cite what the case's evidence files say about being AI-made: as indicators with their
source, never as a verdict; a Korean letter then names the material 허위영상물. Asked with nothing to cite,
it refuses and writes nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from victim_desk.app.requests import LetterSpec
from victim_desk.desk import Desk
from victim_desk.errors import NoAiIndicators

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
    b'Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def _picture(path: Path, seed: int, xmp: bytes | None) -> Path:
    rng = np.random.default_rng(seed)
    img = Image.fromarray(rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)).resize((320, 240))
    buffer = io.BytesIO()
    img.save(buffer, "WEBP", lossless=True, **({"xmp": xmp} if xmp else {}))
    path.write_bytes(buffer.getvalue())
    return path


def _text(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed by the tests"
    return subprocess.run([exe, str(pdf), "-"], check=True, capture_output=True).stdout.decode("utf-8")


def _case(desk: Desk, tmp_path: Path, *, ai: bool) -> int:
    desk.profile.set("김표식사람", "victim-key@example.org", "010-1234-5678")
    case = desk.cases.add("AI 표시")
    desk.sightings.add(case, "https://t.me/ai_marked_room/12", "telegram", "2026-11-20T21:15+09:00")
    items = list(desk.evidence.add(case, [_picture(tmp_path / "made.webp", 3, XMP if ai else None)]))
    assert [type(r).__name__ for _, r in items] == ["EvidenceItem"]
    return case


def test_korean_letter_cites_the_indicator_and_names_the_material(desk: Desk, tmp_path: Path) -> None:
    case = _case(desk, tmp_path, ai=True)
    spec = LetterSpec("telegram", "KR", "ko", case_id=case, platform="telegram", cite_ai_indicators=True)
    desk.requests.letter(spec, tmp_path / "letter.pdf")
    text = "".join(_text(tmp_path / "letter.pdf").split())
    assert "허위영상물(딥페이크)" in text  # the material named as synthetic
    assert f"case{case}-evidence1" in text  # which file, by label, never by file name
    assert "made.webp" not in text
    # The indicator with its source, then the caveat that it is what the file says, not a verdict.
    assert (
        "".join(
            ["파일의", "XMP", "메타데이터(IPTC", "디지털", "소스", "유형)에", "'trainedAlgorithmicMedia'"]
        )
        in text
    )
    assert "".join(["위", "내용은", "파일에", "기록된", "정보를", "그대로", "옮긴", "것입니다."]) in text


def test_asking_to_cite_without_indicators_refuses_and_writes_nothing(desk: Desk, tmp_path: Path) -> None:
    case = _case(desk, tmp_path, ai=False)
    spec = LetterSpec("telegram", "KR", "en", case_id=case, platform="telegram", cite_ai_indicators=True)
    with pytest.raises(NoAiIndicators):
        desk.requests.letter(spec, tmp_path / "letter.pdf")
    assert not (tmp_path / "letter.pdf").exists()
    assert list(desk.requests.list(case)) == []
