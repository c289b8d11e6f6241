"""List versions (current or history): publish date, age with a staleness colour, counts, hash."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from screener.core.lists.freshness import max_age_days
from screener.core.record.database.list_versions import ListVersion
from screener.core.rules.policy import Policy, load_policy
from screener.ui import times
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole

__all__ = ["AGE_COLUMN", "STALE_AFTER_DAYS", "ItemRole", "ListsModel", "SortRole", "StaleRole"]

# The default of the policy's [freshness] max_age_days (the model uses the policy itself).
STALE_AFTER_DAYS = 7
StaleRole = Qt.ItemDataRole.UserRole + 10
AGE_COLUMN = 3
_UNDATED = -1


def _published(v: ListVersion) -> str:
    return v.published.isoformat() if v.published else "undated"


def _age_text(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days == 0:
        return "today"
    return f"{days} day" if days == 1 else f"{days} days"


class ListsModel(RecordTableModel[ListVersion]):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        today: date | None = None,
        policy: Policy | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today or datetime.now(UTC).date()
        self.policy = policy or load_policy()
        self.columns = (
            Col("List", lambda v: v.source, tip=lambda v: v.title),
            Col("Title", lambda v: v.title),
            Col(
                "Published",
                _published,
                sort=lambda v: v.published or date.min,
                tip=lambda v: f"date basis: {v.published_basis}",
            ),
            Col(
                "Age",
                lambda v: _age_text(v.age_days(self._today)),
                sort=lambda v: v.age_days(self._today) if v.published else 1_000_000,
                tip=self._age_tip,
            ),
            Col("Entries", lambda v: f"{v.entries:,}", sort=lambda v: v.entries, align_right=True),
            Col("Names", lambda v: f"{v.names:,}", sort=lambda v: v.names, align_right=True),
            Col("Format", lambda v: v.format),
            Col(
                "SHA-256",
                lambda v: v.sha256[:12] + "…",
                sort=lambda v: v.sha256,
                tip=lambda v: f"{v.sha256}\n{', '.join(v.files)}",
            ),
            Col(
                "Imported",
                lambda v: times.local(v.imported_at),
                sort=lambda v: v.imported_at,
            ),
        )

    def max_age(self, version: ListVersion) -> int:
        return max_age_days(self.policy, version.source)

    def is_stale(self, version: ListVersion) -> bool:
        days = version.age_days(self._today)
        return days is None or days > self.max_age(version)

    def _age_tip(self, v: ListVersion) -> str:
        if v.published is None:
            return "The list carries no publication date: check it is current."
        if self.is_stale(v):
            return (
                f"Published {v.age_days(self._today)} days ago; the policy allows "
                f"{self.max_age(v)}: update the list before screening."
            )
        return f"Published {v.published.isoformat()}"

    def extra_data(self, item: ListVersion, column: int, role: int) -> Any:
        if role == StaleRole:
            return self.is_stale(item)
        if column == AGE_COLUMN and self.is_stale(item):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#FCEBC0")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#6B4000")
        return None
