"""The Screen page's reviewing: going to a line (the next undecided one), deciding it (one
hit, one finding, its open items), bulk decisions off the GUI thread, and showing re-derived
line states after a decision, an approval or a carry-forward. A mixin of `ScreenPage`, kept
apart from screening and loading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, SignalInstance
from PySide6.QtWidgets import QTableView, QWidget

from screener.core.errors import ScreenerError
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decisions import Action
from screener.core.record.review.line_state import lines_states
from screener.ui.decide_actions import record_request
from screener.ui.dialogs.bulk_dialog import BulkDialog
from screener.ui.dialogs.decide_dialog import DecideDialog
from screener.ui.dialogs.errors import show_error
from screener.ui.models.results_model import NeedsDecisionRole, ResultsModel
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.review_jobs import bulk_job
from screener.ui.workers import GeneratorWorker


class ReviewMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    store: Store
    run_id: int | None
    model: ResultsModel
    proxy: ResultsFilterProxy
    table: QTableView
    decide_dialog: DecideDialog | None
    bulk_dialog: BulkDialog | None
    bulk_worker: GeneratorWorker | None
    status_message: SignalInstance
    lines_refreshed: SignalInstance
    current_line_id: Callable[[], int | None]
    _refresh_counts: Callable[[], None]
    _show_detail: Callable[[], None]
    _update_actions: Callable[[], None]

    def select_line(self, line_id: int) -> bool:
        row = self.model.row_of(line_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._go_to(index)
        return True

    def next_undecided(self) -> bool:
        """Select the next visible line (after the current one, wrapping) needing a decision."""
        rows = self.proxy.rowCount()
        start = self.table.currentIndex().row()
        for step in range(1, rows + 1):
            index = self.proxy.index((start + step) % rows, 0)
            if self.proxy.data(index, NeedsDecisionRole):
                self._go_to(index)
                self.table.setFocus()
                return True
        self.status_message.emit("No undecided lines in view.")
        return False

    def _go_to(self, index: QModelIndex) -> None:
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)  # the page: dialogs and messages are its children
        return self

    def decide(
        self,
        action: Action | None = None,
        *,
        hit_id: int | None = None,
        finding_key: str | None = None,
    ) -> DecideDialog | None:
        line_id = self.current_line_id()
        if line_id is None:
            return None
        line = self.model.line_at(self.model.row_of(line_id) or 0)
        hits = [h for h in runs.line_hits(self.store, line_id) if not h.suppressed_by]
        dialog = DecideDialog(
            self.store, line, hits, action=action, hit_id=hit_id, finding_key=finding_key,
            parent=self._widget(),
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._record(line_id, dialog))
        dialog.finished.connect(lambda _r: setattr(self, "decide_dialog", None))
        self.decide_dialog = dialog
        dialog.open()
        return dialog

    def _record(self, line_id: int, dialog: DecideDialog) -> None:
        request = dialog.request()
        if request is None:
            return
        row = self.model.line_at(self.model.row_of(line_id) or 0).row
        try:
            recorded = record_request(self.store, line_id, row, request)
        except ScreenerError as exc:
            show_error(self._widget(), "Decision not recorded", str(exc))
            return
        self.refresh_lines([line_id])
        self.status_message.emit(recorded.message)

    def refresh_lines(self, line_ids: list[int]) -> None:
        """Re-derive the state of lines just decided (or approved) and show it."""
        shown = [i for i in dict.fromkeys(line_ids) if self.model.row_of(i) is not None]
        if shown:
            self.model.set_line_states(lines_states(self.store, shown).values())
        self._refresh_counts()
        self._show_detail()
        self.lines_refreshed.emit(shown)

    def selected_line_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        ids = [self.model.line_at(self.proxy.mapToSource(i).row()).id for i in rows]
        current = self.current_line_id()
        return ids or ([current] if current is not None else [])

    def decide_several(self) -> BulkDialog | None:
        """Bulk: the selected lines' open items, or every line where a party hits an entry."""
        line_id = self.current_line_id()
        if line_id is None or self.run_id is None or self.bulk_worker is not None:
            return None
        hits = runs.line_hits(self.store, line_id)
        dialog = BulkDialog(
            self.store, self.run_id, self.selected_line_ids(), hits, parent=self._widget()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._record_bulk(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "bulk_dialog", None))
        self.bulk_dialog = dialog
        dialog.open()
        return dialog

    def _record_bulk(self, dialog: BulkDialog) -> GeneratorWorker | None:
        request = dialog.request()
        if request is None:
            return None
        worker = GeneratorWorker(bulk_job(self.home, request), name="bulk-decide")
        worker.signals.result.connect(self._on_bulk)
        worker.signals.errored.connect(
            lambda m, _d: show_error(self._widget(), "Nothing recorded", m)
        )
        worker.signals.finished.connect(self._bulk_finished)
        self.bulk_worker = worker
        self.status_message.emit(f"Recording {len(request.targets):,} decisions…")
        worker.start()
        self._update_actions()
        return worker

    def _on_bulk(self, result: Any) -> None:
        if result is None:
            return
        self.refresh_lines([d.line_id for d in result.decisions])
        n = len(result.decisions)
        pending = f", {result.pending} pending a second approval" if result.pending else ""
        self.status_message.emit(f"Batch {result.batch_id}: {n:,} decisions recorded{pending}")

    def _bulk_finished(self) -> None:
        self.bulk_worker = None
        self._update_actions()

    def _on_carried(self, result: Any) -> None:
        self.refresh_lines([d.line_id for d in result.decisions])
        self.status_message.emit(
            f"Carried forward {len(result.decisions):,} decisions from run {result.plan.source.id}"
        )
