"""Search results grouped per listed party (`core.names.grouped_search.EntryGroup`): one row
per party however many lists name it ("listed in 5 places"), best match first."""

from __future__ import annotations

from PySide6.QtCore import QObject

from screener.core.names.grouped_search import EntryGroup
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["EntryGroupsModel", "ItemRole", "SortRole", "places"]


def places(group: EntryGroup) -> str:
    n = len(group.hits)
    return f"listed in {n} places" if n > 1 else group.lists[0]


class EntryGroupsModel(RecordTableModel[EntryGroup]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Col("Score", lambda g: f"{g.score:.0%}", sort=lambda g: g.score, align_right=True),
            Col("Listed name", lambda g: g.name),
            Col("Matched name", lambda g: g.best.matched_name),
            Col("Kind", lambda g: g.best.type),
            Col(
                "Lists",
                places,
                sort=lambda g: len(g.hits),
                tip=lambda g: "\n".join(g.lists),
                header_tip="Where the party is listed: one row per party, however many lists",
            ),
            Col("Programs", lambda g: ", ".join(g.programs), tip=lambda g: ", ".join(g.programs)),
            Col("Countries", lambda g: ", ".join(g.best.countries)),
            Col("Why", lambda g: g.best.explanation, tip=lambda g: g.best.explanation),
        )
