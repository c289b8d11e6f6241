"""Search: look a name up in every imported list, outside any order file.

Like OFAC's Sanctions List Search, across all lists: a threshold slider (lowest score shown),
kind and country filters, one row per listed entry with the reason for its score. The search
itself is `core.search.search_names`, run off the GUI thread (the first search may load the
name index, which the search process then keeps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.search import SearchHit
from screener.core.screening.isolated import SearchService
from screener.ui.dialogs.errors import show_error
from screener.ui.models.search_model import SearchModel, SortRole
from screener.ui.widgets.detail_panel import highlight, shared_tokens
from screener.ui.widgets.sort_arrow import fix_sort_arrows
from screener.ui.workers import Control, GeneratorWorker

SEARCH_LIMIT = 50
MAX_COLUMN_PX = 260  # long entry ids and program lists stay readable in the detail pane
LOWEST_THRESHOLD = 50  # percent: below this nearly every name "matches"
KINDS = (("Any kind", None), ("Person", "person"), ("Organisation", "organization"),
         ("Vessel", "vessel"))  # fmt: skip


def search_job(
    service: SearchService,
    query: str,
    *,
    kind: str | None,
    threshold: float,
    country: str | None,
) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Iterator[Any]:
        return service.search(
            query, kind=kind, threshold=threshold, limit=SEARCH_LIMIT, country=country
        )
        yield  # pragma: no cover - makes this a generator

    return job


def hit_html(query: str, hit: SearchHit) -> str:
    tokens = shared_tokens(query, hit.matched_name)
    matched = highlight(hit.matched_name, tokens)
    alias = "" if hit.matched_name == hit.name else f"<br>listed as {highlight(hit.name, tokens)}"
    facts = [
        ("List", hit.source + (f" / {hit.sub_source}" if hit.sub_source else "")),
        ("Entry", hit.entry_id),
        ("Kind", hit.type),
        ("Programs", ", ".join(hit.programs) or "—"),
        ("Countries", ", ".join(hit.countries) or "—"),
    ]
    rows = "".join(
        f"<tr><td class='muted'>{k}</td><td>{highlight(v, set())}</td></tr>" for k, v in facts
    )
    return (
        "<style>.tok{background:#fff2a8;font-weight:bold} .muted{color:#666}"
        " td{padding-right:12px}</style>"
        f"<p><b>{hit.score:.0%}</b> &nbsp;{matched}{alias}</p><table>{rows}</table>"
        f"<p>{highlight(hit.explanation, tokens)}</p>"
    )


class SearchPage(QWidget):
    status_message = Signal(str)
    searched = Signal(int)  # hits shown (for tests and the status bar)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        # Searches run in a child process that keeps the name index (core.isolated).
        self.service = SearchService(home)
        self.worker: GeneratorWorker | None = None
        self._again = False  # the query changed while a search ran: search again after it
        self._searched_for = ""

        self.query = QLineEdit()
        self.query.setPlaceholderText("Name of a person, company, vessel…")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        self.kind = QComboBox()
        for label, value in KINDS:
            self.kind.addItem(label, value)
        self.kind.currentIndexChanged.connect(self._refine)
        self.country = QLineEdit()
        self.country.setPlaceholderText("Country (optional)")
        self.country.setToolTip(
            "The party's country: a contradicting listed country lowers a score"
        )
        self.country.setMaximumWidth(170)
        self.country.returnPressed.connect(self.search)
        self.button = QPushButton("Search")
        self.button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        row.addWidget(self.country)
        row.addWidget(self.button)

        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold.setRange(LOWEST_THRESHOLD, 100)
        self.threshold.setValue(round(DEFAULT_THRESHOLD * 100))
        self.threshold.setPageStep(5)
        self.threshold.setToolTip("Lowest score shown. Lower finds more spellings, and more noise.")
        self.threshold_label = QLabel()
        self.threshold.valueChanged.connect(self._threshold_moved)
        self.threshold.sliderReleased.connect(self._refine)
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel("Minimum score"))
        slider_row.addWidget(self.threshold, 1)
        slider_row.addWidget(self.threshold_label)
        self._threshold_moved(self.threshold.value())

        self.model = SearchModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        fix_sort_arrows(self.table.horizontalHeader())
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText("Select a hit to see why it scored as it did.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([500, 200])
        self.note = QLabel("Searches every imported list; nothing leaves this computer.")
        self.note.setWordWrap(True)
        self.note.setObjectName("searchNote")

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(slider_row)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.close()
        super().closeEvent(event)

    def threshold_value(self) -> float:
        return self.threshold.value() / 100

    def search(self) -> GeneratorWorker | None:
        """Search for the query with the current filters; None when there is nothing to do."""
        text = self.query.text().strip()
        if not text:
            return None
        if self.worker is not None:
            self._again = True
            return None
        self._searched_for = text
        self.note.setText(f"Searching for “{text}”…")
        worker = GeneratorWorker(
            search_job(
                self.service,
                text,
                kind=self.kind.currentData(),
                threshold=self.threshold_value(),
                country=self.country.text().strip() or None,
            ),
            name="search",
        )
        worker.signals.result.connect(self._show)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Search failed", m, d))
        worker.signals.finished.connect(self._finished)
        self.worker = worker
        worker.start()
        return worker

    def _finished(self) -> None:
        self.worker = None
        if self._again:
            self._again = False
            self.search()

    def _refine(self) -> None:
        if self._searched_for:  # filters changed after a search: show the new answer
            self.search()

    def _threshold_moved(self, value: int) -> None:
        self.threshold_label.setText(f"{value}%")
        if not self.threshold.isSliderDown():  # keyboard or click: no drag to wait for
            self._refine()

    def _show(self, hits: list[SearchHit]) -> None:
        self.model.set_items(hits)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_PX))
        self.detail.clear()
        kind = self.kind.currentText().lower()
        filters = f" · {kind}" if self.kind.currentData() else ""
        if self.country.text().strip():
            filters += f" · country {self.country.text().strip()}"
        score = f"score ≥ {self.threshold.value()}%{filters}"
        if hits:
            more = f" (the best {SEARCH_LIMIT})" if len(hits) >= SEARCH_LIMIT else ""
            self.note.setText(
                f"{len(hits)} listed entries for “{self._searched_for}”{more}, {score}"
            )
            self.table.selectRow(0)
        else:
            self.note.setText(f"No listed entry for “{self._searched_for}” with {score}.")
        self.status_message.emit(self.note.text())
        self.searched.emit(len(hits))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        hit = self.model.item(self.proxy.mapToSource(rows[0]).row())
        self.detail.setHtml(hit_html(self._searched_for, hit))
