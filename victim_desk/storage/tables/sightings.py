"""The `sightings` table: where material was found, and its status."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from victim_desk.core.model import NewSighting, Sighting, SightingStatus, iso
from victim_desk.errors import SightingNotFound
from victim_desk.storage.tables.audit import AuditEntry, AuditWriter
from victim_desk.storage.tables.common import moment, now

_SIGHTING_COLUMNS = "id, case_id, url, platform, seen_at, status, last_checked, note"


# A dict lookup instead of calling the enum: a third of the cost of a row when a letter reads thousands.
_STATUS = {status.value: status for status in SightingStatus}


def _sighting(row: tuple[Any, ...]) -> Sighting:
    return Sighting(
        id=row[0],
        case_id=row[1],
        url=row[2],
        platform=row[3],
        seen=moment(row[4]),
        status=_STATUS.get(row[5]) or SightingStatus(row[5]),
        last_checked=moment(row[6]),
        note=row[7],
    )


def add_sightings(
    conn: Any,
    audit: AuditWriter,
    case_id: int,
    sightings: Iterable[tuple[NewSighting, str]],
    source: str = "manual",
) -> list[int]:
    """Insert (sighting, its duplicate key) pairs; returns their ids in order."""
    stamp = now()
    stamp_text = iso(stamp)
    pairs = list(sightings)
    items = [item for item, _ in pairs]
    # Ids are given explicitly (inside the caller's IMMEDIATE transaction nobody else can take them), so
    # rows and their audit events go in with two bulk inserts instead of a round trip per row.
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sightings").fetchone()[0])
    ids = list(range(first, first + len(items)))
    conn.executemany(
        "INSERT INTO sightings (id, case_id, url, url_key, platform, seen_at, note, status, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'found', ?, ?)",
        [
            (sid, case_id, item.url, key, item.platform, iso(item.seen), item.note, stamp_text, stamp_text)
            for sid, (item, key) in zip(ids, pairs, strict=True)
        ],
    )
    events = []
    for sid, item in zip(ids, items, strict=True):
        details = {"url": item.url, "platform": item.platform, "seen": iso(item.seen), "note": item.note}
        events.append(AuditEntry("sighting.add", "sighting", sid, case_id, {**details, "source": source}))
    audit.append_many(events, at=stamp)
    return ids


def list_sightings(conn: Any, case_id: int) -> Iterator[Sighting]:
    cursor = conn.execute(
        f"SELECT {_SIGHTING_COLUMNS} FROM sightings WHERE case_id = ? ORDER BY id", (case_id,)
    )
    for row in cursor:
        yield _sighting(row)


def open_addresses(conn: Any, case_id: int) -> list[tuple[int, str, str]]:
    """(id, platform, url) of the case's sightings not marked removed, in order: what a letter can cover,
    without building a whole Sighting per row (a case can hold 100,000)."""
    cursor = conn.execute(
        "SELECT id, platform, url FROM sightings WHERE case_id = ? AND status != ? ORDER BY id",
        (case_id, SightingStatus.REMOVED.value),
    )
    return [(row[0], row[1], row[2]) for row in cursor]


def sighting_json_lines(conn: Any, case_id: int) -> Iterator[str]:
    """The case's sightings as ready-made JSON Lines, built by SQLite itself.

    This is `Sighting.to_json()` computed in C: listing 100,000 sightings is a counselor's daily command,
    and building a dataclass and a dict per row in Python costs four times the database read. A test keeps
    the two forms identical.
    """
    cursor = conn.execute(
        "SELECT json_object('id', id, 'case', case_id, 'url', url, 'platform', platform, 'seen', seen_at,"
        " 'status', status, 'last_checked', last_checked, 'note', note)"
        " FROM sightings WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    for (line,) in cursor:
        yield line


def get_sighting(conn: Any, sighting_id: int) -> Sighting:
    row = conn.execute(f"SELECT {_SIGHTING_COLUMNS} FROM sightings WHERE id = ?", (sighting_id,)).fetchone()
    if row is None:
        raise SightingNotFound(sighting_id=sighting_id)
    return _sighting(row)


def get_sightings(conn: Any, sighting_ids: Iterable[int]) -> list[Sighting]:
    """The sightings with these ids, in the order given, read a few hundred per query (a letter may cover
    thousands: one query each was most of the letter wizard's wait). A missing id raises as get_sighting."""
    wanted = list(sighting_ids)
    found: dict[int, Sighting] = {}
    unique = list(dict.fromkeys(wanted))
    for start in range(0, len(unique), 500):  # well under SQLite's limit on bound parameters
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {_SIGHTING_COLUMNS} FROM sightings WHERE id IN ({marks})"
        cursor = conn.execute(sql, tuple(chunk))
        found.update((row[0], _sighting(row)) for row in cursor)
    for sighting_id in wanted:
        if sighting_id not in found:
            raise SightingNotFound(sighting_id=sighting_id)
    return [found[sighting_id] for sighting_id in wanted]


def set_sighting_status(
    conn: Any, audit: AuditWriter, sighting_id: int, status: SightingStatus, checked: bool = False
) -> Sighting:
    before = get_sighting(conn, sighting_id)
    stamp = iso(now())
    conn.execute(
        "UPDATE sightings SET status = ?, updated_at = ?,"
        " last_checked = CASE WHEN ? THEN ? ELSE last_checked END WHERE id = ?",
        (str(status), stamp, checked, stamp, sighting_id),
    )
    audit.append(
        "sighting.status",
        "sighting",
        sighting_id,
        before.case_id,
        {"from": str(before.status), "to": str(status), "checked": checked},
    )
    return get_sighting(conn, sighting_id)


def existing_keys(conn: Any, case_id: int, keys: Iterable[str]) -> dict[str, int]:
    """Which of these duplicate keys the case already has, each with its first sighting's id."""
    wanted = json.dumps(list(dict.fromkeys(keys)), ensure_ascii=False)
    rows = conn.execute(
        "SELECT url_key, min(id) FROM sightings WHERE case_id = ?"
        " AND url_key IN (SELECT value FROM json_each(?)) GROUP BY url_key",
        (case_id, wanted),
    )
    return {key: int(first) for key, first in rows}


def set_statuses(
    conn: Any, audit: AuditWriter, sighting_ids: Iterable[int], status: SightingStatus, reason: str
) -> list[int]:
    """Give many sightings one status (a letter covering 500 addresses marks all 500 `requested`), with
    one audit event each naming `reason` (e.g. "request:12"). Sightings already in that status are left
    alone; returns the ids changed."""
    wanted = json.dumps(list(dict.fromkeys(sighting_ids)))
    rows = conn.execute(
        "SELECT id, case_id, status FROM sightings"
        " WHERE id IN (SELECT value FROM json_each(?)) AND status != ?",
        (wanted, str(status)),
    ).fetchall()
    if not rows:
        return []
    stamp = now()
    conn.executemany(
        "UPDATE sightings SET status = ?, updated_at = ? WHERE id = ?",
        [(str(status), iso(stamp), sid) for sid, _, _ in rows],
    )
    audit.append_many(
        [AuditEntry("sighting.status", "sighting", sid, case_id,
                    {"from": before, "to": str(status), "checked": False, "reason": reason})
         for sid, case_id, before in rows],
        at=stamp,
    )  # fmt: skip
    return [sid for sid, _, _ in rows]


def status_counts(conn: Any, case_id: int | None = None) -> dict[int, dict[str, int]]:
    """How many sightings each case has per status, counted by SQLite (no rows decoded)."""
    where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
    counts: dict[int, dict[str, int]] = {}
    for case, status, n in conn.execute(
        f"SELECT case_id, status, count(*) FROM sightings {where} GROUP BY case_id, status", params
    ):
        counts.setdefault(case, {})[status] = n
    return counts
