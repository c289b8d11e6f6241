"""What needs a decision on the selected line, one row per hit or finding, with its state;
pick one and decide just it, and read the whole listed entry of a hit below."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.evidence.listed_entry import hit_evidence
from screener.core.record.database.store import Store
from screener.core.record.review.line_state import ItemState, LineState
from screener.core.record.runs import StoredHit
from screener.ui.widgets.entry_view import EntryView

HEADERS = ("Hit or finding", "Score", "List", "State")
PENDING_COLOR, OPEN_COLOR = "#1F3A5F", "#8A5300"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def item_state_text(s: ItemState | None) -> str:
    if s is None:
        return ""
    if s.current is not None:
        text = f"{s.current.action.label} ({s.current.operator})"
        return text + (" · newer one pending approval" if s.pending is not None else "")
    return "pending approval" if s.pending is not None else "open"


class LineItemsPanel(QWidget):
    decide_requested = Signal(object, object)  # hit id or None, finding key or None

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._rows: list[tuple[int | None, str | None]] = []
        self.title = QLabel("Hits and findings")
        self.title.setObjectName("itemsTitle")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("lineItems")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda *_a: self._show_entry())
        self.table.cellDoubleClicked.connect(lambda *_a: self.decide_current())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.decide_current)
        self.decide_button = QPushButton("Decide this…")
        self.decide_button.setObjectName("decideItem")
        self.decide_button.setToolTip("Decide only the selected hit or finding (Enter)")
        self.decide_button.clicked.connect(self.decide_current)
        self.entry = EntryView()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.decide_button)
        top_layout.addLayout(row)
        top_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.entry)
        splitter.setSizes([140, 260])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.clear_line()

    def clear_line(self) -> None:
        self._rows = []
        self.table.setRowCount(0)
        self.title.setText("Hits and findings")
        self.decide_button.setEnabled(False)
        self.entry.clear_entry()

    def show_line(self, hits: Sequence[StoredHit], state: LineState | None) -> None:
        items = state.items if state else ()
        by_hit = {s.item.hit_id: s for s in items if s.item.kind == "hit"}
        rows: list[tuple[str, str, str, ItemState | None, int | None, str | None]] = []
        for h in hits:
            what = f"{h.entry_name}  ← {h.party_name}"  # the listed name first: it differs
            if h.suppressed_by:
                what += " (accepted false positive)"
            listed = h.source + (f" / {h.sub_source}" if h.sub_source else "")
            rows.append((what, f"{h.score:.0%}", listed, by_hit.get(h.id), h.id, None))
        for f in items:
            if f.item.kind == "finding":
                rows.append((f.item.label, "", "goods/route", f, None, f.item.finding_key))
        self.table.setRowCount(len(rows))
        self._rows = [(hit_id, key) for *_x, hit_id, key in rows]
        for r, (what, score, listed, s, _h, _k) in enumerate(rows):
            state_text = item_state_text(s) if s is not None else "no decision needed"
            for c, text in enumerate((what, score, listed, state_text)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if c == 1:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 3 and s is not None and s.current is None:
                    cell.setForeground(QColor(PENDING_COLOR if s.pending else OPEN_COLOR))
                self.table.setItem(r, c, cell)
        progress = f" — {state.progress}" if state is not None and state.items else ""
        self.title.setText(f"Hits and findings{progress}")
        self.decide_button.setEnabled(bool(rows))
        if rows:
            self.table.setCurrentCell(0, 0)
        else:
            self.entry.show_message("No list hits on this line.")

    def current_item(self) -> tuple[int | None, str | None] | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def select_hit(self, hit_id: int) -> bool:
        for row, (h, _k) in enumerate(self._rows):
            if h == hit_id:
                self.table.setCurrentCell(row, 0)
                return True
        return False

    def decide_current(self) -> None:
        current = self.current_item()
        if current is not None:
            self.decide_requested.emit(*current)

    def _show_entry(self) -> None:
        current = self.current_item()
        if current is None or current[0] is None:
            self.entry.show_message("A goods or route finding: see the line's details above.")
            return
        try:
            self.entry.show_evidence(hit_evidence(self.store, current[0]))
        except ScreenerError as exc:
            self.entry.show_message(f"The listed entry is not in the store: {exc}")
