"""Search: look a name (or an address, an identifier) up in every imported list.

Like OFAC's Sanctions List Search, across all lists: a threshold slider (lowest score shown),
kind, country, list and program filters, address and identifier fields; one row per listed
party however many lists name it, with the whole listed entry below. The search is
`grouped_search.search_entries` in the search process (which keeps the name index), off the
GUI thread, and every search is recorded in the audit log; "Export evidence…" writes recorded
searches to a workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.evidence.listed_entry import entry_evidence
from screener.core.evidence.searches import RecordedSearch
from screener.core.names.grouped_search import EntryGroup
from screener.core.record.database.store import Store
from screener.core.screening.search_service import SearchService
from screener.ui.dialogs.errors import show_error
from screener.ui.dialogs.evidence_dialog import EvidenceDialog
from screener.ui.models.entry_groups_model import EntryGroupsModel, SortRole
from screener.ui.pages.search_form import SEARCH_LIMIT, SearchFormMixin
from screener.ui.search_jobs import export_job, hit_html, places_html, search_job
from screener.ui.widgets.entry_view import CSS, EntryView, entry_html
from screener.ui.widgets.sort_arrow import fix_sort_arrows
from screener.ui.workers import GeneratorWorker

MAX_COLUMN_PX = 260  # long entry ids and program lists stay readable in the detail pane
RECORDED = "Every search is recorded in the audit log (who, when, what, the lists and hits)."


class SearchPage(SearchFormMixin, QWidget):
    status_message = Signal(str)
    searched = Signal(int)  # parties shown (for tests and the status bar)

    def __init__(
        self, home: Path, store: Store | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.home = home
        self._own_store = store is None
        self.store = store if store is not None else Store.open(home)  # reads listed entries
        # Searches run in a child process that keeps the name index (core.isolated).
        self.service = SearchService(home)
        self.worker: GeneratorWorker | None = None
        self._again = False  # the query changed while a search ran: search again after it
        self._searched_for = ""
        self.recorded: list[int] = []  # ids of the searches recorded in this session

        form = self._build_form()

        self.model = EntryGroupsModel(self)
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
        self.detail = EntryView()
        self.detail.setPlaceholderText("Select a listed party to see its whole entry.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([360, 340])
        self.note = QLabel("Searches every imported list; nothing leaves this computer.")
        self.note.setWordWrap(True)
        self.note.setObjectName("searchNote")
        self.recorded_note = QLabel(RECORDED)
        self.recorded_note.setObjectName("recordedNote")
        self.recorded_note.setStyleSheet("color: #6B7280;")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.recorded_note)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.close()
        if self._own_store:
            self.store.close()
        super().closeEvent(event)

    def search(self) -> GeneratorWorker | None:
        """Search for the query with the current filters; None when there is nothing to do."""
        text = self.query.text().strip()
        filters = self.filters()
        if not text and not (filters.address or filters.identifier):
            return None
        if self.worker is not None:
            self._again = True
            return None
        self._searched_for = text
        self.note.setText(f"Searching for “{text or filters.address or filters.identifier}”…")
        worker = GeneratorWorker(search_job(self.service, text, filters), name="search")
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

    def _show(self, answer: Any) -> None:
        recorded, groups = answer
        self.model.set_items(groups)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_PX))
        self.detail.clear_entry()
        f = self.filters()
        score = self.filters_text(f)
        what = self._searched_for or f.address or f.identifier
        if groups:
            more = f" (the best {SEARCH_LIMIT})" if len(groups) >= SEARCH_LIMIT else ""
            n = len(groups)
            self.note.setText(
                f"{n} listed part{'ies' if n != 1 else 'y'} for “{what}”{more}, {score}"
            )
            self.table.selectRow(0)
        else:
            self.note.setText(f"No listed entry for “{what}” with {score}.")
        if isinstance(recorded, RecordedSearch):
            self.recorded.append(recorded.id)
            self.recorded_note.setText(
                f"Recorded in the audit log as search #{recorded.id} "
                f"({recorded.operator}, {recorded.searched_at.astimezone():%H:%M}). {RECORDED}"
            )
        self.status_message.emit(self.note.text())
        self.searched.emit(len(groups))

    def current_group(self) -> EntryGroup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        group = self.current_group()
        if group is None:
            self.detail.clear_entry()
            return
        head = hit_html(self._searched_for, group.best) + places_html(group)
        try:
            evidence = entry_evidence(self.store, group.best.entry_rowid,
                                      matched_name=group.best.matched_name)  # fmt: skip
        except ScreenerError as exc:
            self.detail.setHtml(f"<style>{CSS}</style>{head}<p class=muted>{exc}</p>")
            return
        self.detail.evidence = evidence
        self.detail.setHtml(head + entry_html(evidence))

    def export_evidence(self, out: Path | None = None) -> GeneratorWorker | None:
        """Choose recorded searches (this session's preselected) and write them to a workbook."""
        if out is None:
            dialog = EvidenceDialog(self.store, self.recorded, self)
            if dialog.exec() != EvidenceDialog.DialogCode.Accepted or not dialog.search_ids():
                return None
            ids = dialog.search_ids()
            name, _f = QFileDialog.getSaveFileName(
                self, "Export search evidence", "search-evidence.xlsx", "Excel workbook (*.xlsx)"
            )
            if not name:
                return None
            out = Path(name)
        else:
            ids = list(self.recorded)
        worker = GeneratorWorker(export_job(self.home, ids, out), name="search-evidence")
        worker.signals.result.connect(lambda p: self.status_message.emit(f"Evidence written: {p}"))
        worker.signals.errored.connect(lambda m, d: show_error(self, "Not exported", m, d))
        worker.start()
        self.export_worker = worker
        return worker
