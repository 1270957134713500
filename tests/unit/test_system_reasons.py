"""An operating-system refusal reaches the person in the language of the message around it.

The errno's English `strerror` used to sit inside Korean sentences ("...에 쓸 수 없습니다(Not a
directory)"). These tests render every mapped errno in both languages, check the catalogue has each one
with the same placeholders in both, and drive real OSErrors from the file system through each place that
raises them: write_new_file, the vault, the hash-list writer, package verification and file reading.
"""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from victim_desk import errors
from victim_desk.app import packages
from victim_desk.core.fingerprint import video as video_mod
from victim_desk.core.fingerprint.hashlist import write_hash_list_csv
from victim_desk.errors import CannotWrite, FileUnreadable, PackageUnreadable, SystemRefused, file_error
from victim_desk.i18n import LANGS
from victim_desk.resources_path import resource
from victim_desk.safe_output import write_new_file
from victim_desk.storage.vault import Vault
from victim_desk.system_reasons import PREFIX, errno_name, system_reason

# The errnos a person can meet saving or opening a file; each must have its own words.
MAPPED = ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "ENOENT", "EISDIR", "ENOTDIR", "ENAMETOOLONG",
          "EMFILE", "ENFILE", "EIO", "EBUSY", "ETXTBSY", "EEXIST", "EXDEV", "ENOMEM", "EFBIG", "ENOTEMPTY",
          "ELOOP", "ENXIO", "ENODEV", "ESTALE", "EINVAL", "ENOTSUP", "EOPNOTSUPP", "EAGAIN")  # fmt: skip
LATIN = re.compile(r"[A-Za-z]")
# A Korean path, so any Latin letter in a Korean message came from the reason.
KO_PATH = "/내보내기/목록"
NOT_A_DIRECTORY_KO = "경로 중간의 이름이 폴더가 아니라 파일입니다"


def _catalogue_file(name: str) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(resource("i18n", name).read_text(encoding="utf-8"))
    return data


def _korean_without_codes(text: str, *codes: str) -> None:
    for code in codes:
        text = text.replace(code, "")
    assert not LATIN.search(text), text
    assert re.search("[가-힣]", text), text


def test_every_mapped_errno_has_korean_and_english_words_with_nothing_english_in_the_korean() -> None:
    system = _catalogue_file("messages-system.json")
    for name in MAPPED:
        entry = system[PREFIX + name]
        assert entry["ko"] != entry["en"] and entry["ko"].endswith(".") and entry["en"].endswith("."), name
        _korean_without_codes(entry["ko"])
        assert not re.search("[가-힣]", entry["en"]), (name, entry["en"])
        for lang in LANGS:
            assert system_reason(name, lang) == entry[lang]


def test_real_errno_numbers_become_their_words_inside_each_message_in_both_languages() -> None:
    checked = 0
    for name in MAPPED:
        number = getattr(errno, name, None)
        if number is None:  # EDQUOT, ETXTBSY, ESTALE: not every platform has every errno
            continue
        strerror = f"English system text for {name}"
        exc = OSError(number, strerror)
        raised = [CannotWrite.from_os(exc, path=KO_PATH), PackageUnreadable.from_os(exc, path=KO_PATH),
                  FileUnreadable.from_os(exc)]  # fmt: skip
        for error in raised:
            ko, en = error.message("ko"), error.message("en")
            # Aliases (ENOTSUP/EOPNOTSUPP) share a number: the name the platform gives must have words too.
            words = _catalogue_file("messages-system.json")[PREFIX + errno_name(exc)]
            assert words["ko"] in ko and words["en"] in en, (name, ko, en)
            assert strerror not in ko and strerror not in en
            _korean_without_codes(ko)
            checked += 1
    assert checked >= 3 * 20


