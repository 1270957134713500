"""Schema versions of the vault, applied in order inside one transaction each.

The version lives in SQLite's `user_version`. A vault written by a newer app (a higher version than the
last migration here) is refused untouched rather than guessed at. New versions are appended, never edited:
a vault in the field may be at any earlier step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from victim_desk.core.sightings import url_key
from victim_desk.errors import DeskError, VaultTooNew

_V1 = """
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    role TEXT NOT NULL CHECK (role IN ('victim', 'counselor')),
    organization TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE sightings (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    url TEXT NOT NULL,
    platform TEXT NOT NULL,
    seen_at TEXT,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'found'
        CHECK (status IN ('found', 'requested', 'removed', 'reappeared')),
    last_checked TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sightings_by_case ON sightings (case_id, id);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    md5 TEXT NOT NULL,
    pdq TEXT,
    pdq_quality INTEGER,
    phash TEXT,
    fingerprint TEXT NOT NULL,
    preview BLOB,
    original BLOB,
    added_at TEXT NOT NULL
);
CREATE INDEX evidence_by_case ON evidence (case_id, id);
CREATE TABLE known_hashes (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    label TEXT NOT NULL,
    pdq TEXT,
    md5 TEXT,
    sha256 TEXT,
    imported_at TEXT NOT NULL
);
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    sighting_id INTEGER NOT NULL REFERENCES sightings (id),
    recipient TEXT NOT NULL,
    jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('KR', 'US', 'EU', 'UK')),
    lang TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
    sent_at TEXT,
    deadline TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX requests_by_sighting ON requests (sighting_id);
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    org TEXT NOT NULL,
    shared_fields TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    case_id INTEGER,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_by_case ON audit (case_id, seq);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def _v2_url_keys(conn: Any) -> None:
    """Each sighting's duplicate key (`core.sightings.url_key`), so a case recognises an address it has."""
    conn.execute("ALTER TABLE sightings ADD COLUMN url_key TEXT")
    rows = conn.execute("SELECT id, url FROM sightings").fetchall()
    conn.executemany("UPDATE sightings SET url_key = ? WHERE id = ?", [(_key_or_url(u), i) for i, u in rows])
    conn.execute("CREATE INDEX sightings_by_url_key ON sightings (case_id, url_key)")


def _key_or_url(url: str) -> str:
    # An address saved under older, looser rules keeps itself as its key rather than blocking the upgrade.
    try:
        return url_key(url)
    except DeskError:
        return url


_V3_REQUESTS = """
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    platform TEXT NOT NULL,
    recipient TEXT NOT NULL,
    channel TEXT NOT NULL,
    jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('KR', 'US', 'EU', 'UK')),
    lang TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
    voice TEXT NOT NULL CHECK (voice IN ('self', 'agent', 'guardian')),
    reference TEXT NOT NULL,
    follows INTEGER REFERENCES requests (id),
    sent_at TEXT NOT NULL,
    deadline TEXT,
    review_at TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('sent', 'acknowledged', 'removed', 'refused', 'partly', 'closed')),
    note TEXT NOT NULL DEFAULT '',
    escalated_at TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX requests_by_case ON requests (case_id, id);
CREATE INDEX requests_by_follows ON requests (follows);
CREATE TABLE request_sightings (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    sighting_id INTEGER NOT NULL REFERENCES sightings (id),
    PRIMARY KEY (request_id, sighting_id)
) WITHOUT ROWID;
CREATE INDEX request_sightings_by_sighting ON request_sightings (sighting_id, request_id);
"""


def _v3_requests(conn: Any) -> None:
    """Requests that cover many sightings (one letter lists all of a platform's addresses), with their
    clocks. V1's `requests` table had one sighting per request and was never written; any row it holds
    is carried over all the same."""
    old = conn.execute(
        "SELECT r.id, s.case_id, s.platform, r.sighting_id, r.recipient, r.jurisdiction, r.lang,"
        " coalesce(r.sent_at, r.created_at), r.deadline, r.status, r.created_at, r.updated_at"
        " FROM requests r JOIN sightings s ON s.id = r.sighting_id"
    ).fetchall()
    conn.execute("DROP TABLE requests")
    for statement in _statements(_V3_REQUESTS):
        conn.execute(statement)
    known = ("sent", "acknowledged", "removed", "refused", "partly", "closed")
    for rid, case_id, platform, sid, recipient, juris, lang, sent, deadline, status, created, updated in old:
        conn.execute(
            "INSERT INTO requests (id, case_id, platform, recipient, channel, jurisdiction, lang, voice,"
            " reference, sent_at, deadline, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, '', ?, ?, 'self', ?, ?, ?, ?, ?, ?)",
            (
                rid,
                case_id,
                platform,
                recipient,
                juris,
                lang,
                f"VD-{case_id}-{rid}",
                sent,
                deadline,
                status if status in known else "sent",
                created,
                updated,
            ),
        )
        conn.execute("INSERT INTO request_sightings VALUES (?, ?)", (rid, sid))


# Every re-check of an address (net/), kept as history: when, what was asked, what it showed, and the
# sighting's status before and after. `sightings.last_checked` is the latest of these.
_V4_URL_CHECKS = """
CREATE TABLE url_checks (
    id INTEGER PRIMARY KEY,
    sighting_id INTEGER NOT NULL REFERENCES sightings (id),
    case_id INTEGER NOT NULL REFERENCES cases (id),
    checked_at TEXT NOT NULL,
    fetch_url TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('removed', 'reachable', 'reappeared', 'unknown')),
    reason TEXT NOT NULL,
    http_status INTEGER,
    status_before TEXT NOT NULL,
    status_after TEXT NOT NULL,
    via_proxy INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX url_checks_by_sighting ON url_checks (sighting_id, id);
CREATE INDEX url_checks_by_case ON url_checks (case_id, id);
"""

# Evidence packages: the vault's own Ed25519 signing key (one row, made on first use, kept only inside the
# encrypted vault), and the text of each request's letter as it was produced, so a package can carry the
# letter that was sent even after the profile, the templates or the request's date have changed.
_V5_PACKAGES = """
CREATE TABLE signing_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    algorithm TEXT NOT NULL CHECK (algorithm = 'ed25519'),
    private_key BLOB NOT NULL,
    public_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);
ALTER TABLE requests ADD COLUMN letter_text TEXT;
"""

# A step is an SQL script, or a function for what SQL alone cannot do (computing values in Python).
Migration = str | Callable[[Any], None]
MIGRATIONS: tuple[Migration, ...] = (_V1, _v2_url_keys, _v3_requests, _V4_URL_CHECKS, _V5_PACKAGES)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_supported(conn: Any) -> int:
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise VaultTooNew(found=version, supported=SCHEMA_VERSION)
    return version


def migrate(conn: Any) -> None:
    """Bring the schema up to SCHEMA_VERSION; each step and its version bump commit together."""
    version = check_supported(conn)
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[number - 1]
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        in_trigger = joined.upper().startswith("CREATE TRIGGER") and not joined.upper().endswith("END;")
        if joined.endswith(";") and not in_trigger:
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
