"""`python packaging/lock.py`: regenerate the pinned, hashed dependency locks of the bundle.

- packaging/requirements.lock: every package the app needs at run time (pyproject.toml's dependencies,
  transitively), each with the sha256 of every file PyPI has for that version, for every platform at once
  (`--universal`: the Windows-only tzdata and the Linux-only Secret Service client are in it, behind their
  markers). build.py installs it with `--require-hashes`, so two builds of one commit get the same bytes.
- packaging/build-requirements.lock: PyInstaller and what builds the app's wheel, constrained by the first
  lock so the two never disagree.

The locks are made by `uv pip compile` (from PyPI). If `uv` is not on PATH, a pinned uv is installed into
build/packaging/lock-venv first. Run it after changing pyproject.toml's dependencies, then commit the locks;
the Flatpak sources are regenerated from the lock by `python packaging/linux/flatpak_sources.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UV_VERSION = "0.13.9"
PYTHON = "3.11"  # the oldest Python pyproject.toml allows; newer ones get their own pins via markers
COMMAND = "python packaging/lock.py"


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
           "--no-config", "--index-url", "https://pypi.org/simple", "--no-emit-index-url",
           "--custom-compile-command", COMMAND, "--quiet", "-o", output, *extra]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)


def main() -> int:
    uv_exe = uv()
    compile_lock(uv_exe, "pyproject.toml", "packaging/requirements.lock")
    compile_lock(uv_exe, "packaging/build-requirements.in", "packaging/build-requirements.lock",
                 "--constraint", "packaging/requirements.lock")  # fmt: skip
    for name in ("requirements.lock", "build-requirements.lock"):
        pins = sum(1 for line in (HERE / name).read_text().splitlines() if "==" in line and line[:1].isalnum())
        print(f"packaging/{name}: {pins} pinned packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
