"""Evidence: files fingerprinted into a case (never the file itself unless the user explicitly keeps it),
what the vault can recognise, and hash lists in and out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victim_desk.core.cancel import CancelToken, Progress
from victim_desk.core.model import EvidenceItem
from victim_desk.errors import DeskError, VideoTooLong, file_error
from victim_desk.safe_output import write_new_file
from victim_desk.storage.tables import evidence as table
from victim_desk.storage.tables import known_hashes
from victim_desk.storage.vault import Vault

from .cases import Cases
from .matching import KnownList, fingerprint_files, query_hashes
from .unit import change, record

if TYPE_CHECKING:
    from victim_desk.core.fingerprint import Fingerprint
    from victim_desk.core.fingerprint.matching import Known

_MAX_ORIGINAL = 512 * 1024 * 1024


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

    def export_hash_list(self, case_id: int, out: Path, *, force: bool = False) -> int:
        """CSV pdq,md5,sha256,label for hash-sharing programmes; returns the number of rows.

        Programmes take PDQ for images and the file's MD5 for videos; a video also gets one row per
        distinct frame PDQ (`<label>-frame<N>`), so a still taken from it can be matched too (see
        `hashlist.hash_list_rows`). Labels are neutral ids, never file names: the list leaves the
        computer, and a file name can identify the person."""
        from victim_desk.core.fingerprint.hashlist import hash_list_rows, write_hash_list_csv

        self._cases.require(case_id)
        rows = []
        for evidence_id, case, obj in table.evidence_fingerprints(self._vault.conn, case_id):
            rows.extend(hash_list_rows(obj, f"case{case}-evidence{evidence_id}"))
        write_new_file(Path(out), lambda f: write_hash_list_csv(rows, f), force=force)
        record(self._vault, "hashlist.export", "case", case_id, case_id, {"rows": len(rows)})
        return len(rows)

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
        if path.stat().st_size > _MAX_ORIGINAL:
            raise VideoTooLong(reason="> 512 MB")
        return path.read_bytes()
    except OSError as exc:
        raise file_error(exc) from None
