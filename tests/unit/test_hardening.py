"""No crash file can hold the open vault's secrets: core dumps off and the process non-dumpable (Linux),
checked for real in fresh processes started through the app's own entry points, by reading the kernel's
answers back (getrlimit, prctl(PR_GET_DUMPABLE), /proc/<pid>/limits)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and /proc are Linux's")

# Runs in the child: raise the core limit first (the environment may already have a soft limit of 0, which
# would prove nothing), record what the kernel says, go through the entry point, and record it again.
PROBE = """
import ctypes, json, resource, sys
libc = ctypes.CDLL("libc.so.6", use_errno=True)
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
def state():
    return {"core": list(resource.getrlimit(resource.RLIMIT_CORE)), "dumpable": libc.prctl(3, 0, 0, 0, 0)}
before = state()
code = None
try:
    ENTRY
except SystemExit as exc:
    code = exc.code
print("PROBE " + json.dumps({"before": before, "after": state(), "code": code}), flush=True)
"""


def probe(entry: str, env: dict[str, str] | None = None) -> dict[str, object]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.replace("ENTRY", entry)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, proc.stderr
    result: dict[str, object] = json.loads(lines[-1][len("PROBE ") :])
    result["stderr"] = proc.stderr
    return result


def test_the_command_line_entry_point_switches_core_dumps_off_and_makes_the_process_non_dumpable() -> None:
    # `python -m victim_desk --version`: the same main() as the console script and the bundle.
    result = probe(
        "import runpy; sys.argv = ['victim-desk', '--version']; "
        "runpy.run_module('victim_desk', run_name='__main__', alter_sys=True)"
    )
    assert result["before"] == {"core": [resource_hard(), resource_hard()], "dumpable": 1}
    assert result["after"] == {"core": [0, 0], "dumpable": 0}
    assert result["code"] == 0


def test_the_desktop_app_entry_point_hardens_on_its_own(tmp_path: Path) -> None:
    # gui.app.run without the CLI in front of it; the smoke switch quits once the window is shown.
    result = probe(
        f"from victim_desk.gui.app import run; sys.exit(run({str(tmp_path / 'vault')!r}))",
        env={"QT_QPA_PLATFORM": "offscreen", "VICTIM_DESK_GUI_SMOKE_QUIT": "1"},
    )
    assert result["before"]["dumpable"] == 1  # type: ignore[index]
    assert result["after"] == {"core": [0, 0], "dumpable": 0}
    assert result["code"] == 0
    assert "gui-smoke: window shown" in str(result["stderr"])


def test_a_running_console_script_shows_no_core_limit_in_proc(tmp_path: Path) -> None:
    """Seen from outside, as the kernel reports it, while the real `victim-desk` waits for a passphrase."""
    script = Path(sys.executable).with_name("victim-desk")
    assert script.is_file(), "the console script is installed with the package (pip install -e .)"
    init = subprocess.run(
        [str(script), "--vault", str(tmp_path / "vault"), "vault", "init"],
        env={**os.environ, "VICTIM_DESK_NEW_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    proc = subprocess.Popen(
        [str(script), "--vault", str(tmp_path / "vault"), "--passphrase-stdin", "case", "list", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        core = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            limits = Path(f"/proc/{proc.pid}/limits").read_text()
            core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
            if core.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.01)  # polling interval while the program starts; nothing is timed
        assert core.split()[4:6] == ["0", "0"], core
        _out, err = proc.communicate(PASSPHRASE + "\n", timeout=120)
        assert proc.returncode == 0, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_harden_reports_what_it_did_and_runs_once() -> None:
    code = (
        "import json; from victim_desk.hardening import harden, is_dumpable\n"
        "first = harden(); second = harden()\n"
        "print(json.dumps({'same': first is second, 'applied': first.applied, 'refused': first.refused,"
        " 'dumpable': is_dumpable()}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "same": True, "applied": ["RLIMIT_CORE=0", "PR_SET_DUMPABLE=0"], "refused": [], "dumpable": False,
    }  # fmt: skip


def resource_hard() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_CORE)[1]
