"""The Screen page end to end on the real core: inspect, screen in a worker, filter, decide,
export; and a long run cancelled half-way. No fakes: a list imported into a temporary store."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from screener.core.lists import importing as lists
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decisions import Action
from screener.core.resources import resources_dir
from screener.ui.models.results_model import Column
from screener.ui.pages.screen_page import ScreenPage

LISTED = "Selftest Precision Machinery Trading"  # an entry of the invented UN-format list
CLEAN = [
    ("Nordlicht Maschinenbau GmbH", "DE"),
    ("Tecnica Iberica SA", "ES"),
    ("Meridian Parts BV", "NL"),
    ("Helvetia Präzision AG", "CH"),
]
HEADER = ["Order No.", "Customer", "Destination", "HS Code", "Description"]


@pytest.fixture
def listed_store(store: Store) -> Store:
    outcomes = list(lists.import_lists(store, [resources_dir() / "selftest" / "un_selftest.xml"]))
    assert outcomes
    assert all(o.version is not None for o in outcomes), outcomes
    return store


def write_orders(path: Path, lines: int, *, listed_every: int = 0) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for n in range(lines):
            if listed_every and n % listed_every == 1:
                name, country = LISTED, "AE"
            else:
                name, country = CLEAN[n % len(CLEAN)]
            writer.writerow([f"PO-{n + 1:05d}", name, country, "8482.10", "Ball bearings"])
    return path


def make_page(qtbot, home: Path, store: Store, prefs) -> ScreenPage:
    page = ScreenPage(home, store, prefs)  # the real inspect_orders and screen_file
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def wait_idle(qtbot, page: ScreenPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)


def row_of_party(page: ScreenPage, name: str) -> int:
    for row in range(page.proxy.rowCount()):
        if name in page.proxy.index(row, Column.PARTY).data():
            return row
    raise AssertionError(f"{name} not shown")


def test_screen_filter_decide_export(qtbot, home, listed_store, prefs, tmp_path) -> None:
    orders = write_orders(tmp_path / "orders.csv", 12, listed_every=5)
    page = make_page(qtbot, home, listed_store, prefs)

    assert page.screen_file(orders)
    wait_idle(qtbot, page)
    assert page.mapping_dialog is None  # the standard headers need no confirmation
    assert page.model.rowCount() == 12
    run = runs.get_run(listed_store, page.run_id)
    assert run.status == "completed"
    assert "completed" in page.run_label.text()

    # The listed customer's lines are not clear; filtering by verdict keeps only them.
    assert page.filter_bar.chips["block"].text() == "Block  3"  # rows 3, 8 and 13
    page.filter_bar.chips["clear"].click()
    page.filter_bar.chips["review"].click()
    assert page.proxy.rowCount() == 3
    for row in range(3):
        assert LISTED in page.proxy.index(row, Column.PARTY).data()

    page.table.selectRow(row_of_party(page, LISTED))
    assert LISTED.upper() in page.detail.toPlainText().upper()
    dialog = page.decide(Action.HOLD)
    assert dialog is not None
    dialog.justification.setPlainText("Waiting for the customer's registration papers.")
    dialog.accept()
    decided = page.proxy.index(page.table.currentIndex().row(), Column.DECISION).data()
    assert "Hold" in decided
    assert "2 undecided" in page.filter_bar.undecided_label.text()

    out = tmp_path / "report.xlsx"
    worker = page.export_report(out)
    assert worker is not None
    wait_idle(qtbot, page)
    assert out.is_file()
    book = openpyxl.load_workbook(out, read_only=True)
    text = " ".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )
    book.close()
    assert "Waiting for the customer's registration papers." in text


def test_cancel_mid_run_keeps_lines_and_ui_usable(qtbot, home, listed_store, prefs, tmp_path):
    orders = write_orders(tmp_path / "big.csv", 6000, listed_every=500)
    page = make_page(qtbot, home, listed_store, prefs)

    def cancel_at_first_batch(*_args: object) -> None:
        page.cancel()

    page.model.rowsInserted.connect(cancel_at_first_batch)
    shown_texts: list[str] = []
    update = page.progress.update_progress
    page.progress.update_progress = lambda d, t, text: (
        shown_texts.append(text),
        update(d, t, text),
    )  # type: ignore[method-assign]
    messages: list[str] = []
    page.status_message.connect(messages.append)

    assert page.screen_file(orders)
    wait_idle(qtbot, page)

    # The first seconds say what happens; then lines against the total, percent, time left.
    assert any("Counting the lines of big.csv" in t for t in shown_texts)
    assert any("Loading the name index" in t for t in shown_texts)
    assert any(" of about 6,000 lines · " in t and "%" in t for t in shown_texts)
    run = runs.get_run(listed_store, page.run_id)
    assert run.status == "cancelled"
    shown = page.model.rowCount()
    assert 0 < shown < 6000
    assert shown == run.line_count
    # Screened and not screened, in the run label and the status bar; the report says partial.
    assert "cancelled" in page.run_label.text()
    not_screened = f"{shown:,} lines screened, about {6000 - shown:,} not screened"
    assert not_screened in page.run_label.text()
    assert any(not_screened in m for m in messages)
    report = page.export_report(tmp_path / "partial.xlsx")
    assert report is not None
    wait_idle(qtbot, page)
    summary = dict(
        openpyxl.load_workbook(tmp_path / "partial.xlsx")["Summary"].iter_rows(values_only=True)
    )
    assert summary["Completeness"] == f"PARTIAL (cancelled): {not_screened}"
    assert not page.progress.isVisible()
    # usable again: open, next undecided, export are back; a new screening runs to the end
    assert page.open_action.isEnabled()
    assert page.export_action.isEnabled()
    page.model.rowsInserted.disconnect(cancel_at_first_batch)
    small = write_orders(tmp_path / "small.csv", 3)
    assert page.screen_file(small)
    wait_idle(qtbot, page)
    assert page.model.rowCount() == 3
    assert runs.get_run(listed_store, page.run_id).status == "completed"
    page.table.selectRow(1)
    assert "Tecnica Iberica" in page.detail.toPlainText()


def test_example_orders_screen_as_on_the_command_line(qtbot, home, listed_store, prefs) -> None:
    from screener.core.screening.run import run_screening, screen_file

    example = Path(__file__).parents[2] / "examples" / "orders.xlsx"
    page = make_page(qtbot, home, listed_store, prefs)
    assert page.screen_file(example)
    wait_idle(qtbot, page)
    assert page.mapping_dialog is None  # the bundled export's headers are recognised
    cli = run_screening(screen_file(listed_store, example))
    assert page.model.rowCount() == cli.lines >= 200
    assert dict(page.model.verdict_counts()) == dict(cli.counts)
    assert page.filter_bar.chips["block"].text() == f"Block  {cli.counts['block']}"
