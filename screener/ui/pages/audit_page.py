"""Audit: past runs, every decision of a run (superseded ones too), finding a line across runs
by order number or party, verifying the decision log's hash chain, and a run's Excel report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.evidence import history
from screener.core.evidence.history import LineMatch
from screener.core.record import run_context, runs
from screener.core.record.audit import VerifyReport
from screener.core.record.database.store import Store, StoreError
from screener.core.record.review import decisions
from screener.ui import jobs
from screener.ui.dialogs.errors import show_error
from screener.ui.models import runs_model
from screener.ui.models.decisions_model import DecisionRow, DecisionsModel
from screener.ui.models.line_matches_model import LineMatchesModel
from screener.ui.verdicts import verdict_style
from screener.ui.widgets.record_table import record_table
from screener.ui.workers import GeneratorWorker

FIND_LIMIT = 50  # lines per page of a find


def _view(model: Any, name: str, sort_role: int) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(sort_role)
    view = record_table(proxy, name)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class LineHistoryDialog(QDialog):
    """One screened line: its verdict and reasons, and every decision on it, oldest first."""

    def __init__(self, store: Store, line_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        line = runs.get_line(store, line_id)
        order = " / ".join(p for p in (line.order_no, line.line_no) if p)
        self.setWindowTitle(f"Run {line.run_id}, row {line.row}" + (f" · {order}" if order else ""))
        parties = "; ".join(
            f"{p.get('role', '')}: {p.get('name', '')} {p.get('country', '')}".strip()
            for p in line.parties
        )
        summary = QLabel(
            f"<b>{verdict_style(line.verdict).label}</b> · {parties}<br>"
            + "<br>".join(line.reasons)
        )
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hits = {h.id: h.entry_name for h in runs.line_hits(store, line_id)}
        trail = decisions.decision_history(store, line_id)
        replaced_by = {d.supersedes: d for d in trail if d.supersedes is not None}
        label = f"row {line.row}" + (f" · {order}" if order else "")
        self.model = DecisionsModel(self)
        self.model.set_items(
            [
                DecisionRow(
                    d, label, hits.get(d.hit_id, "") if d.hit_id else "", replaced_by.get(d.id)
                )
                for d in trail
            ]
        )
        self.table = _view(self.model, "lineHistoryTable", runs_model.SortRole)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(
            QLabel(f"Decisions on this line: {len(trail)}" if trail else "No decisions yet")
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 360)


class AuditPage(QWidget):
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
        self.runs_view = _view(self.runs, "runsTable", runs_model.SortRole)
        self.runs_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.runs_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.runs_view.selectionModel().currentRowChanged.connect(self._show_decisions)
        self.runs_view.doubleClicked.connect(lambda _i: self._open_selected())
        self.decisions = DecisionsModel(self)
        self.decisions_view = _view(self.decisions, "decisionsTable", runs_model.SortRole)
        self.decisions_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.decisions_view.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.decisions_label = QLabel("Decisions")

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findLines")
        self.find_edit.setPlaceholderText("Find an order number or party name in every run…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find)
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(300)
        self._find_timer.timeout.connect(self.find)
        self.find_edit.textChanged.connect(lambda _t: self._find_timer.start())
        self.found = LineMatchesModel(self)
        self.found_view = _view(self.found, "foundLines", runs_model.SortRole)
        self.found_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.found_view.doubleClicked.connect(self._open_found)
        self.found_view.hide()
        self.found_label = QLabel()
        self.found_label.hide()
        self._find_offset = 0
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.clicked.connect(lambda: self.find(offset=self._find_offset - FIND_LIMIT))
        self.more_button = QPushButton("Next ▶")
        self.more_button.setObjectName("findNext")
        self.more_button.clicked.connect(lambda: self.find(offset=self._find_offset + FIND_LIMIT))
        for button in (self.prev_button, self.more_button):
            button.hide()

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

        finder = QWidget()
        finder_layout = QVBoxLayout(finder)
        finder_layout.setContentsMargins(0, 0, 0, 0)
        finder_layout.addWidget(self.find_edit)
        found_row = QHBoxLayout()
        found_row.addWidget(self.found_label, 1)
        found_row.addWidget(self.prev_button)
        found_row.addWidget(self.more_button)
        finder_layout.addLayout(found_row)
        finder_layout.addWidget(self.found_view, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(finder)
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
        self._find_timer.stop()
        text = self.find_edit.text().strip()
        self._find_offset = max(0, offset)
        if not text:
            self.found.set_items([])
            for w in (self.found_view, self.found_label, self.prev_button, self.more_button):
                w.hide()
            return []
        page = history.find_lines_page(self.store, text, offset=self._find_offset, limit=FIND_LIMIT)
        matches = list(page.matches)
        self.found.set_items(matches)
        self.found_view.setVisible(bool(matches))
        self.found_label.show()
        paged = page.total > FIND_LIMIT
        self.prev_button.setVisible(paged)
        self.more_button.setVisible(paged)
        self.prev_button.setEnabled(self._find_offset > 0)
        self.more_button.setEnabled(page.has_more)
        if not matches:
            self.found_label.setText(f"No screened line has an order or party “{text}”.")
        else:
            n = page.total
            self.found_label.setText(
                f"{n:,} line{'s' * (n != 1)} with “{text}”: {page.summary()}. "
                "Double-click one for its decisions."
            )
        return matches

    def _open_found(self, index: Any) -> None:
        match: LineMatch = self.found_view.model().data(index, runs_model.ItemRole)
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

    # -- report ---------------------------------------------------------------------

    def choose_report_path(self) -> None:
        run_id = self.selected_run_id()
        if run_id is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Export audit report",
            str(Path.home() / f"screening-run-{run_id}.xlsx"),
            "Excel workbook (*.xlsx)",
        )
        if name:
            self.export_report(Path(name))

    def export_report(self, path: Path) -> GeneratorWorker | None:
        """Write the selected run's report to `path` in a worker; the status line says when."""
        run_id = self.selected_run_id()
        if run_id is None or self.report_worker is not None:
            return None
        self.export_button.setEnabled(False)
        self.status_message.emit(f"Writing the report of run {run_id}…")
        worker = GeneratorWorker(jobs.report_job(self.home, run_id, path), name="report")
        worker.signals.result.connect(self._report_written)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Export failed", m, d))
        worker.signals.finished.connect(self._report_finished)
        self.report_worker = worker
        worker.start()
        return worker

    def _report_written(self, path: Path) -> None:
        self.last_export = Path(path)
        self.status_message.emit(f"Report written: {path}")

    def _report_finished(self) -> None:
        self.report_worker = None
        self.export_button.setEnabled(self.selected_run_id() is not None)

    # -- verify ---------------------------------------------------------------------

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
