"""Reading a list file that may not be a file at all, may be huge, or comes from Excel's "Unicode Text"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from victim_desk.core import sighting_import
from victim_desk.core.sighting_import import parse, read_text
from victim_desk.errors import (
    ImportFieldTooLong,
    ImportFileNotText,
    ImportFileTooLarge,
    ImportFileUnreadable,
    ImportRowBroken,
    ImportRowNul,
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "urls.txt"
    os.mkfifo(fifo)
    # No writer ever opens it: opening it for reading would wait forever, so it must not be opened at all.
    with pytest.raises(ImportFileUnreadable) as info:
        read_text(fifo)
    assert "not a regular file" in info.value.message("en")
    assert "urls.txt" in info.value.message("en")
    assert "일반 파일이 아니어서" in info.value.message("ko")


def test_a_device_that_never_ends_is_refused() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.fail("this test needs /dev/zero (POSIX)")
    with pytest.raises(ImportFileUnreadable) as info:
        read_text(zero)
    assert "not a regular file" in info.value.message("en")


def test_the_cap_is_on_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sighting_import, "_MAX_BYTES", 4096)
    path = tmp_path / "long.txt"
    path.write_bytes(b"https://t.me/room_number_000001\n" * 200)  # 6,400 bytes
    with pytest.raises(ImportFileTooLarge) as info:
        read_text(path)
    assert "long.txt" in info.value.message("en")
    path.write_bytes(b"https://t.me/room_number_000001\n" * 100)  # 3,200 bytes: under the cap
    assert len(parse(read_text(path)).rows) == 100


def test_missing_and_folder_use_the_shared_words(tmp_path: Path) -> None:
    with pytest.raises(ImportFileUnreadable) as info:
        read_text(tmp_path / "missing.txt")
    assert "cannot be found" in info.value.message("en") and "missing.txt" in info.value.message("en")
    with pytest.raises(ImportFileUnreadable) as info:
        read_text(tmp_path)
    assert "folder" in info.value.message("en")


def test_excel_unicode_text_with_korean_headers(tmp_path: Path) -> None:
    # What Excel writes for "Unicode Text (*.txt)": UTF-16 LE with a BOM, tabs, CRLF, quotes when needed.
    sheet = (
        "주소\t플랫폼\t발견일\t메모\r\n"
        "https://t.me/room_a\t텔레그램\t2026-11-01\t단체방 공지\r\n"
        'https://x.com/user_b\t\t\t"따옴표 ""안""과\t탭"\r\n'
        "https://blog.naver.com/c\tnaver\t\t\r\n"
    )
    path = tmp_path / "sheet.txt"
    path.write_bytes(b"\xff\xfe" + sheet.encode("utf-16-le"))
    parsed = parse(read_text(path))
    assert parsed.errors == []
    assert [(line, s.url, s.platform) for line, s in parsed.rows] == [
        (2, "https://t.me/room_a", "telegram"),
        (3, "https://x.com/user_b", "x"),
        (4, "https://blog.naver.com/c", "naver"),
    ]
    assert parsed.rows[0][1].note == "단체방 공지"
    assert parsed.rows[1][1].note == '따옴표 "안"과\t탭'


def test_big_endian_utf16_too(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes(b"\xfe\xff" + "url\thint\nhttps://t.me/room_a\tx\n".encode("utf-16-be"))
    assert parse(read_text(path)).rows[0][1].url == "https://t.me/room_a"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_nul_in_one_note_costs_only_that_row(tmp_path: Path, encoding: str) -> None:
    text = "url,note\nhttps://t.me/room_a,fine\nhttps://t.me/room_b,bro\x00ken\nhttps://t.me/room_c,fine\n"
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    parsed = parse(read_text(path))
    assert [s.url for _, s in parsed.rows] == ["https://t.me/room_a", "https://t.me/room_c"]
    assert [(e.line, type(e.error)) for e in parsed.errors] == [(3, ImportRowNul)]


def test_a_nul_in_a_plain_list_line(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(b"https://t.me/room_a\nhttps://t.me/ro\x00om_b\nhttps://t.me/room_c\n")
    parsed = parse(read_text(path))
    assert len(parsed.rows) == 2
    assert [(e.line, type(e.error)) for e in parsed.errors] == [(2, ImportRowNul)]


def test_binary_files_are_still_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(20261121)
    workbook = tmp_path / "sheet.xlsx"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(rng.randrange(256) for _ in range(6000)))
    with pytest.raises(ImportFileNotText) as info:
        read_text(workbook)
    assert "Excel" in info.value.message("en")


def test_a_field_over_the_limit_has_its_own_message() -> None:
    huge = "x" * 200_000
    parsed = parse(f'url,note\nhttps://t.me/room_a,ok\nhttps://t.me/room_b,"{huge}"\n')
    assert [s.url for _, s in parsed.rows] == ["https://t.me/room_a"]
    assert [(e.line, type(e.error)) for e in parsed.errors] == [(3, ImportFieldTooLong)]
    message = parsed.errors[0].error.message("en")
    assert "longer than 131072 characters" in message and "address" not in message


def test_an_unclosed_quote_names_the_row_where_it_starts() -> None:
    parsed = parse('url,note\nhttps://t.me/room_a,ok\nhttps://t.me/room_b,"never closed\nmore\nmore\n')
    assert [(e.line, type(e.error)) for e in parsed.errors] == [(3, ImportRowBroken)]
