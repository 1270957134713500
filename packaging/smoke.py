"""Smoke test of a BUILT bundle: does the program a user would download really work on its own?

Runs dist/victim-desk/victim-desk (.exe) in a clean environment: no virtual environment, no PYTHONPATH, a
fresh temporary HOME (so a fresh vault and no settings), a minimal PATH, nothing inherited from the shell.
It checks what a person would do first: the version, a fingerprint of a photo, a Korean letter read back
from its PDF with poppler, an evidence package made and verified, the desktop app started offscreen and
quit, and (Linux) that the running program has core dumps switched off.

Usable on its own: `python packaging/smoke.py dist/victim-desk` (build.py calls it after every build). It
uses only the standard library so it runs with any Python 3.11+, not the one inside the bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "바다 위 고래 seven lanterns"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
# How long one step may take before the smoke test calls it hung (a loaded machine is slow; a hang is not).
STEP_TIMEOUT_S = 300
# The environment variable that makes the desktop app quit as soon as its first window is shown
# (victim_desk/gui/app.py; used by this smoke test only).
GUI_SMOKE_ENV = "VICTIM_DESK_GUI_SMOKE_QUIT"
GUI_SMOKE_MARKER = "gui-smoke: window shown"


class SmokeFailure(Exception):
    """One smoke-test step did not do what a user would expect."""


@dataclass
class Step:
    name: str
    seconds: float


def clean_env(home: Path) -> dict[str, str]:
    """`env -i` plus what the operating system itself needs: nothing from the developer's shell."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMPDIR": str(home / "tmp")}
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        for name in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "SYSTEMDRIVE"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            TEMP=str(home / "tmp"),
            TMP=str(home / "tmp"),
            PATH=os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32"),
        )
    else:
        env["PATH"] = "/usr/bin:/bin"
    return env


def sample_png(path: Path, seed: int = 14) -> bytes:
    """A 256x256 photo-like PNG (smooth gradients plus seeded noise), written with the standard library."""
    rng = random.Random(seed)
    rows = []
    for y in range(256):
        row = bytearray([0])  # filter type "none"
        for x in range(256):
            noise = rng.randrange(24)
            row += bytes(((x + noise) % 256, (y * 2 + noise) % 256, ((x ^ y) + noise) % 256))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return data


class Bundle:
    """Runs the bundled program the way a user's shell would, with the clean environment."""

    def __init__(self, bundle_dir: Path, home: Path) -> None:
        self.exe = bundle_dir / f"victim-desk{EXE_SUFFIX}"
        if not self.exe.is_file():
            raise SmokeFailure(
                f"no program at {self.exe}: build the bundle first (python packaging/build.py)"
            )
        self.home = home
        self.vault = home / "vault"
        self.env = clean_env(home)

    def run(self, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        env = {**self.env, **(extra_env or {})}
        return subprocess.run(
            [str(self.exe), *args],
            env=env,
            cwd=self.home,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=STEP_TIMEOUT_S,
        )

    def ok(self, *args: str, extra_env: dict[str, str] | None = None) -> str:
        result = self.run(*args, extra_env=extra_env)
        if result.returncode != 0:
            raise SmokeFailure(
                f"`victim-desk {' '.join(args)}` exited {result.returncode}\n{result.stdout}{result.stderr}"
            )
        return result.stdout

    def vault_ok(self, *args: str) -> str:
        return self.ok("--vault", str(self.vault), *args, extra_env={"VICTIM_DESK_PASSPHRASE": PASSPHRASE})


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SmokeFailure(f"{name} is needed to read the PDF back (Debian: apt-get install poppler-utils)")
    return found


def check_version(b: Bundle) -> None:
    out = b.ok("--version").strip()
    if not out.startswith("victim-desk "):
        raise SmokeFailure(f"--version printed {out!r}")


def check_fingerprint(b: Bundle) -> None:
    image = b.home / "sample.png"
    data = sample_png(image)
    line = b.ok("fingerprint", "--json", str(image)).splitlines()[0]
    row = json.loads(line)
    if row.get("sha256") != hashlib.sha256(data).hexdigest():
        raise SmokeFailure(f"fingerprint sha256 {row.get('sha256')!r} is not the file's")
    if row.get("md5") != hashlib.md5(data).hexdigest():
        raise SmokeFailure(f"fingerprint md5 {row.get('md5')!r} is not the file's")
    pdq = str(row.get("pdq", ""))
    if len(pdq) != 64 or set(pdq) - set("0123456789abcdef"):
        raise SmokeFailure(f"fingerprint gave no PDQ hash: {line}")


def check_korean_letter(b: Bundle) -> None:
    b.ok("--vault", str(b.vault), "vault", "init", extra_env={"VICTIM_DESK_NEW_PASSPHRASE": PASSPHRASE})
    b.vault_ok("profile", "set", "--name", "김하나", "--email", "hana@example.org")
    b.vault_ok("case", "add", "--title", "첫 사례")
    b.vault_ok("sighting", "add", "--case", "1", "--url", "https://t.me/somechannel/1234",
               "--seen", "2026-11-20T21:15:00+09:00")  # fmt: skip
    pdf = b.home / "요청서.pdf"
    b.vault_ok("letter", "--case", "1", "--platform", "telegram", "--to", "telegram",
               "--jurisdiction", "KR", "--lang", "ko", "-o", str(pdf))  # fmt: skip
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, check=True).stdout
    flat = "".join(text.decode("utf-8").split())
    for needle in ("불법촬영물등유통신고·삭제요청서", "김하나", "https://t.me/somechannel/1234"):
        if needle not in flat:
            raise SmokeFailure(f"the Korean letter's PDF does not read back {needle!r}")
    fonts = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    if not rows or not all("NanumGothic" in r and r.split()[-5] == "yes" for r in rows):
        raise SmokeFailure(f"the letter does not embed the bundled NanumGothic:\n{fonts}")


