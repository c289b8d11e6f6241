"""Search: look a name up in the current lists, outside any order file.

Waiting on `screener.core.search.search_names(store, query, *, kind, threshold, limit,
country)`; until it exists the page says so and stays disabled.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.store import Store
from screener.ui.dialogs.errors import show_error
from screener.ui.models.search_model import SearchModel, SortRole
from screener.ui.workers import Control, GeneratorWorker

SEARCH_LIMIT = 50


def _core_search() -> ModuleType | None:
    # TODO(core.search): import it directly once `screener.core.search` exists.
    try:
        return importlib.import_module("screener.core.search")
    except ImportError:
        return None


def search_job(home: Path, query: str, country: str | None) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Iterator[Any]:
        module = _core_search()
        if module is None:
            return []
        store = Store.open(home)
        try:
            return list(
                module.search_names(store, query, limit=SEARCH_LIMIT, country=country or None)
            )
        finally:
            store.close()
        yield  # pragma: no cover

    return job


class SearchPage(QWidget):
    status_message = Signal(str)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.worker: GeneratorWorker | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText("Name of a person, company, vessel…")
        self.query.returnPressed.connect(self.search)
        self.country = QLineEdit()
        self.country.setPlaceholderText("Country (optional)")
        self.country.setMaximumWidth(160)
        self.button = QPushButton("Search")
        self.button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.country)
        row.addWidget(self.button)

        self.model = SearchModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("searchNote")

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.available = _core_search() is not None
        if not self.available:
            self.note.setText(
                "Name search is not available in this build yet: it arrives with the "
                "matching engine. Screen an order file to check its parties meanwhile."
            )
            for widget in (self.query, self.country, self.button):
                widget.setEnabled(False)

    def search(self) -> GeneratorWorker | None:
        text = self.query.text().strip()
        if not text or not self.available or self.worker is not None:
            return None
        self.note.setText(f"Searching for “{text}”…")
        worker = GeneratorWorker(search_job(self.home, text, self.country.text().strip()))
        worker.signals.result.connect(self._show)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Search failed", m, d))
        worker.signals.finished.connect(lambda: setattr(self, "worker", None))
        self.worker = worker
        worker.start()
        return worker

    def _show(self, hits: list[Any]) -> None:
        self.model.set_items(hits)
        self.note.setText(f"{len(hits)} hits" if hits else "No hits above the threshold.")
