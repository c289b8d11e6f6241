"""The Screen page's right-hand side: the selected line (its detail over its items to decide)
and the buttons that act on it (next undecided, decide several, decide)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from screener.core.record.database.store import Store
from screener.ui.widgets.detail_panel import DetailPanel
from screener.ui.widgets.line_items import LineItemsPanel


class LinePanel(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = DetailPanel()
        self.items_panel = LineItemsPanel(store)
        self.bulk_button = QPushButton("Decide several…")
        self.bulk_button.setObjectName("bulkButton")
        self.bulk_button.setToolTip(
            "One decision for the open items of the selected lines, or for every line where a "
            "party hits the same list entry (Ctrl+B)"
        )
        self.decide_button = QPushButton("Decide…")
        self.decide_button.setToolTip("Record a decision on the selected line (Enter, Ctrl+1…5)")
        self.next_button = QPushButton("Next undecided")
        self.next_button.setToolTip("Go to the next line that needs a decision (N, Ctrl+N)")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.detail)
        split.addWidget(self.items_panel)
        split.setSizes([300, 360])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.bulk_button)
        buttons.addWidget(self.decide_button)
        layout.addLayout(buttons)
