"""Bulk import parsing: text lists, CSV (also CP949 and semicolons), broken rows reported, good rows kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from victim_desk.core.sighting_import import parse, read_text
from victim_desk.errors import ImportFileEmpty, ImportFileUnreadable, InvalidUrl


def test_plain_url_list_skips_blank_lines_and_comments() -> None:
    parsed = parse("# from the monitoring sheet\nhttps://t.me/a\n\n  x.com/b  \nnot a url\n")
    assert [(line, s.url) for line, s in parsed.rows] == [(2, "https://t.me/a"), (4, "https://x.com/b")]
    assert [(e.line, type(e.error)) for e in parsed.errors] == [(5, InvalidUrl)]


def test_csv_with_columns_in_any_order_and_broken_rows() -> None:
    text = (
        "note,URL,seen,platform\n"
        "첫 번째,https://t.me/a,2026-11-01,\n"
        "bad date,https://t.me/b,someday,telegram\n"
        "unknown,https://example.org/c,,myspace\n"
        ",https://cafe.naver.com/d,2026-11-02T09:00+09:00,naver\n"
        "short row\n"
    )
    parsed = parse(text)
    assert [s.url for _, s in parsed.rows] == ["https://t.me/a", "https://cafe.naver.com/d"]
    assert parsed.rows[0][1].note == "첫 번째"
    assert parsed.rows[0][1].platform == "telegram"
    assert [e.line for e in parsed.errors] == [3, 4, 6]


def test_korean_headers_and_semicolons() -> None:
    parsed = parse("주소;플랫폼;메모\nhttps://open.kakao.com/o/x;kakao;오픈채팅\n")
    assert parsed.rows[0][1].platform == "kakao"
    assert parsed.rows[0][1].note == "오픈채팅"


def test_cp949_file_from_korean_excel(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("url,메모\nhttps://t.me/a,피해 자료\n".encode("cp949"))
    parsed = parse(read_text(path))
    assert parsed.rows[0][1].note == "피해 자료"


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("\ufeffurl\nhttps://t.me/a\n".encode())
    assert parse(read_text(path)).rows[0][1].url == "https://t.me/a"


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileUnreadable):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(ImportFileUnreadable):
        read_text(tmp_path)
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x00binary")
    with pytest.raises(ImportFileUnreadable):
        read_text(binary)
    with pytest.raises(ImportFileEmpty):
        parse("\n# nothing here\n\n")


def test_unterminated_quote_is_reported_not_fatal() -> None:
    parsed = parse('url,note\nhttps://t.me/a,ok\nhttps://t.me/b,"never closed\nhttps://t.me/c,x\n')
    assert parsed.rows[0][1].url == "https://t.me/a"
    assert parsed.errors  # the broken remainder is named, not silently dropped
