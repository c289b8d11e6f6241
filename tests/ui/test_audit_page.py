"""The Audit page lists runs and their decisions, verifies the chain, and opens a run."""

from __future__ import annotations

import sqlite3

from screener.core import decisions, runs
from screener.core.store import Store
from screener.ui.pages.audit_page import AuditPage

from .fakes import store_run


def make_page(qtbot, home, store: Store) -> AuditPage:
    page = AuditPage(home, store)
    qtbot.addWidget(page)
    page.show()
    return page


def test_runs_and_decisions_are_listed(qtbot, home, store) -> None:
    run_id = store_run(store, range(8))
    line = next(runs.iter_lines(store, run_id))
    decisions.record_decision(store, line_id=line.id, action="hold", justification="EUS")
    page = make_page(qtbot, home, store)
    assert page.runs.rowCount() == 1
    assert page.selected_run_id() == run_id
    assert page.decisions.rowCount() == 1
    assert page.decisions_view.model().index(0, 3).data() == "Hold"
    with qtbot.waitSignal(page.open_run_requested) as opened:
        page.open_button.click()
    assert opened.args == [run_id]


def test_verify_chain_ok_then_broken(qtbot, home, store) -> None:
    store_run(store, range(4))
    page = make_page(qtbot, home, store)
    with qtbot.waitSignal(page.status_message, timeout=10_000):
        page.verify()
    qtbot.waitUntil(lambda: page.worker is None)
    assert page.last_report is not None
    assert page.last_report.ok
    assert "intact" in page.verify_label.text()

    # Someone edits a decision-log row behind Screener's back.
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER IF EXISTS lines_no_update")
    conn.execute("UPDATE lines SET verdict = 'clear' WHERE row = 3")
    conn.commit()
    conn.close()
    with qtbot.waitSignal(page.status_message, timeout=10_000):
        page.verify()
    qtbot.waitUntil(lambda: page.worker is None)
    assert not page.last_report.ok
    assert "BROKEN" in page.verify_label.text()
