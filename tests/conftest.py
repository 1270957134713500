"""Shared test set-up: every test runs with its own home, data, config, log and temp folders, so nothing
touches the developer's real vault and the security tests can scan every place the app may write."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from tests.netguard import loopback_guard

# Key derivation tuned for ~50 ms instead of ~500 ms keeps the suite quick; the OWASP floor still applies.
os.environ.setdefault("VICTIM_DESK_KDF_TARGET_MS", "50")

# Property tests must never fail by chance in CI: there the examples are derived from each test's name, so a
# run is repeatable. Locally they stay random (that is how new bugs are found), and a failure prints the
# `@reproduce_failure` blob that replays it exactly. HYPOTHESIS_PROFILE picks a profile by hand.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

PASSPHRASE = "바다 위 고래 seven lanterns"
REPO = Path(__file__).resolve().parent.parent


# --- nothing in the test suite may reach beyond this computer -----------------------------------------

OUTSIDE_LOOPBACK: list[str] = []  # every attempt, kept even when the code under test swallowed the error
GUARD_DIR = REPO / "tests" / "netguard"  # its sitecustomize.py guards every Python subprocess of the suite
# Where those subprocesses report their refused attempts (read when the session ends).
NETLOG = Path(tempfile.mkdtemp(prefix="vd-netlog-")) / "outside-loopback.log"
os.environ["VICTIM_DESK_TEST_NETLOG"] = str(NETLOG)


def guarded_pythonpath() -> str:
    """PYTHONPATH for a Python subprocess of the tests: the network guard first, then the repository."""
    return f"{GUARD_DIR}{os.pathsep}{REPO}"


@pytest.fixture(scope="session", autouse=True)
def loopback_only() -> Iterator[list[str]]:
    """Fails the run on any connection, datagram or name lookup outside loopback, made anywhere in this test
    process or in a Python subprocess started with `guarded_pythonpath()` (see tests/netguard/).

    A refused attempt raises (ConnectionRefusedError / socket.gaierror) and is also remembered, so the run
    fails at the end even if the code under test caught the error (a re-check turns failures into
    "unknown"). tests/security/test_network_guard.py runs a session that breaks the rule, to prove it fails.
    """
    uninstall = loopback_guard.install(OUTSIDE_LOOPBACK.append)
    try:
        yield OUTSIDE_LOOPBACK
    finally:
        uninstall()
    if NETLOG.exists():
        OUTSIDE_LOOPBACK.extend(NETLOG.read_text(encoding="utf-8").splitlines())
    assert OUTSIDE_LOOPBACK == [], f"connections outside loopback were attempted: {OUTSIDE_LOOPBACK}"


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
        environment["PYTHONPATH"] = guarded_pythonpath()
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


def is_usage_error(line: str, about: str) -> bool:
    """Whether `line` is the calm English usage-error line about `about` (e.g. "argument --case"); the
    detail in the middle is argparse's own wording, so only its start is pinned."""
    from victim_desk.i18n import t

    marker = "DETAIL-MARKER-7f3a9c"  # plain text: message parameters have their control characters escaped
    before, after = t("cli.usage_error", "en", detail=marker).split(marker)
    return line.startswith(before + about) and line.endswith(after)


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


def noise_photo(path: Path, seed: int, side: int = 64) -> Path:
    """A seeded picture of coloured noise saved at `path` (its format from the suffix): distinct
    fingerprints for every seed, no real photo needed."""
    import random

    from PIL import Image

    rng = random.Random(seed)
    img = Image.new("RGB", (side, side))
    img.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(side * side)])
    img.save(path)
    return path
