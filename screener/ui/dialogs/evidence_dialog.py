"""Export recorded ad-hoc searches as an evidence workbook (`core.evidence.search_export`):
pick from the recent searches (the ones of this session are preselected)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.core.evidence.searches import list_searches
from screener.core.record.database.store import Store

RECENT = 200


class EvidenceDialog(QDialog):
    def __init__(
        self, store: Store, preselect: Iterable[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export search evidence")
        self.setMinimumSize(620, 420)
        chosen = set(preselect)
        self.list = QListWidget()
        self.list.setObjectName("recordedSearches")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for s in list_searches(store, limit=RECENT):
            asked = [f"{k} {v}" for k, v in s.filters.items() if k in ("address", "identifier")]
            what = s.query or " ".join(a for a in asked if not a.endswith(" "))
            item = QListWidgetItem(
                f"#{s.id}  {s.searched_at.astimezone():%Y-%m-%d %H:%M}  “{what}”  "
                f"{s.hits} found  ({s.operator})"
            )
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
            item.setSelected(s.id in chosen)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Recorded searches (newest first): choose those to export"))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def search_ids(self) -> list[int]:
        return sorted(int(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems())
