"""Reading and writing hash lists: both input forms, malformed input refused with the line named."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from victim_desk.core.fingerprint import fingerprint_file
from victim_desk.core.fingerprint.hashing import MIN_FRAME_QUALITY
from victim_desk.core.fingerprint.hashlist import (
    HashTable,
    Labels,
    _csv_table,
    _fast_csv,
    hash_list_rows,
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
    for bad, problem in [("{not json", "not_json"), (json.dumps({"file": "y.jpg", "pdq": "12"}), "not_hex"),
                         (json.dumps({"pdq": A}), "no_file_name"),
                         (json.dumps({"file": "y", "robust": {"v": 9}}), "robust_version")]:  # fmt: skip
        path = _write(tmp_path, good + "\n" + bad + "\n", "bad.jsonl")
        with pytest.raises(HashListInvalid) as err:
            read_hash_list(path)
        assert (err.value.params["problem"], err.value.params["line"]) == (problem, 2)


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
    ("text", "problem", "line"),
    [
        ("label\nx\n", "no_pdq_column", 1),
        (f"pdq,label\n{A},x\n{A[:-1]},y\n", "not_hex", 3),
        (f"pdq,label\n{A},x\n{A},y,z\n", "field_count", 3),
        (f"pdq,md5\n{A},{MD5[:-2]}\n", "not_hex", 2),
        ("", "empty", None),
    ],
)
def test_csv_malformed_is_refused(tmp_path: Path, text: str, problem: str, line: int | None) -> None:
    with pytest.raises(HashListInvalid) as err:
        read_hash_list(_write(tmp_path, text))
    assert (err.value.params["problem"], err.value.params.get("line")) == (problem, line)


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


def test_large_csv_loads_whole(tmp_path: Path) -> None:
    """200,000 rows through the fast reader; its speed is in benchmarks/ (bench_quick_paths, bench_match)."""
    n = 200_000
    rng = np.random.default_rng(0)
    words = rng.integers(0, 2**63, (n, 4), dtype=np.uint64)
    hexes = words_to_hex(words)
    path = tmp_path / "big.csv"
    path.write_text("pdq,label\n" + "".join(f"{h},item{i}\n" for i, h in enumerate(hexes)))
    table = read_hash_array(path)
    assert len(table) == n and table.labels[-1] == f"item{n - 1}"
    assert np.array_equal(table.words, words)


# --- the fast CSV reader must agree with the csv-module reader ---------------------------------------------


def _same(a: HashTable, b: HashTable) -> None:
    assert np.array_equal(a.words, b.words)
    assert list(a.labels) == list(b.labels)
    assert [a.labels[i] for i in range(len(a))] == list(b.labels)  # lazy one-by-one decoding too
    for x, y in ((a.md5, b.md5), (a.sha256, b.sha256)):
        assert (x is None) == (y is None)
        if x is not None:
            assert x.tolist() == y.tolist()  # type: ignore[union-attr]


def _both(text: str | bytes) -> tuple[HashTable | None, HashTable | str]:
    """(the fast reader's table or None when it steps aside, the csv reader's table or its error)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    fast = _fast_csv(data, start)
    try:
        slow: HashTable | str = _csv_table(data[start:].decode("utf-8"))
    except HashListInvalid as exc:
        slow = str(exc.reason("en"))
    return fast, slow


PLAIN = [
    f"pdq\n{A}\n{B}\n",
    f"pdq,label\n{A},first\n{B},second",  # no final newline
    f"PDQ,Label\r\n{A},x\r\n{B.upper()},y\r\n\r\n",  # CRLF, upper-case header and hex, trailing blank line
    f"\n\npdq,label\n{A},x\n{B},\n",  # leading blank lines (labels count real lines), a blank label
    f"label,extra,pdq,md5,sha256\n  spaced  ,e,{A},{MD5.upper()},{SHA}\nö ü,,{B},,\n",  # any order, extras
    f"sha256,pdq\n{SHA},{A}\n,{B}\n",
    f"pdq,label\n{A},Smith; J. (2) #1\n",  # label punctuation below the comma's byte value
    f"pdq,md5,sha256,label\n,{MD5},{SHA},clip\n{A},,,clip-frame1\n",  # a video's exact-only row, a frame
    f"pdq,md5\n,{MD5}\n",  # only an exact-only row, shorter than one PDQ
]