def test_an_unknown_errno_is_named_by_its_code_and_no_errno_at_all_by_general_words() -> None:
    unknown = CannotWrite.from_os(OSError(errno.ENOSYS, "Function not implemented"), path=KO_PATH)
    assert unknown.params["os_error"] == "ENOSYS"
    ko = unknown.message("ko")
    assert "오류 코드 ENOSYS" in ko and "Function not implemented" not in ko
    _korean_without_codes(ko, "ENOSYS")
    assert "error code ENOSYS" in unknown.message("en")
    bare = CannotWrite.from_os(OSError("zip member unreadable"), path=KO_PATH)
    assert bare.params["os_error"] == ""
    _korean_without_codes(bare.message("ko"))
    assert "zip member unreadable" not in bare.message("en")
    assert "운영체제가 이 작업을 거부했습니다." in bare.message("ko")


def test_a_file_locked_by_another_windows_program_is_in_use_not_forbidden() -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION, as Windows sets it
    assert errno_name(exc) == "EBUSY"
    in_use = CannotWrite.from_os(exc, path="a").message("ko")
    assert "다른 프로그램이 이 파일이나 폴더를 쓰고 있습니다" in in_use


def test_both_new_catalogues_have_every_key_in_both_languages_with_the_same_placeholders() -> None:
    for name in ("messages-system.json", "messages-limits.json"):
        for key, entry in _catalogue_file(name).items():
            assert set(entry) == {"ko", "en"}, key
            fields = [sorted(re.findall(r"\{(\w+)", entry[lang])) for lang in LANGS]
            assert fields[0] == fields[1] and entry["ko"].strip() and entry["en"].strip(), key
    placed = [errors.CannotWrite.key, errors.FileUnreadable.key, errors.PackageUnreadable.key]
    from victim_desk.i18n import _catalogue

    for key in placed:  # the reason is a sentence of its own now, no longer squeezed into parentheses
        for lang in LANGS:
            assert "{reason}" in _catalogue()[key][lang] and "({reason})" not in _catalogue()[key][lang]


def _under_a_file(tmp_path: Path, *parts: str) -> Path:
    """A path whose parent is a regular file: ENOTDIR for everyone, root included (chmod would not stop
    root)."""
    blocker = tmp_path / "a-plain-file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    return blocker.joinpath(*parts)


def _is_not_a_directory(error: SystemRefused) -> None:
    assert error.params["os_error"] == "ENOTDIR", error.params
    ko = error.message("ko")
    assert NOT_A_DIRECTORY_KO in ko and "Not a directory" not in ko
    assert "Part of the path is a file, not a folder." in error.message("en")


def test_real_file_system_failures_reach_each_error_in_the_words_of_its_language(tmp_path: Path) -> None:
    out = _under_a_file(tmp_path, "export.csv")
    with pytest.raises(CannotWrite) as written:
        write_new_file(out, lambda f: f.write("x"))
    _is_not_a_directory(written.value)
    assert written.value.message("ko").startswith(f"{out}에 쓸 수 없습니다. {NOT_A_DIRECTORY_KO}")

    with pytest.raises(CannotWrite) as listed:
        write_hash_list_csv([], _under_a_file(tmp_path, "list.csv"))
    _is_not_a_directory(listed.value)

    with pytest.raises(CannotWrite) as created:
        Vault.create(_under_a_file(tmp_path, "inside", "vault"), PASSPHRASE)
    _is_not_a_directory(created.value)

    with pytest.raises(PackageUnreadable) as opened:
        packages.verify(_under_a_file(tmp_path, "package.zip"))
    _is_not_a_directory(opened.value)

    with pytest.raises(FileUnreadable) as read:
        video_mod.demuxer_for(_under_a_file(tmp_path, "clip.mp4"))
    _is_not_a_directory(read.value)
    try:
        (_under_a_file(tmp_path, "x.jpg")).read_bytes()
    except OSError as exc:
        _is_not_a_directory(file_error(exc))
    else:
        raise AssertionError("reading under a file succeeded")


def test_a_missing_file_while_reading_keeps_its_own_message() -> None:
    with pytest.raises(errors.FileMissing):
        video_mod.demuxer_for(Path("/nonexistent-victim-desk-dir/clip.mp4"))
