"""Screen: open an order file, watch lines stream in, filter, inspect and decide.

Opening a file first inspects it off the GUI thread (`core.orders.inspect_orders`, with the
profiles saved in the record, or older ones under `<home>/profiles`); a layout whose columns
are not surely recognised (or "Columns…") shows the `MappingDialog`, and the chosen mapping
goes into the screening.
Screening runs in a `GeneratorWorker` over `core.screening.screen_file` (with its own store);
the page reads single lines, hits and decisions from the GUI's store and records decisions
through `core.decisions.record_decision`.
"""

from __future__ import annotations

import gc
import logging
from html import escape as html_escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from screener.core.orders import OrderFileInfo
from screener.core.record import run_context, runs
from screener.core.record.database.store import Store
from screener.core.record.profiles import ProfileBook
from screener.core.record.review import decisions
from screener.core.record.review.line_state import lines_states
from screener.core.screening.run import ScreenSummary
from screener.core.words import counted
from screener.ui import jobs, settings
from screener.ui.dialogs.bulk_dialog import BulkDialog
from screener.ui.dialogs.decide_dialog import DecideDialog
from screener.ui.dialogs.errors import show_error
from screener.ui.dialogs.mapping_dialog import MappingDialog
from screener.ui.models.results_model import ResultsModel
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.pages.run_header import run_header
from screener.ui.pages.screen_open import OpenFileMixin, expected_error
from screener.ui.pages.screen_review import ReviewMixin
from screener.ui.verdicts import ACTION_ORDER
from screener.ui.widgets.carry_bar import CarryForwardBar
from screener.ui.widgets.detail_panel import DetailPanel
from screener.ui.widgets.drop_zone import DropZone
from screener.ui.widgets.filter_bar import FilterBar
from screener.ui.widgets.line_items import LineItemsPanel
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.widgets.results_table import results_table
from screener.ui.workers import GeneratorWorker

log = logging.getLogger(__name__)

PROFILES = "profiles"  # subfolder of the home folder holding saved column-mapping profiles


