"""Shared test set-up: every test runs with its own home, data, config, log and temp folders, so nothing
touches the developer's real vault and the security tests can scan every place the app may write."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Key derivation tuned for ~50 ms instead of ~500 ms keeps the suite quick; the OWASP floor still applies.
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

PASSPHRASE = "바다 위 고래 seven lanterns"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("TMPDIR", "tmp"),
    ):
        folder = home / sub if sub else home
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    for name in (
        "VICTIM_DESK_VAULT",
        "VICTIM_DESK_PASSPHRASE",
        "VICTIM_DESK_NEW_PASSPHRASE",
        "VICTIM_DESK_LANG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Cli:
    """Runs the real `victim-desk` in a subprocess, as a user or a script would."""

    vault: Path
    passphrase: str = PASSPHRASE

    def __call__(
        self,
        *args: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        passphrase: str | None = "default",
        timeout: float = 120,
    ) -> Result:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = str(REPO)
        environment.pop("VICTIM_DESK_PASSPHRASE", None)
        if passphrase == "default":
            passphrase = self.passphrase
        if passphrase is not None:
            environment["VICTIM_DESK_PASSPHRASE"] = passphrase
        environment.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "victim_desk", "--vault", str(self.vault), *args],
            input=(stdin or "").encode("utf-8"),
            capture_output=True,
            env=environment,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "vault")


@pytest.fixture
def ready_cli(cli: Cli) -> Cli:
    """A CLI whose vault exists."""
    result = cli("vault", "init")
    assert result.returncode == 0, result.stderr
    return cli


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[object]:
    from victim_desk.desk import Desk

    d = Desk.create(tmp_path / "vault", PASSPHRASE)
    yield d
    d.lock()
