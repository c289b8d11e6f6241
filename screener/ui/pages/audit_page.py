"""Audit: past runs, every decision of a run (superseded ones too), finding a line across runs
by order number or party, verifying the decision log's hash chain, and a run's Excel report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from screener.core.evidence import history
from screener.core.evidence.history import LineMatch
from screener.core.record import run_context, runs
from screener.core.record.audit import VerifyReport
from screener.core.record.database.store import Store, StoreError
from screener.ui.dialogs.errors import show_error
from screener.ui.dialogs.line_history_dialog import LineHistoryDialog
from screener.ui.models import runs_model
from screener.ui.models.decisions_model import DecisionRow, DecisionsModel
from screener.ui.pages.audit_checks import AuditChecksMixin
from screener.ui.widgets.line_finder import FIND_LIMIT, LineFinder
from screener.ui.widgets.record_table import sorted_record_table
from screener.ui.workers import GeneratorWorker

__all__ = ["FIND_LIMIT", "AuditPage", "LineHistoryDialog"]


class AuditPage(AuditChecksMixin, QWidget):
    open_run_requested = Signal(int)
    open_line_requested = Signal(int, int)  # run id, line id (a found line, double-clicked)
    status_message = Signal(str)

    def __init__(self, home: Path, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.store = store
        self.worker: GeneratorWorker | None = None
        self.report_worker: GeneratorWorker | None = None
        self.last_report: VerifyReport | None = None
        self.last_export: Path | None = None
        self.history_dialog: LineHistoryDialog | None = None

        self.runs = runs_model.RunsModel(self)
        self.runs_view = sorted_record_table(self.runs, "runsTable", runs_model.SortRole)
        self.runs_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.runs_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.runs_view.selectionModel().currentRowChanged.connect(self._show_decisions)
        self.runs_view.doubleClicked.connect(lambda _i: self._open_selected())
        self.decisions = DecisionsModel(self)
        self.decisions_view = sorted_record_table(
            self.decisions, "decisionsTable", runs_model.SortRole
        )
        self.decisions_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.decisions_view.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.decisions_label = QLabel("Decisions")

        self.finder = LineFinder(store)
        self.finder.line_chosen.connect(self._open_found)
        # The finder's parts, as the page's (tests and the main window reach them here).
        self.find_edit, self.found, self.found_view = (
            self.finder.find_edit, self.finder.found, self.finder.found_view
        )  # fmt: skip
        self.found_label = self.finder.found_label
        self.prev_button, self.more_button = self.finder.prev_button, self.finder.more_button

        self.verify_button = QPushButton("Verify chain")
        self.verify_button.setToolTip(
            "Recompute every record's hash and the chain: shows whether the decision log was "
            "altered outside Screener"
        )
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton("Export report…")
        self.export_button.setToolTip("Write the selected run's Excel audit report")
        self.export_button.clicked.connect(self.choose_report_path)
        self.open_button = QPushButton("Open run")
        self.open_button.setToolTip("Show the selected run's lines on the Screen page (Enter)")
        self.open_button.clicked.connect(self._open_selected)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_label = QLabel("The audit chain has not been verified in this session.")
        self.verify_label.setObjectName("verifyLabel")
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.verify_label, 1)
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.finder)
        upper_layout.addWidget(self.runs_view, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.decisions_label)
        lower_layout.addWidget(self.decisions_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Runs and decisions are made on other pages (and by other processes): show them fresh.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        selected = self.selected_run_id()
        all_runs = runs.list_runs(self.store)
        self.runs.set_runs(
            all_runs,
            history.verdict_counts(self.store, [r.id for r in all_runs]),
            {r.id: run_context.get_context(self.store, r.id) for r in all_runs},
        )
        proxy = self.runs_view.model()
        for row in range(proxy.rowCount()):
            run = proxy.data(proxy.index(row, 0), runs_model.ItemRole)
            if selected is None or run.id == selected:
                self.runs_view.selectRow(row)
                break
        self._show_decisions()

    def selected_run_id(self) -> int | None:
        index = self.runs_view.currentIndex()
        if not index.isValid():
            return None
        return self.runs_view.model().data(index, runs_model.ItemRole).id

    def _open_selected(self) -> None:
        run_id = self.selected_run_id()
        if run_id is not None:
            self.open_run_requested.emit(run_id)

    def _show_decisions(self, *_args: Any) -> None:
        run_id = self.selected_run_id()
        for button in (self.open_button, self.export_button):
            button.setEnabled(run_id is not None)
        if run_id is None:
            self.decisions.set_items([])
            self.decisions_label.setText("Decisions")
            return
        entries = history.run_decisions(self.store, run_id)
        self.decisions.set_items(
            [
                DecisionRow(
                    e.decision, e.line_label, e.hit_name, e.superseded_by, e.approval, e.batch
                )
                for e in entries
            ]
        )
        replaced = sum(1 for e in entries if not e.current)
        if not entries:
            self.decisions_label.setText(f"Run {run_id} has no decisions yet")
        else:
            self.decisions_label.setText(
                f"Decisions of run {run_id}: {len(entries) - replaced} current"
                + (f", {replaced} superseded (struck through)" if replaced else "")
            )

    # -- finding lines across runs --------------------------------------------------

    def find(self, *, offset: int = 0) -> list[LineMatch]:  # type: ignore[override]
        """One page of the lines matching the text, exact order numbers first, in every run."""
        return self.finder.find(offset=offset)

    def _open_found(self, match: LineMatch) -> None:
        self.open_line_requested.emit(match.run_id, match.line_id)
        self.show_line_history(match.line_id)

    def show_line_history(self, line_id: int) -> LineHistoryDialog | None:
        try:
            dialog = LineHistoryDialog(self.store, line_id, self)
        except StoreError as exc:
            show_error(self, "Line not found", str(exc), "")
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "history_dialog", None))
        dialog.show()
        return dialog
