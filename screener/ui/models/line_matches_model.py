"""Lines found across runs by order number or party name (`core.history.find_lines`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from screener.core.evidence.history import LineMatch
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole
from screener.ui.verdicts import verdict_cell, verdict_style

__all__ = ["ItemRole", "LineMatchesModel", "SortRole"]

VERDICT_COLUMN = 5


def _started(match: LineMatch) -> str:
    try:
        return datetime.fromisoformat(match.started_at).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return match.started_at


def _order(match: LineMatch) -> str:
    return " / ".join(part for part in (match.order_no, match.line_no) if part)


class LineMatchesModel(RecordTableModel[LineMatch]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col(
                "Run",
                lambda m: str(m.run_id),
                sort=lambda m: m.run_id,
                align_right=True,
                tip=lambda m: f"{m.file_name}, screened {_started(m)}",
            ),
            Col("File", lambda m: m.file_name),
            Col("Row", lambda m: str(m.row), sort=lambda m: m.row, align_right=True),
            Col("Order / line", _order),
            Col("Party", lambda m: m.party),
            Col(
                "Verdict",
                lambda m: verdict_style(m.verdict).label,
                sort=lambda m: verdict_style(m.verdict).rank,
            ),
            Col(
                "Latest decision",
                lambda m: m.latest.action.label if m.latest else "",
                tip=lambda m: (
                    f"{m.latest.operator}: {m.latest.justification}" if m.latest else None
                ),
            ),
        )

    def extra_data(self, item: LineMatch, column: int, role: int) -> Any:
        return verdict_cell(item.verdict, role) if column == VERDICT_COLUMN else None
