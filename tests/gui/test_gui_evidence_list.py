"""The evidence list (kind, size, when, fingerprint, AI-made indicators) and the blurred preview.

The blur is checked on the painted pixels: what the preview shows differs clearly from the stored preview
until a deliberate click or key, and is blurred again when the choice changes, the tab is left or the
window loses focus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui._evidence import difference, evidence_page, photo, quadrants, unlock
from tests.unit.provenance import _make as m
from victim_desk.gui.evidence.add_flow import AddReport
from victim_desk.gui.evidence.evidence_page import EvidencePage
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.translations import install_translators, remove_translators


def _add(qtbot: QtBot, page: EvidencePage, files: list[Path]) -> AddReport:
    with qtbot.waitSignal(page.add_flow.finished, timeout=60_000) as finished:
        page.add_files(files)
    return finished.args[0]


def test_the_list_shows_kind_size_time_fingerprint_and_ai_indicators(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    signed = m.write(tmp_path / "signed.jpg", m.c2pa_signed(m.jpeg_bytes(), "image/jpeg"))
    iptc = m.write(
        tmp_path / "iptc.jpg", m.jpeg_with_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + m.xmp_packet(
            "trainedAlgorithmicMedia"), m.picture(21))
    )  # fmt: skip
    plain = m.write(tmp_path / "plain.jpg", m.jpeg_bytes(m.picture(22)))
    report = _add(qtbot, page, [signed, iptc, plain])
    assert len(report.added) == 3 and not report.failed

    rows = {page.table.item(r, 0).text(): [page.table.item(r, c).text() for c in range(6)] for r in range(3)}
    _name, kind, size, added, fingerprint, indicators = rows["signed.jpg"]
    assert kind == "image"
    assert size.endswith(" KB") and float(size.split()[0]) == round(signed.stat().st_size / 1024, 1)
    assert added[:4].isdigit() and len(added) == len("2026-01-01 12:00")
    item = next(i for i in report.added if i.file_name == "signed.jpg")
    assert fingerprint == f"PDQ {item.pdq[:8]}… · SHA-256 {item.sha256[:8]}…"
    assert indicators == "C2PA credential says: made with an AI tool"
    assert rows["iptc.jpg"][5] == "IPTC source type says: made with an AI tool"
    assert rows["plain.jpg"][5] == "No indicator found — this does not mean it was not made with AI"

    page.select(item.id)
    details = page.details.toPlainText()
    assert "What the file says about how it was made (what the file states, not a verdict):" in details
    assert "signed by Example Generator Signer" in details


def test_korean_list_says_the_indicator_in_korean(
    qtbot: QtBot, vault_path: Path, make_shell: Callable[..., ShellWindow], tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "ko")
    try:
        shell = unlock(qtbot, make_shell(vault_path, lang="ko"))
        page = evidence_page(shell)
        signed = m.write(tmp_path / "signed.jpg", m.c2pa_signed(m.jpeg_bytes(), "image/jpeg"))
        _add(qtbot, page, [signed])
        assert page.table.item(0, 5).text() == "C2PA 자격 증명: AI 도구로 만들었다고 적혀 있음"
        assert page.table.item(0, 1).text() == "사진"
        assert page.note.text().startswith("보관함에는 파일 자체가 아니라 파일의 지문만 저장됩니다.")
    finally:
        remove_translators(app, translators)


def _shown(page: EvidencePage) -> QImage:
    pixmap = page.preview.pixmap()
    assert not pixmap.isNull()
    return pixmap.toImage()


def _stored(page: EvidencePage, evidence_id: int, like: QImage) -> QImage:
    """The vault's own preview, scaled the way the screen scales it, to compare pixels with."""
    data = page._desk.evidence.preview(evidence_id)
    assert data
    image = QImage.fromData(data).convertToFormat(QImage.Format.Format_RGB32)
    return image.scaled(
        like.size(), Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def test_the_preview_is_blurred_on_its_pixels_until_clicked_and_again_after(
    qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path
) -> None:
    page = evidence_page(unlocked)
    unlocked.resize(1200, 800)
    report = _add(qtbot, page, [quadrants(tmp_path / "quad.png"), photo(tmp_path / "other.png", seed=5)])
    first, second = report.added
    page.select(first.id)
    assert page.preview.has_image and not page.preview.revealed

    def is_blurred() -> bool:
        shown = _shown(page)
        return not page.preview.revealed and difference(shown, _stored(page, first.id, shown)) > 12

    assert is_blurred()  # really blurred, on the painted pixels

    # A deliberate click on the preview shows it: now the pixels are the stored preview's.
    qtbot.mouseClick(page.preview, Qt.MouseButton.LeftButton, pos=page.preview.rect().center())
    assert page.preview.revealed and page.reveal_button.text() == "Blur again"
    shown = _shown(page)
    assert difference(shown, _stored(page, first.id, shown)) < 2

    # Choosing another item blurs again.
    page.select(second.id)
    assert not page.preview.revealed
    page.select(first.id)
    assert is_blurred()

    # The key works too, and leaving the tab blurs again.
    page.preview.setFocus()
    qtbot.keyClick(page.preview, Qt.Key.Key_Space)
    assert page.preview.revealed
    workspace = unlocked.workspace
    assert workspace is not None and workspace.case_tabs is not None
    workspace.case_tabs.setCurrentIndex(0)
    assert not page.preview.revealed
    workspace.case_tabs.setCurrentWidget(page)
    assert is_blurred()

    # The window losing focus blurs again.
    page.reveal_button.click()
    assert page.preview.revealed
    QApplication.sendEvent(unlocked, QEvent(QEvent.Type.WindowDeactivate))
    assert is_blurred()

    # A click elsewhere (the table) never reveals it.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not page.preview.revealed


def test_locking_drops_the_preview_and_the_list(qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path) -> None:
    page = evidence_page(unlocked)
    report = _add(qtbot, page, [quadrants(tmp_path / "quad.png")])
    page.select(report.added[0].id)
    page.preview.reveal()
    unlocked.lock()
    assert not page.preview.has_image and not page.preview.revealed and page.table.rowCount() == 0


def test_an_item_without_a_kept_preview_says_so(qtbot: QtBot, unlocked: ShellWindow, tmp_path: Path) -> None:
    page = evidence_page(unlocked)
    page.keep_preview.setChecked(False)
    report = _add(qtbot, page, [photo(tmp_path / "a.png", seed=8)])
    page.select(report.added[0].id)
    assert not page.preview.has_image and page.preview.text() == "No preview was kept for this item."
    assert not page.reveal_button.isEnabled()


def test_every_control_has_a_name_and_is_reached_by_tab(unlocked: ShellWindow) -> None:
    page = evidence_page(unlocked)
    controls = [*page.findChildren(QPushButton), *page.findChildren(QCheckBox), page.table, page.preview]
    assert len(controls) >= 6
    for control in controls:
        assert control.accessibleName(), control.objectName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.objectName()
