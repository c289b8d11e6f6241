"""Filtering and sorting the Screen page's 100,000 result rows without a `data()` call per row.

`ResultsFilterProxy` reads `ResultsModel`'s compact per-row columns (verdict, lowercase search
text, whether a decision is needed, sort keys) and keeps the rows shown as a plain list.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    Qt,
)

from screener.ui.models.results_cells import fill_span
from screener.ui.models.results_filter import ALL_VERDICTS, passing
from screener.ui.models.results_model import MAX_ROW_SIGNALS, Column, Index, ResultsModel

# Worked out once: `|` on Qt's flags is a Python call, and the view asks flags of every cell.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ResultsFilterProxy(QAbstractProxyModel):
    """Filters by verdict, by decision state and by free text (any party, order, HS, ...).

    The rows shown are a list of source rows kept in ascending sort-key order (a descending sort
    reads it backwards). A filter change or a sort recomputes that list with list comprehensions
    over the model's compact columns and re-lays out once; appended source rows that pass the
    filter are inserted where they sort (`beginInsertRows` per contiguous group).
    """

    ALL_VERDICTS = ALL_VERDICTS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verdicts: frozenset[str] = self.ALL_VERDICTS
        self._decision = "all"  # all | undecided | decided
        self._needle = ""
        self._column = -1  # -1: source order
        self._descending = False
        self._order: list[int] = []  # source rows shown, ascending by key
        self._keys: list[Any] = []  # their sort keys (source rows when unsorted)
        self._pos: dict[int, int] | None = None  # source row -> index in _order, built lazily
        self._src: ResultsModel | None = None

    # -- filter API (as used by the Screen page) ------------------------------------

    @property
    def verdicts(self) -> frozenset[str]:
        return self._verdicts

    def set_verdicts(self, verdicts: Iterable[str]) -> None:
        self._verdicts = frozenset(verdicts)
        self._relayout()

    def set_decision_filter(self, value: str) -> None:
        if value not in ("all", "undecided", "decided"):
            raise ValueError(value)
        self._decision = value
        self._relayout()

    def set_text(self, text: str) -> None:
        self._needle = text.strip().casefold()
        self._relayout()

    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column = column
        self._descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        self._relayout()

    # -- source wiring --------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, ResultsModel):
            raise TypeError("ResultsFilterProxy filters a ResultsModel")
        self.beginResetModel()
        if self._src is not None:
            self._src.modelReset.disconnect(self._source_reset)
            self._src.rowsInserted.disconnect(self._source_rows_inserted)
            self._src.dataChanged.disconnect(self._source_data_changed)
        super().setSourceModel(model)
        self._src = model
        model.modelReset.connect(self._source_reset)
        model.rowsInserted.connect(self._source_rows_inserted)
        model.dataChanged.connect(self._source_data_changed)
        self._rebuild()
        self.endResetModel()

    def _source_reset(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    # -- the shown rows -------------------------------------------------------------

    def _accepted(self, rows: Iterable[int]) -> list[int]:
        if self._src is None:
            return []
        return passing(
            self._src, rows, verdicts=self._verdicts, decision=self._decision, needle=self._needle
        )

    def _key_list(self) -> list[Any] | None:
        if self._src is None or self._column < 0:
            return None
        return self._src.sort_keys(self._column)

    def _rebuild(self) -> None:
        count = self._src.rowCount() if self._src is not None else 0
        order = self._accepted(range(count))
        keys = self._key_list()
        if keys is None:
            self._order, self._keys = order, list(order)
        else:
            order.sort(key=keys.__getitem__)
            self._order, self._keys = order, [keys[r] for r in order]
        self._pos = None

    def _relayout(self) -> None:
        """Recompute the shown rows; rows still shown keep their selection and current index."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self._source_row(index.row()) for index in persistent]
        self._rebuild()
        self._remap_persistent(persistent, sources)
        self.layoutChanged.emit()

    def _remap_persistent(self, persistent: list[QModelIndex], sources: list[int]) -> None:
        if not persistent:
            return
        pos = self._positions()
        invalid = QModelIndex()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._proxy_row(pos[s]), old.column()) if s in pos else invalid
                for old, s in zip(persistent, sources, strict=True)
            ],
        )

    def _positions(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = {source: i for i, source in enumerate(self._order)}
        return self._pos

    def _proxy_row(self, internal: int) -> int:
        return len(self._order) - 1 - internal if self._descending else internal

    def _source_row(self, proxy_row: int) -> int:
        return self._order[self._proxy_row(proxy_row)]

    def _key_of(self, source_row: int) -> Any:
        keys = self._key_list()
        return source_row if keys is None else keys[source_row]

    def _source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        new = self._accepted(range(first, last + 1))
        if not new:
            return
        keyed = sorted((self._key_of(r), r) for r in new)
        places = [(bisect_right(self._keys, key), key, r) for key, r in keyed]
        groups = [list(g) for _p, g in groupby(places, key=lambda p: p[0])]
        if len(groups) > MAX_ROW_SIGNALS:
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            sources = [self._source_row(index.row()) for index in persistent]
            for place, key, row in reversed(places):
                self._order.insert(place, row)
                self._keys.insert(place, key)
            self._pos = None
            self._remap_persistent(persistent, sources)
            self.layoutChanged.emit()
            return
        for group in reversed(groups):  # back to front: earlier places stay valid
            place = group[0][0]
            size = len(group)
            n = len(self._order)
            start = n - place if self._descending else place
            self.beginInsertRows(QModelIndex(), start, start + size - 1)
            self._order[place:place] = [row for _p, _k, row in group]
            self._keys[place:place] = [key for _p, key, _r in group]
            self._pos = None
            self.endInsertRows()

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, *_: Any
    ) -> None:
        first, last = top_left.row(), bottom_right.row()
        if last - first >= MAX_ROW_SIGNALS:
            self._relayout()
            return
        last_column = self.columnCount() - 1
        for row in range(first, last + 1):
            pos = self._positions()
            shown = row in pos
            accept = bool(self._accepted([row]))
            if shown and not accept:
                proxy_row = self._proxy_row(pos[row])
                self.beginRemoveRows(QModelIndex(), proxy_row, proxy_row)
                del self._order[pos[row]]
                del self._keys[pos[row]]
                self._pos = None
                self.endRemoveRows()
            elif accept and not shown:
                key = self._key_of(row)
                place = bisect_right(self._keys, key)
                start = len(self._order) - place if self._descending else place
                self.beginInsertRows(QModelIndex(), start, start)
                self._order.insert(place, row)
                self._keys.insert(place, key)
                self._pos = None
                self.endInsertRows()
            elif shown:
                proxy_row = self._proxy_row(pos[row])
                self.dataChanged.emit(self.index(proxy_row, 0), self.index(proxy_row, last_column))

    # -- Qt proxy interface ---------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def sibling(self, row: int, column: int, idx: Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._order)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if self._src is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._order):
            return QModelIndex()
        return self._src.index(self._source_row(row), proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        internal = self._positions().get(source_index.row())
        if internal is None:
            return QModelIndex()
        return self.index(self._proxy_row(internal), source_index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._src is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        return self._src.data_at(self._source_row(row), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:
        """The roles of one cell at once, as a paint asks them (`results_cells`)."""
        src = self._src
        row = index.row()
        if src is None or not index.isValid() or not 0 <= row < len(self._order):
            return
        source, column = self._source_row(row), index.column()
        fill_span(
            roleDataSpan,
            src.cells.cell(source, column),
            lambda role: src.data_at(source, column, role),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        return self._src.headerData(section, orientation, role) if self._src else None
