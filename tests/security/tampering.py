"""Tampering attempts, enumerated systematically, against the evidence package and the vault's audit chain.

Package: every member (delete, flip a byte at its start, middle and end, cut it in half, append a byte,
replace it with the same member of another package, rename it), every line of every text member (delete,
duplicate, swap with the next, replay a line of the other package), every field of manifest.json and of every
audit event (changed), extra members (top level, under letters/ and originals/, a name that climbs out). Each
is tried twice: as is (must fail `verify`), and by a forger who then re-computes SHA256SUMS and signs with a
key of their own (must fail `verify --expect-key` with the sender's fingerprint).

Vault: every field of every audit event changed, every event but each chain's newest deleted, neighbours
swapped, an event replayed at the end, an event moved to another case; the append-only triggers are dropped
first, as someone holding the key would. `vault check` must report each. (Deleting a chain's newest events
and forging new ones with correct hashes cannot be seen inside the vault by anyone holding its key: the chain
has no secret; a package records its head and length, and the package attempts catch that. SECURITY.md
says so.)
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from victim_desk.core import package as fmt

Members = dict[str, bytes]


@dataclass
class TamperTally:
    attempts: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, label: str, caught: bool) -> None:
        self.attempts += 1
        if caught:
            self.caught += 1
        else:
            self.missed.append(label)


def members_of(path: Path) -> Members:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def zip_bytes(members: Members | list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(name, data)
    return out.getvalue()


def resign(members: Members, key: fmt.SigningKey) -> Members:
    """What a forger does: recompute every sum, sign with their own key, ship their own public key."""
    forged = dict(members)
    forged[fmt.KEY] = key.public_pem() if hasattr(key, "public_pem") else forged.get(fmt.KEY, b"")
    summed = [(n, hashlib.sha256(d).hexdigest()) for n, d in forged.items() if n not in fmt.UNSUMMED]
    forged[fmt.SUMS] = fmt.sums_bytes(summed)
    forged[fmt.SIGNATURE] = key.sign(forged[fmt.SUMS])
    return forged


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    else:
        yield path, value


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if value is None:
        return "x"
    text = str(value)
    return text[:-1] + ("0" if text[-1:] != "0" else "1") if text else "x"


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(root))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


def package_attempts(members: Members, other: Members) -> Iterator[tuple[str, Members]]:
    """(label, tampered members) for every attempt of the module docstring."""
    for name, data in members.items():
        yield f"{name}: deleted", {n: d for n, d in members.items() if n != name}
        for where, at in (("start", 0), ("middle", len(data) // 2), ("end", max(0, len(data) - 1))):
            if data:
                flipped = bytearray(data)
                flipped[at] ^= 0x01
                yield f"{name}: byte flipped at {where}", {**members, name: bytes(flipped)}
        yield f"{name}: cut in half", {**members, name: data[: len(data) // 2]}
        yield f"{name}: a byte appended", {**members, name: data + b"\n"}
        if name in other and other[name] != data:
            yield f"{name}: replaced by another package's", {**members, name: other[name]}
        renamed = {n: d for n, d in members.items() if n != name}
        renamed[f"renamed-{name.replace('/', '-')}"] = data
        yield f"{name}: renamed", renamed
        if name.endswith((".txt", ".csv", ".jsonl")) or name == fmt.SUMS:
            yield from _line_attempts(name, data, members, other)
    manifest = json.loads(members[fmt.MANIFEST])
    for path, value in _leaves(manifest):
        changed = json.dumps(_set(manifest, path, _changed(value)), ensure_ascii=False).encode()
        yield f"manifest.json: {'/'.join(map(str, path))} changed", {**members, fmt.MANIFEST: changed}
    events = [json.loads(line) for line in members[fmt.AUDIT].decode().splitlines() if line.strip()]
    for index, event in enumerate(events):
        for key, value in event.items():
            if isinstance(value, dict):
                for inner, inner_value in value.items():
                    altered = _set(events, (index, key, inner), _changed(inner_value))
                    yield (
                        f"audit.jsonl: event {index} {key}/{inner} changed",
                        {**members, fmt.AUDIT: _jsonl(altered)},
                    )
                continue
            altered = _set(events, (index, key), _changed(value))
            yield f"audit.jsonl: event {index} {key} changed", {**members, fmt.AUDIT: _jsonl(altered)}
    for extra in ("extra.txt", "letters/extra.txt", "originals/case1-evidence9.png", "../outside.txt",
                  "/absolute.txt", "letters\\back.txt"):  # fmt: skip
        yield f"member added: {extra}", {**members, extra: b"added after signing\n"}


def _jsonl(events: list[Any]) -> bytes:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode()


def _line_attempts(name: str, data: bytes, members: Members, other: Members) -> Iterator[tuple[str, Members]]:
    lines = data.splitlines(keepends=True)
    for i in range(len(lines)):
        yield f"{name}: line {i + 1} deleted", {**members, name: b"".join(lines[:i] + lines[i + 1 :])}
        yield f"{name}: line {i + 1} duplicated", {**members, name: b"".join(lines[: i + 1] + lines[i:])}
        if i + 1 < len(lines) and lines[i] != lines[i + 1]:
            swapped = [*lines[:i], lines[i + 1], lines[i], *lines[i + 2 :]]
            yield f"{name}: lines {i + 1} and {i + 2} swapped", {**members, name: b"".join(swapped)}
    for j, line in enumerate((other.get(name) or b"").splitlines(keepends=True)):
        if line not in lines:
            yield f"{name}: other package's line {j + 1} replayed", {**members, name: data + line}


def run_package(
    package: Path,
    other: Path,
    sender_fingerprint: str,
    forger: fmt.SigningKey,
    verify: Callable[..., Any],
    every: int = 1,
) -> TamperTally:
    """Every attempt twice (as is; re-signed by `forger`), each through the real `verify`. `every` > 1 tries
    every n-th attempt only (CI; spread evenly over the kinds), the long run tries them all."""
    tally = TamperTally()
    members, others = members_of(package), members_of(other)
    scratch = package.parent / "tampered.zip"
    scratch.write_bytes(zip_bytes(members))
    if not verify(scratch, expect_key=sender_fingerprint).ok:
        raise AssertionError("the untouched package, re-zipped, must verify: the set would prove nothing")
    for n, (label, tampered) in enumerate(package_attempts(members, others)):
        if n % every:
            continue
        scratch.write_bytes(zip_bytes(tampered))
        tally.add(label, not verify(scratch).ok)
        scratch.write_bytes(zip_bytes(resign(tampered, forger)))
        tally.add(f"{label} (re-signed)", not verify(scratch, expect_key=sender_fingerprint).ok)
    scratch.write_bytes(zip_bytes([*members.items(), *list(members.items())[:1]]))
    tally.add("a member repeated under the same name", not verify(scratch).ok)
    return tally


def vault_attempts(events: list[dict[str, Any]]) -> Iterator[tuple[str, list[str]]]:
    """(label, SQL statements) against the audit table, given its rows as dicts."""
    newest = {}
    for e in events:
        newest[e["case_id"]] = e["seq"]
    last_seq = max(e["seq"] for e in events)
    for e in events:
        seq = e["seq"]
        for column in ("at", "action", "entity", "entity_id", "case_id", "details", "prev_hash", "hash"):
            value = (
                _changed(e[column]) if column != "details" else json.dumps({**json.loads(e[column]), "x": 1})
            )
            if column == "case_id" and e[column] is None:
                value = 1
            yield (
                f"event {seq}: {column} changed",
                [f"UPDATE audit SET {column} = {_sql(value)} WHERE seq = {seq}"],
            )
        if newest[e["case_id"]] != seq:
            yield f"event {seq}: deleted", [f"DELETE FROM audit WHERE seq = {seq}"]
        yield (
            f"event {seq}: replayed at the end",
            [
                f"INSERT INTO audit SELECT {last_seq + 1}, at, action, entity, entity_id, case_id, details, "
                "prev_hash, "
                f"hash FROM audit WHERE seq = {seq}"
            ],
        )
    for a, b in itertools.pairwise(events):
        if a["case_id"] == b["case_id"]:
            yield (
                f"events {a['seq']} and {b['seq']}: swapped",
                [
                    f"UPDATE audit SET seq = -1 WHERE seq = {a['seq']}",
                    f"UPDATE audit SET seq = {a['seq']} WHERE seq = {b['seq']}",
                    f"UPDATE audit SET seq = {b['seq']} WHERE seq = -1",
                ],
            )


def _sql(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


class _RollBack(Exception):
    pass


def run_vault(desk: Any, every: int = 1) -> TamperTally:
    """Every vault attempt inside a transaction that is rolled back afterwards, so each starts from the
    same chain; `vault check` runs on the transaction's own connection and sees the tampered rows."""
    tally = TamperTally()
    vault = desk._vault
    columns = ("seq", "at", "action", "entity", "entity_id", "case_id", "details", "prev_hash", "hash")
    rows = vault.conn.execute(f"SELECT {', '.join(columns)} FROM audit ORDER BY seq").fetchall()
    events = [dict(zip(columns, row, strict=True)) for row in rows]
    if desk.admin.check().damage:
        raise AssertionError("the untouched vault must check sound: the set would prove nothing")
    for n, (label, statements) in enumerate(vault_attempts(events)):
        if n % every:
            continue
        found: list[bool] = []
        try:
            with vault.transaction() as conn:
                conn.execute("DROP TRIGGER audit_is_append_only_update")
                conn.execute("DROP TRIGGER audit_is_append_only_delete")
                for statement in statements:
                    conn.execute(statement)
                found.append(bool(desk.admin.check().damage))
                raise _RollBack()
        except _RollBack:
            pass
        tally.add(f"vault audit: {label}", found == [True])
    return tally
