"""What the screens ask of the application layer: the referral letter's preview is the letter that is then
written, which fields a case cannot share and why, a verification as one outcome per understandable check,
and the package passphrase's strength hint."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from victim_desk.app import referrals as use_case
from victim_desk.app.packages import CHECK_GROUPS, check_outcomes, verify
from victim_desk.core.package import passphrase_strength
from victim_desk.core.referral_letter import SHARE_FIELDS
from victim_desk.errors import NoSightingsToShare, ReferralNeedsProfile
from victim_desk.i18n import _catalogue


def test_preview_is_the_written_letter_and_writes_nothing(desk: Any, tmp_path: Path) -> None:
    case = desk.cases.add("preview case")
    with pytest.raises(ReferralNeedsProfile):
        desk.referrals.preview(case, "d4u", [], lang="en")
    desk.profile.set("Ha-eun Previewperson", "haeun.preview@example.org", None, "victim")
    desk.sightings.add(case, "https://example.org/preview/item-5521", "web", None, "a note 77123")
    preview = desk.referrals.preview(case, "d4u", ["sightings"], lang="en")
    assert desk.referrals.list(case) == [] and list(tmp_path.glob("*.txt")) == []
    assert "https://example.org/preview/item-5521" in preview
    assert "Ha-eun Previewperson" not in preview and "a note 77123" not in preview

    out = tmp_path / "letter.txt"
    written = desk.referrals.write(case, "d4u", ["sightings"], out, lang="en", fmt="txt")
    text = out.read_text(encoding="utf-8")
    # The same letter, line for line, but for the date line and the attachment's real file name.
    differ = [(a, b) for a, b in zip(preview.splitlines(), text.splitlines(), strict=True) if a != b]
    assert all("letter-sightings.csv" in b or "20" in b for _, b in differ), differ
    assert len(differ) <= 2
    assert f"referral {written.referral.id}" in preview


def test_unavailable_names_each_field_that_cannot_be_shared(desk: Any) -> None:
    case = desk.cases.add("empty case")
    assert desk.referrals.unavailable(case) == {f: "no_profile" for f in SHARE_FIELDS}
    desk.profile.set("Counselor Park", "park@example.org", None, "counselor", "Centre")
    assert desk.referrals.unavailable(case) == {
        "contact": "counselor_vault", "sightings": "no_sightings", "fingerprints": "no_fingerprints"
    }  # fmt: skip
    with pytest.raises(NoSightingsToShare):
        desk.referrals.preview(case, "d4u", ["sightings"], lang="en")
    desk.sightings.add(case, "https://example.org/x/1", "web")
    assert "sightings" not in desk.referrals.unavailable(case)


def test_share_choices_and_org_facts_come_from_the_catalogue_and_directory() -> None:
    choices = use_case.share_choices("ko")
    assert [c.field for c in choices] == list(SHARE_FIELDS)
    assert all(c.label and c.about for c in choices)
    org = next(o for o in use_case.directory().organisations if not o.verified)
    facts = use_case.org_facts(org, "en")
    assert facts[-1][0] == "Source" and org.provenance.verified_on in facts[-1][1]
    assert any("(unconfirmed)" in value or value == "opening hours unconfirmed" for _, value in facts)


def test_every_check_belongs_to_exactly_one_group() -> None:
    checks = {k.removeprefix("package.check.") for k in _catalogue() if k.startswith("package.check.")}
    grouped = [c for group in CHECK_GROUPS.values() for c in group]
    assert sorted(grouped) == sorted(set(grouped))
    assert set(grouped) == checks


def test_outcomes_pass_fail_and_not_checked(desk: Any, tmp_path: Path) -> None:
    case = desk.cases.add("package case")
    desk.sightings.add(case, "https://example.org/pkg/1", "web")
    good = tmp_path / "good.zip"
    desk.packages.export(case, good, lang="en")
    outcomes = {o.check: o.status for o in check_outcomes(verify(good), "en")}
    assert outcomes == {"container": "passed", "hashes": "passed", "signature": "passed",
                        "timestamp": "absent", "audit": "passed", "manifest": "passed"}  # fmt: skip

    resigned = tmp_path / "bad-sig.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(resigned, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, bytes([data[0] ^ 1]) + data[1:] if info.filename == "SHA256SUMS.sig" else data)
    failed = [o for o in check_outcomes(verify(resigned), "en") if o.status == "failed"]
    assert [o.check for o in failed] == ["signature"]
    assert failed[0].problems == ("SHA256SUMS.sig: the signature does not match SHA256SUMS.",)

    not_zip = tmp_path / "not.zip"
    not_zip.write_bytes(b"this is plainly not a zip archive")
    outcomes = {o.check: o.status for o in check_outcomes(verify(not_zip), "en")}
    assert outcomes["container"] == "failed"
    assert {s for c, s in outcomes.items() if c != "container"} == {"not_checked"}


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [("short", "too_short"), ("aaaaaaaaaaaaaaaa", "weak"), ("password", "weak"), ("Password1", "fair"),
     ("correct horse battery staple", "strong"), ("바다 위 고래 seven lanterns", "strong")],
)  # fmt: skip
def test_passphrase_strength_hint(passphrase: str, expected: str) -> None:
    assert passphrase_strength(passphrase) == expected
