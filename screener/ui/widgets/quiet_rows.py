"""Rows appended below the ones in view, without repainting the table.

    with rows_below_unpainted(table):
        model.append_lines(...)

Qt repaints a table's whole viewport whenever its row count changes, although rows added below
the last one in view change nothing there (only the scroll bar, which paints itself). While a
run streams in, that was one full repaint per batch, the longest part of each stall. Inside the
block the viewport drops repaint requests; on leaving it repaints unless every row inserted
went below the last row in view and nothing else changed (no other signal of the model, same
viewport size). `WA_UpdatesDisabled` is set directly: `setUpdatesEnabled(True)` would repaint
the whole viewport on the way out, which is what this avoids.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

_QUIET = Qt.WidgetAttribute.WA_UpdatesDisabled


@contextmanager
def rows_below_unpainted(view: QTableView) -> Iterator[None]:
    viewport = view.viewport()
    size = viewport.size()
    last_shown = view.rowAt(size.height() - 1)  # -1: the rows end above the bottom edge
    if last_shown < 0 or not viewport.updatesEnabled():
        yield  # rows go into view (or nothing paints anyway): as usual
        return
    model = view.model()
    firsts: list[int] = []
    other: list[str] = []

    def changed(*_args: Any) -> None:
        other.append("changed")

    signals = [
        (model.rowsInserted, lambda _p, first, _last: firsts.append(first)),
        *((signal, changed) for signal in (
            model.dataChanged, model.layoutChanged, model.modelReset, model.rowsRemoved,
            model.rowsMoved, model.columnsInserted, model.columnsRemoved,
        )),
    ]  # fmt: skip
    for signal, slot in signals:
        signal.connect(slot)
    viewport.setAttribute(_QUIET, True)
    try:
        yield
        # New rows schedule a layout of the items, which repaints the whole viewport in the
        # loop's next turn: done now, while repaint requests are dropped.
        view.executeDelayedItemsLayout()
    finally:
        viewport.setAttribute(_QUIET, False)
        for signal, slot in signals:
            signal.disconnect(slot)
        unchanged = viewport.size() == size and not other
        if not unchanged or any(first <= last_shown for first in firsts):
            viewport.update()
