"""Korean first: the reasons nested in a message (a damaged directory or guide, a timestamp answer that
does not hold, why the window cannot open, a suspected ZIP bomb, a broken audit chain) are rendered in the
message's own language from messages-reasons.json, never carried as English text or an exception's name.

Each Korean sentence may keep Latin letters only where they are the file's own codes (ids, field names,
the guide's placeholders, true/false) or a unit; everything else is checked to be Korean."""

from __future__ import annotations

import copy
import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from victim_desk.app.packages import finding_message
from victim_desk.cli import display_missing, gui_import_cause
from victim_desk.core.guide import compose_guide, guide_data
from victim_desk.core.package_verify import Finding
from victim_desk.core.referrals import load_directory, parse_directory, read_directory
from victim_desk.errors import DirectoryInvalid, GuideInvalid, TimestampRejected
from victim_desk.i18n import _catalogue, t
from victim_desk.resources_path import resource

REASONS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "messages-reasons.json"


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", text))


def codes_in(*values: object) -> set[str]:
    """The Latin words of data a message names on purpose (ids, field names, placeholders)."""
    found: set[str] = set()
    for value in values:
        if isinstance(value, tuple):
            found |= codes_in(*value)
        else:
            found |= latin_words(str(value))
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_reason_has_korean_and_english_with_the_same_placeholders() -> None:
    entries = json.loads(REASONS.read_text(encoding="utf-8"))
    assert len(entries) >= 60
    for key, entry in entries.items():
        assert set(entry) == {"ko", "en"}, key
        assert entry["ko"].strip() and entry["en"].strip(), key
        assert placeholders(entry["ko"]) == placeholders(entry["en"]), key
        assert _catalogue()[key] == entry, key  # loaded, and defined nowhere else


# --- the directory of organisations -----------------------------------------------------------------


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("referrals.json").read_text(encoding="utf-8"))
    return data


def _org(d: dict[str, Any], org_id: str) -> dict[str, Any]:
    return next(o for o in d["organisations"] if o["id"] == org_id)


# One real break of the shipped directory per problem; every directory.problem.* key must be here.
BREAKS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("top_not_object", lambda d: ["not", "a", "directory"]),
    ("missing", lambda d: d.pop("regions") and d),
    ("needs_exactly", lambda d: d["needs"].pop("youth") and d),
    ("unknown_parent", lambda d: d["regions"]["KR-local"].update(parent="Atlantis") or d),
    ("no_title", lambda d: d["sources"]["facts-channels"].update(title=" ") or d),
    ("no_organisations", lambda d: d.update(organisations=[]) or d),
    ("id_twice", lambda d: _org(d, "women1366").update(id="d4u") or d),
    ("needs_both_languages", lambda d: _org(d, "d4u")["helps"].pop("ko") and d),
    ("not_object", lambda d: _org(d, "d4u").update(hours="24/7") or d),
    ("no_source", lambda d: _org(d, "d4u")["web"][0].pop("source") and d),
    ("unknown_source", lambda d: _org(d, "d4u")["phones"][1].update(source="a-forum-post") or d),
    ("no_verified_on", lambda d: _org(d, "women1366").update(verified_on="last spring") or d),
    ("verified_not_bool", lambda d: _org(d, "women1366")["hours"].update(verified="yes") or d),
    ("no_id", lambda d: d["organisations"][2].update(id="Sun Flower") or d),
    ("unknown_region", lambda d: _org(d, "d4u").update(region="Mars") or d),
    ("needs_some_of", lambda d: _org(d, "d4u").update(needs=["astrology"]) or d),
    ("bad_number", lambda d: _org(d, "d4u")["phones"][1].update(number="call us") or d),
    ("bad_address", lambda d: _org(d, "d4u")["web"][0].update(address="www. example .org") or d),
    ("bad_contact", lambda d: _org(d, "women1366")["contacts"][0].update(kind="pigeon") or d),
    ("not_list", lambda d: _org(d, "d4u").update(phones="02-735-8994") or d),
]


@pytest.mark.parametrize(("problem", "break_it"), BREAKS, ids=[p for p, _ in BREAKS])
def test_each_directory_problem_is_named_and_said_in_korean(problem: str, break_it: Any) -> None:
    data = break_it(copy.deepcopy(_raw()))
    with pytest.raises(DirectoryInvalid) as caught:
        parse_directory(data)
    error = caught.value
    assert error.params["problem"] == problem
    ko, en = error.message("ko"), error.message("en")
    assert error.reason("ko") in ko and error.reason("en") in en
    kept = codes_in(*(v for k, v in error.params.items() if k != "problem")) | {"true", "false"}
    assert latin_words(ko) <= kept, (ko, latin_words(ko) - kept)


