"""Read and write hash lists: what `victim-desk fingerprint` prints, and the CSV that programmes exchange.

Why two readers: a counselor matches against lists of every size. A case's own fingerprints (JSON Lines,
with robust signatures and video frames) become `Known` objects; a programme's CSV may hold a million rows, so
`read_hash_array` reads it into columns (`HashTable`), which Matcher takes directly. `read_hash_list` gives
`Known` objects for either format.

Why two CSV parsers: the csv module makes a Python object for every field, which for a 1M-row list costs
more than a second here. Almost every list is plain (no quotes, one hash per field), so `_fast_csv` reads
it as bytes with a few whole-file numpy passes: it finds every delimiter at once, takes the fixed-width hex
fields with one gather, checks and decodes them with one `binascii.unhexlify`, and leaves labels undecoded
until a match names them (`Labels`). It never decides that a list is *wrong*: anything unusual (quotes, a
lone CR, a short row, spaces around a hash, a bad hex digit) makes it step aside, and the csv-module reader
(`_csv_table`) reads the file again and is the one authority on what a list means and which line is at
fault. So both always agree, and the slow path is paid only by lists that are unusual or malformed.

Malformed input is refused, not skipped: a hash list decides whether a person is told "found" or "not
found", so a half-read list would mislead silently. HashListInvalid names the line and the problem. Blank
lines carry no hash and are skipped.
"""

from __future__ import annotations

import binascii
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any, overload

import numpy as np

from victim_desk.core.fingerprint.hashing import MIN_FRAME_QUALITY
from victim_desk.core.fingerprint.index import HashTable, hex_to_words, words_to_hex
from victim_desk.core.fingerprint.matching import Known
from victim_desk.core.fingerprint.robust import RobustSignature
from victim_desk.core.fingerprint.types import Fingerprint
from victim_desk.errors import CannotWrite, HashListInvalid, file_error

__all__ = [
    "HashListRow",
    "HashTable",
    "Labels",
    "hash_list_rows",
    "read_hash_array",
    "read_hash_list",
    "table_from_known",
    "write_hash_list_csv",
]

_HEX = frozenset("0123456789abcdef")
_CSV_COLUMNS = ("pdq", "md5", "sha256", "label")
_SUM_LENGTHS = {"md5": 32, "sha256": 64}
_BOM = b"\xef\xbb\xbf"
_LEADING_SPACE = re.compile(rb"\s*")
_BLANK_LINES = re.compile(rb"\n*")


def _read_bytes(path: Path) -> tuple[bytes, int]:
    """The file's bytes and where its text starts: past a BOM, which spreadsheet software writes. (An
    offset, not a slice: slicing would copy the whole file.)"""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise file_error(exc) from None
    return data, len(_BOM) if data.startswith(_BOM) else 0


def _decode(data: bytes, start: int) -> str:
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError:
        raise HashListInvalid(problem="not_utf8") from None


def _first_text(data: bytes, start: int) -> int:
    """Where the first non-whitespace byte is (len(data) when there is none)."""
    return _LEADING_SPACE.match(data, start).end()  # type: ignore[union-attr]


def _is_json_lines(data: bytes, start: int) -> bool:
    at = _first_text(data, start)
    return data[at : at + 1] == b"{"


# The hash of a row that has only a checksum (a video): all zero bits, which the matcher never compares
# (it skips unbalanced hashes), so such a row can only match exactly.
NO_PDQ = "0" * 64


def _check_sum(value: str, length: int, line: int, name: str) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    if len(value) != length or not set(value) <= _HEX:
        raise HashListInvalid(problem="not_hex", line=line, field=name, digits=length)
    return value


def _check_pdq(value: Any, line: int) -> str:
    if not isinstance(value, str):
        raise HashListInvalid(problem="no_pdq", line=line)
    value = value.strip().lower()
    if len(value) != 64 or not set(value) <= _HEX:
        raise HashListInvalid(problem="not_hex", line=line, field="pdq", digits=64)
    return value


