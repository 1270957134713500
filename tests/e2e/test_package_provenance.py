"""AI-made indicators travel with the evidence into the package: in the manifest as stored, and in the
report as indicators with their source, never as a verdict."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from tests.unit.letters.test_letter_ai_indicators import XMP, _picture
from victim_desk.desk import Desk


def test_indicators_are_in_the_manifest_and_the_report(desk: Desk, tmp_path: Path) -> None:
    case = desk.cases.add("패키지 AI 표시")
    marked = _picture(tmp_path / "marked.webp", 5, XMP)
    plain = _picture(tmp_path / "plain.webp", 6, None)
    assert [type(r).__name__ for _, r in desk.evidence.add(case, [marked, plain])] == ["EvidenceItem"] * 2
    out = tmp_path / "case.zip"
    desk.packages.export(case, out, lang="en")
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        (tmp_path / "report.pdf").write_bytes(zf.read("report.pdf"))
    stored = json.dumps(manifest, ensure_ascii=False)
    assert "trainedAlgorithmicMedia" in stored
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is needed by the tests"
    report = " ".join(subprocess.run([exe, str(tmp_path / "report.pdf"), "-"], check=True,
                                     capture_output=True).stdout.decode("utf-8").split())  # fmt: skip
    assert "'trainedAlgorithmicMedia'" in report  # the marked file's indicator, with its source
    assert "not evidence that the file is authentic" in report  # the plain file: nothing found, said so
