"""Audit find: the line with exactly the order number asked for comes first, across runs, and
the rest is paged (not "the first 200" with the decided line lost)."""

from __future__ import annotations

from screener.core.record.review import decisions
from screener.ui.pages.audit_page import FIND_LIMIT, AuditPage
from tests.core.decision_fixtures import line, store_run


def test_exact_order_number_first_then_pages(qtbot, home, store) -> None:
    noise = [line(r, "review", order_no=f"4500033{r:03d}") for r in range(2, 2 + FIND_LIMIT + 20)]
    store_run(store, noise)
    _run, [wanted] = store_run(store, [line(9, "review", order_no="4500033")], sha="b" * 64)
    decisions.record_decision(store, line_id=wanted, action="hold", justification="EUS asked")
    page = AuditPage(home, store)
    qtbot.addWidget(page)
    page.show()
    page.find_edit.setText("4500033")
    first = page.find()
    assert first[0].line_id == wanted
    assert first[0].exact_order
    assert len(first) == FIND_LIMIT
    text = page.found_label.text()
    assert f"{FIND_LIMIT + 21} lines" in text
    assert "(1 with this exact order number)" in text
    assert page.more_button.isEnabled()
    assert not page.prev_button.isEnabled()
    page.more_button.click()
    second = page.found.items()
    assert len(second) == 21
    assert wanted not in {m.line_id for m in second}
    assert not page.more_button.isEnabled()
    assert page.prev_button.isEnabled()
