"""Fingerprinting files and recognising copies: work that needs no vault.

A person can fingerprint a file, or check it against a hash list someone gave her, without creating
anything. The vault's own list of what it can recognise comes from `evidence.Evidence.known_entries`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.errors import DeskError

if TYPE_CHECKING:
    # The fingerprint stack (NumPy, Pillow, PyAV, OpenCV) costs a noticeable start-up time; commands that
    # only touch cases and sightings should not pay it, so it is imported where it is used.
    from victim_desk.core.fingerprint import Fingerprint
    from victim_desk.core.fingerprint.hashlist import HashTable
    from victim_desk.core.fingerprint.matching import Known


@dataclass(frozen=True)
class KnownList:
    """What `match` compares against, and how each match is described in its output."""

    entries: list[Known] | HashTable  # a HashTable for big CSV lists: no object per row
    outputs: dict[str, dict[str, Any]]
    key: str  # "file" for fingerprint output, "label" for CSV hash lists and the vault

    def describe(self, label: str) -> dict[str, Any]:
        return dict(self.outputs.get(label) or {self.key: label})


def fingerprint_files(
    files: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    provenance: bool = True,
) -> Iterator[tuple[Path, Fingerprint | DeskError]]:
    """Fingerprints with what each file says about its making (`provenance`), unless turned off."""
    from victim_desk.core import fingerprint

    return fingerprint.fingerprint_files(
        [Path(f) for f in files], progress=progress, cancel=cancel, provenance=provenance
    )


def read_known_list(path: Path) -> KnownList:
    """A hash list file: `fingerprint` JSON Lines (matches named by "file", robust signatures of files and of
    video frames kept) or a CSV (named by "label", read column-wise so a million rows load in well under a
    second)."""
    from victim_desk.core.fingerprint import hashlist

    path = Path(path)
    if _looks_like_json_lines(path):
        return KnownList(hashlist.read_hash_list(path, frame_signatures=True), {}, "file")
    return KnownList(hashlist.read_hash_array(path), {}, "label")


def match_files(
    files: Sequence[Path],
    known: KnownList,
    max_distance: int = 31,
    *,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Path, list[dict[str, Any]] | DeskError]]:
    """For each file, the known entries it is a copy of, best first."""
    from victim_desk.core.fingerprint.matching import Matcher

    matcher = Matcher(known.entries)
    # Matching needs only the hashes: reading provenance would only slow it down.
    for path, result in fingerprint_files(files, cancel=cancel, progress=progress, provenance=False):
        if isinstance(result, DeskError):
            yield path, result
            continue
        found = matcher.match(
            query_hashes(result),
            result.robust,
            md5=result.md5,
            sha256=result.sha256,
            max_distance=max_distance,
        )
        yield path, [{**known.describe(m.label), "distance": m.distance, "method": m.method} for m in found]


def query_hashes(fp: Fingerprint) -> tuple[str, ...]:
    """Every distinct PDQ of a fingerprint: the whole image's, then each video frame's."""
    hashes = [fp.pdq] if fp.pdq else []
    hashes.extend(frame.pdq for frame in fp.frames)
    return tuple(dict.fromkeys(hashes))


def _looks_like_json_lines(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"{")
