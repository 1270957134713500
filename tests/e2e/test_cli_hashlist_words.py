"""A hash list the CLI cannot read is explained in Korean, line included, with no English reason inside.

Runs the real `victim-desk` on broken lists as a Korean counselor would: `match --against` (no vault) and
`hashlist import` (into a vault), for a CSV, a JSON Lines list and a `fingerprint` list whose robust
signature was garbled.
"""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from skimage import data as skimage_data  # a test extra: if it is missing the run fails, it never skips

from tests.conftest import Cli
from victim_desk.errors import HashListInvalid

A = "a" * 64
ENGLISH = ("hex digits", "is missing", "not valid JSON", "robust signature", "JSON object", "the header",
           "not base64", "line 2: ", "line 3: ", "The hash list")  # fmt: skip


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "coffee.jpg"
    Image.fromarray(skimage_data.coffee()).convert("RGB").resize((320, 240)).save(path, quality=92)
    return path


def _one_korean_line(stderr: str, expected: HashListInvalid, line_words: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines == [expected.message("ko")], stderr
    assert lines[0].startswith("해시 목록을 읽을 수 없습니다: ") and line_words in lines[0]
    for needle in ENGLISH:
        assert needle not in stderr, (needle, stderr)


def test_match_against_a_broken_list_says_so_in_korean(cli: Cli, tmp_path: Path) -> None:
    photo = _photo(tmp_path)
    csv_list = tmp_path / "list.csv"
    csv_list.write_text(f"pdq,label\n{A},first\n{A[:-2]},second\n", encoding="utf-8")
    result = cli("--lang", "ko", "match", "--against", str(csv_list), str(photo))
    assert result.returncode != 0
    expected = HashListInvalid(problem="not_hex", line=3, field="pdq", digits=64)
    _one_korean_line(result.stderr, expected, "3번째 줄: 'pdq' 값이 16진수 64자리가 아닙니다")

    printed = cli("fingerprint", "--json", str(photo))
    assert printed.returncode == 0, printed.stderr
    fingerprint = json.loads(printed.stdout.splitlines()[0])
    assert "robust" in fingerprint  # a photo's fingerprint carries its signature
    fingerprint["robust"]["descriptors"] = "not base64!"
    jsonl = tmp_path / "known.jsonl"
    jsonl.write_text(json.dumps({"file": "other.jpg", "pdq": A}) + "\n" + json.dumps(fingerprint) + "\n")
    result = cli("--lang", "ko", "match", "--against", str(jsonl), str(photo))
    assert result.returncode != 0
    expected = HashListInvalid(problem="robust_not_base64", line=2, field="descriptors")
    _one_korean_line(result.stderr, expected, "2번째 줄: 'robust' 값의 'descriptors' 항목이 base64 텍스트가")


def test_hashlist_import_of_a_broken_list_says_so_in_korean(ready_cli: Cli, tmp_path: Path) -> None:
    jsonl = tmp_path / "received.jsonl"
    jsonl.write_text(json.dumps({"file": "x.jpg", "pdq": A}) + "\n{not json\n", encoding="utf-8")
    result = ready_cli("--lang", "ko", "hashlist", "import", str(jsonl))
    assert result.returncode != 0
    expected = HashListInvalid(problem="not_json", line=2)
    _one_korean_line(result.stderr, expected, "2번째 줄: 올바른 JSON 형식이")

    table = tmp_path / "received.csv"
    table.write_text(f"pdq,label\n{A},x\n{A},y,z\n", encoding="utf-8")
    result = ready_cli("--lang", "ko", "hashlist", "import", str(table))
    assert result.returncode != 0
    expected = HashListInvalid(problem="field_count", line=3, count=3, width=2)
    _one_korean_line(result.stderr, expected, "3번째 줄: 값이 3개인데 머리글 줄에는 2개입니다")