def _known_from_json(obj: Any, line: int, frame_signatures: bool = False) -> list[Known]:
    """The entry of one `fingerprint` line; with `frame_signatures`, also one entry (same label, no hash of
    its own) per video frame that carries a robust signature, as the vault keeps them (app/evidence.py), so
    a cropped or framed screenshot of any moment of a listed video is confirmed by the feature stage."""
    if not isinstance(obj, dict):
        raise HashListInvalid(problem="line_not_object", line=line)
    if "error" in obj and "pdq" not in obj:
        return []  # a file `fingerprint` could not read; nothing to match against
    label = obj.get("file")
    if not isinstance(label, str) or not label:
        raise HashListInvalid(problem="no_file_name", line=line)
    label = Path(label).name
    hashes = []
    if obj.get("pdq") is not None:
        hashes.append(_check_pdq(obj["pdq"], line))
    frames = obj.get("frames") or []
    if not isinstance(frames, list):
        raise HashListInvalid(problem="not_list", line=line, field="frames")
    signed: list[RobustSignature] = []
    for frame in frames:
        if not isinstance(frame, dict):
            raise HashListInvalid(problem="frame_not_object", line=line)
        hashes.append(_check_pdq(frame.get("pdq"), line))
        if frame.get("robust") is not None:
            # Checked whether or not the caller keeps it: a garbled signature is not a list we wrote.
            signed.append(_robust_from_json(frame["robust"], line))
    method = obj.get("pdq_method")
    if method is not None and not isinstance(method, str):
        # How the PDQ was made (Fingerprint.pdq_method); matching does not depend on it, but a list that
        # garbles it is not a list `fingerprint` wrote.
        raise HashListInvalid(problem="method_not_text", line=line)
    md5 = obj.get("md5")
    sha = obj.get("sha256")
    robust = _robust_from_json(obj["robust"], line) if obj.get("robust") is not None else None
    if not hashes and not md5 and not sha:
        raise HashListInvalid(problem="no_hash", line=line)
    whole = Known(
        label=label,
        pdq=tuple(hashes),
        robust=robust,
        md5=_check_sum(md5, 32, line, "md5") if isinstance(md5, str) else None,
        sha256=_check_sum(sha, 64, line, "sha256") if isinstance(sha, str) else None,
    )
    if not frame_signatures:
        return [whole]
    return [whole, *(Known(label=label, pdq=(), robust=signature) for signature in signed)]


def _robust_from_json(obj: Any, line: int) -> RobustSignature:
    try:
        return RobustSignature.from_json(obj)
    except HashListInvalid as exc:
        # The same problem, now placed on its line of the list.
        raise exc.at_line(line) from None


def _read_json_lines(text: str, frame_signatures: bool = False) -> list[Known]:
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError:
            raise HashListInvalid(problem="not_json", line=number) from None
        out.extend(_known_from_json(obj, number, frame_signatures))
    return out


def _header(fields: list[str], line: int) -> tuple[int, dict[str, int]]:
    """The header's width and where each known column is (names are case-insensitive)."""
    names = [f.strip().lower() for f in fields]
    if "pdq" not in names:
        raise HashListInvalid(problem="no_pdq_column", line=line)
    return len(names), {name: i for i, name in enumerate(names) if name in _CSV_COLUMNS}


def _csv_table(text: str) -> HashTable:
    """The csv-module reader: handles quoting and every irregular shape, and names the line at fault."""
    reader = csv.reader(io.StringIO(text, newline=""))
    width, at = 0, dict[str, int]()
    pdqs: list[str] = []
    sums: dict[str, list[str]] = {name: [] for name in _SUM_LENGTHS}
    labels: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line holds no hash
            if not width:
                width, at = _header(row, line)
                continue
            if len(row) != width:
                raise HashListInvalid(problem="field_count", line=line, count=len(row), width=width)
            row_sums = {
                name: _check_sum(row[at[name]], length, line, name) or ""
                for name, length in _SUM_LENGTHS.items()
                if name in at
            }
            for name, value in row_sums.items():
                sums[name].append(value)
            # Programmes identify videos by MD5 alone: no PDQ but a checksum is an exact-only entry.
            no_pdq = not row[at["pdq"]].strip() and any(row_sums.values())
            pdqs.append(NO_PDQ if no_pdq else _check_pdq(row[at["pdq"]], line))
            label = row[at["label"]].strip() if "label" in at else ""
            labels.append(label or f"row {line}")
    except csv.Error:
        raise HashListInvalid(problem="not_csv", line=reader.line_num) from None
    if not width:
        raise HashListInvalid(problem="empty")
    return HashTable(
        words=hex_to_words(pdqs),
        labels=labels,
        md5=np.array(sums["md5"], dtype="S32") if "md5" in at else None,
        sha256=np.array(sums["sha256"], dtype="S64") if "sha256" in at else None,
    )


def _fixed_view(body: bytes, width: int) -> np.ndarray:
    """Every `width`-byte window of `body` as one S{width} array (a view, no copy): fancy-indexing it with
    field starts gathers a fixed-width column with one numpy call."""
    return np.ndarray(shape=(len(body) - width + 1,), dtype=f"S{width}", buffer=body, strides=(1,))


