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
