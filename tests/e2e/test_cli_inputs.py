"""Hostile input through the real CLI and a real vault: titles that try to drive the terminal, endless
files, ids too large for SQLite, passphrases that are not text."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO, Cli
from victim_desk import cli

TITLE = "사건\x1b[2J\n가짜 줄\u202e끝"


@pytest.fixture
def vault_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VICTIM_DESK_VAULT", str(tmp_path / "vault"))
    monkeypatch.setenv("VICTIM_DESK_PASSPHRASE", PASSPHRASE)
    assert cli.main(["vault", "init"]) == 0
    return tmp_path / "vault"


def test_a_title_cannot_drive_the_terminal(vault_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["case", "add", "--title", TITLE, "--json"]) == 0
    case_id = json.loads(capsys.readouterr().out)["id"]

    assert cli.main(["--lang", "en", "case", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert out.count("\n") == 1  # one case, one line: the newline in the title did not fake a second
    assert "사건\\x1b[2J\\n가짜 줄\\u202e끝" in out  # Hangul intact, controls visible

    # JSON stays exact for scripts, and escapes what a terminal would act on.
    assert cli.main(["case", "list", "--json"]) == 0
    raw = capsys.readouterr().out
    assert "\x1b" not in raw and "\u202e" not in raw and raw.count("\n") == 1
    assert json.loads(raw)["title"] == TITLE

    # Data inside an error message is made visible too, on stderr.
    assert (
        cli.main(["--lang", "en", "sighting", "add", "--case", str(case_id), "--url", "t.me/a\u202egpj"]) != 0
    )
    err = capsys.readouterr().err
    assert "\u202e" not in err and "t.me/a\\u202egpj" in err and err.count("\n") == 1


def test_the_catalogue_keeps_its_own_line_breaks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("VICTIM_DESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "new\nline"
    assert cli.main(["--lang", "en", "--vault", str(folder), "vault", "init"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("new\\nline")  # the data's newline is shown, not obeyed
    assert out.splitlines()[1].startswith("If the passphrase is lost")  # the message's own break stays


def test_huge_ids_are_usage_errors_not_surprises(ready_cli: Cli) -> None:
    for argv in (
        ("sighting", "list", "--case", "99999999999999999999999"),
        ("evidence", "add", "--case", "99999999999999999999999", "x.jpg"),
        ("sighting", "status", "99999999999999999999999", "found"),
    ):
        result = ready_cli("--lang", "en", *argv)
        assert result.returncode == 2, result.stderr
        assert "an id must be a whole number" in result.stderr
        assert "unexpected" not in result.stderr


def test_a_passphrase_that_is_not_utf8(vault_env: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.delenv("VICTIM_DESK_PASSPHRASE")
    stdin = io.TextIOWrapper(io.BytesIO(PASSPHRASE.encode("cp949", errors="replace") + b"\xff\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli.main(["--lang", "en", "--passphrase-stdin", "case", "list"]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "unexpected" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits and /dev/zero are POSIX")
def test_importing_an_endless_device_ends_with_a_clear_message(ready_cli: Cli) -> None:
    """Memory is capped for the child: reading /dev/zero to the end would hit the cap and fail with an
    unexpected error; the import must refuse the device before reading it."""
    case = json.loads(ready_cli("case", "add", "--title", "zero", "--json").stdout)["id"]
    env = dict(os.environ, PYTHONPATH=str(REPO), VICTIM_DESK_PASSPHRASE=PASSPHRASE, OPENBLAS_NUM_THREADS="1")
    limit = 2 * 1024**3

    def cap_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run(
        [sys.executable, "-m", "victim_desk", "--vault", str(ready_cli.vault), "--lang", "en",
         "sighting", "import", "--case", str(case), "/dev/zero"],
        capture_output=True, env=env, preexec_fn=cap_memory, timeout=300,
    )  # fmt: skip
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert "/dev/zero: This is not a regular file" in err
    assert "unexpected" not in err and "Traceback" not in err