@pytest.mark.parametrize("text", PLAIN)
def test_fast_reader_takes_plain_lists_and_agrees(text: str) -> None:
    fast, slow = _both(text)
    assert fast is not None and isinstance(slow, HashTable)
    _same(fast, slow)
    _same(fast, _both("\ufeff" + text)[0])  # type: ignore[arg-type]  # a BOM changes nothing


UNUSUAL = [
    (f'pdq,label\n{A},"Smith, J."\n', None),  # quoted: the csv reader's job
    (f"pdq,label\n{A},x\n\n{B},y\n", None),  # a blank line inside: skipped
    (f"pdq,label\r{A},x\r", None),  # old Mac line ends
    (f"pdq,label\n {A} ,x\n", None),  # spaces around a hash are tolerated
    (f"pdq,label\n{A},x\n{B},y\n{A[:-1]}g,z\n", "line 4: pdq is not 64 hex digits"),
    (f"\n\npdq,label\n{A},x\n{A[:-2]},y\n", "line 5: pdq is not 64 hex digits"),
    (f"pdq,label\n{A},x\n{A}\n{A},y,z\n", "line 3: 1 fields, the header has 2"),  # counts add up
    (f"pdq,label\n{A},x\n{A},y,z\n", "line 3: 3 fields, the header has 2"),
    (f"pdq,md5\n{A},{MD5}\n{A},{MD5[:-1]}x\n", "line 3: md5 is not 32 hex digits"),
    (f"pdq,sha256\n{A},{SHA[:10]}\n", "line 2: sha256 is not 64 hex digits"),
    ("label,md5\nx,y\n", "line 1: there is no pdq column"),
    (f"pdq,md5,label\n{A},,x\n,,nothing\n", "line 3: pdq is not 64 hex digits"),  # no hash at all
]


@pytest.mark.parametrize(("text", "error"), UNUSUAL)
def test_fast_reader_steps_aside_for_the_csv_reader(tmp_path: Path, text: str, error: str | None) -> None:
    fast, slow = _both(text)
    assert fast is None
    if error is None:
        assert isinstance(slow, HashTable)
        _same(read_hash_array(_write(tmp_path, text)), slow)
    else:
        assert slow == error
        with pytest.raises(HashListInvalid) as err:
            read_hash_array(_write(tmp_path, text))
        assert err.value.reason("en") == error


def test_random_lists_read_the_same_both_ways() -> None:
    rng = np.random.default_rng(7)
    pieces = ["", " ", "a", "Z", "ü", "x y", ";", "#", "'", "\t"]
    fast_reads = 0
    for _ in range(300):
        names = list(rng.permutation(["pdq", "md5", "sha256", "label", "other"])[: rng.integers(1, 6)])
        if "pdq" not in names:
            names.append("pdq")
        lines = [",".join(n.upper() if rng.random() < 0.2 else n for n in names)]
        for _ in range(rng.integers(0, 6)):
            row = {
                "pdq": rng.bytes(32).hex(),
                "md5": rng.bytes(16).hex() if rng.random() < 0.8 else "",
                "sha256": rng.bytes(32).hex() if rng.random() < 0.8 else "",
                "label": "".join(rng.choice(pieces, rng.integers(0, 4))),
                "other": "o",
            }
            lines.append(",".join(row[n] for n in names))
        text = "\n".join(lines) + rng.choice(["", "\n", "\n\n"])
        if rng.random() < 0.3:  # one corruption somewhere
            i = int(rng.integers(0, len(text)))
            text = text[:i] + str(rng.choice(["", ",", "\n", "g", "\r\n", '"'])) + text[i + 1 :]
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        fast, slow = _both(text)
        if fast is not None:
            assert isinstance(slow, HashTable), text
            _same(fast, slow)
            fast_reads += 1
    assert fast_reads > 150  # most random lists are plain: the comparison really exercised the fast reader


def test_labels_are_lazy_and_behave_as_a_sequence(tmp_path: Path) -> None:
    table = read_hash_array(_write(tmp_path, f"pdq,label\n{A},first\n{B},\n{A}, last \n"))
    labels = table.labels
    assert isinstance(labels, Labels)
    assert (labels[0], labels[1], labels[-1]) == ("first", "row 3", "last")
    assert labels[1:] == ["row 3", "last"] and len(labels) == 3
    with pytest.raises(IndexError):
        labels[3]
    unlabelled = read_hash_array(_write(tmp_path, f"pdq\n{A}\n{B}\n", "plain.csv")).labels
    assert list(unlabelled) == ["row 2", "row 3"]


