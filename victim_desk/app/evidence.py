"""Evidence: files fingerprinted into a case (never the file itself unless the user explicitly keeps it),
what the vault can recognise, and hash lists in and out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import EvidenceItem, evidence_label
from victim_desk.errors import DeskError, VideoTooLong, file_error
from victim_desk.safe_output import write_new_file
from victim_desk.storage.tables import evidence as table
from victim_desk.storage.tables import known_hashes
from victim_desk.storage.vault import Vault

from .cases import Cases
from .matching import KnownList, fingerprint_files, match_files, query_hashes, read_known_list
from .unit import change, record

if TYPE_CHECKING:
    from victim_desk.core.fingerprint import Fingerprint
    from victim_desk.core.fingerprint.matching import Known

_MB = 1024 * 1024
_MAX_ORIGINAL = 512 * _MB

HashListFormat = Literal["csv", "jsonl"]


class Evidence:
    def __init__(self, vault: Vault, cases: Cases) -> None:
        self._vault = vault
        self._cases = cases

    def list(self, case_id: int | None = None) -> list[EvidenceItem]:
        if case_id is not None:
            self._cases.require(case_id)
        return table.list_evidence(self._vault.conn, case_id)

    def add(
        self,
        case_id: int,
        files: Sequence[Path],
        *,
        keep_preview: bool = False,
        keep_original: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[tuple[Path, EvidenceItem | DeskError]]:
        """Fingerprint each file into the case. The original is read, hashed and let go; it is stored
        (encrypted, in the vault) only when `keep_original` is explicitly set. Each file is saved as soon
        as it is done, so a cancel or a bad file keeps everything before it."""
        self._cases.require(case_id)
        try:
            yield from self._add_each(case_id, files, keep_preview, keep_original, progress, cancel)
        finally:
            # As after an import: what was saved moves from the write-ahead file into vault.db.
            self._vault.checkpoint()

    def _add_each(
        self,
        case_id: int,
        files: Sequence[Path],
        keep_preview: bool,
        keep_original: bool,
        progress: Progress | None,
        cancel: CancelToken | None,
    ) -> Iterator[tuple[Path, EvidenceItem | DeskError]]:
        for path, result in fingerprint_files(files, progress=progress, cancel=cancel):
            if isinstance(result, DeskError):
                yield path, result
                continue
            try:
                preview = _preview_or_none(path) if keep_preview else None
                original = _read_original(path) if keep_original else None
            except DeskError as exc:
                yield path, exc
                continue
            # Only the file's name is kept: folders often carry a person's name.
            stored = {**result.to_json(), "file": Path(result.file).name}
            with change(self._vault) as c:
                evidence_id = table.add_evidence(c.conn, c.audit, case_id, stored, preview, original)
            yield path, table.get_evidence(self._vault.conn, evidence_id)

    def preview(self, evidence_id: int) -> bytes | None:
        return table.evidence_preview(self._vault.conn, evidence_id)

    def known_entries(self) -> KnownList:
        """Everything the vault can recognise: every case's evidence, then imported hash lists."""
        from victim_desk.core.fingerprint import Fingerprint
        from victim_desk.core.fingerprint.matching import Known

        entries: list[Known] = []
        outputs: dict[str, dict[str, Any]] = {}
        for evidence_id, case_id, obj in table.evidence_fingerprints(self._vault.conn):
            fp = Fingerprint.from_json(obj)
            label = f"case {case_id} / evidence {evidence_id}"
            entries.extend(_knowns_from_fingerprint(fp, label))
            outputs[label] = {"label": label, "case": case_id, "evidence": evidence_id, "file": fp.file}
        for label, pdq, md5, sha256 in known_hashes.known_hashes(self._vault.conn):
            entries.append(Known(label=label, pdq=(pdq,) if pdq else (), md5=md5, sha256=sha256))
        return KnownList(entries, outputs, "label")

    def match_files(
        self,
        files: Sequence[Path],
        *,
        against: Path | None = None,
        max_distance: int = 31,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[tuple[Path, Sequence[FoundMatch] | DeskError]]:
        """What `victim-desk match` prints, for a screen: each file's matches among every case's evidence
        and the imported hash lists, best first, each saying which item it is and how it was recognised.

        `against`: a hash list file instead (what `match --against` reads, `matching.read_known_list`:
        `fingerprint` JSON Lines or a CSV), nothing of the vault used and nothing imported; its matches
        are named by the list's own labels (`evidence_id` None). A list that cannot be read raises its
        `DeskError` before any file is looked at."""
        if against is not None:
            known = read_known_list(Path(against))
            items: dict[int, EvidenceItem] = {}
        else:
            known = self.known_entries()
            items = {item.id: item for item in table.list_evidence(self._vault.conn, None)}
        for path, outcome in match_files(files, known, max_distance, cancel=cancel, progress=progress):
            if isinstance(outcome, DeskError):
                yield path, outcome
                continue
            yield path, [_found(found, items, known.key) for found in outcome]

    def export_hash_list(
        self, case_id: int, out: Path, *, force: bool = False, fmt: HashListFormat = "csv"
    ) -> int:
        """CSV pdq,md5,sha256,label for hash-sharing programmes; returns the number of rows.
        `fmt="jsonl"` writes `fingerprint` JSON Lines instead (see `_export_json_lines`).

        Programmes take PDQ for images and the file's MD5 for videos; a video also gets one row per
        distinct frame PDQ (`<label>-frame<N>`), so a still taken from it can be matched too (see
        `hashlist.hash_list_rows`). Labels are neutral ids, never file names: the list leaves the
        computer, and a file name can identify the person."""
        from victim_desk.core.fingerprint.hashlist import stored_hash_list_rows, write_hash_list_csv

        self._cases.require(case_id)
        if fmt == "jsonl":
            return self._export_json_lines(case_id, Path(out), force)
        rows = stored_hash_list_rows(table.evidence_fingerprints(self._vault.conn, case_id))
        write_new_file(Path(out), lambda f: write_hash_list_csv(rows, f), force=force)
        record(self._vault, "hashlist.export", "case", case_id, case_id, {"rows": len(rows)})
        return len(rows)

    def _export_json_lines(self, case_id: int, out: Path, force: bool) -> int:
        """One `fingerprint --json` line per item, which `match --against` and `hashlist import` read.

        Unlike the CSV, it keeps video frames and robust signatures, so a cropped or captioned copy can be
        recognised by whoever receives it (another counselor with this app). The "file" field is the same
        neutral label the CSV uses, and provenance is left out: prompts can name the person."""
        lines = []
        for evidence_id, case, obj in table.evidence_fingerprints(self._vault.conn, case_id):
            shared = {k: v for k, v in obj.items() if k != "provenance"}
            shared["file"] = evidence_label(case, evidence_id)
            lines.append(json.dumps(shared, ensure_ascii=False, sort_keys=True) + "\n")
        write_new_file(out, lambda f: f.writelines(lines), force=force)
        summary = {"rows": len(lines), "format": "jsonl"}
        record(self._vault, "hashlist.export", "case", case_id, case_id, summary)
        return len(lines)

    def import_hash_list(self, file: Path, source: str | None = None) -> int:
        """Keep a received hash list in the vault so `match` recognises its entries from now on."""
        from victim_desk.core.fingerprint import hashlist

        known = hashlist.read_hash_list(Path(file))
        rows = []
        for entry in known:
            for pdq in entry.pdq or (None,):
                rows.append((entry.label, pdq, entry.md5, entry.sha256))
        with change(self._vault) as c:
            return known_hashes.add_known_hashes(c.conn, c.audit, source or Path(file).name, rows)


@dataclass(frozen=True)
class FoundMatch:
    """One stored thing a file matched. `evidence_id` is None for an entry of an imported hash list.

    `method`: "exact" (same file), "pdq" / "pdq-dihedral" (near-identical picture, also mirrored or turned;
    `distance` = differing bits of 256), "features" (the same picture inside a crop, caption or frame).
    `video_frame`: what matched is a moment of a stored video, not the whole file."""

    label: str
    method: str
    distance: int
    video_frame: bool
    case_id: int | None = None
    evidence_id: int | None = None
    file_name: str | None = None
    kind: str | None = None


_FRAME_LABEL = re.compile(r"-frame\d+$")


def _found(match: dict[str, Any], items: dict[int, EvidenceItem], key: str = "label") -> FoundMatch:
    method, distance = str(match["method"]), int(match["distance"])
    label = str(match.get(key) or match.get("label", ""))  # a JSON Lines list names entries by "file"
    item = items.get(match["evidence"]) if "evidence" in match else None
    if item is None:
        # An imported list: exported videos carry one row per frame, labelled "<label>-frameN".
        return FoundMatch(label, method, distance, bool(_FRAME_LABEL.search(label)))
    return FoundMatch(
        label,
        method,
        distance,
        # A video matched other than as the whole file was recognised from one of its frames.
        item.kind == "video" and method != "exact",
        item.case_id,
        item.id,
        item.file_name,
        item.kind,
    )


def _knowns_from_fingerprint(fp: Fingerprint, label: str) -> list[Known]:
    """The file, then one entry (same label) per video frame that carries a robust signature, so the feature
    stage can confirm a screenshot of the moments around it; the matcher reports each label once."""
    from victim_desk.core.fingerprint.matching import Known

    whole = Known(label=label, pdq=query_hashes(fp), robust=fp.robust, md5=fp.md5, sha256=fp.sha256)
    return [whole, *(Known(label=label, pdq=(), robust=f.robust) for f in fp.frames if f.robust is not None)]


def _preview_or_none(path: Path) -> bytes | None:
    from victim_desk.core import fingerprint

    try:
        return fingerprint.blurred_preview(path)
    except DeskError:
        return None  # a video or an odd file may have no preview; its fingerprint still counts


def _read_original(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > _MAX_ORIGINAL:
            # Rounded up: a file just over the limit must not read "512 MB, more than 512 MB".
            raise VideoTooLong(limit="size", size_mb=-(-size // _MB), max_mb=_MAX_ORIGINAL // _MB)
        return path.read_bytes()
    except OSError as exc:
        raise file_error(exc) from None
