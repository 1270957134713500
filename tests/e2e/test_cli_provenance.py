"""Provenance from the command line: `fingerprint`, `evidence add` and `evidence list` on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.unit.provenance import _make as m


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "a1111": m.write(tmp_path / "a1111.png", m.a1111_png()),
        "signed": m.write(tmp_path / "signed.jpg", m.c2pa_signed(m.jpeg_bytes(), "image/jpeg")),
        "plain": m.write(tmp_path / "plain.jpg", m.jpeg_bytes()),
        "sdxl": m.FIXTURES / "sdxl.png",
    }


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_fingerprint_json_shows_indicators_and_hides_prompts(cli: Cli, files: dict[str, Path]) -> None:
    result = cli(
        "--lang",
        "en",
        "fingerprint",
        "--json",
        *(str(files[k]) for k in ("a1111", "signed", "plain", "sdxl")),
    )
    assert result.returncode == 0, result.stderr
    a1111, signed, plain, sdxl = _lines(result.stdout)
    [params] = a1111["provenance"]["indicators"]
    assert params["kind"] == "generator_parameters" and params["sensitive"] is True
    assert "parameters" not in params and "prompt" in params["hidden"]
    assert m.PROMPT[:24] not in result.stdout and "3141592653" not in result.stdout
    [c2pa] = signed["provenance"]["indicators"]
    assert (c2pa["kind"], c2pa["signer"], c2pa["valid"], c2pa["suggests"]) == (
        "c2pa",
        "Example Generator Signer",
        True,
        "ai_generated",
    )
    assert plain["provenance"]["indicators"] == [] and plain["provenance"]["none_found"] is True
    assert [i["kind"] for i in sdxl["provenance"]["indicators"]] == ["watermark"]


def test_fingerprint_show_parameters_reveals_them(cli: Cli, files: dict[str, Path]) -> None:
    result = cli("fingerprint", "--json", "--show-parameters", str(files["a1111"]))
    [obj] = _lines(result.stdout)
    assert obj["provenance"]["indicators"][0]["parameters"]["prompt"] == m.PROMPT
    human = cli("--lang", "en", "fingerprint", "--show-parameters", str(files["a1111"]))
    assert f"prompt: {m.PROMPT}" in human.stdout


def test_fingerprint_human_output_says_what_the_file_states(cli: Cli, files: dict[str, Path]) -> None:
    result = cli("--lang", "en", "fingerprint", *(str(files[k]) for k in ("a1111", "signed", "plain")))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Generator parameters present (hidden" in out
    assert m.PROMPT[:24] not in out
    assert "C2PA Content Credential signed by Example Generator Signer" in out
    assert (
        "No provenance information found in this file. This is not evidence that the file is authentic" in out
    )
    ko = cli("--lang", "ko", "fingerprint", str(files["plain"]))
    assert "이것이 파일이 진짜라는 증거는 아닙니다" in ko.stdout


def test_evidence_keeps_provenance_and_lists_it(ready_cli: Cli, files: dict[str, Path]) -> None:
    assert ready_cli("case", "add", "--title", "제작 표시").returncode == 0
    added = ready_cli("evidence", "add", "--case", "1", "--json", str(files["a1111"]), str(files["plain"]))
    assert added.returncode == 0, added.stderr
    assert m.PROMPT[:24] not in added.stdout
    listed = ready_cli("--lang", "en", "evidence", "list", "--case", "1")
    assert "AI-made indicators: generator parameters (hidden)" in listed.stdout
    assert listed.stdout.count("indicators:") == 1  # the ordinary photo has no line
    rows = _lines(ready_cli("evidence", "list", "--case", "1", "--json").stdout)
    assert rows[0]["provenance"]["indicators"][0]["hidden"]
    assert rows[1]["provenance"]["none_found"] is True
    opened = _lines(ready_cli("evidence", "list", "--case", "1", "--json", "--show-parameters").stdout)
    assert opened[0]["provenance"]["indicators"][0]["parameters"]["seed"] == "3141592653"


def test_match_does_not_read_provenance(cli: Cli, files: dict[str, Path], tmp_path: Path) -> None:
    listing = tmp_path / "list.jsonl"
    listing.write_text(cli("fingerprint", "--json", str(files["plain"])).stdout, encoding="utf-8")
    result = cli("match", "--against", str(listing), str(files["plain"]))
    [obj] = _lines(result.stdout)
    assert obj["matches"] and "provenance" not in obj
