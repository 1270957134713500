"""The evidence package: export with progress and cancel, what goes in, encryption, the timestamp's
network consent, and "verify a package someone gave me" on good, encrypted and tampered packages."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import case_page, make_vault, open_shell
from victim_desk.errors import Cancelled
from victim_desk.gui.referrals.package_page import PackagePage
from victim_desk.gui.referrals.verify_dialog import VerifyDialog
from victim_desk.gui.shell import ShellWindow

PACKAGE_PASSPHRASE = "package lanterns under the bridge"


def _page(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path, sightings: int = 1
) -> tuple[ShellWindow, PackagePage]:
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault", sightings=sightings))
    page = case_page(shell, "package_page")
    assert isinstance(page, PackagePage)
    return shell, page


def _export(qtbot: QtBot, page: PackagePage, out: Path) -> None:
    page.export_to(out)
    qtbot.waitUntil(lambda: page.last_result is not None or page.last_error is not None, timeout=60_000)
    assert page.last_error is None, page.last_error
    assert out.is_file()


def _verify(qtbot: QtBot, shell: ShellWindow, path: Path, passphrase: str = "") -> VerifyDialog:
    shell.tool_actions["verify_package"].trigger()
    dialog = shell.findChild(VerifyDialog, "verify_dialog")
    assert dialog is not None and dialog.parent() is shell
    dialog.path.setText(str(path))
    dialog.passphrase.setText(passphrase)
    with qtbot.waitSignal(dialog.verified, timeout=60_000):
        dialog.run()
    return dialog


def test_originals_are_off_by_default_and_turning_them_on_warns(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, page = _page(qtbot, make_shell, tmp_path)
    assert not page.originals.isChecked()
    assert not page.originals_warning.isVisible()
    page.originals.setChecked(True)
    assert page.originals_warning.isVisible()
    assert "original files go into the package" in page.originals_warning.text()
    page.originals.setChecked(False)
    out = tmp_path / "pkg.zip"
    _export(qtbot, page, out)
    assert page.last_result is not None and page.last_result.originals == 0
    with zipfile.ZipFile(out) as z:
        assert not any(name.startswith("originals/") for name in z.namelist())
    assert page.last_result.key_fingerprint in shell.banner.text


def test_passphrases_that_differ_are_refused_before_any_work(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    _shell, page = _page(qtbot, make_shell, tmp_path)
    page.encrypt.setChecked(True)
    assert page.passphrase_form.isVisible()
    page.passphrase.setText("short")
    assert page.strength.text().startswith("Too short")
    page.passphrase.setText(PACKAGE_PASSPHRASE)
    assert page.strength.text() == "Strength: strong."
    page.repeat.setText(PACKAGE_PASSPHRASE + " typo")
    out = tmp_path / "never.zip"
    page.export_to(out)
    assert page.error.isVisible()
    assert page.error.text() == "The two passphrases are not the same. Please type them again."
    assert page.repeat.text() == ""
    assert not out.exists() and page.last_result is None
    assert page.choose_file() is None  # the file dialog does not even open


def test_encrypted_package_verifies_only_with_its_passphrase(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, page = _page(qtbot, make_shell, tmp_path)
    page.encrypt.setChecked(True)
    page.passphrase.setText(PACKAGE_PASSPHRASE)
    page.repeat.setText(PACKAGE_PASSPHRASE)
    out = tmp_path / "locked.zip"
    _export(qtbot, page, out)
    assert page.last_result is not None and page.last_result.encrypted
    assert page.passphrase.text() == ""  # not kept after use

    dialog = _verify(qtbot, shell, out)
    assert "This package is locked" in dialog.summary.text()
    dialog = _verify(qtbot, shell, out, PACKAGE_PASSPHRASE)
    assert dialog.report is not None and dialog.report.ok


def test_cancel_leaves_no_file_behind(qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path):
    _shell, page = _page(qtbot, make_shell, tmp_path, sightings=1500)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "cancelled.zip"
    page.export_to(out)
    progress = page.progress
    # Press Cancel the moment the job first reports progress, from the job's own thread (a direct
    # connection): it is then in the middle of writing the package, whatever the machine's speed.
    progress._job.signals.progressed.connect(
        lambda done, total: progress.on_dialog_canceled(), Qt.ConnectionType.DirectConnection
    )
    qtbot.waitUntil(lambda: page.last_error is not None or page.last_result is not None, timeout=60_000)
    assert isinstance(page.last_error, Cancelled)
    assert list(out_dir.iterdir()) == []  # neither the package nor a partial file
    assert page.export_button.isEnabled()


def test_timestamp_follows_the_network_setting(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path, monkeypatch
):
    shell, page = _page(qtbot, make_shell, tmp_path)
    assert shell.desk is not None
    # "ask": the person is asked at export time; a no means no package and nothing sent.
    asked: list[str] = []
    monkeypatch.setattr(page, "ask_network", lambda url, answered: answered(asked.append(url) or False))
    page.timestamp.setChecked(True)
    page.timestamp_url.setText("http://127.0.0.1:9/tsa")
    out = tmp_path / "stamped.zip"
    page.export_to(out)
    assert asked == ["http://127.0.0.1:9/tsa"]
    assert "not allowed this time" in page.error.text()
    assert not out.exists()

    # "never": the choice is disabled and the page says why.
    shell.desk.rechecks.set_consent("never")
    page.refresh()
    assert not page.timestamp.isEnabled() and not page.timestamp.isChecked()
    assert (
        "cannot be added" in page.network_note.text()
        and "never to use the network" in page.network_note.text()
    )


def test_verify_lists_passing_checks_and_names_the_failed_one(
    qtbot: QtBot, make_shell: Callable[..., ShellWindow], tmp_path: Path
):
    shell, page = _page(qtbot, make_shell, tmp_path)
    good = tmp_path / "good.zip"
    _export(qtbot, page, good)
    with qtbot.waitSignal(shell.vault_locked):
        shell.lock()  # verifying needs no vault

    dialog = _verify(qtbot, shell, good)
    assert dialog.report is not None and dialog.report.ok
    statuses = {o.check: o.status for o in dialog.outcomes}
    assert statuses == {"container": "passed", "hashes": "passed", "signature": "passed",
                        "timestamp": "absent", "audit": "passed", "manifest": "passed"}  # fmt: skip
    text = dialog.results.toPlainText()
    assert "File fingerprints (SHA256SUMS): Passed" in text
    assert "Signature: Passed" in text and "Does not prove: who owns the key" in text
    assert "Timestamp: Not in this package" in text
    assert dialog.summary.text().startswith("All checks passed")

    # Change one byte of one file, keep everything else (a careful tamperer).
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "sightings.csv":
                data = data.replace(b"clip-47110815", b"clip-47110816")
            dst.writestr(info, data)
    dialog = _verify(qtbot, shell, tampered)
    failed = [o for o in dialog.outcomes if o.status == "failed"]
    assert [o.check for o in failed] == ["hashes"]
    text = dialog.results.toPlainText()
    assert "File fingerprints (SHA256SUMS): FAILED" in text
    assert "sightings.csv: its hash differs from SHA256SUMS" in text
    assert dialog.summary.text().startswith("Problems found")

    # Flip one byte of the ZIP itself, in the middle of a stored member's bytes.
    flipped = tmp_path / "flipped.zip"
    shutil.copy(good, flipped)
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("report.pdf")
    raw = bytearray(flipped.read_bytes())
    position = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    raw[position] ^= 0xFF
    flipped.write_bytes(bytes(raw))
    dialog = _verify(qtbot, shell, flipped)
    assert dialog.report is not None and not dialog.report.ok
    text = dialog.results.toPlainText()
    assert "FAILED" in text and "report.pdf" in text
