"""The package's timestamp through the screen, against the real loopback timestamping authority of
tests/net: asked for under "ask", not asked under "allowed", and shown as a passing check by Verify."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.gui.referrals_helpers import case_page, make_vault, open_shell
from tests.net.test_package_timestamp import authority  # noqa: F401 (a fixture used below)
from victim_desk.gui.referrals.package_page import PackagePage
from victim_desk.gui.referrals.verify_dialog import VerifyDialog
from victim_desk.gui.shell import ShellWindow


def _export(qtbot: QtBot, page: PackagePage, out: Path) -> None:
    page.export_to(out)
    qtbot.waitUntil(lambda: page.last_result is not None or page.last_error is not None, timeout=60_000)


def test_timestamp_is_added_after_a_yes_and_verify_explains_it(
    qtbot: QtBot,
    make_shell: Callable[..., ShellWindow],
    tmp_path: Path,
    authority: dict[str, Any],  # noqa: F811 (the fixture imported above)
    monkeypatch,
):
    shell = open_shell(qtbot, make_shell, make_vault(tmp_path / "vault"))
    page = case_page(shell, "package_page")
    assert isinstance(page, PackagePage) and shell.desk is not None
    asked: list[str] = []
    monkeypatch.setattr(page, "ask_network", lambda url, answered: answered(asked.append(url) or True))
    page.timestamp.setChecked(True)
    page.timestamp_url.setText(authority["url"])

    out = tmp_path / "stamped.zip"
    _export(qtbot, page, out)
    assert page.last_error is None, page.last_error
    assert asked == [authority["url"]] and authority["queries"] == 1
    assert page.last_result is not None and page.last_result.timestamp is not None

    # Under "allowed" nobody is asked; the vault's setting already said yes.
    shell.desk.rechecks.set_consent("allowed")
    page.refresh()
    asked.clear()
    _export(qtbot, page, tmp_path / "stamped-again.zip")
    assert page.last_error is None and asked == [] and authority["queries"] == 2

    shell.tool_actions["verify_package"].trigger()
    dialog = shell.findChild(VerifyDialog, "verify_dialog")
    assert dialog is not None
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.verified, timeout=60_000):
        dialog.run()
    text = dialog.results.toPlainText()
    assert "Timestamp: Passed" in text
    assert "Time confirmed:" in text and "Loopback Test TSA" in text
    assert "Does not prove: that what the files show is true" in text
