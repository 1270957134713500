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
