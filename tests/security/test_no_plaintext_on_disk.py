"""No case field may appear in the clear in any file the app writes: the database, its WAL/SHM/journal,
temp files, the user's config/data/cache/log folders, backups. Raw bytes are searched for each field in
UTF-8 and UTF-16 (both byte orders), while the vault is open and after it is closed."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE, Cli
from victim_desk.desk import Desk

SECRETS = {
    "title": "사건제목표식-QX7",
    "url": "https://t.me/zqxjmarkerroom/771",
    "note": "비밀메모표식 wkpbn",
    "name": "홍길동표식",
    "email": "marker.qzv@example.org",
    "phone": "010-9876-5432",
    "org": "표식지원기관",
}


def _needles() -> list[tuple[str, bytes]]:
    needles = []
    for field, value in SECRETS.items():
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            needles.append((f"{field}/{encoding}", value.encode(encoding)))
        # Distinctive fragments too, in case a value is stored split or normalised.
        needles.append((f"{field}/fragment", value[2:-2].encode("utf-8")))
    return needles


def _leaks(roots: list[Path]) -> list[str]:
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            found.extend(f"{path}: {label}" for label, needle in _needles() if needle in data)
    return found


def test_nothing_in_the_clear_while_open_and_after_close(tmp_path: Path, isolated_home: Path) -> None:
    vault = tmp_path / "vault"
    desk = Desk.create(vault, PASSPHRASE)
    desk.profile.set(SECRETS["name"], SECRETS["email"], SECRETS["phone"], "counselor", SECRETS["org"])
    case = desk.cases.add(SECRETS["title"])
    for i in range(50):  # enough rows to spill across pages and into the WAL
        desk.sightings.add(case, f"{SECRETS['url']}?n={i}", "telegram", "2026-11-20", SECRETS["note"])
    desk.admin.backup(tmp_path / "backup.vdbackup")
    assert (vault / "vault.db-wal").exists()
    assert _leaks([tmp_path, isolated_home]) == []
    desk.lock()
    assert _leaks([tmp_path, isolated_home]) == []


def test_nothing_in_the_clear_after_cli_use(cli: Cli, tmp_path: Path, isolated_home: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-inputs"
    outside.mkdir()
    sheet = outside / "sheet.csv"  # the user's own input file is theirs; it is not scanned
    sheet.write_text(f"url,note\n{SECRETS['url']}/csv,{SECRETS['note']}\nbroken row,\n", encoding="utf-8")
    assert cli("vault", "init").returncode == 0
    assert cli("profile", "set", "--name", SECRETS["name"], "--email", SECRETS["email"],
               "--phone", SECRETS["phone"]).returncode == 0  # fmt: skip
    assert cli("case", "add", "--title", SECRETS["title"]).returncode == 0
    assert (
        cli("sighting", "add", "--case", "1", "--url", SECRETS["url"], "--note", SECRETS["note"]).returncode
        == 0
    )
    assert cli("sighting", "import", "--case", "1", str(sheet)).returncode == 1
    # An unexpected-error path writes the log; make sure one exists to be scanned.
    assert cli("sighting", "add", "--case", "1", "--url", SECRETS["url"] + " x").returncode != 0
    assert _leaks([tmp_path, isolated_home]) == []
