"""Decisions (a line's history, or a run's current decisions) for the audit and detail views."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from screener.core.decisions import Decision
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["DecisionRow", "DecisionsModel", "ItemRole", "SortRole"]


@dataclass(frozen=True, slots=True)
class DecisionRow:
    decision: Decision
    line_label: str  # "row 12 · SO-1 / 3"
    hit_label: str  # "" for a line-level decision


class DecisionsModel(RecordTableModel[DecisionRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col(
                "Decided",
                lambda r: r.decision.decided_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                sort=lambda r: r.decision.id,
            ),
            Col("Line", lambda r: r.line_label, sort=lambda r: r.decision.line_id),
            Col("Hit", lambda r: r.hit_label or "whole line"),
            Col("Decision", lambda r: r.decision.action.label),
            Col(
                "Justification",
                lambda r: r.decision.justification,
                tip=lambda r: r.decision.justification,
            ),
            Col(
                "Operator",
                lambda r: r.decision.operator,
                tip=lambda r: f"{r.decision.operator} on {r.decision.host}",
            ),
            Col(
                "Supersedes",
                lambda r: f"#{r.decision.supersedes}" if r.decision.supersedes else "",
            ),
        )
