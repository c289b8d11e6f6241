"""What the results table asks of each cell as it paints, answered from a cache per row.

A paint asks seven roles of every visible cell (text, icon, font, alignment, tint, text colour,
check state). Qt asks them in one `multiData` call per cell, which `fill_span` answers from the
cell's cached values: one call into Python per cell instead of seven, each a dict lookup. A
row's values are worked out the first time it is painted (through the model's own `data`, so
they are the same values) and kept until that row changes; the rows in view stay the same while
a run streams in below them, so a repaint mostly reads the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QModelRoleDataSpan, Qt

_R = Qt.ItemDataRole
PAINT_ROLES: tuple[int, ...] = tuple(
    int(role.value)
    for role in (
        _R.DisplayRole,
        _R.DecorationRole,
        _R.FontRole,
        _R.TextAlignmentRole,
        _R.BackgroundRole,
        _R.ForegroundRole,
        _R.CheckStateRole,
    )
)
_PAINT_ROLE_SET = frozenset(PAINT_ROLES)
ROWS_KEPT = 2048  # a few screens of rows; past that the cache starts again

Cells = tuple[Mapping[int, Any], ...]  # per column: role -> value, for the roles that have one


class CellCache:
    """The painted roles of each row, worked out by `value(row, column, role)` when first
    asked; `forget` the rows whose content changed."""

    def __init__(self, value: Callable[[int, int, int], Any], columns: int) -> None:
        self._value = value
        self._columns = columns
        self._rows: dict[int, Cells] = {}

    def cell(self, row: int, column: int) -> Mapping[int, Any]:
        cells = self._rows.get(row)
        if cells is None:
            if len(self._rows) >= ROWS_KEPT:
                self._rows.clear()
            value = self._value
            cells = tuple(
                {role: v for role in PAINT_ROLES if (v := value(row, c, role)) is not None}
                for c in range(self._columns)
            )
            self._rows[row] = cells
        return cells[column]

    def forget(self, rows: Iterable[int] | None = None) -> None:
        """Drop the cached values of `rows` (of every row when None)."""
        if rows is None:
            self._rows.clear()
            return
        for row in rows:
            self._rows.pop(row, None)


def fill_span(
    span: QModelRoleDataSpan, cell: Mapping[int, Any], other: Callable[[int], Any]
) -> None:
    """Answer each role of `span` from `cell`; a role a paint does not ask from `other(role)`.

    Every role is set, those without a value cleared: the caller may hand the same span from
    cell to cell, and a role left as it was would show the previous cell's icon or tint."""
    for i in range(span.size()):
        data = span[i]  # type: ignore[index]
        role = data.role()
        value = cell.get(role) if role in _PAINT_ROLE_SET else other(role)
        if value is None:
            data.clearData()
        else:
            data.setData(value)
