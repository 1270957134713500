"""The message catalogue: every entry speaks both languages, and no key is defined twice across files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from victim_desk import errors, i18n
from victim_desk.resources_path import resource

I18N = Path(str(resource("i18n")))


def _files() -> list[Path]:
    return sorted(I18N.glob("messages*.json"))


def test_every_entry_has_korean_and_english_with_the_same_placeholders() -> None:
    for file in _files():
        for key, entry in json.loads(file.read_text(encoding="utf-8")).items():
            assert set(entry) == {"ko", "en"}, (file.name, key)
            assert entry["ko"].strip() and entry["en"].strip(), (file.name, key)
            names = [set(re.findall(r"\{(\w+)", entry[lang])) for lang in ("ko", "en")]
            assert names[0] == names[1], (file.name, key, names)


def test_every_error_class_has_its_message() -> None:
    for value in vars(errors).values():
        if isinstance(value, type) and issubclass(value, errors.DeskError):
            assert i18n.has_message(value.key), value.__name__


def test_a_key_defined_in_two_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "messages.json").write_text('{"a.b": {"ko": "가", "en": "a"}}', encoding="utf-8")
    (tmp_path / "messages-extra.json").write_text('{"a.b": {"ko": "나", "en": "b"}}', encoding="utf-8")
    monkeypatch.setattr(i18n, "resource", lambda *parts: tmp_path.joinpath(*parts[1:]))
    i18n._catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"a\.b"):
            i18n._catalogue()
    finally:
        monkeypatch.undo()
        i18n._catalogue.cache_clear()
    assert i18n.has_message("error.unexpected")


# A command name or a command-line option: "victim-desk case list", "--share", "--passphrase-stdin".
_COMMAND_SYNTAX = re.compile(r"victim-desk |(?<![\w-])--[a-z]")


def test_error_messages_name_no_command_and_each_cli_hint_has_its_message() -> None:
    """An error's message is shown in the desktop app too, where a command means nothing; the command-line
    advice goes to `<key>.cli`, which only the CLI appends."""
    offending, orphans, hints = [], [], 0
    keys = set(i18n._catalogue())
    for file in _files():
        for key, entry in json.loads(file.read_text(encoding="utf-8")).items():
            if not key.startswith("error."):
                continue
            if key.endswith(".cli"):
                hints += 1
                if key.removesuffix(".cli") not in keys:
                    orphans.append(key)
                continue
            found = [lang for lang in i18n.LANGS if _COMMAND_SYNTAX.search(entry[lang])]
            offending += [(file.name, key, lang) for lang in found]
    assert offending == []
    assert orphans == []
    assert hints >= 18  # the advice moved out of the messages is still there for the CLI


def test_the_syntax_check_catches_commands_and_options_but_not_dashes() -> None:
    for text in ("'victim-desk case list' shows the numbers.", "leave it out of --share", "--format pdf|txt"):
        assert _COMMAND_SYNTAX.search(text), text
    for text in ("2026-12-01", "victim-desk", "a pause -- then more", "e-mail"):
        assert not _COMMAND_SYNTAX.search(text), text


def test_the_cli_adds_its_hint_and_the_message_alone_has_none() -> None:
    error = errors.CaseNotFound(case_id=7)
    for lang in i18n.LANGS:
        assert "victim-desk" not in error.message(lang)
        hint = error.cli_hint(lang)
        assert hint is not None and "victim-desk case list" in hint
        assert error.cli_message(lang) == f"{error.message(lang)} {hint}"
    plain = errors.UnexpectedError()
    assert plain.cli_hint("ko") is None and plain.cli_message("ko") == plain.message("ko")
