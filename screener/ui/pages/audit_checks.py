"""The Audit page's checks: a run's Excel audit report, and verifying the record's hash chain,
each in a worker. A mixin of `AuditPage`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from screener.core.record.audit import VerifyReport
from screener.ui import jobs
from screener.ui.dialogs.errors import show_error
from screener.ui.workers import GeneratorWorker


class AuditChecksMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    worker: GeneratorWorker | None
    report_worker: GeneratorWorker | None
    last_report: VerifyReport | None
    last_export: Path | None
    export_button: QPushButton
    verify_button: QPushButton
    verify_label: QLabel
    status_message: SignalInstance
    selected_run_id: Callable[[], int | None]

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)  # the page: dialogs and messages are its children
        return self

    def choose_report_path(self) -> None:
        run_id = self.selected_run_id()
        if run_id is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self._widget(),
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
        worker.signals.errored.connect(
            lambda m, d: show_error(self._widget(), "Export failed", m, d)
        )
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

    def verify(self) -> GeneratorWorker | None:
        if self.worker is not None:
            return None
        self.verify_button.setEnabled(False)
        self.verify_label.setText("Verifying the audit chain…")
        worker = GeneratorWorker(jobs.verify_job(self.home), name="verify")
        worker.signals.result.connect(self._show_verify)
        worker.signals.errored.connect(
            lambda m, d: show_error(self._widget(), "Verify failed", m, d)
        )
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
