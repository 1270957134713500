"""The CLI as a new user and a counselor's script would use it, in real processes on a real vault."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PASSPHRASE, Cli, is_usage_error
from victim_desk.errors import (
    CaseNotFound,
    EmptyTitle,
    FileMissing,
    FutureDate,
    ImportFileUnreadable,
    InvalidDate,
    InvalidStatus,
    InvalidUrl,
    NoPassphrase,
    OutputExists,
    UnknownPlatform,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
)
from victim_desk.i18n import t


def _json_lines(text: str) -> list[dict]:
    lines = text.splitlines()
    assert all(line.startswith("{") and line.endswith("}") for line in lines), text
    return [json.loads(line) for line in lines]


def _one_calm_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_round_trip_as_a_new_user(cli: Cli, tmp_path: Path) -> None:
    init = cli("vault", "init")
    assert init.returncode == 0, init.stderr
    assert "보관함을 만들었습니다" in init.stdout

    assert cli("profile", "set", "--name", "김상담", "--email", "counselor@example.org",
               "--role", "counselor", "--organization", "지원센터").returncode == 0  # fmt: skip
    profile = _json_lines(cli("profile", "show", "--json").stdout)[0]
    assert profile == {"name": "김상담", "email": "counselor@example.org", "phone": None,
                       "role": "counselor", "organization": "지원센터"}  # fmt: skip

    case = _json_lines(cli("case", "add", "--title", "텔레그램 방 사건", "--json").stdout)[0]
    assert set(case) == {"id"}
    added = cli("sighting", "add", "--case", str(case["id"]), "--url", "https://t.me/room/5",
                "--platform", "telegram", "--seen", "2026-11-20T21:15+09:00", "--note", "단체방",
                "--json")  # fmt: skip
    assert added.returncode == 0, added.stderr
    rows = _json_lines(cli("sighting", "list", "--case", str(case["id"]), "--json").stdout)
    assert len(rows) == 1
    row = rows[0]
    assert {"id", "url", "platform", "seen", "status", "last_checked", "note"} <= set(row)
    assert (row["url"], row["platform"], row["status"], row["note"]) == (
        "https://t.me/room/5", "telegram", "found", "단체방",
    )  # fmt: skip
    assert row["seen"] == "2026-11-20T21:15:00+09:00"

    human = cli("case", "list")
    assert human.stdout == "   1  텔레그램 방 사건  (발견 1건, 증거 0건)\n"
    english = cli("--lang", "en", "case", "list")
    assert english.stdout == "   1  텔레그램 방 사건  (1 sightings, 0 evidence)\n"

    status = cli("sighting", "status", str(row["id"]), "removed", "--json")
    assert _json_lines(status.stdout)[0]["status"] == "removed"
    assert cli("vault", "check").returncode == 0


def test_bulk_import_keeps_good_rows_and_names_bad_ones(ready_cli: Cli, tmp_path: Path) -> None:
    case = _json_lines(ready_cli("case", "add", "--title", "bulk", "--json").stdout)[0]["id"]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "url,platform,seen,note\n"
        "https://t.me/a,,2026-11-01,first\n"
        "nonsense,,,\n"
        "https://x.com/b,,2099-01-01,future\n"
        "https://blog.naver.com/c,naver,,\n",
        encoding="utf-8",
    )
    result = ready_cli("--lang", "en", "sighting", "import", "--case", str(case), str(sheet))
    assert result.returncode == 1  # some rows need a look
    assert result.stderr.splitlines() == [
        "line 3: " + InvalidUrl(url="nonsense").message("en"),
        "line 4: " + FutureDate(value="2099-01-01").message("en"),
    ]
    assert result.stdout == t("cli.import_done", "en", added=2, errors=2) + "\n"
    rows = _json_lines(ready_cli("sighting", "list", "--case", str(case), "--json").stdout)
    assert [(r["url"], r["platform"]) for r in rows] == [
        ("https://t.me/a", "telegram"), ("https://blog.naver.com/c", "naver"),
    ]  # fmt: skip

    urls = tmp_path / "urls.txt"
    urls.write_text("https://t.me/z\nhttps://discord.gg/q\n", encoding="utf-8")
    ok = ready_cli("sighting", "import", "--case", str(case), str(urls), "--json")
    assert ok.returncode == 0
    assert _json_lines(ok.stdout)[0]["added"] == 2


def test_passphrase_from_stdin_and_passwd(cli: Cli) -> None:
    assert (
        cli("vault", "init", "--passphrase-stdin", stdin=PASSPHRASE + "\n", passphrase=None).returncode == 0
    )
    assert cli("--passphrase-stdin", "case", "list", stdin=PASSPHRASE + "\n", passphrase=None).returncode == 0
    new = "새로운 암호 문장 2026"
    changed = cli("vault", "passwd", "--passphrase-stdin", "--new-passphrase-stdin",
                  stdin=f"{PASSPHRASE}\n{new}\n{new}\n", passphrase=None)  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert cli("case", "list").returncode != 0
    assert cli("case", "list", passphrase=new).returncode == 0
    mismatch = cli("vault", "passwd", "--new-passphrase-stdin", stdin="one passphrase\nanother one\n",
                   passphrase=new)  # fmt: skip
    assert mismatch.returncode != 0
    _one_calm_line(mismatch.stderr)
    assert cli("case", "list", passphrase=new).returncode == 0


def test_no_passphrase_without_a_terminal_is_a_clear_error(ready_cli: Cli) -> None:
    result = ready_cli("--lang", "en", "case", "list", passphrase=None)
    assert result.returncode != 0
    assert _one_calm_line(result.stderr) == NoPassphrase().cli_message("en")


def test_backup_and_restore_from_the_cli(ready_cli: Cli, tmp_path: Path) -> None:
    ready_cli("case", "add", "--title", "keep me")
    backup = tmp_path / "backup.vdbackup"
    assert ready_cli("vault", "backup", "-o", str(backup)).returncode == 0
    again = ready_cli("--lang", "en", "vault", "backup", "-o", str(backup))
    assert again.returncode != 0
    assert _one_calm_line(again.stderr) == OutputExists(path=str(backup)).message("en")
    restored = Cli(tmp_path / "restored")
    assert restored("vault", "restore", str(backup)).returncode == 0
    assert restored("--lang", "en", "case", "list").stdout == "   1  keep me  (0 sightings, 0 evidence)\n"


def test_clear_messages_for_each_mistake(ready_cli: Cli, tmp_path: Path) -> None:
    ready_cli("case", "add", "--title", "t")
    missing = tmp_path / "missing.csv"
    platforms = "telegram, google, meta, x, naver, kakao, daum, discord, reddit, kcsc, generic, web"
    add = ("sighting", "add", "--case", "1", "--url", "https://a.com")
    cases = {
        ("sighting", "add", "--case", "1", "--url", "not a url"): InvalidUrl(url="not a url"),
        (*add, "--platform", "myspace"): UnknownPlatform(platform="myspace", known=platforms),
        (*add, "--seen", "2999-01-01"): FutureDate(value="2999-01-01"),
        (*add, "--seen", "last week"): InvalidDate(value="last week"),
        ("sighting", "add", "--case", "42", "--url", "https://a.com"): CaseNotFound(case_id=42),
        ("sighting", "list", "--case", "42"): CaseNotFound(case_id=42),
        ("sighting", "import", "--case", "1", str(missing)): ImportFileUnreadable(
            path=str(missing), cause=FileMissing()
        ),
        ("vault", "init"): VaultExists(path=str(ready_cli.vault)),
        ("case", "add", "--title", "  "): EmptyTitle(),
        ("sighting", "status", "1", "gone"): InvalidStatus(known="found, requested, removed, reappeared"),
    }
    for args, expected in cases.items():
        result = ready_cli("--lang", "en", *args)
        assert result.returncode != 0, args
        assert _one_calm_line(result.stderr) == expected.cli_message("en"), args
    missing_vault = Cli(tmp_path / "no-vault")("--lang", "en", "case", "list")
    assert missing_vault.returncode != 0
    no_vault = VaultNotFound(path=str(tmp_path / "no-vault"))
    assert _one_calm_line(missing_vault.stderr) == no_vault.cli_message("en")
    usage = ready_cli("--lang", "en", "sighting", "add", "--case", "x")
    assert usage.returncode == 2
    assert is_usage_error(_one_calm_line(usage.stderr), "argument --case")
    korean = ready_cli("sighting", "add", "--case", "1", "--url", "nope")
    assert _one_calm_line(korean.stderr) == InvalidUrl(url="nope").message("ko")


def test_wrong_passphrase_says_so_and_changes_no_byte(ready_cli: Cli) -> None:
    ready_cli("case", "add", "--title", "t")
    before = {p.name: p.read_bytes() for p in ready_cli.vault.iterdir() if p.is_file()}
    result = ready_cli("--lang", "en", "case", "add", "--title", "x", passphrase="wrong passphrase")
    assert result.returncode != 0
    assert _one_calm_line(result.stderr) == WrongPassphrase().message("en")
    after = {p.name: p.read_bytes() for p in ready_cli.vault.iterdir() if p.is_file()}
    assert after == before


def test_vault_comes_from_the_environment(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "unused")
    env = {"VICTIM_DESK_VAULT": str(tmp_path / "from-env")}
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run([sys.executable, "-m", "victim_desk", "vault", "init"], capture_output=True,
                            env={**__import__("os").environ, **env, "PYTHONPATH": str(REPO),
                                 "VICTIM_DESK_PASSPHRASE": cli.passphrase})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env" / "key.json").exists()


def test_outputs_are_never_replaced_unless_forced(ready_cli: Cli, tmp_path: Path) -> None:
    ready_cli("case", "add", "--title", "t")
    for command in (("vault", "backup"), ("hashlist", "export", "--case", "1")):
        out = tmp_path / f"{command[0]}.out"
        out.write_bytes(b"an earlier file, kept safe")
        refused = ready_cli("--lang", "en", *command, "-o", str(out))
        assert refused.returncode != 0
        assert _one_calm_line(refused.stderr) == OutputExists(path=str(out)).message("en")
        assert out.read_bytes() == b"an earlier file, kept safe"
        forced = ready_cli(*command, "-o", str(out), "--force")
        assert forced.returncode == 0, forced.stderr
        assert out.read_bytes() != b"an earlier file, kept safe"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no partial left
