"""The same address is recorded once per case: re-imports, repeated lines and IDN spellings are duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, Cli
from victim_desk.desk import Desk
from victim_desk.errors import DuplicateSighting
from victim_desk.storage import migrations


def test_reimporting_the_same_list_adds_nothing(desk: Desk, tmp_path: Path) -> None:
    case = desk.cases.add("같은 목록")
    listing = tmp_path / "urls.txt"
    listing.write_text("https://t.me/room/1\nhttps://t.me/room/2\nhttps://example.org/a\n", encoding="utf-8")
    first = desk.sightings.import_file(case, listing)
    assert len(first.added) == 3 and first.duplicates == []
    again = desk.sightings.import_file(case, listing)
    assert again.added == []
    assert [(d.line, d.existing) for d in again.duplicates] == list(zip([1, 2, 3], first.added, strict=True))
    assert len(list(desk.sightings.list(case))) == 3


def test_repeats_within_one_file_keep_the_first(desk: Desk, tmp_path: Path) -> None:
    case = desk.cases.add("반복")
    listing = tmp_path / "urls.txt"
    # http/https, a default port and an empty path are all the same place.
    listing.write_text(
        "https://t.me/room/7\nhttp://t.me:80/room/7\nhttps://example.org\nhttps://EXAMPLE.org/\n",
        encoding="utf-8",
    )
    report = desk.sightings.import_file(case, listing)
    assert [s.url for s in desk.sightings.list(case)] == ["https://t.me/room/7", "https://example.org"]
    assert [(d.line, d.first_line, d.existing) for d in report.duplicates] == [(2, 1, None), (4, 3, None)]


def test_a_hangul_domain_and_its_punycode_are_one_address(desk: Desk) -> None:
    case = desk.cases.add("한글 도메인")
    first = desk.sightings.add(case, "https://한국.kr/게시판/1")
    with pytest.raises(DuplicateSighting) as info:
        desk.sightings.add(case, "https://xn--3e0b707e.kr/%EA%B2%8C%EC%8B%9C%ED%8C%90/1")
    assert info.value.params == {"id": first.id}
    assert f"sighting {first.id}" in info.value.message("en")


def test_another_case_may_hold_the_same_address(desk: Desk) -> None:
    one, two = desk.cases.add("하나"), desk.cases.add("둘")
    desk.sightings.add(one, "https://t.me/shared/1")
    assert desk.sightings.add(two, "https://t.me/shared/1").case_id == two


def test_vaults_from_before_duplicate_keys_are_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A vault at schema 1 (no url_key column) with a sighting already in it ...
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        m.setattr(migrations, "SCHEMA_VERSION", 1)
        with Desk.create(tmp_path / "v", PASSPHRASE) as old:
            case = old.cases.add("예전 보관함")
            old._vault.conn.execute(
                "INSERT INTO sightings (case_id, url, platform, created_at, updated_at)"
                " VALUES (?, 'https://한국.kr/old', 'web', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00')",
                (case,),
            )
    # ... opened by this version: the key is filled in and the old row is recognised.
    with Desk.open(tmp_path / "v", PASSPHRASE) as desk:
        assert migrations.current_version(desk._vault.conn) == migrations.SCHEMA_VERSION
        with pytest.raises(DuplicateSighting):
            desk.sightings.add(case, "https://xn--3e0b707e.kr/old")


def test_cli_reports_each_duplicate_line(ready_cli: Cli, tmp_path: Path) -> None:
    case = json.loads(ready_cli("case", "add", "--title", "t", "--json").stdout)["id"]
    listing = tmp_path / "urls.csv"
    listing.write_text("url\nhttps://t.me/a/1\nhttps://t.me/a/1\n", encoding="utf-8")
    first = ready_cli("--lang", "en", "sighting", "import", "--case", str(case), str(listing), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["duplicates"] == 1
    assert "line 3: the same address as line 2 of this file; skipped." in first.stderr
    again = ready_cli("--lang", "en", "sighting", "import", "--case", str(case), str(listing))
    assert again.returncode == 0, again.stderr
    assert "line 2: already recorded as sighting 1; skipped." in again.stderr
    assert "2 addresses already recorded were not saved again." in again.stdout
