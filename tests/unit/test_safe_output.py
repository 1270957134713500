"""Output files appear whole under their name or not at all, and never replace a file unasked."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import pytest

from victim_desk.errors import CannotWrite, OutputExists
from victim_desk.safe_output import write_new_file

CONTENT = "pdq,md5,sha256,label\r\n해시목록-첫째줄\r\n"


def test_writes_utf8_text_as_given(tmp_path: Path) -> None:
    out = tmp_path / "hashes.csv"
    write_new_file(out, lambda f: f.write(CONTENT))
    assert out.read_bytes() == CONTENT.encode("utf-8")
    assert sorted(os.listdir(tmp_path)) == ["hashes.csv"]  # no partial file left beside it


def test_binary_files_and_owner_only_mode(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_new_file(out, lambda f: f.write(b"%PDF-1.4 binary-needle"), binary=True)
    assert out.read_bytes() == b"%PDF-1.4 binary-needle"
    if os.name == "posix":
        assert out.stat().st_mode & 0o077 == 0  # evidence is nobody else's business


def test_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "letter.txt"
    out.write_text("the original letter text")
    with pytest.raises(OutputExists):
        write_new_file(out, lambda f: f.write("replacement text"))
    assert out.read_text() == "the original letter text"
    write_new_file(out, lambda f: f.write("replacement text"), force=True)
    assert out.read_text() == "replacement text"
    assert sorted(os.listdir(tmp_path)) == ["letter.txt"]


def test_a_file_that_appears_during_the_write_is_not_replaced(tmp_path: Path) -> None:
    # Another program creates the target while we are writing: the final step must refuse, not overwrite.
    out = tmp_path / "package.zip"

    def write(f: IO[Any]) -> None:
        f.write(b"our package bytes")
        out.write_bytes(b"someone else's file")

    with pytest.raises(OutputExists):
        write_new_file(out, write, binary=True)
    assert out.read_bytes() == b"someone else's file"
    assert sorted(os.listdir(tmp_path)) == ["package.zip"]


def test_a_failing_writer_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"

    class RenderFailed(Exception):
        pass

    def write(f: IO[Any]) -> None:
        f.write(b"half of a report")
        raise RenderFailed

    with pytest.raises(RenderFailed):
        write_new_file(out, write, binary=True)
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(CannotWrite):
        write_new_file(tmp_path / "no-such-folder" / "x.csv", lambda f: f.write("x"))


def test_a_partial_file_abandoned_by_a_killed_writer_is_removed_by_the_next_write(tmp_path: Path) -> None:
    import subprocess
    import sys

    # A writer that dies (SIGKILL-like: os._exit skips every cleanup) in the middle of its write.
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from victim_desk.safe_output import write_new_file\n"
        "def write(f):\n"
        "    f.write('편지 본문 in the clear')\n"
        "    f.flush()\n"
        "    os._exit(9)\n"
        "write_new_file(Path(sys.argv[1]), write)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "letter.txt")], check=False,
                   cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    abandoned = [p.name for p in tmp_path.iterdir()]
    assert len(abandoned) == 1 and abandoned[0].endswith(".partial")
    other = tmp_path / ".someone.else.partial"  # another program's file: never touched
    other.write_text("theirs", encoding="utf-8")
    write_new_file(tmp_path / "next.txt", lambda f: f.write("next"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".someone.else.partial", "next.txt"]


def test_a_partial_file_being_written_is_left_alone(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def slow(f: object) -> None:
        # While this write is under way, another one in the same folder must not remove its partial file.
        write_new_file(tmp_path / "inner.txt", lambda g: g.write("inner"))
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        f.write("outer")  # type: ignore[attr-defined]

    write_new_file(tmp_path / "outer.txt", slow)
    assert any(name.endswith(".partial") for name in seen[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inner.txt", "outer.txt"]
