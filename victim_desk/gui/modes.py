"""The pieces that make victim mode and counselor mode look different (the choice is in app.workplace).

- `ModeChoice`: the calm first-run question after a vault is created: two buttons, one line each.
- `NextStepCard`: victim mode's "what to do next" for the one case in front, in plain words; the step is
  computed by the application layer (`Workplace.overview()`), this only shows it.
- `CaseFilterBar`: counselor mode's search and filters over the case list (status, has open requests);
  whether a case matches is decided by `CaseOverview.matches()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from victim_desk.app.workplace import CaseOverview, CaseStatus, DeskMode
from victim_desk.i18n import Lang


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a screen that fits at 100 % still fits at 200 % this way."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: focusing a control inside scrolls it into view already.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area


class ModeChoice(QWidget):
    chosen = Signal(str)  # a DeskMode value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mode_choice")
        title = QLabel(self.tr("How will you use this?"))
        title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        title.setWordWrap(True)
        explain = QLabel(self.tr("You can change this at any time in the settings."))
        explain.setWordWrap(True)
        self.victim, victim_line = self._option(
            "victim_mode",
            self.tr("For myself"),
            self.tr("One case in front of you, with the next step suggested in plain words."),
            DeskMode.VICTIM,
        )
        self.counselor, counselor_line = self._option(
            "counselor_mode",
            self.tr("As a counselor, for several people"),
            self.tr("A list of cases with search and filters, and every deadline on one board."),
            DeskMode.COUNSELOR,
        )
        card = QWidget()
        card.setMaximumWidth(640)
        column = QVBoxLayout(card)
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(explain)
        column.addWidget(self.victim)
        column.addWidget(victim_line)
        column.addSpacing(6)
        column.addWidget(self.counselor)
        column.addWidget(counselor_line)
        column.addStretch(1)
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(inner))

    def _option(self, name: str, text: str, line: str, mode: DeskMode) -> tuple[QPushButton, QLabel]:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAccessibleDescription(line)
        button.setStyleSheet("QPushButton { font-size: 13pt; padding: 10px 18px; text-align: left; }")
        button.clicked.connect(lambda: self.chosen.emit(mode.value))
        label = QLabel(line)
        label.setWordWrap(True)
        label.setBuddy(button)
        return button, label


class NextStepCard(QFrame):
    """A quiet box above the case: "Next: <step>" and one sentence on how."""

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("next_step_card")
        self._lang = lang
        self.setStyleSheet(
            "#next_step_card { background: #eef3f8; border: 1px solid #c5d3e2; border-radius: 8px; }"
        )
        self.heading = QLabel()
        self.heading.setObjectName("next_step_title")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1c2b3a;")
        self.detail = QLabel()
        self.detail.setObjectName("next_step_detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #1c2b3a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        self.step = ""

    def show_for(self, overview: CaseOverview) -> None:
        step = overview.next_step
        self.step = step.value
        self.heading.setText(self.tr("Next: {step}").format(step=step.headline(self._lang)))
        self.detail.setText(step.detail(self._lang))
        self.setAccessibleName(self.heading.text())
        self.setAccessibleDescription(self.detail.text())


class CaseFilterBar(QWidget):
    """Search by title, a status filter and "only with open requests"; emits `changed` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_filters")
        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setPlaceholderText(self.tr("Search cases"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.changed)
        self.status = QComboBox()
        self.status.setObjectName("case_status_filter")
        self.status.setAccessibleName(self.tr("Show cases"))
        self.status.addItem(self.tr("All cases"), None)
        self.status.addItem(self.tr("Nothing logged yet"), CaseStatus.NEW.value)
        self.status.addItem(self.tr("Still online"), CaseStatus.ONLINE.value)
        self.status.addItem(self.tr("All removed"), CaseStatus.RESOLVED.value)
        self.status.currentIndexChanged.connect(self.changed)
        self.open_requests = QCheckBox(self.tr("Only with open requests"))
        self.open_requests.setObjectName("open_requests_filter")
        self.open_requests.setAccessibleName(self.open_requests.text())
        self.open_requests.toggled.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addWidget(self.open_requests)

    def matches(self, overview: CaseOverview) -> bool:
        value = self.status.currentData()
        return overview.matches(
            self.search.text(),
            status=None if value is None else CaseStatus(value),
            open_requests_only=self.open_requests.isChecked(),
        )