def check_evidence_package(b: Bundle) -> None:
    b.vault_ok("evidence", "add", "--case", "1", str(b.home / "sample.png"))
    package = b.home / "case1.zip"
    b.vault_ok("export", "--case", "1", "-o", str(package), "--lang", "ko")
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
    missing = {"SHA256SUMS", "SHA256SUMS.sig", "key.pem", "report.pdf"} - {n.split("/")[-1] for n in names}
    if missing:
        raise SmokeFailure(f"the evidence package lacks {sorted(missing)}")
    report = json.loads(b.ok("verify", "--json", str(package)).splitlines()[-1])
    if report.get("ok") is not True or report.get("problems") or report.get("case") != 1:
        raise SmokeFailure(f"verify did not confirm the package: {report}")
    shown = b.vault_ok("vault", "show-key")
    if "".join(str(report.get("key")).split()) not in "".join(shown.split()):
        raise SmokeFailure(f"the package's key {report.get('key')!r} is not the vault's: {shown}")


def check_gui(b: Bundle) -> None:
    out = b.run("--vault", str(b.vault), extra_env={"QT_QPA_PLATFORM": "offscreen", GUI_SMOKE_ENV: "1"})
    if out.returncode != 0 or GUI_SMOKE_MARKER not in out.stderr:
        raise SmokeFailure(f"the desktop app did not start and quit (exit {out.returncode}):\n{out.stderr}")


