"""How long the GUI thread spends on 100,000 screened lines in the results table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_results_model.py [--no-baseline]

Lines arrive in batches of 200 (screen_file's default) into the model behind the filter proxy,
sorted by verdict, in a shown table view, as on the Screen page. Prints: append (total, worst
batch), a filter change by verdict, by decision and by free text, and a sort by party. The
baseline is the previous approach measured in the same run: a `QSortFilterProxyModel` whose
`filterAcceptsRow` asks the model through `data()` for every row and sorts through `SortRole`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QTableView

from screener.core.record.review.decisions import Action, Decision
from screener.core.record.runs import StoredLine
from screener.ui import qtfix
from screener.ui.models.results_model import (
    Column,
    DecisionRole,
    NeedsDecisionRole,
    ResultsModel,
    SearchTextRole,
    SortRole,
    VerdictRole,
)
from screener.ui.models.results_proxy import ResultsFilterProxy

LINES = 100_000
BATCH = 200
VERDICTS = ("clear", "clear", "clear", "review", "block")


class OldProxy(QSortFilterProxyModel):
    """The approach before issue 7: one `data()` round trip per row and comparison."""

    ALL = frozenset({"block", "review", "clear"})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verdicts: frozenset[str] = self.ALL
        self._decision = "all"
        self._needle = ""
        self.setSortRole(SortRole)

    def _change(self, apply: Callable[[], None]) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_verdicts(self, verdicts: Iterable[str]) -> None:
        self._change(lambda: setattr(self, "_verdicts", frozenset(verdicts)))

    def set_decision_filter(self, value: str) -> None:
        self._change(lambda: setattr(self, "_decision", value))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_needle", text.strip().casefold()))

    def filterAcceptsRow(self, source_row: int, source_parent: object) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        verdict = model.data(index, VerdictRole)
        if verdict in self.ALL and verdict not in self._verdicts:
            return False
        if self._decision != "all":
            decided = bool(model.data(index, DecisionRole))
            if (self._decision == "decided") != decided:
                return False
            if self._decision == "undecided" and not model.data(index, NeedsDecisionRole):
                return False
        return not self._needle or self._needle in model.data(index, SearchTextRole)


def line(i: int) -> StoredLine:
    return StoredLine(
        id=i + 1,
        run_id=1,
        row=i + 2,
        cells=(),
        order_no=f"SO-{i // 5}",
        line_no=str(i % 5 + 1),
        parties=({"role": "buyer", "name": f"Customer {i % 7919} Trading LLC", "country": "DE"},),
        description="Ball bearings",
        hs_code="8482.10",
        destination="DE",
        transit=(),
        problems=(),
        verdict=VERDICTS[i % len(VERDICTS)],
        reasons=(),
        findings=(),
    )


def ms(since: float) -> str:
    return f"{(time.perf_counter() - since) * 1000:8.0f} ms"


def measure(name: str, make_proxy: Callable[[], QAbstractItemModel], app: QApplication) -> None:
    model = ResultsModel()
    proxy: Any = make_proxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(Column.VERDICT, Qt.SortOrder.AscendingOrder)
    view.resize(1000, 700)
    view.show()
    lines = [line(i) for i in range(LINES)]
    worst = total = paint = 0.0
    for start in range(0, LINES, BATCH):
        t = time.perf_counter()
        model.append_lines(lines[start : start + BATCH])
        spent = time.perf_counter() - t
        worst = max(worst, spent)
        total += spent
        t = time.perf_counter()
        app.processEvents()  # let the view repaint as it would between batches
        paint += time.perf_counter() - t
    print(f"[{name}]")
    print(
        f"  append {LINES:,} lines in batches of {BATCH}: total {total:.2f} s, "
        f"worst batch {worst * 1000:.1f} ms (model and proxy)"
    )
    print(f"  repainting the view after each batch: total {paint:.2f} s")
    decided_at = datetime.now(UTC)
    model.set_decisions(
        Decision(i, 1, i, None, Action.CLEARED, "bench", "op", "host", decided_at, None)
        for i in range(3, LINES, 10)
    )

    def step(label: str, change: Callable[[], None]) -> None:
        t = time.perf_counter()
        change()
        app.processEvents()
        print(f"  {label:<34}{ms(t)}  ({proxy.rowCount():,} rows shown)")

    step("filter: verdict = block", lambda: proxy.set_verdicts({"block"}))
    step("filter: all verdicts", lambda: proxy.set_verdicts({"block", "review", "clear"}))
    step("filter: decision = undecided", lambda: proxy.set_decision_filter("undecided"))
    step("filter: decision = all", lambda: proxy.set_decision_filter("all"))
    step("filter: text 'customer 77'", lambda: proxy.set_text("customer 77"))
    step("filter: text cleared", lambda: proxy.set_text(""))
    step("sort: by party", lambda: view.sortByColumn(Column.PARTY, Qt.SortOrder.AscendingOrder))
    step(
        "sort: by row, descending",
        lambda: view.sortByColumn(Column.ROW, Qt.SortOrder.DescendingOrder),
    )
    view.close()


def main() -> None:
    qtfix.guard_none_refcount()
    app = QApplication([])
    measure("now: ResultsFilterProxy", ResultsFilterProxy, app)
    if "--no-baseline" not in sys.argv:
        measure("before: QSortFilterProxyModel + data() per row", OldProxy, app)


if __name__ == "__main__":
    main()
