"""The Screen page taking a run in: a screening or a stored run streamed batch by batch into
the table, its progress, its end (the run header, the carry-forward offer), and the report of
the run shown. A mixin of `ScreenPage`, kept apart from opening files and reviewing lines."""

from __future__ import annotations

import gc
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QFileDialog, QLabel, QStackedWidget, QTableView, QWidget

from screener.core.record import run_context, runs
from screener.core.record.database.store import Store
from screener.core.screening.run import ScreenSummary
from screener.core.words import counted
from screener.ui import jobs, settings
from screener.ui.dialogs.errors import show_error
from screener.ui.models.results_model import ResultsModel
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.pages.run_header import run_header
from screener.ui.pages.screen_open import expected_error
from screener.ui.widgets.carry_bar import CarryForwardBar
from screener.ui.widgets.detail_panel import DetailPanel
from screener.ui.widgets.filter_bar import FilterBar
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.widgets.quiet_rows import rows_below_unpainted
from screener.ui.workers import GeneratorWorker


class RunStreamMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    store: Store
    prefs: settings.Settings
    run_id: int | None
    worker: GeneratorWorker | None
    _offer_after: int | None
    model: ResultsModel
    proxy: ResultsFilterProxy
    table: QTableView
    detail: DetailPanel
    stack: QStackedWidget
    progress: ProgressStrip
    run_label: QLabel
    filter_bar: FilterBar
    carry_bar: CarryForwardBar
    status_message: SignalInstance
    run_changed: SignalInstance
    busy_changed: SignalInstance
    _update_actions: Callable[[], None]
    _widget: Callable[[], QWidget]

    def is_busy(self) -> bool:
        return self.worker is not None

    def open_run(self, run_id: int) -> bool:
        """Show a stored run (from the Audit page), streamed in batches."""
        if self.is_busy():
            self.status_message.emit("Wait for the current job to finish, or cancel it.")
            return False
        self._begin(f"Opening run {run_id}…")
        self._start(GeneratorWorker(jobs.load_run_job(self.home, run_id), name="load-run"))
        return True

    def _begin(self, text: str) -> None:
        gc.unfreeze()  # the lines shown so far go; let the collector see what they leave
        self.model.reset()
        self.detail.clear_line()
        self.run_id = None
        self.stack.setCurrentIndex(1)
        self.progress.begin(text)
        self._refresh_counts()

    def _start(self, worker: GeneratorWorker) -> None:
        self.worker = worker
        worker.signals.progress.connect(self._on_batch)
        worker.signals.result.connect(self._on_result)
        worker.signals.errored.connect(self._on_error)
        worker.signals.finished.connect(self._on_finished)
        worker.start()
        self.busy_changed.emit(True)
        self._update_actions()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status_message.emit("Cancelling: stopping after the current batch…")

    def _on_batch(self, batch: Any) -> None:
        if isinstance(batch, jobs.Phase):
            self.progress.update_progress(0, 0, batch.text)
            self.run_label.setText(html_escape(batch.text))
            return
        if not isinstance(batch, jobs.LinesBatch):
            return
        if self.run_id != batch.run_id:
            self.run_id = batch.run_id
            self.run_changed.emit(batch.run_id)
        shown = batch.shown()
        with rows_below_unpainted(self.table):  # rows below those in view: no repaint
            self.model.append_lines(shown.lines, shown.whys, shown.states)
        # 100,000 lines are millions of objects that live as long as the run is shown. Left to
        # the collector, each full collection rescans them all (0.1-0.2 s, growing): freeze them.
        gc.freeze()
        decided = [s.deciding for s in shown.states if s.outcome and s.deciding is not None]
        if decided:  # those of the batch's states are known: only others signal
            self.model.set_decisions(decided)
        self.progress.show_lines(batch.done, batch.total, batch.lines_per_s)
        self._refresh_counts()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            # The first line's detail once the table has painted its rows: two short pauses
            # of the window rather than one long one.
            QTimer.singleShot(0, self._select_first_line)
        self._update_actions()

    def _select_first_line(self) -> None:
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def _on_result(self, result: Any) -> None:
        if isinstance(result, ScreenSummary):
            self.run_id = result.run_id
            self._offer_after = result.run_id if result.lines else None
            counts = ", ".join(f"{n:,} {v}" for v, n in sorted(result.counts.items()))
            if result.status == "completed":
                done = counted(result.lines, "line")
            else:
                done = self._completeness(result.run_id).describe()
            self.status_message.emit(
                f"Run {result.run_id} {result.status}: {done} in "
                f"{result.seconds:.1f} s" + (f" ({counts})" if counts else "")
            )
        elif isinstance(result, runs.Run):
            self.run_id = result.id
            self.status_message.emit(
                f"Opened run {result.id} ({counted(result.line_count, 'line')})"
            )

    def _on_error(self, message: str, details: str) -> None:
        show_error(
            self._widget(), "Screening failed", message, "" if expected_error(details) else details
        )

    def _on_finished(self) -> None:
        self.worker = None
        self.progress.end()
        self._show_run_label()
        if self.run_id is None and self.model.rowCount() == 0:
            self.stack.setCurrentIndex(0)
        self._select_first_line()  # a run that ends before the deferred selection ran
        self.busy_changed.emit(False)
        self.run_changed.emit(self.run_id)
        self._update_actions()
        offer, self._offer_after = self._offer_after, None
        if offer is not None and offer == self.run_id:
            self.carry_bar.check(offer)

    def _show_run_label(self) -> None:
        if self.run_id is None:
            self.run_label.setText("")
            return
        text, tip = run_header(self.store, self.run_id)
        self.run_label.setText(text)
        self.run_label.setToolTip(tip)

    def _completeness(self, run_id: int) -> run_context.Completeness:
        run = runs.get_run(self.store, run_id)
        return run_context.completeness(run, run_context.get_context(self.store, run_id))

    def _refresh_counts(self) -> None:
        self.filter_bar.set_counts(self.model.verdict_counts(), self.model.undecided_count())

    def export_report(self, out_path: Path | None = None) -> GeneratorWorker | None:
        if self.run_id is None or self.is_busy():
            return None
        if out_path is None:
            run = runs.get_run(self.store, self.run_id)
            suggested = Path(self.prefs.folder(settings.LAST_REPORT_FOLDER)) / (
                f"{Path(run.file_name).stem}-run{run.id}-report.xlsx"
            )
            name, _f = QFileDialog.getSaveFileName(
                self._widget(), "Export report", str(suggested), "Excel workbook (*.xlsx)"
            )
            if not name:
                return None
            out_path = Path(name)
        self.prefs.set_folder(settings.LAST_REPORT_FOLDER, out_path)
        worker = GeneratorWorker(jobs.report_job(self.home, self.run_id, out_path), name="report")
        self.progress.begin(f"Writing {out_path.name}…")
        self.worker = worker
        worker.signals.result.connect(lambda p: self.status_message.emit(f"Report written: {p}"))
        worker.signals.errored.connect(
            lambda m, d: show_error(self._widget(), "Report not written", m, d)
        )
        worker.signals.finished.connect(self._on_finished)
        worker.start()
        self.busy_changed.emit(True)
        self._update_actions()
        return worker