def check_no_core_dumps(b: Bundle) -> None:
    """Linux: the running program's own limits say core dumps are off (victim_desk/hardening.py)."""
    if not sys.platform.startswith("linux"):
        return
    proc = subprocess.Popen(
        [str(b.exe), "--vault", str(b.vault), "--passphrase-stdin", "case", "list"],
        env=b.env,
        cwd=b.home,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The program waits for the passphrase on stdin; poll its limits until hardening has run.
        deadline = time.monotonic() + STEP_TIMEOUT_S
        limits = ""
        while time.monotonic() < deadline and proc.poll() is None:
            limits = Path(f"/proc/{proc.pid}/limits").read_text()
            core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
            if core.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.01)  # polling interval, not a wait for a result
        else:
            raise SmokeFailure(f"core dumps were not switched off in the running program:\n{limits}")
        _out, err = proc.communicate(PASSPHRASE + "\n", timeout=STEP_TIMEOUT_S)
        if proc.returncode != 0:
            raise SmokeFailure(f"`case list` exited {proc.returncode}: {err}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def check_linux_install(b: Bundle) -> None:
    """Linux: install.sh installs for this user, uninstall keeps the vault, --delete-vault deletes it."""
    if not sys.platform.startswith("linux"):
        return
    script = b.exe.parent / "install.sh"
    if not script.is_file():
        raise SmokeFailure(f"{script} is missing: build.py adds it to the Linux bundle")

    def sh(*args: str, answer: str = "") -> str:
        result = subprocess.run(["/bin/sh", str(script), *args], env=b.env, cwd=b.home, input=answer,
                                capture_output=True, text=True, timeout=STEP_TIMEOUT_S)  # fmt: skip
        if result.returncode != 0:
            raise SmokeFailure(f"install.sh {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result.stdout

    sh()
    installed = b.home / ".local" / "lib" / "victim-desk" / "victim-desk"
    entry = (b.home / ".local" / "share" / "applications" / "victim-desk.desktop").read_text(encoding="utf-8")
    if f'Exec="{installed}"' not in entry or "\nName=Memo Pad\n" not in entry:
        raise SmokeFailure(f"the installed launcher entry does not start {installed}:\n{entry}")
    linked = subprocess.run([str(b.home / ".local" / "bin" / "victim-desk"), "--version"], env=b.env,
                            capture_output=True, text=True, timeout=STEP_TIMEOUT_S)  # fmt: skip
    if linked.returncode != 0 or not linked.stdout.startswith("victim-desk "):
        raise SmokeFailure(f"~/.local/bin/victim-desk does not run: {linked.stderr}")
    # A vault in the default place (no --vault), as a user who just opens the app gets.
    data = b.home / ".local" / "share" / "victim-desk"
    new_vault_env = {**b.env, "VICTIM_DESK_NEW_PASSPHRASE": PASSPHRASE}
    init = subprocess.run([str(installed), "vault", "init"], env=new_vault_env,
                          capture_output=True, text=True, timeout=STEP_TIMEOUT_S)  # fmt: skip
    if init.returncode != 0 or not (data / "vault").is_dir():
        raise SmokeFailure(f"no vault in the default place {data / 'vault'}: {init.stderr}")
    sh("--uninstall")
    if installed.exists() or not (data / "vault").is_dir():
        raise SmokeFailure("uninstalling must remove the program and keep the vault")
    sh("--uninstall", "--delete-vault", answer="no\n")
    if not (data / "vault").is_dir():
        raise SmokeFailure("the vault was deleted without the typed confirmation")
    sh("--uninstall", "--delete-vault", answer="DELETE\n")
    if data.exists():
        raise SmokeFailure(f"--delete-vault with confirmation left {data}")


CHECKS: Sequence[tuple[str, Callable[[Bundle], None]]] = (
    ("--version", check_version),
    ("fingerprint of a sample image", check_fingerprint),
    ("Korean letter read back from its PDF", check_korean_letter),
    ("evidence package made and verified", check_evidence_package),
    ("desktop app started offscreen and quit", check_gui),
    ("core dumps off in the running program", check_no_core_dumps),
    ("Linux per-user install, uninstall keeping the vault, deleting it", check_linux_install),
)


def run_smoke(bundle_dir: Path, echo: Callable[[str], None] = print) -> list[Step]:
    """Every check in order; raises SmokeFailure at the first one that fails."""
    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="victim-desk-smoke-") as tmp:
        bundle = Bundle(Path(bundle_dir).resolve(), Path(tmp))
        for name, check in CHECKS:
            started = time.monotonic()
            check(bundle)
            steps.append(Step(name, time.monotonic() - started))
            echo(f"  ok  {name} ({steps[-1].seconds:.1f} s)")
    return steps


def main(argv: list[str]) -> int:
    bundle_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "dist" / "victim-desk"
    try:
        steps = run_smoke(bundle_dir)
    except SmokeFailure as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"smoke test passed: {len(steps)} checks in {sum(s.seconds for s in steps):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
