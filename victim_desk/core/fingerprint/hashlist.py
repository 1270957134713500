"""Read and write hash lists: what `victim-desk fingerprint` prints, and the CSV that programmes exchange.

Why two readers: a counselor matches against lists of every size. A case's own fingerprints (JSON Lines,
with robust signatures and video frames) become `Known` objects; a programme's CSV may hold a million rows, so
`read_hash_array` reads it into columns (`HashTable`) with one hex decode for the whole file, which Matcher
takes directly. `read_hash_list` gives `Known` objects for either format.

Malformed input is refused, not skipped: a hash list decides whether a person is told "found" or "not
found", so a half-read list would mislead silently. HashListInvalid names the line and the problem.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import numpy as np

from victim_desk.core.fingerprint.index import HashTable, hex_to_words, words_to_hex
from victim_desk.core.fingerprint.matching import Known
from victim_desk.core.fingerprint.robust import RobustSignature
from victim_desk.errors import CannotWrite, FileUnreadable, HashListInvalid

_HEX = frozenset("0123456789abcdef")
_CSV_COLUMNS = ("pdq", "md5", "sha256", "label")


def _read_text(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileUnreadable(reason=exc.strerror or type(exc).__name__) from None
    try:
        return data.decode("utf-8-sig")  # a BOM from spreadsheet software is tolerated
    except UnicodeDecodeError:
        raise HashListInvalid(reason="the file is not UTF-8 text") from None


def _is_json_lines(text: str) -> bool:
    return text.lstrip().startswith("{")


def _check_sum(value: str, length: int, line: int, name: str) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    if len(value) != length or not set(value) <= _HEX:
        raise HashListInvalid(reason=f"line {line}: {name} is not {length} hex digits")
    return value


def _check_pdq(value: Any, line: int) -> str:
    if not isinstance(value, str):
        raise HashListInvalid(reason=f"line {line}: pdq is missing")
    value = value.strip().lower()
    if len(value) != 64 or not set(value) <= _HEX:
        raise HashListInvalid(reason=f"line {line}: pdq is not 64 hex digits")
    return value


def _known_from_json(obj: Any, line: int) -> Known | None:
    if not isinstance(obj, dict):
        raise HashListInvalid(reason=f"line {line}: not a JSON object")
    if "error" in obj and "pdq" not in obj:
        return None  # a file `fingerprint` could not read; nothing to match against
    label = obj.get("file")
    if not isinstance(label, str) or not label:
        raise HashListInvalid(reason=f"line {line}: file name is missing")
    label = Path(label).name
    hashes = []
    if obj.get("pdq") is not None:
        hashes.append(_check_pdq(obj["pdq"], line))
    frames = obj.get("frames") or []
    if not isinstance(frames, list):
        raise HashListInvalid(reason=f"line {line}: frames is not a list")
    for frame in frames:
        if not isinstance(frame, dict):
            raise HashListInvalid(reason=f"line {line}: a frame is not an object")
        hashes.append(_check_pdq(frame.get("pdq"), line))
    md5 = obj.get("md5")
    sha = obj.get("sha256")
    robust = None
    if obj.get("robust") is not None:
        try:
            robust = RobustSignature.from_json(obj["robust"])
        except HashListInvalid as exc:
            raise HashListInvalid(reason=f"line {line}: {exc.params.get('reason')}") from None
    if not hashes and not md5 and not sha:
        raise HashListInvalid(reason=f"line {line}: no hash to match against")
    return Known(
        label=label,
        pdq=tuple(hashes),
        robust=robust,
        md5=_check_sum(md5, 32, line, "md5") if isinstance(md5, str) else None,
        sha256=_check_sum(sha, 64, line, "sha256") if isinstance(sha, str) else None,
    )


def _read_json_lines(text: str) -> list[Known]:
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError:
            raise HashListInvalid(reason=f"line {number}: not valid JSON") from None
        known = _known_from_json(obj, number)
        if known is not None:
            out.append(known)
    return out


def _read_csv_columns(text: str) -> tuple[dict[str, list[str]], int]:
    """CSV text -> the known columns (lower-cased header names) and the row count."""
    stripped = text.lstrip("\r\n")
    header_at = text[: len(text) - len(stripped)].count("\n")  # leading blank lines
    if not stripped.strip():
        raise HashListInvalid(reason="the list is empty")
    header_line, _, rest = stripped.partition("\n")
    header = [h.strip().lower() for h in next(csv.reader([header_line]))]
    if "pdq" not in header:
        raise HashListInvalid(reason=f"line {header_at + 1}: there is no pdq column")
    width = len(header)
    if '"' not in rest:
        # Fast path, the usual case: no quoting, so one split of the whole text is exact and several times
        # quicker than splitting line by line (a 1M-row list loads in well under a second).
        body = (rest.replace("\r", "") if "\r" in rest else rest).rstrip("\n")
        if not body.strip():
            return {name: [] for name in header if name in _CSV_COLUMNS}, 0
        # Every line must hold width - 1 commas; counted on the bytes with numpy, so a short or long row is
        # named instead of shifting the columns of every row after it.
        raw = np.frombuffer(body.encode("utf-8"), dtype=np.uint8)
        ends = np.append(np.flatnonzero(raw == ord("\n")), raw.size)
        commas = np.diff(np.searchsorted(np.flatnonzero(raw == ord(",")), ends), prepend=0)
        wrong = np.flatnonzero(commas != width - 1)
        if wrong.size:
            number = header_at + 2 + int(wrong[0])
            raise HashListInvalid(
                reason=f"line {number}: {int(commas[wrong[0]]) + 1} fields, the header has {width}"
            )
        fields = body.replace("\n", ",").split(",")
        count = len(fields) // width
        columns = {name: fields[i::width] for i, name in enumerate(header) if name in _CSV_COLUMNS}
        return columns, count
    lines = rest.splitlines()
    # Quoted fields, or a row with the wrong number of fields: go line by line to name the line.
    body = lines
    while body and not body[-1].strip():
        body.pop()  # trailing blank lines are common; a blank line inside the list is an error below
    rows = list(csv.reader(body))
    for number, row in enumerate(rows, start=header_at + 2):
        if len(row) != width:
            raise HashListInvalid(reason=f"line {number}: {len(row)} fields, the header has {width}")
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header) if name in _CSV_COLUMNS}
    return columns, len(rows)


def _decode_pdq_column(values: list[str]) -> np.ndarray:
    try:
        return hex_to_words(values)
    except ValueError:
        pass
    try:
        return hex_to_words([v.strip() for v in values])  # tolerate spaces around values
    except ValueError as exc:
        # hex_to_words names the entry; entries start on line 2 after the header.
        reason = str(exc)
        if reason.startswith("entry "):
            number = int(reason.split()[1]) + 1
            raise HashListInvalid(reason=f"line {number}: pdq is not 64 hex digits") from None
        raise HashListInvalid(reason="a pdq value is not 64 hex digits") from None


def _sum_column(values: list[str] | None, length: int, name: str) -> np.ndarray | None:
    """A md5/sha256 column as a numpy bytes array (lower-case hex, b"" when empty), checked as a whole."""
    if values is None:
        return None
    column = np.array([v.strip().lower() for v in values], dtype=f"S{length}")
    filled = column[column != b""]
    try:
        ok = bool(np.all(np.char.str_len(filled) == length)) and (
            not filled.size
            or len(bytes.fromhex(b"".join(filled).decode("ascii"))) == filled.size * length // 2
        )
    except ValueError:
        ok = False
    if not ok:
        for i, v in enumerate(values):
            _check_sum(v, length, i + 2, name)
        raise HashListInvalid(reason=f"a {name} value is not {length} hex digits")
    return column


def read_hash_array(path: Path) -> HashTable:
    """A CSV hash list in columns, for big lists (no per-row objects). Labels default to "row N"."""
    text = _read_text(path)
    if _is_json_lines(text):
        return table_from_known(_read_json_lines(text))
    columns, count = _read_csv_columns(text)
    words = _decode_pdq_column(columns["pdq"])
    labels = columns.get("label")
    if labels is None:
        labels = [f"row {i + 2}" for i in range(count)]
    elif "" in labels or any(label != label.strip() for label in labels[:1000]):
        # Rare, so the per-row pass is paid only here: blank labels become "row N", spaces are trimmed.
        labels = [label.strip() or f"row {i + 2}" for i, label in enumerate(labels)]
    return HashTable(
        words=words,
        labels=labels,
        md5=_sum_column(columns.get("md5"), 32, "md5"),
        sha256=_sum_column(columns.get("sha256"), 64, "sha256"),
    )


def table_from_known(known: Iterable[Known]) -> HashTable:
    """Main hashes of Known entries as a HashTable (frames and robust signatures are dropped)."""
    rows = [k for k in known if k.pdq]
    return HashTable(
        words=hex_to_words([k.pdq[0] for k in rows]),
        labels=[k.label for k in rows],
        md5=np.array([(k.md5 or "").lower() for k in rows], dtype="S32"),
        sha256=np.array([(k.sha256 or "").lower() for k in rows], dtype="S64"),
    )


def read_hash_list(path: Path) -> list[Known]:
    """JSON Lines from `victim-desk fingerprint` or a CSV with a `pdq` column, as Known entries."""
    text = _read_text(path)
    if _is_json_lines(text):
        return _read_json_lines(text)
    table = read_hash_array(path)
    md5 = _sums_as_text(table.md5, len(table))
    sha = _sums_as_text(table.sha256, len(table))
    return [
        Known(label=label, pdq=(h,), md5=m, sha256=s)
        for label, h, m, s in zip(table.labels, words_to_hex(table.words), md5, sha, strict=True)
    ]


def _sums_as_text(column: np.ndarray | None, count: int) -> list[str | None]:
    if column is None:
        return [None] * count
    return [v.decode("ascii") or None for v in column.tolist()]


def write_hash_list_csv(
    rows: Iterable[tuple[str | None, str | None, str | None, str]], path_or_file: Path | str | IO[str]
) -> None:
    """Write `pdq,md5,sha256,label` rows (the form hash-sharing programmes take). Each row is
    (pdq, md5, sha256, label); a missing hash is an empty field. Values are checked before anything is
    written, so a bad row leaves no half-written file."""
    checked = []
    for number, (pdq_hex, md5, sha, label) in enumerate(rows, start=2):
        checked.append(
            (
                _check_pdq(pdq_hex, number) if pdq_hex else "",
                _check_sum(md5 or "", 32, number, "md5") or "",
                _check_sum(sha or "", 64, number, "sha256") or "",
                label or "",
            )
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    writer.writerows(checked)
    if isinstance(path_or_file, str | Path):
        try:
            Path(path_or_file).write_text(buffer.getvalue(), encoding="utf-8")
        except OSError as exc:
            raise CannotWrite(path=str(path_or_file), reason=exc.strerror or type(exc).__name__) from None
    else:
        path_or_file.write(buffer.getvalue())
