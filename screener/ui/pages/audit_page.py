"""Audit: past runs, a run's current decisions, and verifying the decision log's hash chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core import decisions, runs
from screener.core.audit import VerifyReport
from screener.core.store import Store, StoreError
from screener.ui import jobs
from screener.ui.dialogs.errors import show_error
from screener.ui.models import runs_model
from screener.ui.models.decisions_model import DecisionRow, DecisionsModel
from screener.ui.workers import GeneratorWorker


def _view(model: Any, name: str, sort_role: int) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(sort_role)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class AuditPage(QWidget):
    open_run_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, home: Path, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.store = store
        self.worker: GeneratorWorker | None = None
        self.last_report: VerifyReport | None = None

        self.runs = runs_model.RunsModel(self)
        self.runs_view = _view(self.runs, "runsTable", runs_model.SortRole)
        self.runs_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.runs_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.runs_view.selectionModel().currentRowChanged.connect(self._show_decisions)
        self.runs_view.doubleClicked.connect(lambda _i: self._open_selected())
        self.decisions = DecisionsModel(self)
        self.decisions_view = _view(self.decisions, "decisionsTable", runs_model.SortRole)
        self.decisions_view.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.decisions_label = QLabel("Decisions")

        self.verify_button = QPushButton("Verify chain")
        self.verify_button.setToolTip(
            "Recompute every record's hash and the chain: shows whether the decision log was "
            "altered outside Screener"
        )
        self.verify_button.clicked.connect(self.verify)
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
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.decisions_label)
        lower_layout.addWidget(self.decisions_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.runs_view)
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
        self.runs.set_items(runs.list_runs(self.store))
        proxy = self.runs_view.model()
        for row in range(proxy.rowCount()):
            run = proxy.data(proxy.index(row, 0), runs_model.ItemRole)
            if selected is None or run.id == selected:
                self.runs_view.selectRow(row)
                break
        self._show_decisions()
        self.open_button.setEnabled(self.selected_run_id() is not None)

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
        self.open_button.setEnabled(run_id is not None)
        if run_id is None:
            self.decisions.set_items([])
            self.decisions_label.setText("Decisions")
            return
        # TODO(core.decisions): a `run_decisions(store, run_id)` with superseded ones and line
        # labels would let this show the full history without one query per decided line.
        rows = []
        for decision in decisions.latest_decisions(self.store, run_id).values():
            try:
                line = runs.get_line(self.store, decision.line_id)
                label = f"row {line.row}" + (f" · {line.order_no}" if line.order_no else "")
                hit = ""
                if decision.hit_id is not None:
                    names = {h.id: h.entry_name for h in runs.line_hits(self.store, line.id)}
                    hit = names.get(decision.hit_id, f"#{decision.hit_id}")
            except StoreError:
                label, hit = f"line {decision.line_id}", ""
            rows.append(DecisionRow(decision, label, hit))
        self.decisions.set_items(rows)
        self.decisions_label.setText(
            f"Current decisions of run {run_id}: {len(rows)}"
            if rows
            else f"Run {run_id} has no decisions yet"
        )

    def verify(self) -> GeneratorWorker | None:
        if self.worker is not None:
            return None
        self.verify_button.setEnabled(False)
        self.verify_label.setText("Verifying the audit chain…")
        worker = GeneratorWorker(jobs.verify_job(self.home), name="verify")
        worker.signals.result.connect(self._show_verify)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Verify failed", m, d))
        worker.signals.finished.connect(self._verify_finished)
        self.worker = worker
        worker.start()
        return worker

    def _show_verify(self, report: VerifyReport) -> None:
        self.last_report = report
        if report.ok:
            self.verify_label.setStyleSheet("color: #1B5E20;")
            self.verify_label.setText(
                f"<b>✔ Audit chain intact</b>: {report.records:,} records; head "
                f"<code>{report.head[:16]}…</code>"
            )
        else:
            self.verify_label.setStyleSheet("color: #B71C1C;")
            more = f" (+{len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
            self.verify_label.setText(f"<b>✖ Audit chain BROKEN</b>: {report.first_problem}{more}")
        self.verify_label.setToolTip(report.summary())
        self.status_message.emit(report.summary())

    def _verify_finished(self) -> None:
        self.worker = None
        self.verify_button.setEnabled(True)
