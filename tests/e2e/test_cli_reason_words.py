"""The real `victim-desk` says in Korean why the directory cannot be used or the window cannot open.

The directory is a file shipped inside the package; to run the CLI on a damaged copy, the subprocess points
the directory loader at a real malformed file before calling the CLI's own `main`. The window's causes come
from the real start-up path: no screen at all, and a Qt library the system loader cannot find (a real
shared object, built here, that depends on a library that is not there)."""

from __future__ import annotations

import importlib.machinery
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import Cli, guarded_pythonpath
from victim_desk.resources_path import resource

_WITH_DIRECTORY = (
    "import sys; from pathlib import Path; import victim_desk.core.referrals as r;"
    " r.resource = lambda *parts: Path(sys.argv[1]); from victim_desk.cli import main;"
    " raise SystemExit(main(sys.argv[2:]))"
)


def _referrals_with(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=guarded_pythonpath())
    return subprocess.run(
        [sys.executable, "-c", _WITH_DIRECTORY, str(directory), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip


def test_a_malformed_directory_file_is_said_in_korean(tmp_path: Path) -> None:
    text = resource("referrals.json").read_text(encoding="utf-8")
    broken = tmp_path / "referrals.json"
    broken.write_text(text.replace('"regions": {', '"regions": {{', 1), encoding="utf-8")
    line = text[: text.index('"regions": {')].count("\n") + 1
    result = _referrals_with(broken, "--lang", "ko", "referral", "list")
    assert result.returncode == 1
    said = f"앱에 들어 있는 기관 목록이 손상되었습니다 (파일 형식이 맞지 않습니다, {line}번째 줄"
    assert said in result.stderr
    assert "급하면 1366에 전화할 수 있습니다" in result.stderr
    assert not re.search(r"[A-Za-z]{3,}", result.stderr), result.stderr  # no "Expecting property name"

    data = json.loads(text)
    next(o for o in data["organisations"] if o["id"] == "women1366")["phones"][0]["number"] = "call us"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _referrals_with(broken, "--lang", "ko", "referral", "list")
    assert result.returncode == 1
    assert "(기관 women1366, 1번째 전화번호: 전화번호가 올바르지 않습니다)" in result.stderr
    assert set(re.findall(r"[A-Za-z]+\w*", result.stderr)) == {"women1366"}, result.stderr
    english = _referrals_with(broken, "--lang", "en", "referral", "list")
    assert "(organisation women1366, phone 1: the phone number is not valid)" in english.stderr


def test_no_screen_is_said_before_qt_can_stop_the_program(cli: Cli) -> None:
    result = cli("--lang", "ko", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert result.returncode == 1
    assert "데스크톱 화면을 열 수 없습니다(화면을 표시할 곳을 찾지 못했습니다." in result.stderr
    assert "명령줄 기능은 그대로 쓸 수 있습니다" in result.stderr
    assert "qt.qpa" not in result.stderr and "xcb" not in result.stderr


def test_a_missing_system_library_is_said_without_the_loaders_words(cli: Cli, tmp_path: Path) -> Any:
    gcc = shutil.which("gcc")
    assert gcc, "gcc is needed to build the library that cannot load"
    build = tmp_path / "build"
    build.mkdir()
    (build / "gone.c").write_text("int vd_gone(void) { return 1; }\n")
    (build / "stub.c").write_text("int vd_gone(void);\nint vd_stub(void) { return vd_gone(); }\n")
    subprocess.run([gcc, "-shared", "-fPIC", "-o", "libvdgone.so", "gone.c"], cwd=build, check=True)
    shadow = tmp_path / "shadow" / "PySide6"
    shadow.mkdir(parents=True)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    subprocess.run([gcc, "-shared", "-fPIC", "-o", str(shadow / f"_loader{suffix}"), "stub.c", "-L.",
                    "-lvdgone"], cwd=build, check=True)  # fmt: skip
    (build / "libvdgone.so").unlink()  # now the system loader cannot find what _loader needs
    (shadow / "__init__.py").write_text("from . import _loader\n")
    env = {"PYTHONPATH": f"{shadow.parent}{os.pathsep}{guarded_pythonpath()}", "DISPLAY": ":0"}
    result = cli("--lang", "ko", env=env)
    assert result.returncode == 1
    assert "(이 컴퓨터에 화면 표시에 필요한 시스템 라이브러리가 없습니다)" in result.stderr
    assert "libvdgone" not in result.stderr and "shared object" not in result.stderr