def test_every_directory_problem_and_place_is_reachable() -> None:
    keys = {k.rsplit(".", 1)[1] for k in _catalogue() if k.startswith("directory.problem.")}
    from_files = {"not_utf8", "not_json", "too_deep"}  # the file's bytes: see the tests below
    assert keys == {p for p, _ in BREAKS} | from_files


def test_a_place_deep_in_an_entry_is_said_step_by_step() -> None:
    data = _raw()
    _org(data, "women1366")["phones"][0]["note"] = {"ko": "24시간"}
    with pytest.raises(DirectoryInvalid) as caught:
        parse_directory(data)
    assert caught.value.params["where"] == (("organisation", "women1366"), ("phone", 1), ("note", ""))
    said = "(기관 women1366, 1번째 전화번호, 설명: 한국어와 영어 글이 모두 있어야 합니다)"
    assert said in caught.value.message("ko")
    assert "(organisation women1366, phone 1, note: it needs both Korean and English text)" in (
        caught.value.message("en")
    )


def test_a_directory_file_that_is_not_json_or_not_utf8_is_said_where(tmp_path: Path) -> None:
    broken = tmp_path / "referrals.json"
    text = resource("referrals.json").read_text(encoding="utf-8")
    broken.write_text(text.replace('"needs": {', '"needs": {,', 1), encoding="utf-8")
    line = text[: text.index('"needs": {')].count("\n") + 1
    with pytest.raises(DirectoryInvalid) as caught:
        read_directory(broken.read_bytes())
    assert caught.value.params["problem"] == "not_json" and caught.value.params["line"] == line
    ko = caught.value.message("ko")
    assert f"파일 형식이 맞지 않습니다, {line}번째 줄" in ko and latin_words(ko) == set(), ko
    assert "Expecting" not in caught.value.message("en")  # json's own English stays out
    broken.write_bytes(b'{"needs": "\xff\xfe"}')
    with pytest.raises(DirectoryInvalid) as caught:
        read_directory(broken.read_bytes())
    assert caught.value.params == {"problem": "not_utf8", "offset": 11, "where": ()}
    assert "글자 인코딩이 올바르지 않습니다, 11번째 바이트" in caught.value.message("ko")
    broken.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DirectoryInvalid) as caught:
        read_directory(broken.read_bytes())
    assert caught.value.params["problem"] == "too_deep"
    assert "구조가 지나치게 깊게 겹쳐 있습니다" in caught.value.message("ko")


# --- the guide --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "text", "korean"),
    [
        ("unknown_organisation", "Call {phone:nosuchorg} now.",
         "기관 목록에 없는 기관을 가리킵니다: {phone:nosuchorg}"),
        ("no_such_phone", "Call {phone:d4u:9} now.",
         "기관 목록에 없는 전화번호를 가리킵니다: {phone:d4u:9}"),
        ("nothing_for", "Write to {contact:d4u:fax}.",
         "기관 목록에 채울 내용이 없습니다: {contact:d4u:fax}"),
        ("placeholder_not_understood", "Call {Phone:d4u} now.",
         "채울 수 없는 자리 표시가 있습니다: {Phone:d4u}"),
    ],
)  # fmt: skip
def test_each_guide_problem_is_said_in_korean(problem: str, text: str, korean: str) -> None:
    data = copy.deepcopy(guide_data())
    data["en"]["sections"][0]["bullets"].append(text)
    with pytest.raises(GuideInvalid) as caught:
        compose_guide("en", load_directory(), data)
    assert caught.value.params["problem"] == problem
    ko = caught.value.message("ko")
    assert korean in ko
    assert latin_words(ko) <= codes_in(caught.value.params["placeholder"]), ko
    assert "Call" not in ko  # the guide's English sentence around the placeholder stays out


def test_a_guide_without_text_in_a_language_is_said_so() -> None:
    data = copy.deepcopy(guide_data())
    del data["ko"]
    with pytest.raises(GuideInvalid) as caught:
        compose_guide("ko", load_directory(), data)
    assert caught.value.params == {"problem": "no_text", "lang": "ko"}
    assert "이 언어(ko)의 안내문이 없습니다" in caught.value.message("ko")


# --- timestamps, packages, the window ---------------------------------------------------------------


def test_every_kind_of_timestamp_problem_has_its_words() -> None:
    source = (Path(__file__).resolve().parents[2] / "victim_desk" / "core" / "timestamp.py").read_text()
    kinds = set(re.findall(r'TimestampProblem\("([a-z_]+)"', source))
    assert kinds == {"malformed", "not_granted", "imprint_mismatch", "nonce_mismatch", "signature_invalid"}
    keys = {k.rsplit(".", 1)[1] for k in _catalogue() if k.startswith("timestamp.problem.")}
    assert keys == kinds
    for kind in kinds:
        ko = TimestampRejected(problem=kind).message("ko")
        assert latin_words(ko) == set() and kind not in ko, ko


