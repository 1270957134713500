"""The Qt binding itself must not break the interpreter: a PySide6 build that returns None from a void call
without adding its reference (6.12.0 on CPython 3.11, where None is not yet immortal) lowers None's count on
every call until Python aborts ("none_dealloc") — in practice when a screen fills a list of thousands of
rows (the letter wizard on a case with 20,000 addresses did). pyproject.toml excludes that build; this test
catches it, or a later one like it, in whatever environment runs the suite."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QListWidgetItem


def test_void_calls_keep_nones_reference_count(qapp: object) -> None:
    label, item, model = QLabel(), QListWidgetItem("row"), QStandardItemModel()
    before = sys.getrefcount(None)
    for n in range(2_000):
        label.setText("text")
        label.setEnabled(True)
        item.setData(Qt.ItemDataRole.UserRole, (n, "telegram"))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        model.appendRow(QStandardItem("row"))
    # Immortal None (3.12+) reports a constant; a mortal one may move a little with other references.
    assert sys.getrefcount(None) - before > -100, "this PySide6 build leaks references to None"
