"""An original too large to keep is refused with the limit and the file's size, in the person's language.

It used to read "동영상이 너무 길거나 커서 처리하지 않았습니다(> 512 MB)": English sign and words inside
Korean, and nothing about what to do. Runs the real evidence service on a real vault, with the limit
lowered (the megabyte made a kilobyte) so a small picture crosses it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from victim_desk.app import evidence as evidence_mod
from victim_desk.errors import VideoTooLong


def test_an_original_over_the_limit_says_its_size_and_the_limit(
    desk: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(20261202)
    picture = tmp_path / "noise.png"
    Image.fromarray(rng.integers(0, 256, (96, 96, 3), dtype=np.uint8)).save(picture)
    size = picture.stat().st_size
    monkeypatch.setattr(evidence_mod, "_MB", 1024)
    monkeypatch.setattr(evidence_mod, "_MAX_ORIGINAL", 2 * 1024)
    case = desk.cases.add("원본 크기")

    [(_, result)] = list(desk.evidence.add(case, [picture], keep_original=True))

    assert isinstance(result, VideoTooLong), result
    expected_mb = -(-size // 1024)
    assert result.params == {"limit": "size", "size_mb": expected_mb, "max_mb": 2}
    ko = result.message("ko")
    assert f"파일 크기가 {expected_mb:,} MB로, 원본을 보관할 수 있는 2 MB를 넘습니다" in ko
    assert "원본을 보관하지 않고 다시 넣으면 지문은 저장됩니다" in ko
    assert not re.search("[A-Za-z]", ko.replace("MB", "")), ko
    assert f"The file is {expected_mb:,} MB, more than the 2 MB" in result.message("en")
    # Without keeping the original the same picture is saved: the advice holds.
    [(_, kept)] = list(desk.evidence.add(case, [picture]))
    assert not isinstance(kept, Exception), kept
