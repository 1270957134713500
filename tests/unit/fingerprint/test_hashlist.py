"""Reading and writing hash lists: both input forms, malformed input refused with the line named."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import numpy as np
import pytest

from victim_desk.core.fingerprint.hashlist import (
    read_hash_array,
    read_hash_list,
    write_hash_list_csv,
)
from victim_desk.core.fingerprint.index import words_to_hex
from victim_desk.errors import FileUnreadable, HashListInvalid

A = "a" * 64
B = "0123456789abcdef" * 4
MD5 = "d41d8cd98f00b204e9800998ecf8427e"
SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def _write(tmp_path: Path, text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_fingerprint_json_lines(tmp_path: Path) -> None:
    lines = [
        {"file": "/cases/photo.jpg", "kind": "image", "size": 10, "sha256": SHA, "md5": MD5, "pdq": A,
         "pdq_quality": 100, "phash": "ff00ff00ff00ff00"},
        {"file": "broken.jpg", "error": "The file cannot be opened."},
        {"file": "clip.mp4", "kind": "video", "size": 99, "sha256": SHA, "md5": MD5, "pdq": B,
         "pdq_quality": 90, "phash": "0", "frames": [{"t": 0.0, "pdq": A, "quality": 80},
                                                    {"t": 1.0, "pdq": B.upper(), "quality": 80}]},
    ]  # fmt: skip
    path = _write(tmp_path, "\n".join(json.dumps(x) for x in lines) + "\n", "list.jsonl")
    known = read_hash_list(path)
    assert [k.label for k in known] == ["photo.jpg", "clip.mp4"]
    assert known[0].pdq == (A,) and known[0].md5 == MD5 and known[0].sha256 == SHA
    assert known[1].pdq == (B, A, B)


def test_json_lines_malformed_names_the_line(tmp_path: Path) -> None:
    good = json.dumps({"file": "x.jpg", "pdq": A})
    for bad, fragment in [("{not json", "line 2"), (json.dumps({"file": "y.jpg", "pdq": "12"}), "line 2"),
                          (json.dumps({"pdq": A}), "line 2"), (json.dumps({"file": "y", "robust": {"v": 9}}),
                                                               "line 2")]:  # fmt: skip
        path = _write(tmp_path, good + "\n" + bad + "\n", "bad.jsonl")
        with pytest.raises(HashListInvalid) as err:
            read_hash_list(path)
        assert fragment in err.value.params["reason"]


def test_csv_header_case_bom_and_optional_columns(tmp_path: Path) -> None:
    text = f"Label,PDQ,MD5\r\nfirst,{A},{MD5}\r\nsecond,{B.upper()},\r\n\r\n"
    path = _write(tmp_path, text, encoding="utf-8-sig")
    known = read_hash_list(path)
    assert [(k.label, k.pdq, k.md5, k.sha256) for k in known] == [
        ("first", (A,), MD5, None),
        ("second", (B,), None, None),
    ]


def test_csv_without_label_and_with_quotes(tmp_path: Path) -> None:
    known = read_hash_list(_write(tmp_path, f"pdq\n{A}\n{B}\n"))
    assert [k.label for k in known] == ["row 2", "row 3"]
    quoted = read_hash_list(_write(tmp_path, f'pdq,label\n{A},"Smith, J."\n'))
    assert quoted[0].label == "Smith, J."


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("label\nx\n", "no pdq column"),
        (f"pdq,label\n{A},x\n{A[:-1]},y\n", "line 3"),
        (f"pdq,label\n{A},x\n{A},y,z\n", "line 3"),
        (f"pdq,md5\n{A},{MD5[:-2]}\n", "line 2"),
        ("", "empty"),
    ],
)
def test_csv_malformed_is_refused(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(HashListInvalid) as err:
        read_hash_list(_write(tmp_path, text))
    assert fragment in err.value.params["reason"]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadable):
        read_hash_list(tmp_path / "missing.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"pdq,label\n" + A.encode() + b",\xe9\n")
    with pytest.raises(HashListInvalid):
        read_hash_list(path)


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    rows = [(A, MD5, SHA, "photo.jpg"), (B, None, None, "clip, part 2"), (None, MD5, None, "video.mp4")]
    path = tmp_path / "out.csv"
    write_hash_list_csv(rows, path)
    assert path.read_text().splitlines()[0] == "pdq,md5,sha256,label"
    buffer = io.StringIO()
    write_hash_list_csv(rows[:2], buffer)
    back = read_hash_list(_write(tmp_path, buffer.getvalue(), "again.csv"))
    assert [(k.pdq[0], k.md5, k.sha256, k.label) for k in back] == [rows[0], rows[1]]
    with pytest.raises(HashListInvalid):
        write_hash_list_csv([("nothex", None, None, "x")], tmp_path / "never.csv")
    assert not (tmp_path / "never.csv").exists()


def test_large_csv_loads_fast(tmp_path: Path) -> None:
    n = 200_000
    rng = np.random.default_rng(0)
    words = rng.integers(0, 2**63, (n, 4), dtype=np.uint64)
    hexes = words_to_hex(words)
    path = tmp_path / "big.csv"
    path.write_text("pdq,label\n" + "".join(f"{h},item{i}\n" for i, h in enumerate(hexes)))
    start = time.perf_counter()
    table = read_hash_array(path)
    elapsed = time.perf_counter() - start
    assert len(table) == n and table.labels[-1] == f"item{n - 1}"
    assert np.array_equal(table.words, words)
    assert elapsed < 1.0  # ~0.15 s here; the 1M-row figure is in benchmarks/bench_match.py
