"""`kill -9` and a full disk while a real process imports, adds evidence, writes letters and exports
(tests/security/faults.py does the work; the long run does a hundred and more of each).

After every fault nothing reported saved is lost, the vault opens and passes `vault check`, every output
file is complete, and no partial file is left. A full disk is refused with its own calm message."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.security import faults

# What a full disk may be reported as: the vault's own message, or the output file's "cannot write" with the
# system's reason (No space left on device).
CALM_FULL_DISK = {"error.disk_full", "error.cannot_write"}


def _clean(tally: faults.Tally) -> None:
    assert tally.problems == []
    assert tally.lost == 0 and tally.partial_files_left == 0 and tally.incomplete_outputs == 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_9_during_evidence_letters_and_exports_loses_nothing(tmp_path: Path) -> None:
    tally = faults.run_kills(tmp_path, rounds=3, seed=15)
    _clean(tally)
    assert tally.kills == 3 and tally.confirmed >= 3, "the writer never got going; the test proves nothing"


def test_a_full_disk_is_refused_calmly_and_loses_nothing(tmp_path: Path) -> None:
    assert faults.disk_method() == "tmpfs", "a real small file system is expected here (we run as root)"
    tally = faults.run_disk_fulls(tmp_path, rounds=3, seed=16)
    _clean(tally)
    assert tally.disk_fulls == 3
    assert set(tally.refusals) <= CALM_FULL_DISK, tally.refusals
    assert sum(tally.refusals.values()) >= 1, "no round reached the full disk: the test proves nothing"


def test_the_fault_checks_can_fail(tmp_path: Path) -> None:
    """A lost write, a partial file and a half package are each noticed."""
    bench = faults.make_bench(tmp_path / "b")
    bench.confirmed["sighting"].add(999_999)
    (bench.out / ".letter.pdf.vdesk-abcdefgh.partial").write_bytes(b"half")
    (bench.out / "pkg-1.zip").write_bytes(b"PK\x03\x04half")
    (bench.out / "letter-2.pdf").write_bytes(b"%PDF-1.4 half")
    tally = faults.Tally()
    faults.audit(bench, tally)
    assert tally.lost == 1 and tally.incomplete_outputs == 2
    # The abandoned partial (no writer holds its lock) was swept by the audit's own write.
    assert tally.partial_files_left == 0 and not list(bench.out.glob("*.partial"))


def test_cli_says_the_disk_is_full(tmp_path: Path) -> None:
    with faults.small_disk(8 << 20) as disk:
        cli = Cli(disk / "vault")
        assert cli("vault", "init").returncode == 0
        assert cli("case", "add", "--title", "full disk").returncode == 0
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(f"https://t.me/fullroom/{n}\n" for n in range(3000)), encoding="utf-8")
        filler = faults._fill(disk, 32 << 10)
        result = cli("sighting", "import", "--case", "1", str(urls), env={"VICTIM_DESK_LANG": "en"})
        assert result.returncode != 0
        assert "The disk has no space left" in result.stderr and "Traceback" not in result.stderr
        filler.unlink()
        assert cli("vault", "check").returncode == 0