def test_labels_in_blocks_with_a_long_one_and_the_file_end(tmp_path: Path) -> None:
    """One very long label makes Labels.tolist work in several blocks, and the rows near the end of the file
    too close for a full-width window go one by one: all must still read as the csv reader reads them."""
    rng = np.random.default_rng(3)
    labels = [str(rng.choice(["a", "ü b", "", " x ", "#1;2", "ok"])) + str(i) * (i % 3) for i in range(9000)]
    labels[10] = "L" * 5000
    text = "pdq,label\n" + "".join(f"{rng.bytes(32).hex()},{label}\n" for label in labels)
    fast, slow = _both(text)
    assert fast is not None and isinstance(slow, HashTable)
    _same(fast, slow)
    assert read_hash_array(_write(tmp_path, text)).labels[10] == "L" * 5000


def test_checksum_only_rows_round_trip_as_exact_only_entries(tmp_path: Path) -> None:
    """A case's exported list carries videos as MD5/SHA-256 without a PDQ; it must read back."""
    from victim_desk.core.fingerprint.hashlist import read_hash_array, read_hash_list, write_hash_list_csv

    md5, sha = "a" * 32, "b" * 64
    path = tmp_path / "export.csv"
    write_hash_list_csv([(None, md5, sha, "case1-evidence2"), ("f" * 32 + "0" * 32, None, None, "img")], path)
    known = read_hash_list(path)
    assert (known[0].label, known[0].pdq, known[0].md5) == ("case1-evidence2", (), md5)
    assert len(read_hash_array(path)) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("pdq,md5,label\n,,nothing\n")
    with pytest.raises(HashListInvalid):
        read_hash_list(bad)


# --- exporting a case's fingerprints --------------------------------------------------------------------


def test_a_video_exports_its_md5_and_its_frames_and_reads_back(tmp_path: Path, video) -> None:
    fp = fingerprint_file(video("clip.mp4"))
    stored = json.loads(json.dumps(fp.to_json()))  # as the vault keeps it
    assert fp.kind == "video" and len(fp.frames) >= 2
    rows = hash_list_rows(stored, "case1-ev3")
    assert rows[0] == (None, fp.md5, fp.sha256, "case1-ev3")
    frame_pdqs = [f.pdq for f in fp.frames if f.quality >= MIN_FRAME_QUALITY]
    if fp.pdq not in frame_pdqs and (fp.pdq_quality or 0) >= MIN_FRAME_QUALITY:
        frame_pdqs.append(fp.pdq)
    expected = list(dict.fromkeys(frame_pdqs))
    assert rows[1:] == [(h, None, None, f"case1-ev3-frame{n}") for n, h in enumerate(expected, start=1)]

    path = tmp_path / "export.csv"
    write_hash_list_csv(rows, path)
    known = read_hash_list(path)
    assert [(k.label, k.pdq, k.md5, k.sha256) for k in known] == [
        ("case1-ev3", (), fp.md5, fp.sha256),
        *[(f"case1-ev3-frame{n}", (h,), None, None) for n, h in enumerate(expected, start=1)],
    ]
    table = read_hash_array(path)
    assert list(table.labels) == [k.label for k in known]
    assert words_to_hex(table.words)[1:] == expected
    assert table.md5 is not None and table.md5.tolist()[0] == fp.md5.encode()
    fast, slow = _both(path.read_text(encoding="utf-8"))
    assert fast is not None  # a list with exact-only rows stays on the fast reader
    _same(fast, slow)  # type: ignore[arg-type]


def test_a_picture_exports_one_row(photo_file) -> None:
    fp = fingerprint_file(photo_file("p.png"))
    assert hash_list_rows(fp.to_json(), "case1-ev1") == [(fp.pdq, fp.md5, fp.sha256, "case1-ev1")]
    assert hash_list_rows(fp, "x") == [(fp.pdq, fp.md5, fp.sha256, "x")]


def test_export_refuses_a_damaged_stored_fingerprint() -> None:
    with pytest.raises(HashListInvalid):
        hash_list_rows({"kind": "video", "md5": "zz"}, "x")