@pytest.mark.parametrize(
    ("finding", "korean"),
    [
        (Finding("", "bomb", {"reason": "members", "count": 20001}),
         "ZIP 폭탄 의심, 들어 있는 파일 수: 20001"),
        (Finding("big.bin", "bomb", {"reason": "ratio", "count": 9}), "big.bin: 압축을 풀면"),
        (Finding("", "bomb", {"reason": "total", "count": 7}), "모두 풀었을 때의 크기(바이트): 7"),
        (Finding("audit.jsonl", "audit_broken", {"seq": 4, "kind": "unlinked"}),
         "연결이 끊겼습니다(앞 기록과 이어지지 않음)"),
        (Finding("audit.jsonl", "audit_broken", {"seq": 4, "kind": "altered"}),
         "4번 사건의 연결이 끊겼습니다(내용이 바뀜)"),
        (Finding("audit.jsonl", "audit_broken", {"seq": 4, "kind": "out_of_order"}), "(순서가 맞지 않음)"),
    ],
)  # fmt: skip
def test_package_findings_name_their_codes_in_korean(finding: Finding, korean: str) -> None:
    ko = finding_message(finding, "ko")
    assert korean in ko
    assert latin_words(ko) <= {"ZIP"} | codes_in(finding.member), ko
    assert finding.params["reason" if finding.check == "bomb" else "kind"] not in ko


def test_the_window_needs_a_screen_on_linux_and_the_bsds() -> None:
    assert display_missing({}, "linux") == "no_display"
    assert display_missing({"DISPLAY": ""}, "freebsd14") == "no_display"
    assert display_missing({"DISPLAY": ":0"}, "linux") is None
    assert display_missing({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_missing({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_missing({}, "win32") is None and display_missing({}, "darwin") is None


def test_an_import_failure_is_told_by_its_cause_not_its_text() -> None:
    with pytest.raises(ModuleNotFoundError) as missing_qt:
        import PySide6.QtNoSuchModule  # type: ignore[import-not-found]  # noqa: F401
    assert gui_import_cause(missing_qt.value) == "qt_missing"
    with pytest.raises(ModuleNotFoundError) as other:
        import victim_desk_no_such_module  # type: ignore[import-not-found]  # noqa: F401
    assert gui_import_cause(other.value) == "other"
    for cause in ("no_display", "qt_missing", "library_missing", "other"):
        ko = t("cli.gui_unavailable", "ko", reason=t(f"gui.cause.{cause}", "ko"))
        assert latin_words(ko) == {"README"}, ko  # the installation notes' file name, as before


# --- a field named by its code ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "korean"),
    [
        ({"display_name": "a\nb"}, "display_name", "이 설정 값(창에 보이는 이름)은 쓸 수 없어"),
        ({"auto_lock_minutes": 0}, "auto_lock_minutes", "이 설정 값(사용하지 않을 때 잠글 때까지의 시간)은"),
        ({"icon": "victim"}, "icon", "이 설정 값(아이콘)은 쓸 수 없어"),
    ],
)
def test_a_setting_that_cannot_be_used_is_named_in_korean(
    change: dict[str, Any], field: str, korean: str
) -> None:
    from victim_desk.app.preferences import Preferences
    from victim_desk.errors import InvalidPreference

    with pytest.raises(InvalidPreference) as caught:
        Preferences().with_changes(**change)
    assert caught.value.params["field"] == field
    ko = caught.value.message("ko")
    assert korean in ko and latin_words(ko) == set(), ko


@pytest.mark.parametrize(
    ("args", "field", "korean"),
    [
        (("  ", "a@b.example"), "name", "작성자 정보를 확인해 주세요: 이름"),
        (("상담원 김", "not-an-address"), "email", "작성자 정보를 확인해 주세요: 이메일 주소"),
        (("상담원 김", "a@b.example", None, "boss"), "role",
         "작성자 정보를 확인해 주세요: 역할(피해자 본인 또는 상담원)"),
    ],
)  # fmt: skip
def test_a_profile_field_is_named_in_korean(
    desk: Any, args: tuple[Any, ...], field: str, korean: str
) -> None:
    from victim_desk.errors import InvalidProfile

    with pytest.raises(InvalidProfile) as caught:
        desk.profile.set(*args)
    assert caught.value.params["field"] == field
    ko = caught.value.message("ko")
    assert ko == korean and latin_words(ko) == set(), ko
