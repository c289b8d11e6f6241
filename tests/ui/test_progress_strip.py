"""The progress strip shows how far a run is, and moving it paints nothing at once: the table
that just got new rows paints in its own turn of the event loop, not inside the batch's."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QVBoxLayout, QWidget

from screener.ui.widgets.progress_strip import ProgressStrip

from .paints import Paints


def test_progress_moves_without_painting_the_window_at_once(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    strip = ProgressStrip()
    table = QTableWidget(30, 4)
    layout = QVBoxLayout(window)
    layout.addWidget(strip)
    layout.addWidget(table)
    window.resize(600, 400)
    window.show()
    strip.begin("Screening orders.xlsx…")
    qtbot.waitExposed(window)
    qtbot.wait(20)
    paints = Paints()
    table.viewport().installEventFilter(paints)
    strip.bar.installEventFilter(paints)
    for done in (200, 400, 600):
        table.setRowCount(table.rowCount() + 1)  # new rows: the table waits to be painted
        text = strip.show_lines(done, 1000, 250.0)
        assert paints.count == 0
    assert strip.bar.value() == 600
    assert text.startswith("600 of about 1,000 lines · 60%")
    qtbot.waitUntil(lambda: paints.count > 0)  # painted soon after, in the loop's own time
