"""`python packaging/lock.py`: regenerate the pinned, hashed dependency locks of the bundle.

- packaging/requirements.lock: every package the app needs at run time (pyproject.toml's dependencies,
  transitively), each with the sha256 of every file PyPI has for that version, for every platform at once
  (`--universal`: the Windows-only tzdata and the Linux-only Secret Service client are in it, behind their
  markers). build.py installs it with `--require-hashes`, so two builds of one commit get the same bytes.
- packaging/build-requirements.lock: PyInstaller and what builds the app's wheel, constrained by the first
  lock so the two never disagree.

packaging/lock-constraints.txt holds the few pins that the dependencies' own ranges cannot express (with
their reasons). After compiling, the runtime lock is checked against every platform the installers target
(TARGETS): each pinned package must have a wheel there, or the command fails naming it.

The locks are made by `uv pip compile` (from PyPI). If `uv` is not on PATH, a pinned uv is installed into
build/packaging/lock-venv first. Run it after changing pyproject.toml's dependencies, then commit the locks;
the Flatpak sources are regenerated from the lock by `python packaging/linux/flatpak_sources.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UV_VERSION = "0.13.9"
PYTHON = "3.11"  # the oldest Python pyproject.toml allows; newer ones get their own pins via markers
COMMAND = "python packaging/lock.py"
INDEX = "https://pypi.org/simple"
# (uv platform, macOS deployment target) the installers are built for. PySide6 6.12's Linux wheels need
# glibc 2.34 (Debian 12, Ubuntu 22.04 and later) and its macOS wheels macOS 14 on Apple silicon; Intel
# Macs are not a target (argon2-cffi-bindings has no Intel macOS wheel).
TARGETS = (
    ("x86_64-manylinux_2_34", None),
    ("x86_64-pc-windows-msvc", None),
    ("aarch64-apple-darwin", "14.0"),
)


def uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    venv = ROOT / "build" / "packaging" / "lock-venv"
    exe = venv / ("Scripts/uv.exe" if sys.platform == "win32" else "bin/uv")
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"uv=={UV_VERSION}"], check=True)
    return str(exe)


def compile_lock(uv_exe: str, source: str, output: str, *extra: str) -> None:
    cmd = [uv_exe, "pip", "compile", source, "--universal", "--generate-hashes", "--python-version", PYTHON,
           "--no-config", "--index-url", INDEX, "--no-emit-index-url",
           "--custom-compile-command", COMMAND, "--quiet", "-o", output, *extra]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)


def check_targets(uv_exe: str, lock: str) -> list[str]:
    """The targets for which some pinned package has no wheel (uv names it)."""
    failures = []
    for platform, macos in TARGETS:
        env = {**os.environ, **({"MACOSX_DEPLOYMENT_TARGET": macos} if macos else {})}
        cmd = [uv_exe, "pip", "compile", lock, "--python-platform", platform, "--python-version", PYTHON,
               "--only-binary", ":all:", "--no-deps", "--no-config", "--index-url", INDEX, "--quiet",
               "-o", os.devnull]  # fmt: skip
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"{platform}: {result.stderr.strip()}")
    return failures


def main() -> int:
    uv_exe = uv()
    compile_lock(uv_exe, "pyproject.toml", "packaging/requirements.lock",
                 "--constraint", "packaging/lock-constraints.txt")  # fmt: skip
    compile_lock(uv_exe, "packaging/build-requirements.in", "packaging/build-requirements.lock",
                 "--constraint", "packaging/requirements.lock")  # fmt: skip
    for name in ("requirements.lock", "build-requirements.lock"):
        pins = sum(
            1 for line in (HERE / name).read_text().splitlines() if "==" in line and line[:1].isalnum()
        )
        print(f"packaging/{name}: {pins} pinned packages")
    failures = check_targets(uv_exe, "packaging/requirements.lock")
    for failure in failures:
        print(f"NO WHEEL for {failure}", file=sys.stderr)
    if not failures:
        print("every pinned package has a wheel for " + ", ".join(p for p, _ in TARGETS))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
