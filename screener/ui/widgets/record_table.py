"""A table of records, as every page shows them: sortable (arrows that point the way the
rows run), whole rows selected, alternating rows, one text line per row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from screener.ui.widgets.sort_arrow import fix_sort_arrows

ROW_HEIGHT = 24


def record_table(model: QAbstractItemModel, name: str, *, many: bool = False) -> QTableView:
    """A view of `model` named `name` (for style sheets and tests); `many`: several rows may
    be selected at once (Ctrl/Shift-click), else one."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    fix_sort_arrows(view.horizontalHeader())
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if many
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    return view


def sorted_record_table(model: QAbstractItemModel, name: str, sort_role: int) -> QTableView:
    """`record_table` over a sorting proxy of `model` (sorted by `sort_role`), its columns
    as wide as their contents."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(sort_role)
    view = record_table(proxy, name)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view
