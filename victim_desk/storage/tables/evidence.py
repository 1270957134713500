"""The `evidence` table: fingerprints of files (never the file, unless the user explicitly kept it)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from victim_desk.core.model import EvidenceItem, iso
from victim_desk.errors import EvidenceNotFound
from victim_desk.storage.tables.audit import AuditWriter
from victim_desk.storage.tables.common import now

_EVIDENCE_COLUMNS = (
    "id, case_id, file_name, kind, size, sha256, md5, pdq, pdq_quality, phash, added_at,"
    " preview IS NOT NULL, original IS NOT NULL, json_extract(fingerprint, '$.provenance')"
)


def _evidence(row: tuple[Any, ...]) -> EvidenceItem:
    return EvidenceItem(
        id=row[0],
        case_id=row[1],
        file_name=row[2],
        kind=row[3],
        size=row[4],
        sha256=row[5],
        md5=row[6],
        pdq=row[7],
        pdq_quality=row[8],
        phash=row[9],
        added_at=datetime.fromisoformat(row[10]),
        has_preview=bool(row[11]),
        has_original=bool(row[12]),
        provenance=_provenance(row[13]),
    )


def _provenance(text: str | None) -> dict[str, Any] | None:
    # Provenance lives inside the stored fingerprint JSON (no column of its own: it is only shown and
    # carried, never searched), so evidence added before it existed simply has none.
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None


def add_evidence(
    conn: Any,
    audit: AuditWriter,
    case_id: int,
    fingerprint: Mapping[str, Any],
    preview: bytes | None,
    original: bytes | None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO evidence (case_id, file_name, kind, size, sha256, md5, pdq, pdq_quality, phash,"
        " fingerprint, preview, original, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            fingerprint["file"],
            fingerprint["kind"],
            fingerprint["size"],
            fingerprint["sha256"],
            fingerprint["md5"],
            fingerprint.get("pdq"),
            fingerprint.get("pdq_quality"),
            fingerprint.get("phash"),
            json.dumps(fingerprint, ensure_ascii=False),
            preview,
            original,
            iso(now()),
        ),
    )
    evidence_id = int(cursor.lastrowid)
    summary = {k: fingerprint.get(k) for k in ("file", "kind", "size", "sha256", "md5", "pdq")}
    audit.append(
        "evidence.add",
        "evidence",
        evidence_id,
        case_id,
        {**summary, "preview_kept": preview is not None, "original_kept": original is not None},
    )
    return evidence_id


def list_evidence(conn: Any, case_id: int | None = None) -> list[EvidenceItem]:
    if case_id is None:
        rows = conn.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM evidence ORDER BY id").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_EVIDENCE_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()
    return [_evidence(r) for r in rows]


def get_evidence(conn: Any, evidence_id: int) -> EvidenceItem:
    row = conn.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceNotFound(evidence_id=evidence_id)
    return _evidence(row)


def evidence_fingerprints(conn: Any, case_id: int | None = None) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(evidence id, case id, the stored fingerprint JSON) for matching and hash-list export."""
    if case_id is None:
        cursor = conn.execute("SELECT id, case_id, fingerprint FROM evidence ORDER BY id")
    else:
        cursor = conn.execute(
            "SELECT id, case_id, fingerprint FROM evidence WHERE case_id = ? ORDER BY id", (case_id,)
        )
    for evidence_id, case, text in cursor:
        yield evidence_id, case, json.loads(text)


def evidence_preview(conn: Any, evidence_id: int) -> bytes | None:
    row = conn.execute("SELECT preview FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceNotFound(evidence_id=evidence_id)
    return None if row[0] is None else bytes(row[0])


def evidence_original(conn: Any, evidence_id: int) -> bytes | None:
    """The original file, when the person explicitly chose to keep it (else None)."""
    row = conn.execute("SELECT original FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise EvidenceNotFound(evidence_id=evidence_id)
    return None if row[0] is None else bytes(row[0])
