"""Unexpected errors are logged for developers without any case data, and users never see a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from victim_desk import logs
from victim_desk.cli import main


def test_log_keeps_the_type_and_place_but_not_the_message(isolated_home: Path) -> None:
    secret = "https://t.me/secret-room 피해자 이름"
    try:
        raise ValueError(secret)
    except ValueError as exc:
        logs.log_unexpected(exc, "test")
    for handler in logs.logger.handlers:
        handler.flush()
    text = logs.log_path().read_text(encoding="utf-8")
    assert "builtins.ValueError" in text and "test_logs.py" in text
    assert "secret-room" not in text and "피해자" not in text


def test_cli_turns_a_crash_into_a_calm_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from victim_desk.cli import commands

    def broken(*_args: object) -> int:
        raise RuntimeError("boom with https://t.me/private-room")

    monkeypatch.setattr(commands, "case_list", broken)
    code = main(["--lang", "en", "--vault", str(tmp_path / "v"), "case", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "private-room" not in err
    assert "What was already saved is safe" in err
