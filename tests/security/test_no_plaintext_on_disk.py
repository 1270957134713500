"""No case field may appear in the clear in any file the app writes: the database, its WAL/SHM/journal,
temp files, the user's config/data/cache/log folders, backups. Raw bytes are searched for each field in
UTF-8 and UTF-16 (both byte orders), while the vault is open and after it is closed.

Every needle is at least 8 bytes: a shorter one turns up in kilobytes of random ciphertext by chance (a
3-byte needle in ~1 MB of noise does so in about 6% of runs), and the test would fail for no reason."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, Cli
from victim_desk import logs
from victim_desk.cli import commands, main
from victim_desk.desk import Desk

MIN_NEEDLE = 8

SECRETS = {
    "title": "사건제목표식-QX7",
    "url": "https://t.me/zqxjmarkerroom/771",
    "note": "비밀메모표식 wkpbn",
    "name": "홍길동표식사람",
    "email": "marker.qzv@example.org",
    "phone": "010-9876-5432",
    "org": "표식지원기관센터",
}


def _needles() -> list[tuple[str, bytes]]:
    needles = []
    for field, value in SECRETS.items():
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            needles.append((f"{field}/{encoding}", value.encode(encoding)))
        # Distinctive fragments too, in case a value is stored split or normalised.
        needles.append((f"{field}/fragment", value[2:-2].encode("utf-8")))
    short = [label for label, needle in needles if len(needle) < MIN_NEEDLE]
    assert not short, f"needles shorter than {MIN_NEEDLE} bytes match ciphertext by chance: {short}"
    return needles


def test_every_needle_is_long_enough_to_never_match_by_chance() -> None:
    assert min(len(needle) for _, needle in _needles()) >= MIN_NEEDLE


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


def test_nothing_in_the_clear_after_cli_use(
    cli: Cli, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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

    # The unexpected-error path is the one that writes the log. Nothing reaches it on its own, so a
    # handler crashes after saving, with an exception message that quotes the case data and the vault path,
    # as a message from SQLite or Pillow could.
    saving = commands.sighting_add

    def crash_after_saving(args: argparse.Namespace, lang: str) -> int:
        saving(args, lang)
        raise RuntimeError(f"could not show {args.url} ({args.note}) from {cli.vault}")

    monkeypatch.setattr(commands, "sighting_add", crash_after_saving)
    monkeypatch.setenv("VICTIM_DESK_PASSPHRASE", PASSPHRASE)
    code = main(["--vault", str(cli.vault), "sighting", "add", "--case", "1",
                 "--url", f"{SECRETS['url']}/crash", "--note", SECRETS["note"]])  # fmt: skip
    assert code == 1
    log = logs.log_path()
    assert log.is_relative_to(isolated_home), "the log must be inside the scanned folders"
    text = log.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "crash_after_saving" in text
    assert SECRETS["url"] not in text and SECRETS["note"] not in text and str(cli.vault) not in text
    assert _leaks([tmp_path, isolated_home]) == []


def test_nothing_in_the_clear_after_a_full_cli_session(cli: Cli, tmp_path: Path, isolated_home: Path) -> None:
    """Every command that reads or writes case data, as a person would run them. The files she asks for
    (letters, packages, lists) go to an outbox that is hers and is not searched; the outbox must hold no
    partial file afterwards, and nothing else the app writes may hold a case field."""
    import numpy as np
    from PIL import Image

    outside = tmp_path.parent / f"{tmp_path.name}-outbox"
    outside.mkdir()
    photo = outside / "사진표식파일.png"
    Image.fromarray(np.random.default_rng(5).integers(0, 256, (80, 100, 3), dtype=np.uint8)).save(photo)
    sheet = outside / "list.csv"
    sheet.write_text(f"url,note\n{SECRETS['url']}/csv,{SECRETS['note']}\n", encoding="utf-8")
    steps = [
        ("vault", "init"),
        ("profile", "set", "--name", SECRETS["name"], "--email", SECRETS["email"],
         "--phone", SECRETS["phone"], "--role", "counselor", "--organization", SECRETS["org"]),
        ("case", "add", "--title", SECRETS["title"]),
        ("sighting", "add", "--case", "1", "--url", SECRETS["url"], "--note", SECRETS["note"]),
        ("sighting", "import", "--case", "1", str(sheet)),
        ("sighting", "list", "--case", "1", "--json"),
        ("evidence", "add", "--case", "1", "--keep-preview", "--keep-original", str(photo)),
        ("evidence", "list", "--case", "1"),
        ("hashlist", "export", "--case", "1", "-o", str(outside / "hashes.csv")),
        ("match", "--against", str(outside / "hashes.csv"), str(photo)),
        ("letter", "--case", "1", "--platform", "telegram", "--to", "telegram", "--jurisdiction", "US",
         "--lang", "en", "--authority", "위임장 (2026-11-30 작성)", "-o", str(outside / "letter.pdf")),
        ("letter", "--sighting", "1", "--to", "telegram", "--jurisdiction", "KR", "--lang", "ko",
         "--format", "eml", "--authority", "위임장 (2026-11-30 작성)", "-o", str(outside / "letter.eml")),
        ("request", "list", "--json"),
        ("request", "next"),
        ("referral", "--case", "1", "--to", "d4u", "--share", "sightings", "--share", "name", "-o",
         str(outside / "referral.pdf")),
        ("monitor", "--case", "1"),
        ("export", "--case", "1", "-o", str(outside / "package.zip")),
        ("verify", str(outside / "package.zip")),
        ("vault", "backup", "-o", str(outside / "backup.vdbackup")),
        ("vault", "check"),
    ]  # fmt: skip
    for step in steps:
        result = cli(*step)
        assert result.returncode == 0, (step, result.stderr)
    assert not [p.name for p in outside.iterdir() if p.name.endswith(".partial")]
    assert {"letter.pdf", "letter.eml", "referral.pdf", "package.zip"} <= {p.name for p in outside.iterdir()}
    assert _leaks([tmp_path, isolated_home]) == []
    # the search does find case data where it is in the clear: the letter she asked for
    assert _leaks([outside]) != []
