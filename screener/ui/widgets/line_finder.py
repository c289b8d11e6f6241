"""Finding a line across every run by order number or party name (the Audit page's search box):
one page of matching lines at a time, exact order numbers first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.evidence import history
from screener.core.evidence.history import LineMatch
from screener.core.record.database.store import Store
from screener.ui.models import runs_model
from screener.ui.models.line_matches_model import LineMatchesModel
from screener.ui.widgets.record_table import sorted_record_table

FIND_LIMIT = 50  # lines per page of a find


class LineFinder(QWidget):
    line_chosen = Signal(object)  # the LineMatch double-clicked

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findLines")
        self.find_edit.setPlaceholderText("Find an order number or party name in every run…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find)
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(300)
        self._find_timer.timeout.connect(self.find)
        self.find_edit.textChanged.connect(lambda _t: self._find_timer.start())
        self.found = LineMatchesModel(self)
        self.found_view = sorted_record_table(self.found, "foundLines", runs_model.SortRole)
        self.found_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.found_view.doubleClicked.connect(self._open_found)
        self.found_view.hide()
        self.found_label = QLabel()
        self.found_label.hide()
        self._find_offset = 0
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.clicked.connect(lambda: self.find(offset=self._find_offset - FIND_LIMIT))
        self.more_button = QPushButton("Next ▶")
        self.more_button.setObjectName("findNext")
        self.more_button.clicked.connect(lambda: self.find(offset=self._find_offset + FIND_LIMIT))
        for button in (self.prev_button, self.more_button):
            button.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_edit)
        found_row = QHBoxLayout()
        found_row.addWidget(self.found_label, 1)
        found_row.addWidget(self.prev_button)
        found_row.addWidget(self.more_button)
        layout.addLayout(found_row)
        layout.addWidget(self.found_view, 1)

    def find(self, *, offset: int = 0) -> list[LineMatch]:
        """One page of the lines matching the text, exact order numbers first, in every run."""
        self._find_timer.stop()
        text = self.find_edit.text().strip()
        self._find_offset = max(0, offset)
        if not text:
            self.found.set_items([])
            for w in (self.found_view, self.found_label, self.prev_button, self.more_button):
                w.hide()
            return []
        page = history.find_lines_page(self.store, text, offset=self._find_offset, limit=FIND_LIMIT)
        matches = list(page.matches)
        self.found.set_items(matches)
        self.found_view.setVisible(bool(matches))
        self.found_label.show()
        paged = page.total > FIND_LIMIT
        self.prev_button.setVisible(paged)
        self.more_button.setVisible(paged)
        self.prev_button.setEnabled(self._find_offset > 0)
        self.more_button.setEnabled(page.has_more)
        if not matches:
            self.found_label.setText(f"No screened line has an order or party “{text}”.")
        else:
            n = page.total
            self.found_label.setText(
                f"{n:,} line{'s' * (n != 1)} with “{text}”: {page.summary()}. "
                "Double-click one for its decisions."
            )
        return matches

    def _open_found(self, index: Any) -> None:
        self.line_chosen.emit(self.found_view.model().data(index, runs_model.ItemRole))
