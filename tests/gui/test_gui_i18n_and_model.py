"""Korean translations load, and the sightings model stays light with very large cases."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from victim_desk.core.model import Sighting, SightingStatus
from victim_desk.gui.fonts import app_font
from victim_desk.gui.shell import ShellWindow
from victim_desk.gui.sightings_model import BATCH, SightingsTableModel
from victim_desk.gui.translations import (
    areas,
    compile_qm,
    install_translators,
    qt_tool,
    remove_translators,
    update_ts,
)
from victim_desk.i18n import detect_language

REPO = Path(__file__).resolve().parents[2]
I18N = REPO / "resources" / "i18n"


def test_korean_is_the_default_and_its_translation_loads(
    qtbot: QtBot, qapp: QApplication, vault_path: Path, make_shell: Callable[..., ShellWindow]
):
    assert detect_language({"LANG": "C.UTF-8"}) == "ko"
    translators = install_translators(qapp, "ko")
    try:
        assert translators, "the compiled Korean .qm must ship in resources/i18n"
        shell = make_shell(vault_path, lang="ko")
        assert shell.quick_exit_action.text() == "빠른 나가기"
        assert shell.unlock_screen is not None
        assert shell.unlock_screen.submit.text() == "열기"
    finally:
        remove_translators(qapp, translators)


def test_english_has_no_translator():
    assert install_translators(QApplication.instance(), "en") == []  # type: ignore[arg-type]


def test_app_font_is_readable(qapp: QApplication):
    assert app_font(qapp.font()).pointSizeF() >= 10.5


def _many(n: int) -> Iterator[Sighting]:
    seen = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(n):
        yield Sighting(i + 1, 1, f"https://t.me/r/{i}", "telegram", seen, SightingStatus.FOUND, None, "")


def test_model_reads_big_cases_in_batches(qtbot: QtBot):
    """Only one batch is read up front (reading all 100,000 rows would freeze the window for a second);
    the time it takes is in benchmarks/bench_quick_paths.py."""
    read: list[int] = []

    def counted() -> Iterator[Sighting]:
        for sighting in _many(100_000):
            read.append(sighting.id)
            yield sighting

    model = SightingsTableModel(counted)
    model.fetchMore()
    assert len(read) == BATCH
    assert model.rowCount() == BATCH and model.canFetchMore()
    assert model.index(BATCH - 1, 3).data() == f"https://t.me/r/{BATCH - 1}"

    while model.canFetchMore():
        model.fetchMore()
    assert len(read) == 100_000
    assert model.rowCount() == 100_000 and model.fully_loaded
    assert model.row_of(100_000) == 99_999


def _tool(name: str) -> str:
    try:
        return qt_tool(name)
    except FileNotFoundError:
        # It comes with PySide6, a dependency: missing means a broken install, which must not pass.
        pytest.fail(f"{name} not found next to {sys.executable} or on PATH")


def test_every_gui_area_has_its_translation_and_nothing_else_does():
    shipped = {p.name for p in (I18N / "gui").iterdir()}
    expected = {f"{area}_ko.{ext}" for area in areas() for ext in ("ts", "qm")}
    assert shipped == expected, "run: python -m victim_desk.gui.translations"


@pytest.mark.parametrize("area", sorted(areas()))
def test_korean_ts_covers_every_string_and_qm_is_compiled_from_it(tmp_path: Path, area: str):
    """Catches a new tr() string without a translation, or a .ts edited without recompiling the .qm."""
    ts = I18N / "gui" / f"{area}_ko.ts"
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    _tool("pyside6-lupdate")
    update_ts(areas()[area], fresh)
    assert 'type="unfinished"' not in fresh.read_text(encoding="utf-8"), "translate new strings in the .ts"
    assert fresh.read_bytes() == ts.read_bytes(), "update the .ts: see victim_desk/gui/translations.py"

    qm = tmp_path / f"{area}_ko.qm"
    _tool("pyside6-lrelease")
    compile_qm(ts, qm)
    shipped = (I18N / "gui" / f"{area}_ko.qm").read_bytes()
    assert qm.read_bytes() == shipped, "recompile the .qm: see victim_desk/gui/translations.py"
