"""The results table of the Screen page: sortable, whole-row selection, sized columns."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from screener.ui.models.results_model import Column
from screener.ui.widgets.elide import ElideMiddle
from screener.ui.widgets.record_table import record_table

# Verdict and Decision sit left of the wide columns, so they stay in view in a 900 px window.
COLUMN_WIDTHS = {
    Column.ROW: 48,
    Column.ORDER: 104,
    Column.VERDICT: 84,
    Column.DECISION: 100,
    Column.PARTY: 220,
    Column.HIT: 104,
    Column.REASON: 220,
    Column.DESTINATION: 96,
    Column.HS: 78,
}


def results_table(proxy: QSortFilterProxyModel) -> QTableView:
    """The table over `proxy`, in row order; order numbers elided in the middle."""
    table = record_table(proxy, "resultsTable", many=True)
    table.sortByColumn(Column.ROW, Qt.SortOrder.AscendingOrder)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(40)
    for column, width in COLUMN_WIDTHS.items():
        table.setColumnWidth(column, width)
    table.setItemDelegateForColumn(Column.ORDER, ElideMiddle(table))  # the table owns it
    return table
