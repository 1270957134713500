"""The application layer: every use case, once, for the command line and the desktop app alike.

A `Desk` is an unlocked vault plus the operations a person can do with it. It knows nothing of Qt, of
terminals or of printing; it returns domain objects and raises `DeskError`s with translated messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from victim_desk.core import sighting_import
from victim_desk.core.audit import AuditEvent, chain_problems
from victim_desk.core.cancel import CancelToken, Progress, check
from victim_desk.core.model import Case, EvidenceItem, Profile, Role, Sighting, SightingStatus
from victim_desk.core.sightings import new_sighting, parse_status
from victim_desk.errors import (
    CannotWrite,
    DeskError,
    EmptyTitle,
    InvalidProfile,
    OutputExists,
    VideoTooLong,
    file_error,
)
from victim_desk.storage import repositories as repo
from victim_desk.storage.keywrap import KdfParams
from victim_desk.storage.repositories import AuditWriter
from victim_desk.storage.vault import Vault

if TYPE_CHECKING:
    # The fingerprint stack (NumPy, Pillow, PyAV, OpenCV) costs a noticeable start-up time; commands that
    # only touch cases and sightings should not pay it, so it is imported where it is used.
    from victim_desk.core.fingerprint import Fingerprint
    from victim_desk.core.fingerprint.hashlist import HashTable
    from victim_desk.core.fingerprint.matching import Known

_IMPORT_BATCH = 2000


def default_vault_path() -> Path:
    """--vault, else VICTIM_DESK_VAULT, else the per-user data folder (the CLI applies the first)."""
    env = os.environ.get("VICTIM_DESK_VAULT")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("victim-desk", appauthor=False)) / "vault"


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    errors: list[sighting_import.RowError] = field(default_factory=list)


class Desk:
    """An unlocked vault and what can be done with it. `lock()` (or `with`) closes it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # --- opening and locking ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Desk:
        desk = cls(Vault.create(path, passphrase, kdf))
        with desk.vault.transaction() as conn:
            AuditWriter(conn).append("vault.init", "vault", None, None, {})
        return desk

    @staticmethod
    def exists(path: Path) -> bool:
        return Vault.exists(path)

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, keyring_backend: Any = None) -> Desk:
        return cls(Vault.open(path, passphrase, keyring_backend=keyring_backend))

    def lock(self) -> None:
        self.vault.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    @property
    def path(self) -> Path:
        return self.vault.path

    # --- vault maintenance ------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        self.vault.change_passphrase(new_passphrase)
        with self.vault.transaction() as conn:
            AuditWriter(conn).append("vault.passwd", "vault", None, None, {})

    def remember_on_this_computer(self, backend: Any = None) -> str:
        name = self.vault.remember_on_this_computer(backend)
        with self.vault.transaction() as conn:
            AuditWriter(conn).append("vault.remember", "vault", None, None, {"backend": name})
        return name

    def forget_on_this_computer(self, backend: Any = None) -> None:
        self.vault.forget_on_this_computer(backend)
        with self.vault.transaction() as conn:
            AuditWriter(conn).append("vault.forget", "vault", None, None, {})

    def check(self) -> list[str]:
        """Everything wrong with the vault: page authentication, structure, and the audit chains."""
        problems = self.vault.integrity_problems()
        problems.extend(chain_problems(repo.audit_events(self.vault.conn, all_cases=True)))
        return problems

    def backup(self, out: Path) -> None:
        self.vault.backup(out)

    # --- profile ----------------------------------------------------------------------------------

    def set_profile(
        self,
        name: str,
        email: str,
        phone: str | None = None,
        role: str = "victim",
        organization: str | None = None,
    ) -> Profile:
        name, email = name.strip(), email.strip()
        if not name:
            raise InvalidProfile(field="name")
        if (
            "@" not in email
            or email.startswith("@")
            or email.endswith("@")
            or any(c.isspace() for c in email)
        ):
            raise InvalidProfile(field="email")
        try:
            profile = Profile(name, email, (phone or "").strip() or None, Role(role), organization)
        except ValueError:
            raise InvalidProfile(field="role") from None
        with self.vault.transaction() as conn:
            repo.save_profile(conn, AuditWriter(conn), profile)
        return profile

    def profile(self) -> Profile | None:
        return repo.load_profile(self.vault.conn)

    # --- cases ------------------------------------------------------------------------------------

    def add_case(self, title: str) -> int:
        title = title.strip()
        if not title:
            raise EmptyTitle()
        with self.vault.transaction() as conn:
            return repo.add_case(conn, AuditWriter(conn), title)

    def cases(self) -> list[Case]:
        return repo.list_cases(self.vault.conn)

    # --- sightings --------------------------------------------------------------------------------

    def add_sighting(
        self,
        case_id: int,
        url: str,
        platform: str | None = None,
        seen: str | None = None,
        note: str | None = None,
    ) -> Sighting:
        item = new_sighting(url, platform, seen, note)
        with self.vault.transaction() as conn:
            repo.require_case(conn, case_id)
            (sighting_id,) = repo.add_sightings(conn, AuditWriter(conn), case_id, [item])
            return repo.get_sighting(conn, sighting_id)

    def sightings(self, case_id: int) -> Iterator[Sighting]:
        repo.require_case(self.vault.conn, case_id)
        return repo.list_sightings(self.vault.conn, case_id)

    def sighting_json_lines(self, case_id: int) -> Iterator[str]:
        """Each sighting of the case as one JSON object (the form of `Sighting.to_json`), fast."""
        repo.require_case(self.vault.conn, case_id)
        return repo.sighting_json_lines(self.vault.conn, case_id)

    def set_sighting_status(self, sighting_id: int, status: str) -> Sighting:
        value: SightingStatus = parse_status(status)
        with self.vault.transaction() as conn:
            return repo.set_sighting_status(conn, AuditWriter(conn), sighting_id, value)

    def import_sightings(
        self,
        case_id: int,
        file: Path,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Add every valid row of `file`; bad rows are reported, never block the good ones.

        Rows are saved in batches, each its own transaction: a cancel or crash keeps the batches already
        saved, and the report says exactly which rows were added.
        """
        repo.require_case(self.vault.conn, case_id)
        parsed = sighting_import.parse(sighting_import.read_text(Path(file)), str(file))
        report = ImportReport(errors=list(parsed.errors))
        total = len(parsed.rows)
        source = f"import:{Path(file).name}"
        for start in range(0, total, _IMPORT_BATCH):
            check(cancel)
            batch = [item for _, item in parsed.rows[start : start + _IMPORT_BATCH]]
            with self.vault.transaction() as conn:
                report.added.extend(repo.add_sightings(conn, AuditWriter(conn), case_id, batch, source))
            if progress:
                progress(len(report.added), total)
        return report

    # --- evidence ---------------------------------------------------------------------------------

    def evidence(self, case_id: int | None = None) -> list[EvidenceItem]:
        if case_id is not None:
            repo.require_case(self.vault.conn, case_id)
        return repo.list_evidence(self.vault.conn, case_id)

    def add_evidence(
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
        repo.require_case(self.vault.conn, case_id)
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
            with self.vault.transaction() as conn:
                evidence_id = repo.add_evidence(conn, AuditWriter(conn), case_id, stored, preview, original)
            yield path, repo.get_evidence(self.vault.conn, evidence_id)

    def evidence_preview(self, evidence_id: int) -> bytes | None:
        return repo.evidence_preview(self.vault.conn, evidence_id)

    def known_entries(self) -> KnownList:
        """Everything the vault can recognise: every case's evidence, then imported hash lists."""
        from victim_desk.core.fingerprint import Fingerprint
        from victim_desk.core.fingerprint.matching import Known

        entries: list[Known] = []
        outputs: dict[str, dict[str, Any]] = {}
        for evidence_id, case_id, obj in repo.evidence_fingerprints(self.vault.conn):
            fp = Fingerprint.from_json(obj)
            label = f"case {case_id} / evidence {evidence_id}"
            entries.append(_known_from_fingerprint(fp, label))
            outputs[label] = {"label": label, "case": case_id, "evidence": evidence_id, "file": fp.file}
        for label, pdq, md5, sha256 in repo.known_hashes(self.vault.conn):
            entries.append(Known(label=label, pdq=(pdq,) if pdq else (), md5=md5, sha256=sha256))
        return KnownList(entries, outputs, "label")

    def export_hash_list(self, case_id: int, out: Path) -> int:
        """CSV pdq,md5,sha256,label for hash-sharing programmes. Labels are neutral ids, never file names:
        the list leaves the computer, and a file name can identify the person."""
        from victim_desk.core.fingerprint.hashlist import write_hash_list_csv

        repo.require_case(self.vault.conn, case_id)
        rows = []
        for evidence_id, case, obj in repo.evidence_fingerprints(self.vault.conn, case_id):
            # Programmes take PDQ for images and the file's MD5 for videos.
            pdq = obj.get("pdq") if obj.get("kind") == "image" else None
            rows.append((pdq, obj.get("md5"), obj.get("sha256"), f"case{case}-evidence{evidence_id}"))
        _write_new_file(out, lambda f: write_hash_list_csv(rows, f))
        with self.vault.transaction() as conn:
            AuditWriter(conn).append("hashlist.export", "case", case_id, case_id, {"rows": len(rows)})
        return len(rows)

    def import_hash_list(self, file: Path, source: str | None = None) -> int:
        """Keep a received hash list in the vault so `match` recognises its entries from now on."""
        from victim_desk.core.fingerprint import hashlist

        known = hashlist.read_hash_list(Path(file))
        rows = []
        for entry in known:
            for pdq in entry.pdq or (None,):
                rows.append((entry.label, pdq, entry.md5, entry.sha256))
        with self.vault.transaction() as conn:
            return repo.add_known_hashes(conn, AuditWriter(conn), source or Path(file).name, rows)

    # --- audit ------------------------------------------------------------------------------------

    def audit_events(self, case_id: int | None = None) -> list[AuditEvent]:
        return list(repo.audit_events(self.vault.conn, case_id))


# --- work that needs no vault ---------------------------------------------------------------------


@dataclass(frozen=True)
class KnownList:
    """What `match` compares against, and how each match is described in its output."""

    entries: list[Known] | HashTable  # a HashTable for big CSV lists: no object per row
    outputs: dict[str, dict[str, Any]]
    key: str  # "file" for fingerprint output, "label" for CSV hash lists and the vault

    def describe(self, label: str) -> dict[str, Any]:
        return dict(self.outputs.get(label) or {self.key: label})


def fingerprint_files(
    files: Sequence[Path], *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> Iterator[tuple[Path, Fingerprint | DeskError]]:
    from victim_desk.core import fingerprint

    return fingerprint.fingerprint_files([Path(f) for f in files], progress=progress, cancel=cancel)


def read_known_list(path: Path) -> KnownList:
    """A hash list file: `fingerprint` JSON Lines (matches named by "file", robust signatures kept) or a
    CSV (named by "label", read column-wise so a million rows load in well under a second)."""
    from victim_desk.core.fingerprint import hashlist

    path = Path(path)
    if _looks_like_json_lines(path):
        return KnownList(hashlist.read_hash_list(path), {}, "file")
    return KnownList(hashlist.read_hash_array(path), {}, "label")


def match_files(
    files: Sequence[Path],
    known: KnownList,
    max_distance: int = 31,
    *,
    cancel: CancelToken | None = None,
) -> Iterator[tuple[Path, list[dict[str, Any]] | DeskError]]:
    """For each file, the known entries it is a copy of, best first."""
    from victim_desk.core.fingerprint.matching import Matcher

    matcher = Matcher(known.entries)
    for path, result in fingerprint_files(files, cancel=cancel):
        if isinstance(result, DeskError):
            yield path, result
            continue
        query = _query_hashes(result)
        found = matcher.match(
            query, result.robust, md5=result.md5, sha256=result.sha256, max_distance=max_distance
        )
        yield path, [{**known.describe(m.label), "distance": m.distance, "method": m.method} for m in found]


def _query_hashes(fp: Fingerprint) -> tuple[str, ...]:
    hashes = [fp.pdq] if fp.pdq else []
    hashes.extend(frame.pdq for frame in fp.frames)
    return tuple(dict.fromkeys(hashes))


def _known_from_fingerprint(fp: Fingerprint, label: str) -> Known:
    from victim_desk.core.fingerprint.matching import Known

    return Known(label=label, pdq=_query_hashes(fp), robust=fp.robust, md5=fp.md5, sha256=fp.sha256)


def _looks_like_json_lines(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"{")


def _preview_or_none(path: Path) -> bytes | None:
    from victim_desk.core import fingerprint

    try:
        return fingerprint.blurred_preview(path)
    except DeskError:
        return None  # a video or an odd file may have no preview; its fingerprint still counts


_MAX_ORIGINAL = 512 * 1024 * 1024


def _read_original(path: Path) -> bytes:
    try:
        if path.stat().st_size > _MAX_ORIGINAL:
            raise VideoTooLong(reason="> 512 MB")
        return path.read_bytes()
    except OSError as exc:
        raise file_error(exc) from None


def _write_new_file(out: Path, write: Callable[[Any], None]) -> None:
    """Create `out` (never overwrite), writing through a partial file so a crash leaves nothing half-done."""
    out = Path(out)
    if out.exists():
        raise OutputExists(path=str(out))
    partial = out.with_name(out.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as f:
            write(f)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CannotWrite(path=str(out), reason=exc.strerror or type(exc).__name__) from None
