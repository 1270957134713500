"""A file the system refuses is explained on the command line in the person's language, system text and all.

Runs the real `victim-desk` against paths whose parent is a regular file, which fails with ENOTDIR for
every user (root included, where a read-only folder would not stop the write): exporting a hash list,
backing up the vault, verifying a package and fingerprinting a file. The Korean line must carry the Korean
words for the cause, never the C library's English "Not a directory".
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Cli
from victim_desk.errors import CannotWrite, FileUnreadable, PackageUnreadable

NOT_A_DIRECTORY = {
    "ko": "경로 중간의 이름이 폴더가 아니라 파일입니다.",
    "en": "Part of the path is a file, not a folder.",
}


def _blocked(tmp_path: Path, name: str) -> Path:
    blocker = tmp_path / "plain-file.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    return blocker / name


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "Not a directory" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def _korean_only(line: str, path: Path) -> None:
    rest = line.replace(str(path), "")
    assert not re.search("[A-Za-z]", rest), line
    assert NOT_A_DIRECTORY["ko"] in rest


def test_exports_into_a_path_under_a_file_say_why_in_korean_and_in_english(
    ready_cli: Cli, tmp_path: Path
) -> None:
    assert ready_cli("case", "add", "--title", "사건").returncode == 0
    for command, name in (
        (("hashlist", "export", "--case", "1"), "list.csv"),
        (("vault", "backup"), "b.zip"),
    ):
        out = _blocked(tmp_path, name)
        for lang in ("ko", "en"):
            result = ready_cli("--lang", lang, *command, "-o", str(out))
            assert result.returncode != 0
            line = _one_line(result.stderr)
            expected = CannotWrite(path=str(out), os_error="ENOTDIR")
            assert line == expected.cli_message(lang), line
            assert NOT_A_DIRECTORY[lang] in line
            if lang == "ko":
                _korean_only(line, out)
                assert line.startswith(f"{out}에 쓸 수 없습니다. ")
        assert not out.parent.is_dir()


def test_opening_a_package_or_a_file_under_a_file_says_why_in_korean(cli: Cli, tmp_path: Path) -> None:
    package = _blocked(tmp_path, "package.zip")
    result = cli("--lang", "ko", "verify", str(package))
    assert result.returncode != 0
    line = _one_line(result.stderr)
    assert line == PackageUnreadable(path=str(package), os_error="ENOTDIR").cli_message("ko")
    _korean_only(line, package)

    picture = _blocked(tmp_path, "photo.jpg")
    result = cli("--lang", "ko", "fingerprint", str(picture))
    assert result.returncode != 0
    line = _one_line(result.stderr)
    assert FileUnreadable(os_error="ENOTDIR").message("ko") in line, line
    _korean_only(line, picture)
