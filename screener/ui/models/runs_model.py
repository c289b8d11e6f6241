"""Screening runs for the audit page, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from screener.core.record.run_context import RunContext, completeness
from screener.core.record.runs import Run
from screener.ui import times
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["ItemRole", "RunsModel", "SortRole"]

STATUS_COLUMN = 6
_VERDICT_ORDER = ("block", "review", "clear")


def _local(moment: datetime | None) -> str:
    return times.local(moment)


_STATUS_TINT = {"cancelled": "#FCEBC0", "incomplete": "#F8D9D6", "failed": "#F8D9D6"}


class RunsModel(RecordTableModel[Run]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[int, dict[str, int]] = {}
        self._contexts: dict[int, RunContext | None] = {}
        self.columns = (
            Col("Run", lambda r: str(r.id), sort=lambda r: r.id, align_right=True),
            Col("Started", lambda r: _local(r.started_at), sort=lambda r: r.started_at),
            Col(
                "Finished",
                lambda r: _local(r.finished_at),
                sort=lambda r: r.finished_at.isoformat() if r.finished_at else "",
            ),
            Col(
                "File",
                lambda r: r.file_name,
                tip=lambda r: f"sha256 {r.file_sha256}\nsheet {r.sheet or '(first)'}",
            ),
            Col("Kind", lambda r: r.kind),
            Col("Operator", lambda r: r.operator, tip=lambda r: f"{r.operator} on {r.host}"),
            Col("Status", self._status_text, tip=self._status_tip),
            Col(
                "Lines",
                lambda r: f"{r.line_count:,}",
                sort=lambda r: r.line_count,
                align_right=True,
            ),
            Col(
                "Verdicts",
                self._verdicts_text,
                sort=lambda r: tuple(self._counts.get(r.id, {}).get(v, 0) for v in _VERDICT_ORDER),
                header_tip="Lines per verdict: block · review · clear",
            ),
            Col(
                "Versions",
                lambda r: (
                    f"policy {r.policy_version} · matcher {r.matcher_version} · "
                    f"{len(r.list_version_ids)} lists" + self._stale_text(r)
                ),
                tip=lambda r: (
                    f"app {r.app_version}; list versions "
                    + ", ".join(f"#{v}" for v in r.list_version_ids)
                ),
            ),
        )

    def set_runs(
        self,
        runs: list[Run],
        counts: dict[int, dict[str, int]],
        contexts: dict[int, RunContext | None] | None = None,
    ) -> None:
        """Runs with their lines per verdict (`core.history.verdict_counts`) and what each knew
        when it started (`record.run_context`: lines expected, stale lists)."""
        self._counts = counts
        self._contexts = contexts or {}
        self.set_items(runs)

    def _status_text(self, run: Run) -> str:
        done = completeness(run, self._contexts.get(run.id))
        if not done.partial or done.not_screened is None:
            return run.status
        return f"{run.status}: about {done.not_screened:,} not screened"

    def _status_tip(self, run: Run) -> str | None:
        done = completeness(run, self._contexts.get(run.id))
        return f"Partial run: {done.describe()}" if done.partial else None

    def _stale_text(self, run: Run) -> str:
        context = self._contexts.get(run.id)
        if context is None or not context.stale:
            return ""
        return f" ({len(context.stale)} stale)"

    def _verdicts_text(self, run: Run) -> str:
        counts = self._counts.get(run.id, {})
        return " · ".join(f"{counts[v]:,} {v}" for v in _VERDICT_ORDER if counts.get(v))

    def extra_data(self, item: Run, column: int, role: int) -> Any:
        tint = _STATUS_TINT.get(item.status)
        if column == STATUS_COLUMN and tint:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(tint)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#1A1A1A")
        return None
