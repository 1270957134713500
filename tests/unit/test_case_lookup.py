"""One case is read by its id (not picked out of the list of every case), and a missing one is refused
with the same calm message wherever it is asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from victim_desk.errors import CaseNotFound

MISSING = 42


def test_get_gives_the_case_with_its_counts(desk: Any) -> None:
    desk.cases.add("first case")
    case_id = desk.cases.add("second case")
    desk.sightings.add(case_id, "https://t.me/room/lookup-1")
    desk.sightings.add(case_id, "https://t.me/room/lookup-2")
    case = desk.cases.get(case_id)
    assert (case.id, case.title, case.sightings, case.evidence) == (case_id, "second case", 2, 0)
    assert case == next(c for c in desk.cases.list() if c.id == case_id)


@pytest.mark.parametrize(
    "ask",
    [
        lambda desk, tmp: desk.cases.get(MISSING),
        lambda desk, tmp: desk.packages.export(MISSING, tmp / "package.zip", lang="ko"),
        lambda desk, tmp: desk.referrals.unavailable(MISSING),
        lambda desk, tmp: desk.referrals.preview(MISSING, "d4u", ["sightings"], lang="ko"),
        lambda desk, tmp: desk.referrals.write(
            MISSING, "d4u", ["sightings"], tmp / "referral.pdf", lang="ko"
        ),
    ],
    ids=["cases.get", "packages.export", "referrals.unavailable", "referrals.preview", "referrals.write"],
)
def test_a_missing_case_is_refused_with_its_own_message(
    desk: Any, tmp_path: Path, ask: Callable[[Any, Path], object]
) -> None:
    desk.profile.set("김하나", "hana@example.org")
    desk.cases.add("the only case")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CaseNotFound) as caught:
        ask(desk, out)
    assert caught.value.message("ko") == "42번 사건이 없습니다. 사건 목록에서 번호를 확인해 주세요."
    assert caught.value.message("en") == "There is no case 42. Please check the number in the list of cases."
    assert list(out.iterdir()) == []  # nothing written
