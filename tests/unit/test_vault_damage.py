"""Damage is reported, never hidden: an emptied vault.db is refused untouched, a flipped byte becomes
VaultDamaged and plain findings (no SQLCipher log lines), a damaged backup is not restored, and what the
WAL holds is checkpointed and a leftover one is noticed."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, Cli
from victim_desk.desk import Desk
from victim_desk.errors import BackupDamaged, VaultDamaged, VaultFileMissing
from victim_desk.storage.vault import DB_NAME, KEY_NAME, WAL_NAME, Finding, Vault

_PAGE = 4096
_ROWS = 300


def _vault_with_pages(path: Path) -> int:
    """A closed vault with several pages of sightings (so page 3, the cases table, is one of many)."""
    source = path.parent / "rows.txt"
    source.write_text(
        "".join(f"https://example.com/some/long/path/{i:05d}/{'x' * 120}\n" for i in range(_ROWS)),
        encoding="utf-8",
    )
    with Desk.create(path, PASSPHRASE) as desk:
        case = desk.cases.add("손상 시험")
        assert len(desk.sightings.import_file(case, source).added) == _ROWS
    assert (path / DB_NAME).stat().st_size > 20 * _PAGE
    return case


def _flip(file: Path, offset: int) -> None:
    data = bytearray(file.read_bytes())
    data[offset] ^= 0xFF
    file.write_bytes(bytes(data))


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("how", ["emptied", "deleted"])
def test_a_missing_or_empty_vault_file_is_refused_and_nothing_is_written(tmp_path: Path, how: str) -> None:
    path = tmp_path / "v"
    Vault.create(path, PASSPHRASE).close()
    if how == "emptied":
        (path / DB_NAME).write_bytes(b"")
    else:
        (path / DB_NAME).unlink()
    before = _listing(path)
    with pytest.raises(VaultFileMissing) as info:
        Desk.open(path, PASSPHRASE)
    assert "restore" in info.value.message("en") and "백업" in info.value.message("ko")
    assert _listing(path) == before  # same names, same bytes: no new database, no -wal, no -shm


def test_vault_check_on_an_emptied_vault_file_says_so(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "vault")
    assert cli("vault", "init").returncode == 0
    (cli.vault / DB_NAME).write_bytes(b"")
    result = cli("vault", "check", env={"VICTIM_DESK_LANG": "en"})
    assert result.returncode != 0
    assert "missing or empty" in result.stderr and "good order" not in result.stdout
    assert (cli.vault / DB_NAME).read_bytes() == b""


def test_a_flipped_byte_is_reported_plainly_and_everyday_use_raises_vault_damaged(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v"
    case = _vault_with_pages(path)
    _flip(path / DB_NAME, _PAGE * 2 + 100)  # inside page 3: the root of the cases table

    with Desk.open(path, PASSPHRASE) as desk:
        findings = desk._vault.integrity_findings()
        assert Finding("vault.finding.pages_damaged", {"pages": "3"}) in findings
        assert Finding("vault.finding.table_damaged", {"table": "cases"}) in findings
        assert Finding("vault.finding.table_damaged", {"table": "sightings"}) not in findings
        assert all(f.damage for f in findings)
        assert "damaged pages: 3 (they fail authentication)" in desk._vault.integrity_problems()
        assert any("손상된 페이지: 3" in f.message("ko") for f in findings)

        with pytest.raises(VaultDamaged):
            desk.cases.list()
        with pytest.raises(VaultDamaged):
            desk.cases.add("one more")
        with pytest.raises(VaultDamaged):
            list(desk.sightings.list(case))  # it checks the case exists first, in the damaged table
        # The same thread carries on with a fresh connection: what is undamaged can still be read.
        assert desk._vault.conn.execute("SELECT count(*) FROM sightings").fetchone()[0] == _ROWS
        assert [e.action for e in desk.audit.events(case)][:1] == ["case.add"]
        assert not desk.admin.check().sound  # the application layer's check still answers, with the findings

    err = capfd.readouterr().err
    assert "ERROR CORE" not in err and "hmac" not in err.lower()


def test_vault_check_on_a_flipped_byte_lists_findings_without_log_lines(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "vault")
    _vault_with_pages(cli.vault)
    _flip(cli.vault / DB_NAME, _PAGE * 2 + 100)
    result = cli("vault", "check", env={"VICTIM_DESK_LANG": "en"})
    assert result.returncode == 1
    assert "damaged pages: 3" in result.stderr and "cases" in result.stderr
    assert "ERROR CORE" not in result.stderr and "unexpected" not in result.stderr.lower()
    listing = cli("case", "list", env={"VICTIM_DESK_LANG": "en"})
    assert listing.returncode != 0 and "damaged" in listing.stderr and "ERROR CORE" not in listing.stderr


def test_a_damaged_backup_is_not_restored_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "v"
    _vault_with_pages(path)
    with Vault.open(path, PASSPHRASE) as vault:
        vault.backup(tmp_path / "good.vdbackup")
    with zipfile.ZipFile(tmp_path / "good.vdbackup") as zf:
        db, key = bytearray(zf.read(DB_NAME)), zf.read(KEY_NAME)
    db[_PAGE * 2 + 100] ^= 0xFF
    # A well-formed ZIP around a damaged database: only checking the pages can tell.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(DB_NAME, bytes(db))
        zf.writestr(KEY_NAME, key)
    (tmp_path / "bad.vdbackup").write_bytes(buffer.getvalue())
    target = tmp_path / "restored"
    before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(BackupDamaged):
        Vault.restore(tmp_path / "bad.vdbackup", target, PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no vault, no staging folder

    # A ZIP whose stored bytes were flipped fails its CRC: also BackupDamaged, not a raw error.
    raw = bytearray((tmp_path / "good.vdbackup").read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (tmp_path / "crc.vdbackup").write_bytes(bytes(raw))
    with pytest.raises(BackupDamaged):
        Vault.restore(tmp_path / "crc.vdbackup", target, PASSPHRASE)
    assert not target.exists()

    with Vault.restore(tmp_path / "good.vdbackup", target, PASSPHRASE) as restored:
        assert restored.integrity_findings() == []


def test_checkpoint_moves_the_wal_into_the_vault_file(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        desk.sightings.add(desk.cases.add("wal"), "https://t.me/checkpointed_row")
        assert (tmp_path / "v" / WAL_NAME).stat().st_size > 0
        assert desk._vault.checkpoint() is True
        assert (tmp_path / "v" / WAL_NAME).stat().st_size == 0
    assert not (tmp_path / "v" / WAL_NAME).exists() or (tmp_path / "v" / WAL_NAME).stat().st_size == 0


def test_a_leftover_wal_is_a_notice_not_damage(tmp_path: Path) -> None:
    crashed = tmp_path / "crashed"
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("남은 기록")
        desk.sightings.add(case, "https://t.me/only_in_the_wal")
        # A copy taken now looks like a vault after a crash: the last rows live only in the -wal file.
        crashed.mkdir(mode=0o700)
        for name in (DB_NAME, WAL_NAME, KEY_NAME):
            shutil.copy2(tmp_path / "v" / name, crashed / name)
    assert (crashed / WAL_NAME).stat().st_size > 0

    with Desk.open(crashed, PASSPHRASE) as desk:
        assert desk._vault.integrity_findings() == [Finding("vault.finding.leftover_wal", damage=False)]
        assert desk._vault.integrity_problems() == []
        assert [s.url for s in desk.sightings.list(case)] == ["https://t.me/only_in_the_wal"]
    with Vault.open(crashed, PASSPHRASE) as vault:  # closed cleanly last time: nothing to say
        assert vault.integrity_findings() == []


def test_a_broken_index_is_counted_in_the_messages_language_without_sqlites_words(tmp_path: Path) -> None:
    from victim_desk.storage.connection import connect

    path = tmp_path / "v"
    with Desk.create(path, PASSPHRASE) as desk:
        case = desk.cases.add("구조 시험")
        desk.sightings.add(case, "https://t.me/structure/1")
        desk.sightings.add(case, "https://t.me/structure/2")
        key = bytes(desk._vault._key)
    conn = connect(path / DB_NAME, key)
    conn.execute("PRAGMA writable_schema=ON")  # the index now claims columns its entries were not built on
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX sightings_by_case ON sightings (id, case_id)'"
        " WHERE name = 'sightings_by_case'"
    )
    conn.commit()
    conn.close()
    with Desk.open(path, PASSPHRASE) as desk:
        findings = [f for f in desk._vault.integrity_findings() if f.key == "vault.finding.structure"]
    assert findings == [Finding("vault.finding.structure", {"count": 1})]
    assert findings[0].message("ko") == "데이터베이스 구조 검사에서 문제가 1건 나왔습니다"
    assert "missing from index" not in findings[0].message("en")


def test_a_structure_check_that_cannot_run_says_so_in_korean(tmp_path: Path) -> None:
    from victim_desk.storage.vault import _structure_findings

    path = tmp_path / "v"
    Vault.create(path, PASSPHRASE).close()
    findings = _structure_findings(path / DB_NAME, bytes(32))  # a key that opens nothing
    assert findings == [Finding("vault.finding.structure_unfinished")]
    assert findings[0].message("ko") == "데이터베이스 구조 검사를 끝까지 하지 못했습니다"
