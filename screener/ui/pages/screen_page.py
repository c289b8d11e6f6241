"""Screen: open an order file, watch lines stream in, filter, inspect and decide.

The page builds its widgets and shows the selected line; its other concerns are mixins:
opening a file (`screen_open`), taking a run in (`screen_stream`), reviewing and deciding
(`screen_review`), its actions (`screen_actions`); the line's panel is `widgets.line_panel`.

Opening a file first inspects it off the GUI thread (`core.orders.inspect_orders`, with the
profiles saved in the record, or older ones under `<home>/profiles`); a layout whose columns
are not surely recognised (or "Columns…") shows the `MappingDialog`, and the chosen mapping
goes into the screening.
Screening runs in a `GeneratorWorker` over `core.screening.screen_file` (with its own store);
the page reads single lines, hits and decisions from the GUI's store and records decisions
through `core.decisions.record_decision`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
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
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.profiles import ProfileBook
from screener.core.record.review import decisions
from screener.core.record.review.line_state import lines_states
from screener.ui import jobs, settings
from screener.ui.dialogs.bulk_dialog import BulkDialog
from screener.ui.dialogs.decide_dialog import DecideDialog
from screener.ui.dialogs.mapping_dialog import MappingDialog
from screener.ui.models.results_model import ResultsModel
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.pages.screen_actions import ScreenActionsMixin
from screener.ui.pages.screen_open import OpenFileMixin
from screener.ui.pages.screen_review import ReviewMixin
from screener.ui.pages.screen_stream import RunStreamMixin
from screener.ui.widgets.carry_bar import CarryForwardBar
from screener.ui.widgets.drop_zone import DropZone
from screener.ui.widgets.filter_bar import FilterBar
from screener.ui.widgets.line_panel import LinePanel
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.widgets.results_table import results_table
from screener.ui.workers import GeneratorWorker

log = logging.getLogger(__name__)

PROFILES = "profiles"  # subfolder of the home folder holding saved column-mapping profiles


class ScreenPage(OpenFileMixin, ReviewMixin, RunStreamMixin, ScreenActionsMixin, QWidget):
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

        self.line_panel = LinePanel(store)
        self.detail = self.line_panel.detail
        self.items_panel = self.line_panel.items_panel
        self.items_panel.decide_requested.connect(
            lambda hit_id, key: self.decide(hit_id=hit_id, finding_key=key)
        )
        self.bulk_button = self.line_panel.bulk_button
        self.bulk_button.clicked.connect(lambda: self.decide_several())
        self.decide_button = self.line_panel.decide_button
        self.decide_button.clicked.connect(lambda: self.decide())
        self.next_button = self.line_panel.next_button
        self.next_button.clicked.connect(self.next_undecided)
        self.carry_bar = CarryForwardBar(home)
        self.carry_bar.carried.connect(self._on_carried)
        # A filter that hides the line on show leaves nothing selected: the detail follows.
        self.proxy.layoutChanged.connect(self._selection_may_have_gone)
        self.proxy.rowsRemoved.connect(self._selection_may_have_gone)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.line_panel)
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

    def save_state(self) -> None:
        self.prefs.set_bytes(settings.SCREEN_SPLITTER, self.splitter.saveState())
