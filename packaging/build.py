"""`python packaging/build.py`: the one command that builds the bundle for this machine and tests it.

1. An isolated build venv (build/packaging/venv, made anew each time) gets exactly the pinned, hashed
   dependencies of packaging/requirements.lock plus the build tools of packaging/build-requirements.lock
   (`pip install --require-hashes --no-deps`: nothing unpinned can slip in), and the app itself as a
   wheel built from a clean copy of the checkout (git's tracked and new files; nothing ignored or stale).
2. PyInstaller freezes it with packaging/victim-desk.spec into dist/victim-desk/ (the program
   dist/victim-desk/victim-desk, .exe on Windows), analysed outside the checkout so that only the installed
   wheel can be found.
3. packaging/smoke.py runs the BUILT bundle in a clean environment (no venv, no PYTHONPATH, a temporary
   HOME) and checks what a user would do first.
4. It prints the bundle's size, what takes it, and how long each stage took; on Linux it adds the per-user
   installer (packaging/linux/install.sh, the launcher entry, the icon) and packs the folder as
   dist/victim-desk-<version>-linux-<machine>.tar.gz, the file users download.

Only the standard library is used here, so any Python 3.11+ can run it; the Python that runs it is the one
the bundle carries. Options: --reuse-venv (skip reinstalling an existing build venv: faster while working
on the spec), --no-smoke, --smoke-only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Where the build venv and PyInstaller's work files go, and where the bundle lands (--work, --dist).
WORK = ROOT / "build" / "packaging"
DIST = ROOT / "dist"
LOCK = HERE / "requirements.lock"
BUILD_LOCK = HERE / "build-requirements.lock"
SPEC = HERE / "victim-desk.spec"

sys.path.insert(0, str(HERE))
from smoke import SmokeFailure, run_smoke  # noqa: E402


def say(text: str) -> None:
    print(text, flush=True)


def run(cmd: Sequence[str | Path], **kwargs: object) -> None:
    say("  $ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def build_env() -> dict[str, str]:
    """The developer's environment minus anything that could leak another Python's packages in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    # Reproducible: the same bytecode order and file times for one commit (PyInstaller honours both).
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("SOURCE_DATE_EPOCH", commit_time())
    return env


def commit_time() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        return out or "315532800"
    except (OSError, subprocess.CalledProcessError):
        return "315532800"  # 1980-01-01, the earliest time a ZIP can hold