def _hex_field(body: bytes, first: np.ndarray, last: np.ndarray, length: int) -> np.ndarray | None:
    """A column of `length`-digit hex fields (lower-cased) as S{length}, b"" where empty; None when any
    field is not exactly that (the csv reader then names the line)."""
    size = last - first
    filled = size == length
    if not np.all(filled | (size == 0)):
        return None
    column = np.zeros(len(first), dtype=f"S{length}")
    if not filled.any():
        return column
    values = _fixed_view(body, length)[first[filled]]
    try:
        binascii.unhexlify(values)  # checks every digit at C speed
    except binascii.Error:
        return None
    column[filled] = np.frombuffer(values.tobytes().lower(), dtype=f"S{length}")
    return column


def _fast_csv(data: bytes, start: int) -> HashTable | None:
    """A plain CSV (no quotes, LF or CRLF, every row as wide as the header) read with whole-file numpy
    passes; `start` skips a BOM. None when the list is anything else: `_csv_table` then reads it.

    Offsets index `data` itself throughout: a copy of a 70 MB file (a slice, strip, partition) costs as much
    here as a numpy pass over it."""
    head = _BLANK_LINES.match(data, start).end()  # type: ignore[union-attr]
    header_line = data.count(b"\n", start, head) + 1
    head_end = data.find(b"\n", head)
    if head_end < 0:
        head_end = len(data)
    header = data[head:head_end]
    if b'"' in header or b"\0" in header:
        return None
    if b"\r" in header:
        return _without_crlf(data, start)
    fields = header.decode("utf-8").split(",")
    if "pdq" not in (f.strip().lower() for f in fields):
        return None  # refused by the csv reader, in its words
    width, at = _header(fields, header_line)
    end = len(data)
    while end > head_end and data[end - 1] == 10:
        end -= 1  # trailing blank lines
    body = head_end + 1
    if body >= end:
        return HashTable(
            words=np.zeros((0, 4), dtype=np.uint64),
            labels=[],
            md5=np.zeros(0, dtype="S32") if "md5" in at else None,
            sha256=np.zeros(0, dtype="S64") if "sha256" in at else None,
        )
    # Commas (44) and newlines (10) are the only delimiters; one compare keeps them, the bytes that make a
    # list unusual (quote 34, CR 13, NUL 0) and the rare label punctuation below 45, which the second step
    # drops. The end of the data closes the last line.
    raw = np.frombuffer(data, dtype=np.uint8)
    low = np.flatnonzero(raw[body:end] < 45)
    low += body
    kinds = raw[low]
    if (kinds == 34).any() or (kinds == 0).any():
        return None  # quoting is the csv reader's job; a NUL would break Labels.tolist
    if (kinds == 13).any():
        return _without_crlf(data, start)
    newline = kinds == 10
    delims = np.append(low[newline | (kinds == 44)], end)
    n = int(np.count_nonzero(newline)) + 1
    if delims.size != n * width:
        return None
    grid = delims.reshape(n, width)
    if not np.all(raw[grid[:-1, -1]] == 10):
        return None  # the counts add up but one line is short and another long, or a line is blank
    line_starts = np.empty(n, dtype=np.int64)
    line_starts[0] = body
    line_starts[1:] = grid[:-1, -1] + 1

    def field(i: int) -> tuple[np.ndarray, np.ndarray]:
        return (line_starts if i == 0 else grid[:, i - 1] + 1), grid[:, i]

    first, last = field(at["pdq"])
    filled = last - first == 64
    if not np.all(filled | (last == first)):
        return None
    sums: dict[str, np.ndarray | None] = {}
    for name, length in _SUM_LENGTHS.items():
        if name in at:
            sums[name] = _hex_field(data, *field(at[name]), length)
            if sums[name] is None:
                return None
    words = np.zeros((n, 4), dtype=np.uint64)
    if not filled.all():
        # Rows without a PDQ are exact-only entries (a video's MD5) when they have a checksum; NO_PDQ's zero
        # words stand in, as in the csv reader. Without one, the csv reader names the line.
        checksum = np.zeros(n, dtype=bool)
        for column in sums.values():
            checksum |= column != b""  # type: ignore[operator]
        if not np.all(filled | checksum):
            return None
    if filled.any():
        try:
            packed = binascii.unhexlify(_fixed_view(data, 64)[first[filled]])
        except binascii.Error:
            return None
        words[filled] = np.frombuffer(packed, dtype=">u8").reshape(-1, 4).astype(np.uint64)
    if "label" in at:
        labels = Labels(data, *field(at["label"]), first_line=header_line + 1)
    else:
        labels = Labels(None, line_starts, None, first_line=header_line + 1)
    return HashTable(words=words, labels=labels, md5=sums.get("md5"), sha256=sums.get("sha256"))


