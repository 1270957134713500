"""Open every window inside the screen's available area, at any scale factor and font size.

A fixed initial size (the old 1180 x 760) becomes 2360 x 1520 device pixels at 200 %, larger than a
1920 x 1080 screen, which pushed the Quick exit button off-screen. Sizes here are taken from the screen's
available geometry (without task bars and docks), in the same logical pixels Qt lays widgets out in.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1180, 760)  # comfortable at 100 % on a laptop; shrunk to fit anything smaller
SHARE = 0.92  # leave a margin of the available area, so the frame and shadow fit too


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, preferred: QSize = PREFERRED) -> None:
    """Size `widget` to `preferred`, shrunk to fit the available area, and centre it there."""
    area = available_area(widget)
    width = min(preferred.width(), int(area.width() * SHARE))
    height = min(preferred.height(), int(area.height() * SHARE))
    widget.resize(width, height)
    size = widget.size()  # may be larger than asked if a child insists; centre what is really there
    x = area.x() + max(0, (area.width() - size.width()) // 2)
    y = area.y() + max(0, (area.height() - size.height()) // 2)
    widget.move(x, y)
