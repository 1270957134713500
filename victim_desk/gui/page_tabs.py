"""Tabs whose screens scroll instead of pushing the window past the screen's edge.

At 200 % scaling or with a large font, a screen can need more room than the window has; without this, the
window grows to the widest screen's minimum and runs off a small display, taking Quick exit with it.
Each screen is put in a scroll area, while callers keep talking about the screens themselves:
`widget(i)`, `indexOf(page)`, `currentWidget()` and `setCurrentWidget(page)` see through the scroll area.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class PageTabs(QTabWidget):
    def addTab(self, page: QWidget, title: str) -> int:  # type: ignore[override]
        area = QScrollArea()
        area.setObjectName(f"{page.objectName()}_scroll")
        area.setWidgetResizable(True)  # the screen fills the space when there is enough
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().addTab(area, title)

    def widget(self, index: int) -> QWidget | None:  # type: ignore[override]
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def indexOf(self, page: QWidget) -> int:  # type: ignore[override]
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())

    def setCurrentWidget(self, page: QWidget) -> None:  # type: ignore[override]
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)