def _without_crlf(data: bytes, start: int) -> HashTable | None:
    """Windows line ends: drop the CRs and read again (one copy of the file). A lone CR also ends a line for
    the csv module; too rare to copy that here."""
    data = data.replace(b"\r\n", b"\n")
    return None if b"\r" in data else _fast_csv(data, start)


class Labels(Sequence[str]):
    """The labels of a CSV list, decoded when asked for.

    Why: a million str objects take ~0.3 s to make here, more than the rest of a load, and a match names a
    few rows. Holds the file's bytes and each label's span; a blank label reads as "row N" (N = its line).
    Iterating decodes everything in one go, for the callers that want a plain list.
    """

    __slots__ = ("_body", "_first", "_first_line", "_last")

    def __init__(
        self, body: bytes | None, first: np.ndarray, last: np.ndarray | None, *, first_line: int
    ) -> None:
        self._body = body
        self._first = first
        self._last = last
        self._first_line = first_line

    def __len__(self) -> int:
        return len(self._first)

    def _one(self, i: int) -> str:
        text = ""
        if self._body is not None and self._last is not None:
            # Spans start and end at ASCII delimiters, so a slice never cuts a UTF-8 character.
            text = self._body[int(self._first[i]) : int(self._last[i])].decode("utf-8").strip()
        return text or f"row {self._first_line + i}"

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._one(k) for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError("label index out of range")
        return self._one(i % len(self))

    def __iter__(self) -> Iterator[str]:
        return iter(self.tolist())

    def tolist(self) -> list[str]:
        """Every label, made with a few numpy passes and one str.split (per-label slicing costs 3x more)."""
        n = len(self)
        if self._body is None or self._last is None:
            return [f"row {self._first_line + i}" for i in range(n)]
        body, first, last = self._body, self._first, self._last
        size = last - first
        longest = int(size.max()) if n else 0
        # Each block of labels is laid out NUL-padded to the longest, one per row ended by a newline; dropping
        # the NULs leaves "label\nlabel\n...", which one split turns into str objects. Blocks stay within
        # ~16 MB; labels too close to the end of the file for a full-width window go one by one.
        step = max(1, (1 << 24) // (longest + 1))
        fits = first + longest <= len(body)
        view = _fixed_view(body, longest) if longest else None
        blocks: list[list[str]] = []
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            if view is None or not fits[hi - 1]:
                blocks.append([self._one(i) for i in range(lo, hi)])
                continue
            padded = np.zeros((hi - lo, longest + 1), dtype=np.uint8)
            padded[:, :longest] = view[first[lo:hi]].view(np.uint8).reshape(hi - lo, longest)
            padded[np.arange(longest + 1) >= size[lo:hi, None]] = 0  # bytes past each label's end
            padded[:, longest] = 10
            labels = padded.tobytes().replace(b"\0", b"").decode("utf-8").split("\n")
            labels.pop()  # after the last newline
            blocks.append(labels)
        out = blocks[0] if len(blocks) == 1 else list(chain.from_iterable(blocks))
        # Only labels that are blank or have a space or a non-ASCII byte at an end may need the per-label
        # rule (strip, or "row N").
        raw = np.frombuffer(body, dtype=np.uint8)
        heads = raw.take(np.minimum(first, len(raw) - 1))
        tails = raw.take(np.maximum(last - 1, 0))
        odd = (size == 0) | (heads <= 32) | (heads >= 128) | (tails <= 32) | (tails >= 128)
        for i in np.flatnonzero(odd).tolist():
            out[i] = self._one(i)
        return out


def _table_from_csv(data: bytes, start: int) -> HashTable:
    if not data.isascii():
        _decode(data, start)  # refused here, once, so a lazily decoded label can never fail later
    if _first_text(data, start) == len(data):
        raise HashListInvalid(problem="empty")
    table = _fast_csv(data, start)
    return table if table is not None else _csv_table(_decode(data, start))


def read_hash_array(path: Path) -> HashTable:
    """A hash list in columns, for big lists (no per-row objects). Labels default to "row N" (N = line)."""
    data, start = _read_bytes(path)
    if _is_json_lines(data, start):
        return table_from_known(_read_json_lines(_decode(data, start)))
    return _table_from_csv(data, start)


def table_from_known(known: Iterable[Known]) -> HashTable:
    """Main hashes of Known entries as a HashTable (frames and robust signatures are dropped)."""
    rows = [k for k in known if k.pdq]
    return HashTable(
        words=hex_to_words([k.pdq[0] for k in rows]),
        labels=[k.label for k in rows],
        md5=np.array([(k.md5 or "").lower() for k in rows], dtype="S32"),
        sha256=np.array([(k.sha256 or "").lower() for k in rows], dtype="S64"),
    )


def read_hash_list(path: Path, *, frame_signatures: bool = False) -> list[Known]:
    """JSON Lines from `victim-desk fingerprint` or a CSV with a `pdq` column, as Known entries.

    `frame_signatures` (for matching; JSON Lines only, CSV has none) adds an entry per signed video frame,
    labelled like its file and with no hash of its own; importing into the vault's hash table leaves it off,
    since that table keeps hashes only."""
    data, start = _read_bytes(path)
    if _is_json_lines(data, start):
        return _read_json_lines(_decode(data, start), frame_signatures)
    table = _table_from_csv(data, start)
    md5 = _sums_as_text(table.md5, len(table))
    sha = _sums_as_text(table.sha256, len(table))
    return [
        Known(label=label, pdq=(h,) if h != NO_PDQ else (), md5=m, sha256=s)
        for label, h, m, s in zip(table.labels, words_to_hex(table.words), md5, sha, strict=True)
    ]


def _sums_as_text(column: np.ndarray | None, count: int) -> list[str | None]:
    if column is None:
        return [None] * count
    return [v.decode("ascii") or None for v in column.tolist()]


# One row of an exchanged list: (pdq, md5, sha256, label); a missing hash is None.
HashListRow = tuple[str | None, str | None, str | None, str]


def hash_list_rows(fingerprint: dict[str, Any] | Fingerprint, label: str) -> list[HashListRow]:
    """The rows a stored fingerprint becomes in an exchanged hash list (`write_hash_list_csv` writes them).

    `fingerprint` is the dict `Fingerprint.to_json()` gives (checked with `Fingerprint.from_json`: a bad one
    raises HashListInvalid) or a Fingerprint.

    - A picture: one row, (pdq, md5, sha256, label). An animation's frame hashes are not exported.
    - A video: first one row (None, md5, sha256, label). Hash-sharing programmes identify videos by the
      file's MD5 (StopNCII: PDQ for pictures, MD5 for videos), and a row without a PDQ but with a checksum
      is what `read_hash_list`/`read_hash_array` read back as an exact-only entry. Then one row for each
      distinct frame PDQ, (pdq, None, None, f"{label}-frame{N}"), N = 1, 2, ... in the frames' time order,
      so that a still taken from the video can be found by whoever receives the list; the video's
      representative PDQ follows as the last frame row when collapsing near-identical frames dropped it.
      Frames too flat to hash meaningfully (quality below MIN_FRAME_QUALITY) are left out: their PDQ would
      "match" any other flat frame. Frame rows carry no checksum: the checksum names the whole file.
    """
    fp = fingerprint if isinstance(fingerprint, Fingerprint) else Fingerprint.from_json(fingerprint)
    if fp.kind == "image":
        return [(fp.pdq, fp.md5, fp.sha256, label)]
    rows: list[HashListRow] = [(None, fp.md5, fp.sha256, label)]
    candidates = [(f.pdq, f.quality) for f in fp.frames]
    if fp.pdq is not None and fp.pdq_quality is not None:
        candidates.append((fp.pdq, fp.pdq_quality))
    seen: set[str] = set()
    for pdq_hex, quality in candidates:
        if quality < MIN_FRAME_QUALITY or pdq_hex in seen:
            continue
        seen.add(pdq_hex)
        rows.append((pdq_hex, None, None, f"{label}-frame{len(seen)}"))
    return rows


def stored_hash_list_rows(stored: Iterable[tuple[int, int, dict[str, Any]]]) -> list[HashListRow]:
    """The rows of a case's stored fingerprints, (evidence id, case id, fingerprint JSON) each, labelled
    with the item's neutral name (`core.model.evidence_label`): what a hash list or a referral shares."""
    from victim_desk.core.model import evidence_label

    rows: list[HashListRow] = []
    for evidence_id, case_id, fingerprint in stored:
        rows.extend(hash_list_rows(fingerprint, evidence_label(case_id, evidence_id)))
    return rows


def write_hash_list_csv(rows: Iterable[HashListRow], path_or_file: Path | str | IO[str]) -> None:
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
            raise CannotWrite.from_os(exc, path=str(path_or_file)) from None
    else:
        path_or_file.write(buffer.getvalue())
