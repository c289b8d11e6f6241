"""How long the GUI thread spends taking 100,000 screened lines into the results table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_results_model.py

Lines arrive in batches of 200 (screen_file's default) into the model behind a sorted proxy,
as on the Screen page; prints the worst and total time per batch, then a text filter's cost.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from screener.core.runs import StoredLine
from screener.ui import qtfix
from screener.ui.models.results_model import Column, ResultsFilterProxy, ResultsModel

LINES = 100_000
BATCH = 200
VERDICTS = ("clear", "clear", "clear", "review", "block")


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


def main() -> None:
    qtfix.guard_none_refcount()
    app = QApplication([])
    model = ResultsModel()
    proxy = ResultsFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(Column.VERDICT, Qt.SortOrder.AscendingOrder)
    view.resize(1000, 700)
    view.show()
    lines = [line(i) for i in range(LINES)]
    worst = total = 0.0
    for start in range(0, LINES, BATCH):
        t = time.perf_counter()
        model.append_lines(lines[start : start + BATCH])
        app.processEvents()  # a benchmark: let the view repaint as it would between batches
        spent = time.perf_counter() - t
        worst = max(worst, spent)
        total += spent
    print(
        f"{LINES:,} lines in batches of {BATCH}: total {total:.2f} s, worst batch "
        f"{worst * 1000:.1f} ms"
    )
    t = time.perf_counter()
    proxy.set_text("customer 77 ")
    print(
        f"text filter over {LINES:,} lines: {(time.perf_counter() - t) * 1000:.0f} ms, "
        f"{proxy.rowCount():,} rows shown"
    )
    t = time.perf_counter()
    proxy.set_text("")
    proxy.set_verdicts({"block"})
    print(f"verdict filter: {(time.perf_counter() - t) * 1000:.0f} ms, {proxy.rowCount():,} rows")


if __name__ == "__main__":
    main()
