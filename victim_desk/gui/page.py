"""What every screen inside the workspace is: a widget that can be refreshed and closed down.

Screens are built by the workspace from the lists in `gui/pages.py`. A screen that changes something
other screens show (a count, a deadline) emits `case_changed`; the workspace then refreshes what depends
on it. `close_down()` is called before the vault locks: a screen stops its jobs and forgets case data.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    case_changed = Signal()  # something other screens show is out of date

    def refresh(self) -> None:
        """Reload what the screen shows (called when it comes into view after other screens changed data)."""

    def close_down(self) -> None:
        """Stop jobs and drop case data; the widget is thrown away right after."""
