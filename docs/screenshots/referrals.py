"""Screenshot scenes of the referrals, guide and evidence-package screens (issue 13, items 4 and 5).

`scenes()` is what docs/screenshots/make.py calls: each scene takes an unlocked shell with sample data,
navigates to one moment and returns the widget to grab. Run this file directly to grab them alone:

    python docs/screenshots/referrals.py OUT_DIR [ko|en]      (QT_SCALE_FACTOR=2 for 200 %)

which builds a small synthetic vault (a case, a few sightings, a profile) in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from victim_desk.app import referrals as use_case
from victim_desk.app.packages import verify
from victim_desk.gui.referrals.directory_page import ReferralsPage
from victim_desk.gui.referrals.guide_window import GuideWindow, show_guide
from victim_desk.gui.referrals.letter_dialog import ReferralLetterDialog
from victim_desk.gui.referrals.package_page import PackagePage
from victim_desk.gui.referrals.verify_dialog import VerifyDialog, show_verify
from victim_desk.gui.shell import ShellWindow

Scene = Callable[[ShellWindow], QWidget]


def _case_tab(shell: ShellWindow, name: str) -> QWidget:
    workspace = shell.workspace
    assert workspace is not None, "the scenes need an unlocked shell"
    if workspace.case_tabs is None:
        workspace.case_list.setCurrentRow(0)
    assert workspace.case_tabs is not None
    page = workspace.case_pages[name]
    workspace.case_tabs.setCurrentWidget(page)
    QApplication.processEvents()
    return page


def directory(shell: ShellWindow) -> QWidget:
    page = _case_tab(shell, "referrals_page")
    assert isinstance(page, ReferralsPage)
    page.set_filters(None, None)
    return shell


def directory_unconfirmed(shell: ShellWindow) -> QWidget:
    page = _case_tab(shell, "referrals_page")
    assert isinstance(page, ReferralsPage)
    org = next(o for o in use_case.directory().organisations if not o.verified)
    page.set_filters(org.needs[0], org.region)
    return shell


def letter(shell: ShellWindow) -> QWidget:
    page = _case_tab(shell, "referrals_page")
    assert isinstance(page, ReferralsPage)
    dialog = page.open_letter_dialog()
    box = dialog.checks["sightings"]
    if box.isEnabled():
        box.setChecked(True)
    QApplication.processEvents()
    return dialog


def guide(shell: ShellWindow) -> QWidget:
    window = show_guide(shell)
    QApplication.processEvents()
    return window


def package(shell: ShellWindow) -> QWidget:
    page = _case_tab(shell, "package_page")
    assert isinstance(page, PackagePage)
    page.originals.setChecked(True)
    page.encrypt.setChecked(True)
    page.passphrase.setText("sample passphrase for the picture")
    page.repeat.setText("sample passphrase for the picture")
    QApplication.processEvents()
    return shell


def verify_result(shell: ShellWindow) -> QWidget:
    """A verification of a package just made from the sample case (made and checked synchronously)."""
    workspace = shell.workspace
    assert workspace is not None and shell.desk is not None
    case_id = shell.desk.cases.list()[0].id
    folder = Path(tempfile.mkdtemp(prefix="vd-shots-"))
    path = folder / "evidence-package.zip"
    shell.desk.packages.export(case_id, path, lang=shell.lang)
    dialog = show_verify(shell)
    dialog.path.setText(str(path))
    dialog.on_verified(verify(path))
    QApplication.processEvents()
    return dialog


def scenes() -> list[tuple[str, Scene]]:
    return [
        ("referrals-directory", directory),
        ("referrals-directory-unconfirmed", directory_unconfirmed),
        ("referrals-letter", letter),
        ("guide", guide),
        ("package-export", package),
        ("package-verify", verify_result),
    ]


def _close_dialogs(shell: ShellWindow) -> None:
    for kind in (ReferralLetterDialog, GuideWindow, VerifyDialog):
        for widget in shell.findChildren(kind):
            widget.close()


def main(argv: list[str]) -> int:
    from victim_desk.desk import Desk
    from victim_desk.gui.app import create_application

    out = Path(argv[0])
    lang = argv[1] if len(argv) > 1 else "ko"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang)  # type: ignore[arg-type]
    vault = Path(tempfile.mkdtemp(prefix="vd-shots-")) / "vault"
    passphrase = "sample vault for screenshots"
    with Desk.create(vault, passphrase) as desk:
        case_id = desk.cases.add("사례 A" if lang == "ko" else "Case A")
        desk.profile.set("상담원 김예시" if lang == "ko" else "Counselor Sample", "counselor@example.org",
                         None, "counselor", "예시 상담소" if lang == "ko" else "Sample Centre")  # fmt: skip
        for n in range(4):
            desk.sightings.add(case_id, f"https://example.com/post/{1000 + n}", "web", None, None)
    shell = ShellWindow(vault, lang, quit_app=app.quit)  # type: ignore[arg-type]
    shell.show()
    shell.on_desk_opened(Desk.open(vault, passphrase))
    for name, scene in scenes():
        widget = scene(shell)
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / f"{name}-{lang}.png"))
        _close_dialogs(shell)
    shell.shut_down()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
