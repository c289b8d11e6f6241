"""Ad-hoc name search results: one row per listed entry (`core.search.SearchHit`), best first."""

from __future__ import annotations

from PySide6.QtCore import QObject

from screener.core.names.search import SearchHit
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["ItemRole", "SearchModel", "SortRole"]


def _joined(values: tuple[str, ...]) -> str:
    return ", ".join(values)


class SearchModel(RecordTableModel[SearchHit]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col("Score", lambda h: f"{h.score:.0%}", sort=lambda h: h.score, align_right=True),
            Col("Listed name", lambda h: h.name),
            Col("Matched name", lambda h: h.matched_name),
            Col("Kind", lambda h: h.type),
            Col("List", lambda h: h.source + (f" / {h.sub_source}" if h.sub_source else "")),
            Col("Entry", lambda h: h.entry_id),
            Col("Programs", lambda h: _joined(h.programs), tip=lambda h: _joined(h.programs)),
            Col("Countries", lambda h: _joined(h.countries)),
            Col("Why", lambda h: h.explanation, tip=lambda h: h.explanation),
        )
