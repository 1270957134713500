"""Why a hash list cannot be read is said in the reader's language: every problem is a catalogue entry.

A Korean sentence used to carry an English reason ("해시 목록을 읽을 수 없습니다: line 3: pdq is not 64 hex
digits"). These tests hold every problem the readers raise to a Korean and an English entry, and read
real broken files (CSV, JSON Lines, a fingerprint with a garbled robust signature) back in Korean.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _photos import photo

from victim_desk.core.fingerprint import Fingerprint
from victim_desk.core.fingerprint.hashlist import read_hash_array, read_hash_list
from victim_desk.core.fingerprint.robust import RobustSignature, signature
from victim_desk.errors import HashListInvalid
from victim_desk.i18n import _catalogue
from victim_desk.resources_path import resource

SOURCE = Path(__file__).resolve().parents[3] / "victim_desk"
A = "a" * 64
MD5 = "d41d8cd98f00b204e9800998ecf8427e"
PREFIX = "hashlist.problem."

# Words of the English reasons the readers used to put into every message, Korean included (>= 8 bytes).
ENGLISH = ("hex digits", "is missing", "not valid JSON", "robust signature", "JSON object", "the header",
           "not readable", "must be a", "the list is", "UTF-8 text", "no hash to", "line 2: ", "line 3: ",
           "not base64", "do not line up", "fields, the")  # fmt: skip


def _problems_raised_in_code() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        # Only the hash-list readers' problems: other errors name theirs the same way (DirectoryInvalid, ...).
        found |= set(re.findall(r'HashListInvalid\(problem="(\w+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_problem_raised_has_its_entry_and_every_entry_is_used() -> None:
    raised = _problems_raised_in_code()
    listed = {key.removeprefix(PREFIX) for key in _catalogue() if key.startswith(PREFIX)}
    assert len(raised) >= 30  # the scan found the raise sites (hashlist, types, robust, provenance)
    assert raised - listed == set()
    assert listed - raised == set()


def test_korean_problems_carry_no_english_words() -> None:
    """Outside quoted field names ('pdq', 'robust') and placeholders, Korean entries hold only the names of
    formats a person may know from their software."""
    allowed = {"JSON", "CSV", "UTF", "base64"}
    for key, entry in _catalogue().items():
        if not (key.startswith(PREFIX) or key == "hashlist.at_line"):
            continue
        bare = re.sub(r"'[^']*'|\{\w+\}", "", entry["ko"])
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", bare))
        assert words <= allowed, (key, words - allowed)


def _korean(err: pytest.ExceptionInfo[HashListInvalid]) -> str:
    text = err.value.message("ko")
    assert text.startswith("해시 목록을 읽을 수 없습니다: ")
    for needle in ENGLISH:
        assert needle not in text, (needle, text)
    return text


def test_a_broken_csv_is_explained_in_korean_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(f"pdq,md5,label\n{A},{MD5},first\n{A[:-1]}g,,second\n", encoding="utf-8")
    with pytest.raises(HashListInvalid) as err:
        read_hash_array(path)
    assert err.value.params == {"problem": "not_hex", "field": "pdq", "digits": 64, "line": 3}
    assert _korean(err).endswith("3번째 줄: 'pdq' 값이 16진수 64자리가 아닙니다")
    assert err.value.message("en") == "The hash list cannot be read: line 3: pdq is not 64 hex digits"

    path.write_text(f"pdq,label\n{A},x\n{A},y,z\n", encoding="utf-8")
    with pytest.raises(HashListInvalid) as err:
        read_hash_array(path)
    assert _korean(err).endswith("3번째 줄: 값이 3개인데 머리글 줄에는 2개입니다")


def test_a_broken_json_lines_list_is_explained_in_korean_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    good = json.dumps({"file": "x.jpg", "pdq": A})
    for bad, words in [
        ("{not json", "올바른 JSON 형식이 아닙니다"),
        (json.dumps({"pdq": A}), "파일 이름('file')이 없습니다"),
        (json.dumps({"file": "y.jpg", "frames": 3}), "'frames' 값이 목록이 아닙니다"),
    ]:
        path.write_text(f"{good}\n{bad}\n", encoding="utf-8")
        with pytest.raises(HashListInvalid) as err:
            read_hash_list(path)
        assert _korean(err).endswith(f"2번째 줄: {words}"), bad


def _signed() -> dict[str, object]:
    return signature(photo("coffee")).to_json()


@pytest.mark.parametrize(
    ("garble", "problem", "words"),
    [
        (
            lambda s: s.update(descriptors="not base64!"),
            "robust_not_base64",
            "'descriptors' 항목이 base64 텍스트가",
        ),
        (
            lambda s: s.update(descriptors=s["descriptors"][:-8]),
            "robust_features_mismatch",
            "개수가 서로 맞지",
        ),
        (lambda s: s.update(v=9), "robust_version", "버전('v')을 알 수 없습니다"),
        (lambda s: s.pop("size"), "robust_missing", "'size' 항목이 없습니다"),
        (lambda s: s.update(size=[0, 5]), "robust_size", "'size' 항목이 1부터 65535까지"),
        (lambda s: s.update(quality=101), "robust_quality", "'quality' 항목이 0부터 100까지"),
        (lambda s: s.update(pdq=["xyz"]), "robust_pdq", "16진수 64자리가 아닌 해시"),
        (lambda s: s.update(mirrored=7), "robust_not_base64", "'mirrored' 항목이 base64"),
        (lambda s: s.update(tiles=[5]), "robust_tile_not_object", "'tiles' 항목 하나가"),
    ],
)
def test_a_garbled_robust_signature_is_explained_in_korean(
    tmp_path: Path, garble: object, problem: str, words: str
) -> None:
    """Each case RobustSignature.from_json checks has its own words, in a list (with its line) and in a
    fingerprint read on its own (as the vault stores them: no line)."""
    robust = _signed()
    garble(robust)  # type: ignore[operator]
    listed = tmp_path / "known.jsonl"
    listed.write_text(
        "\n" + json.dumps({"file": "x.jpg", "pdq": A, "robust": robust}) + "\n", encoding="utf-8"
    )
    with pytest.raises(HashListInvalid) as err:
        read_hash_list(listed)
    assert (err.value.params["problem"], err.value.params["line"]) == (problem, 2)
    text = _korean(err)
    assert "2번째 줄: 'robust' 값" in text and words in text

    stored = {"file": "x.jpg", "kind": "image", "size": 10, "sha256": "e" * 64, "md5": MD5, "robust": robust}
    with pytest.raises(HashListInvalid) as err:
        Fingerprint.from_json(stored)
    assert "line" not in err.value.params and words in _korean(err)


def test_unforeseen_shapes_still_get_a_catalogue_problem() -> None:
    robust = _signed()
    robust["v"] = [1]  # compares unequal to every version: refused as unknown, not as a crash
    with pytest.raises(HashListInvalid) as err:
        RobustSignature.from_json(robust)
    assert err.value.params == {"problem": "robust_version"}
    with pytest.raises(HashListInvalid) as err:
        RobustSignature.from_json([])  # type: ignore[arg-type]
    assert err.value.params == {"problem": "not_object", "field": "robust"}


def test_a_value_placed_in_the_reason_keeps_its_controls_visible() -> None:
    """The reason is rendered first, then placed in the sentence: the escaping of its params survives."""
    err = HashListInvalid(problem="bad_hash", line=4, field="x\x1b[2J\u202e")
    for lang in ("ko", "en"):
        text = err.message(lang)  # type: ignore[arg-type]
        assert "\x1b" not in text and "\u202e" not in text
        assert "x\\x1b[2J\\u202e" in text


def test_every_problem_renders_in_both_languages_without_leftover_placeholders() -> None:
    for key, entry in _catalogue().items():
        if not key.startswith(PREFIX):
            continue
        names = set(re.findall(r"\{(\w+)", entry["ko"]))
        err = HashListInvalid(problem=key.removeprefix(PREFIX), line=7, **{n: 12 for n in names})
        for lang in ("ko", "en"):
            text = err.message(lang)  # type: ignore[arg-type]
            assert "{" not in text and "hashlist.problem" not in text, (key, lang, text)
        assert "7번째 줄: " in err.message("ko") and "line 7: " in err.message("en")
    assert resource("i18n", "messages-hashlist.json").is_file()
