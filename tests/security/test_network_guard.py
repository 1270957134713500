"""The whole suite runs under a guard that fails the run on any network use outside loopback
(tests/netguard/). Here a separate pytest session breaks the rule in each way the guard knows, swallowing
every error as a careless re-check would, and must fail; the same session with loopback only must pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, guarded_pythonpath

_LEAKS = """
import contextlib, socket, subprocess, sys

def test_leaks():
    with contextlib.suppress(OSError), socket.socket() as s:
        s.connect(("192.0.2.10", 443))                                  # TCP, TEST-NET-1
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET6) as s:
        s.connect_ex(("2001:db8::1", 443))                              # TCP over IPv6, documentation range
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"query", ("192.0.2.53", 53))                          # UDP
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("198.51.100.7", 123))                                # UDP "connect"
    for lookup in (socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex):
        with contextlib.suppress(OSError):
            lookup("example.org") if lookup is not socket.getaddrinfo else lookup("example.org", 443)
    with contextlib.suppress(OSError):
        socket.gethostbyaddr("203.0.113.9")
    # a subprocess of the suite, as the CLI tests start them
    subprocess.run([sys.executable, "-c",
                    "import contextlib, socket\\n"
                    "with contextlib.suppress(OSError): socket.create_connection(('192.0.2.44', 80), 1)"],
                   check=True)
"""

_LOOPBACK_ONLY = """
import socket

def test_loopback():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    socket.getaddrinfo("localhost", 80)
"""


def _session(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    folder = tmp_path / "session"
    folder.mkdir()
    (folder / "test_session.py").write_text(body, encoding="utf-8")
    netlog = tmp_path / "netlog"
    env = {**os.environ, "PYTHONPATH": guarded_pythonpath(), "VICTIM_DESK_TEST_NETLOG": str(netlog)}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(folder), "-o", "addopts=", str(folder)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_session_that_reaches_outside_loopback_fails(tmp_path: Path) -> None:
    result = _session(tmp_path, _LEAKS)
    assert result.returncode != 0, result.stdout
    report = result.stdout + result.stderr
    assert "connections outside loopback were attempted" in report
    for needle in ("connect ('192.0.2.10', 443)", "connect_ex ('2001:db8::1', 443)",
                   "sendto ('192.0.2.53', 53)", "connect ('198.51.100.7', 123)", "getaddrinfo 'example.org'",
                   "gethostbyname 'example.org'", "gethostbyname_ex 'example.org'",
                   "gethostbyaddr '203.0.113.9'", "getaddrinfo '192.0.2.44'"):  # fmt: skip
        assert needle in report, needle


def test_a_session_on_loopback_only_passes(tmp_path: Path) -> None:
    result = _session(tmp_path, _LOOPBACK_ONLY)
    assert result.returncode == 0, result.stdout + result.stderr
