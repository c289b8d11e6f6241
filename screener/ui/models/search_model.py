"""Ad-hoc name search results (core.search hits: source, entry_id, name, matched_name, score,
explanation)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["ItemRole", "SearchModel", "SortRole"]


def _get(hit: Any, name: str) -> Any:
    return getattr(hit, name, "")


class SearchModel(RecordTableModel[Any]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col(
                "Score",
                lambda h: f"{_get(h, 'score'):.0%}",
                sort=lambda h: _get(h, "score"),
                align_right=True,
            ),
            Col("Listed name", lambda h: str(_get(h, "name"))),
            Col("Matched", lambda h: str(_get(h, "matched_name"))),
            Col("List", lambda h: str(_get(h, "source"))),
            Col("Entry", lambda h: str(_get(h, "entry_id"))),
            Col(
                "Why",
                lambda h: str(_get(h, "explanation")),
                tip=lambda h: str(_get(h, "explanation")),
            ),
        )