def source_files() -> list[str]:
    """The checkout's files as git sees them: tracked and new, never ignored (no .venv, build/, caches)."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout
    return [name for name in out.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def make_venv(venv: Path, env: dict[str, str]) -> Path:
    if venv.exists():
        shutil.rmtree(venv)
    run([sys.executable, "-m", "venv", venv], env=env)
    python = venv_python(venv)
    # Hashes in both locks make pip refuse anything else; --no-deps because the locks list everything.
    run([python, "-m", "pip", "install", "-q", "--require-hashes", "--no-deps", "-r", LOCK, "-r", BUILD_LOCK],
        env=env)  # fmt: skip
    return python


def install_app(python: Path, env: dict[str, str]) -> None:
    """The app as the same wheel `pip install .` makes, built from a clean copy of the checkout."""
    with tempfile.TemporaryDirectory(prefix="victim-desk-src-") as tmp:
        src = Path(tmp) / "src"
        for name in source_files():
            target = src / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
        wheels = Path(tmp) / "wheel"
        run([python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", wheels, src],
            env=env)  # fmt: skip
        wheel = next(wheels.glob("victim_desk-*.whl"))
        run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--force-reinstall", wheel],
            env=env)  # fmt: skip


def check_matches_lock(python: Path, env: dict[str, str]) -> None:
    """Every distribution in the build venv is pinned in a lock at that version (pip itself aside)."""
    pinned: dict[str, set[str]] = {}
    for lock in (LOCK, BUILD_LOCK):
        for line in lock.read_text(encoding="utf-8").splitlines():
            if "==" in line and not line.startswith((" ", "#")):
                name, _, rest = line.partition("==")
                pinned.setdefault(normalise(name), set()).add(rest.split()[0])
    out = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze", "--exclude", "pip"],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    strays = []
    for line in out.splitlines():
        name, _, version = line.partition("==")
        if normalise(name) == "victim-desk":
            continue
        if version not in pinned.get(normalise(name), set()):
            strays.append(line)
    if strays:
        raise SystemExit(f"the build venv holds packages the locks do not pin: {strays}")


def normalise(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def freeze(python: Path, env: dict[str, str], dist: Path, work: Path) -> Path:
    bundle = dist / "victim-desk"
    if bundle.exists():
        shutil.rmtree(bundle)
    # cwd is the work folder, not the checkout: `python -m` puts cwd on sys.path, and the analysis must
    # see only the installed wheel (the spec refuses anything else).
    run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist, "--workpath", work / "pyinstaller", SPEC], cwd=work, env=env)  # fmt: skip
    return bundle


def add_linux_installer(bundle: Path) -> None:
    """install.sh, the launcher entry and the icon beside the program (README, "Install" > Linux)."""
    shutil.copy2(HERE / "linux" / "install.sh", bundle / "install.sh")
    shutil.copy2(HERE / "linux" / "victim-desk.desktop", bundle / "victim-desk.desktop")
    shutil.copy2(ROOT / "resources" / "icons" / "victim-desk.svg", bundle / "victim-desk.svg")


def archive(bundle: Path) -> Path:
    """The download: one .tar.gz holding the folder victim-desk/ (file times from SOURCE_DATE_EPOCH)."""
    import platform
    import tarfile

    sys.path.insert(0, str(ROOT))
    from victim_desk import __version__

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or commit_time())
    target = bundle.parent / f"victim-desk-{__version__}-linux-{platform.machine()}.tar.gz"

    def normalise_entry(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.mtime = min(info.mtime, epoch)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name, filter=normalise_entry)
    return target


def size_report(bundle: Path, top: int = 15) -> str:
    """Total size and the largest contributors, grouped by top-level entry of _internal/."""
    internal = bundle / "_internal"
    groups: dict[str, int] = {}
    total = 0
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            total += size
            rel = path.relative_to(internal if internal in path.parents else bundle)
            parts = rel.parts
            # PySide6 is split one level deeper (Qt libraries, plugins, translations) to show what takes it.
            key = "/".join(parts[:3] if parts[0] == "PySide6" and len(parts) > 3 else parts[:1])
            groups[key] = groups.get(key, 0) + size
    count = sum(1 for p in bundle.rglob("*") if p.is_file())
    lines = [f"bundle {bundle.name}/: {total / 2**20:.1f} MiB in {count} files"]
    for key, size in sorted(groups.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {size / 2**20:7.1f} MiB  {size / total:5.1%}  {key}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-venv", action="store_true", help="keep an existing build venv")
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument("--smoke-only", action="store_true", help="test an existing dist/victim-desk/")
    parser.add_argument("--dist", type=Path, default=DIST, help="where victim-desk/ goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="build venv and work files (build/packaging)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    bundle = dist / "victim-desk"
    env = build_env()
    timings: list[tuple[str, float]] = []
    started = last = time.monotonic()

    def stage(name: str) -> None:
        nonlocal last
        now = time.monotonic()
        timings.append((name, now - last))
        last = now

    if not args.smoke_only:
        work.mkdir(parents=True, exist_ok=True)
        venv = work / "venv"
        say(f"[1/4] build venv from {LOCK.name} and {BUILD_LOCK.name} (hashes required)")
        python = venv_python(venv) if args.reuse_venv and venv_python(venv).exists() else make_venv(venv, env)
        install_app(python, env)
        check_matches_lock(python, env)
        stage("build venv")
        say("[2/4] PyInstaller")
        freeze(python, env, dist, work)
        stage("PyInstaller")
        if sys.platform.startswith("linux"):
            add_linux_installer(bundle)
        say("[3/4] size")
        say(size_report(bundle))
    if not args.no_smoke:
        say("[4/4] smoke test of the built bundle, clean environment")
        try:
            run_smoke(bundle, echo=say)
        except SmokeFailure as failure:
            say(f"SMOKE TEST FAILED: {failure}")
            return 1
        stage("smoke test")
    if sys.platform.startswith("linux") and not args.smoke_only:
        packed = archive(bundle)
        stage("archive")
        say(f"download: {packed} ({packed.stat().st_size / 2**20:.1f} MiB)")
    say("time: " + ", ".join(f"{name} {secs:.0f} s" for name, secs in timings)
        + f"; total {time.monotonic() - started:.0f} s")  # fmt: skip
    say(f"built: {bundle / ('victim-desk.exe' if sys.platform == 'win32' else 'victim-desk')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
