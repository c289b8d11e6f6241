"""A small base for read-only table models over a list of frozen dataclasses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ItemRole = Qt.ItemDataRole.UserRole + 1  # the dataclass behind a row
SortRole = Qt.ItemDataRole.UserRole + 2
# Worked out once: `|` on Qt's flags is a Python call, and a view asks flags of every cell.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True, slots=True)
class Col(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    tip: Callable[[T], str | None] | None = None
    align_right: bool = False
    header_tip: str | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    columns: Sequence[Col[Any]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    def items(self) -> list[T]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.column_data(self._items[index.row()], index.column(), role)

    def column_data(self, item: T, column: int, role: int) -> Any:
        """The data of `item` in `column` for `role` (what `data()` returns)."""
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(item)
        if role == ItemRole:
            return item
        if role == SortRole:
            return col.sort(item) if col.sort else col.text(item).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and col.tip is not None:
            return col.tip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra_data(item, column, role)

    def extra_data(self, item: T, column: int, role: int) -> Any:
        return None
