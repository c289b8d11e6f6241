"""Decisions (a line's history, or a run's decisions) for the audit and detail views.

Superseded decisions stay in the list (the log is append-only); they are greyed out, struck
through, and say which decision replaced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from screener.core.record.review.decisions import Decision
from screener.ui import times
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["DecisionRow", "DecisionsModel", "ItemRole", "SortRole", "SupersededRole"]

SupersededRole = Qt.ItemDataRole.UserRole + 10  # True for a decision a later one replaced


@dataclass(frozen=True, slots=True)
class DecisionRow:
    decision: Decision
    line_label: str  # "row 12 · SO-1 / 3"
    hit_label: str  # "" for a line-level decision
    superseded_by: Decision | None = None
    approval: str = ""  # "approved by ben: ..." (history.DecisionEntry.approval); else its status
    batch: str = ""  # "batch 3", "carried from decision 12"


def _about(row: DecisionRow) -> str:
    if row.hit_label:
        return row.hit_label
    return "goods/route finding" if row.decision.finding_key else "whole line"


def _approval(row: DecisionRow) -> str:
    d = row.decision
    return row.approval or (d.status if d.needs_approval else "")


def _batch(row: DecisionRow) -> str:
    d = row.decision
    if row.batch:
        return row.batch
    if d.carried_from is not None:
        return f"carried from decision {d.carried_from}"
    return f"batch {d.batch_id}" if d.batch_id is not None else ""


def _when(decision: Decision) -> str:
    return times.local(decision.decided_at)


def _replaced(row: DecisionRow) -> str:
    later = row.superseded_by
    if later is None:
        return ""
    return f"#{later.id} {later.action.label}, {_when(later)}"


class DecisionsModel(RecordTableModel[DecisionRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col("Decided", lambda r: _when(r.decision), sort=lambda r: r.decision.id),
            Col("Line", lambda r: r.line_label, sort=lambda r: (r.decision.line_id, r.decision.id)),
            Col("Hit", _about),
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
                "Reason",
                lambda r: r.decision.reason.label if r.decision.reason else "",
                header_tip="The reason code a safeguarded decision names",
            ),
            Col(
                "Approval",
                _approval,
                tip=lambda r: _approval(r) or None,
                header_tip="Four-eyes: who approved or rejected it, or pending approval",
            ),
            Col("Batch", _batch, header_tip="A bulk decision's batch, or a carried decision"),
            Col(
                "Superseded by",
                _replaced,
                sort=lambda r: r.superseded_by.id if r.superseded_by else 0,
                tip=lambda r: (
                    f"Replaced by decision #{r.superseded_by.id} ({r.superseded_by.operator}): "
                    f"{r.superseded_by.justification}"
                    if r.superseded_by
                    else None
                ),
                header_tip="A later decision on the same line (or hit) that replaced this one",
            ),
        )

    def extra_data(self, item: DecisionRow, column: int, role: int) -> Any:
        superseded = item.superseded_by is not None
        if role == SupersededRole:
            return superseded
        if not superseded:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#8A8A8A")
        if role == Qt.ItemDataRole.FontRole and column != len(self.columns) - 1:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None
