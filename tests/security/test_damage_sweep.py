"""Wrong passphrases, a truncated vault.db and flipped bits in vault.db or key.json, seeded and mixed
(tests/security/damage.py): a clear refusal or a finding of `vault check`, the files untouched, and the
backup still restores every row. The long run tries many more."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.security import damage
from victim_desk.storage.vault import DB_NAME


def test_bad_inputs_are_refused_or_found_and_change_nothing(tmp_path: Path) -> None:
    tally = damage.run(tmp_path, attempts=40, seed=20261202)
    assert tally.problems == []
    assert tally.attempts == 40 and tally.restores == 1
    assert tally.refused_on_open + tally.found_by_check == 40


def test_the_sweep_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were `vault check` blind, the flipped bits it alone can find would be reported."""
    from victim_desk.app.vault_admin import VaultAdmin, VaultCheck

    monkeypatch.setattr(VaultAdmin, "check", lambda self: VaultCheck([], []))
    tally = damage.run(tmp_path, attempts=12, seed=20261202)
    assert any("not found by vault check" in p for p in tally.problems)


@pytest.mark.parametrize("length", [1, 100, 511])
def test_a_vault_file_cut_shorter_than_a_page_is_refused_not_replaced(cli: Cli, length: int) -> None:
    assert cli("vault", "init").returncode == 0
    data = (cli.vault / DB_NAME).read_bytes()
    (cli.vault / DB_NAME).write_bytes(data[:length])
    for command in (("case", "list"), ("vault", "check")):
        result = cli(*command, env={"VICTIM_DESK_LANG": "en"})
        assert result.returncode != 0
        assert "has been cut short" in result.stderr and "Traceback" not in result.stderr
    assert (cli.vault / DB_NAME).read_bytes() == data[:length]