class ScreenPage(OpenFileMixin, ReviewMixin, QWidget):
    status_message = Signal(str)
    run_changed = Signal(object)  # run id or None
    busy_changed = Signal(bool)
    recent_files_changed = Signal()
    lines_refreshed = Signal(object)  # line ids just decided (or approved): states re-derived
    update_lists_requested = Signal()

    def __init__(
        self,
        home: Path,
        store: Store,
        prefs: settings.Settings,
        *,
        screen_func: jobs.ScreenFunc | None = None,
        inspect_func: jobs.InspectFunc | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.home = home
        self.store = store
        self.prefs = prefs
        self.screen_func = screen_func  # None: core.screening.screen_file
        # How an opened file's columns are found: core.orders.inspect_orders, unless a stand-in
        # screening (tests) was given without a stand-in inspection: then files go straight in.
        self.inspect_func = inspect_func
        self.inspects = inspect_func is not None or screen_func is None
        self.profiles = ProfileBook(store, home / PROFILES)  # shared on a team database
        self.current_path: Path | None = None
        self.mapping_dialog: MappingDialog | None = None
        self._inspected: tuple[Path, bool, OrderFileInfo | None] | None = None
        self.run_id: int | None = None
        self.worker: GeneratorWorker | None = None
        self.decide_dialog: DecideDialog | None = None
        self.bulk_dialog: BulkDialog | None = None
        self.bulk_worker: GeneratorWorker | None = None
        self._offer_after: int | None = None  # a run just screened: ask about carry-forward
        # Stale list versions the officer agreed to screen with, this session (None: not asked).
        self.stale_consent: frozenset[int] | None = None
        self.setAcceptDrops(True)

        self.model = ResultsModel(self)
        self.proxy = ResultsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.drop_zone = DropZone()
        self.drop_zone.open_requested.connect(self.choose_file)
        self.filter_bar = FilterBar()
        self.filter_bar.verdicts_changed.connect(self.proxy.set_verdicts)
        self.filter_bar.decision_changed.connect(self.proxy.set_decision_filter)
        self.filter_bar.text_changed.connect(self.proxy.set_text)
        self.progress = ProgressStrip()
        self.progress.cancel_requested.connect(self.cancel)
        self.run_label = QLabel()
        self.run_label.setObjectName("runLabel")
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long file names must not widen the window past a small screen.
        self.run_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.columns_button = QPushButton("Columns…")
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.setToolTip("Choose which column holds what, and screen this file again")
        self.columns_button.clicked.connect(self.review_columns)

        self.table = results_table(self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.decide())

        self.detail = DetailPanel()
        self.items_panel = LineItemsPanel(store)
        self.items_panel.decide_requested.connect(
            lambda hit_id, key: self.decide(hit_id=hit_id, finding_key=key)
        )
        self.carry_bar = CarryForwardBar(home)
        self.carry_bar.carried.connect(self._on_carried)
        self.bulk_button = QPushButton("Decide several…")
        self.bulk_button.setObjectName("bulkButton")
        self.bulk_button.setToolTip(
            "One decision for the open items of the selected lines, or for every line where a "
            "party hits the same list entry (Ctrl+B)"
        )
        self.bulk_button.clicked.connect(lambda: self.decide_several())
        # A filter that hides the line on show leaves nothing selected: the detail follows.
        self.proxy.layoutChanged.connect(self._selection_may_have_gone)
        self.proxy.rowsRemoved.connect(self._selection_may_have_gone)
        self.decide_button = QPushButton("Decide…")
        self.decide_button.setToolTip("Record a decision on the selected line (Enter, Ctrl+1…5)")
        self.decide_button.clicked.connect(lambda: self.decide())
        self.next_button = QPushButton("Next undecided")
        self.next_button.setToolTip("Go to the next line that needs a decision (N, Ctrl+N)")
        self.next_button.clicked.connect(self.next_undecided)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_split = QSplitter(Qt.Orientation.Vertical)
        detail_split.addWidget(self.detail)
        detail_split.addWidget(self.items_panel)
        detail_split.setSizes([300, 360])
        detail_split.setChildrenCollapsible(False)
        detail_layout.addWidget(detail_split, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.bulk_button)
        buttons.addWidget(self.decide_button)
        detail_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        state = prefs.bytes(settings.SCREEN_SPLITTER)
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([760, 380])

        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_label, 1)
        run_row.addWidget(self.columns_button)
        results_layout.addLayout(run_row)
        results_layout.addWidget(self.carry_bar)
        results_layout.addWidget(self.filter_bar)
        results_layout.addWidget(self.splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.drop_zone)
        self.stack.addWidget(results)

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)

        self._make_actions()
        self._update_actions()

    # -- actions (the main window puts them in its menus) ---------------------------

    def _make_actions(self) -> None:
        self.open_action = QAction("&Open orders…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        self.columns_action = QAction("Open with &columns…", self)
        self.columns_action.setToolTip("Open an order file and choose its columns before screening")
        self.columns_action.triggered.connect(lambda: self.choose_file(review=True))
        self.cancel_action = QAction("&Cancel screening", self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_action.triggered.connect(self.cancel)
        self.addAction(self.cancel_action)
        self.decide_action = QAction("&Decide…", self)
        self.decide_action.setShortcuts([QKeySequence("Ctrl+D")])
        self.decide_action.triggered.connect(lambda: self.decide())
        self.action_shortcuts: list[QAction] = []
        for n, action in enumerate(ACTION_ORDER, start=1):
            act = QAction(f"{action.label}…", self)
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            act.setToolTip(f"Decide: {action.label} (Ctrl+{n})")
            act.triggered.connect(lambda _c=False, a=action: self.decide(a))
            self.action_shortcuts.append(act)
        self.bulk_action = QAction("Decide &several…", self)
        self.bulk_action.setShortcut(QKeySequence("Ctrl+B"))
        self.bulk_action.triggered.connect(lambda: self.decide_several())
        self.addAction(self.bulk_action)
        self.next_action = QAction("&Next undecided", self)
        self.next_action.setShortcut(QKeySequence("Ctrl+N"))
        self.next_action.triggered.connect(self.next_undecided)
        self.find_action = QAction("&Filter…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.export_action = QAction("&Export report…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.export_report())
        # Single keys while the table has focus: fast triage without chords.
        for key, slot in (
            (Qt.Key.Key_N, self.next_undecided),
            (Qt.Key.Key_Return, self.decide),
            (Qt.Key.Key_Enter, self.decide),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _update_actions(self) -> None:
        busy = self.is_busy()
        has_line = self.current_line_id() is not None
        self.open_action.setEnabled(not busy)
        self.columns_action.setEnabled(not busy and self.inspects)
        self.columns_button.setEnabled(not busy and self.inspects and self.current_path is not None)
        self.drop_zone.button.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        for act in (self.decide_action, *self.action_shortcuts):
            act.setEnabled(has_line)
        self.decide_button.setEnabled(has_line)
        can_bulk = has_line and self.run_id is not None and self.bulk_worker is None
        self.bulk_action.setEnabled(can_bulk)
        self.bulk_button.setEnabled(can_bulk)
        has_rows = self.model.rowCount() > 0
        self.next_action.setEnabled(has_rows)
        self.next_button.setEnabled(has_rows)
        self.export_action.setEnabled(self.run_id is not None and not busy)

    # -- opening and screening -------------------------------------------------------

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
            self.table.selectRow(0)
        self._update_actions()

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
        show_error(self, "Screening failed", message, "" if expected_error(details) else details)

    def _on_finished(self) -> None:
        self.worker = None
        self.progress.end()
        self._show_run_label()
        if self.run_id is None and self.model.rowCount() == 0:
            self.stack.setCurrentIndex(0)
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

    # -- selection, detail, decisions ------------------------------------------------

    def current_line_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.line_at(self.proxy.mapToSource(index).row()).id

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail()
        self._update_actions()

    def _selection_may_have_gone(self, *_args: Any) -> None:
        if not self.table.currentIndex().isValid():
            self.detail.clear_line()
            self._update_actions()

    def _show_detail(self) -> None:
        line_id = self.current_line_id()
        if line_id is None:
            self.detail.clear_line()
            self.items_panel.clear_line()
            return
        line = self.model.line_at(self.model.row_of(line_id) or 0)
        hits = runs.line_hits(self.store, line_id)
        self.detail.show_line(
            line,
            hits,
            decisions.decision_history(self.store, line_id),
            self.model.why(line_id) if self.model.why(line_id).groups else None,
        )
        self.items_panel.show_line(hits, lines_states(self.store, [line_id]).get(line_id))

    # -- report -----------------------------------------------------------------------

    def export_report(self, out_path: Path | None = None) -> GeneratorWorker | None:
        if self.run_id is None or self.is_busy():
            return None
        if out_path is None:
            run = runs.get_run(self.store, self.run_id)
            suggested = Path(self.prefs.folder(settings.LAST_REPORT_FOLDER)) / (
                f"{Path(run.file_name).stem}-run{run.id}-report.xlsx"
            )
            name, _f = QFileDialog.getSaveFileName(
                self, "Export report", str(suggested), "Excel workbook (*.xlsx)"
            )
            if not name:
                return None
            out_path = Path(name)
        self.prefs.set_folder(settings.LAST_REPORT_FOLDER, out_path)
        worker = GeneratorWorker(jobs.report_job(self.home, self.run_id, out_path), name="report")
        self.progress.begin(f"Writing {out_path.name}…")
        self.worker = worker
        worker.signals.result.connect(lambda p: self.status_message.emit(f"Report written: {p}"))
        worker.signals.errored.connect(lambda m, d: show_error(self, "Report not written", m, d))
        worker.signals.finished.connect(self._on_finished)
        worker.start()
        self.busy_changed.emit(True)
        self._update_actions()
        return worker

    def save_state(self) -> None:
        self.prefs.set_bytes(settings.SCREEN_SPLITTER, self.splitter.saveState())
