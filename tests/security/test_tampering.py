"""Every tampering attempt of tests/security/tampering.py is caught: by `verify` for the evidence package
(as is, and re-signed by a forger when the sender's key fingerprint is expected), by `vault check` for the
vault's audit chain. The set is enumerated from the real files, so it grows with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.security import tampering
from victim_desk.app.packages import verify
from victim_desk.app.requests import LetterSpec
from victim_desk.core import package as fmt

# CI tries every 8th attempt (spread over every kind); `python tests/security/long_run.py` tries them all.
_EVERY = 8


def _case(desk: Any, tmp_path: Path, title: str, seed: int) -> int:
    case = desk.cases.add(title)
    for i in range(3):
        desk.sightings.add(case, f"https://t.me/tamperroom{seed}/{i}", seen="2026-11-20T10:00:00+09:00")
    picture = tmp_path / f"photo{seed}.png"
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, (64, 80, 3), dtype=np.uint8)).save(picture)
    list(desk.evidence.add(case, [picture], keep_original=True))
    spec = LetterSpec(recipient="telegram", jurisdiction="US", lang="en", case_id=case, platform="telegram")
    desk.requests.letter(spec, tmp_path / f"letter{seed}.txt")
    desk.referrals.write(case, "d4u", ["sightings"], tmp_path / f"referral{seed}.pdf", lang="ko")
    return case


@pytest.fixture
def packages(desk: Any, tmp_path: Path) -> tuple[Path, Path]:
    desk.profile.set("김하나", "hana@example.org")
    first, second = _case(desk, tmp_path, "첫 사건", 1), _case(desk, tmp_path, "둘째 사건", 2)
    desk.packages.export(first, tmp_path / "first.zip", lang="en", include_originals=True)
    desk.packages.export(second, tmp_path / "second.zip", lang="en", include_originals=True)
    return tmp_path / "first.zip", tmp_path / "second.zip"


def test_every_package_tampering_attempt_is_caught(desk: Any, packages: tuple[Path, Path]) -> None:
    fingerprint, forger = desk.packages.key_fingerprint(), fmt.SigningKey.generate()
    tally = tampering.run_package(*packages, fingerprint, forger, verify, every=_EVERY)
    assert tally.missed == []
    assert tally.attempts >= 500 // _EVERY and tally.caught == tally.attempts


def test_every_vault_audit_tampering_attempt_is_caught(desk: Any, packages: tuple[Path, Path]) -> None:
    tally = tampering.run_vault(desk, every=_EVERY)
    assert tally.missed == []
    assert tally.attempts >= 200 // _EVERY


def test_the_tampering_set_can_miss(desk: Any, packages: tuple[Path, Path]) -> None:
    """A verify that looked at nothing would miss every attempt; an empty check every vault attempt."""
    tally = tampering.run_package(*packages, desk.packages.key_fingerprint(), fmt.SigningKey.generate(),
                                  lambda *a, **k: verify(packages[0]), every=50)  # fmt: skip
    assert tally.caught == 0 and len(tally.missed) == tally.attempts
