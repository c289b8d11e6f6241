"""Verdict chips (which double as the run's summary counts), decision filter, free text."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from screener.ui.verdicts import VERDICTS

DECISION_FILTERS = (("all", "All lines"), ("undecided", "Undecided"), ("decided", "Decided"))


class FilterBar(QWidget):
    verdicts_changed = Signal(object)  # frozenset[str]
    decision_changed = Signal(str)
    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.chips: dict[str, QToolButton] = {}
        for key, style in VERDICTS.items():
            chip = QToolButton()
            chip.setCheckable(True)
            chip.setChecked(True)
            chip.setIcon(style.icon)
            chip.setIconSize(QSize(14, 14))
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setToolTip(f"Show {style.label} lines (click to hide)")
            chip.setObjectName(f"chip_{key}")
            chip.toggled.connect(self._emit_verdicts)
            self.chips[key] = chip
            layout.addWidget(chip)
        self.undecided_label = QLabel()
        self.undecided_label.setObjectName("undecidedLabel")
        layout.addSpacing(8)
        layout.addWidget(self.undecided_label)
        layout.addStretch(1)

        self.decision = QComboBox()
        for value, label in DECISION_FILTERS:
            self.decision.addItem(label, value)
        self.decision.setToolTip("Show all lines, only those still needing a decision, or decided")
        self.decision.currentIndexChanged.connect(
            lambda _i: self.decision_changed.emit(self.decision.currentData())
        )
        layout.addWidget(self.decision)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: party, order, HS code, country…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)  # a laptop at 200 % is 800 logical pixels wide
        # Filtering 100,000 rows on every key press would stutter: wait for a pause in typing.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(180)
        self._debounce.timeout.connect(lambda: self.text_changed.emit(self.search.text()))
        self.search.textChanged.connect(self._debounce.start)
        layout.addWidget(self.search)
        self.set_counts({}, 0)

    def _emit_verdicts(self) -> None:
        self.verdicts_changed.emit(self.selected_verdicts())

    def selected_verdicts(self) -> frozenset[str]:
        return frozenset(k for k, chip in self.chips.items() if chip.isChecked())

    def set_counts(self, counts: Mapping[str, int], undecided: int) -> None:
        for key, chip in self.chips.items():
            chip.setText(f"{VERDICTS[key].label}  {counts.get(key, 0):,}")
        self.undecided_label.setText(f"{undecided:,} undecided" if undecided else "")

    def flush(self) -> None:
        """Apply pending typed text now (tests, and Enter in the search box)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.text_changed.emit(self.search.text())
