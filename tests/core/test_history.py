"""History queries: a run's decisions with what superseded them; lines found across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.evidence import history
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action


def _line(
    row: int, order: str, parties: tuple[str, ...], verdict: str = "review"
) -> runs.LineRecord:
    return runs.LineRecord(
        row=row,
        cells=(("Order", order),),
        order_no=order,
        line_no="1",
        parties=tuple({"role": "buyer", "name": name, "country": "DE"} for name in parties),
        description="MCU",
        hs_code="8542.31",
        destination="DE",
        transit=(),
        problems=(),
        verdict=verdict,
        reasons=("reason",),
        findings=(),
    )


def _run(store: Store, lines: list[runs.LineRecord], name: str = "orders.xlsx") -> list[int]:
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name=name,
            file_sha256="f" * 64,
            sheet="Orders",
            mapping={},
            policy_version="t",
            matcher_version="t",
            list_version_ids=(),
        ),
    )
    ids = runs.add_lines(store, run_id, lines)
    runs.finish_run(store, run_id, status="completed", lines=len(lines))
    return ids


@pytest.fixture
def store(backend: str, home: Path) -> Store:
    return Store.open(home)


def test_run_decisions_include_superseded_ones_with_their_successor(store: Store) -> None:
    a, b = _run(store, [_line(2, "SO-1", ("Acme Trading LLC",)), _line(3, "SO-2", ("Beta",))])
    first = decisions.record_decision(store, line_id=a, action=Action.HOLD, justification="EUS")
    second = decisions.record_decision(
        store, line_id=a, action=Action.CLEARED, justification="EUS received"
    )
    other = decisions.record_decision(store, line_id=b, action=Action.BLOCKED, justification="x")
    run_id = runs.get_line(store, a).run_id
    entries = history.run_decisions(store, run_id)
    assert [e.decision.id for e in entries] == [first.id, second.id, other.id]
    assert entries[0].superseded_by == second
    assert not entries[0].current
    assert entries[1].current
    assert entries[2].current
    assert entries[0].line_label == "row 2 · SO-1 / 1"
    assert entries[0].hit_name == ""


def test_run_decisions_of_a_run_without_any(store: Store) -> None:
    _run(store, [_line(2, "SO-1", ("Acme",))])
    assert history.run_decisions(store, 1) == []


def test_find_lines_by_order_or_party_across_runs(store: Store) -> None:
    old = _run(store, [_line(2, "SO-100", ("Acme Trading LLC",)), _line(3, "SO-200", ("Zeta",))])
    new = _run(
        store,
        [
            _line(5, "SO-300", ("Nordlicht GmbH", "ACME trading llc")),
            _line(6, "X-1", ("Müller AG",)),
        ],
        name="later.xlsx",
    )
    decisions.record_decision(store, line_id=old[0], action=Action.HOLD, justification="EUS")
    found = history.find_lines(store, "acme", limit=10)
    assert [(m.line_id, m.party) for m in found] == [
        (new[0], "ACME trading llc"),
        (old[0], "Acme Trading LLC"),
    ]
    assert found[0].file_name == "later.xlsx"
    assert found[0].latest is None
    assert found[1].latest is not None
    assert found[1].latest.action == Action.HOLD

    [by_order] = history.find_lines(store, "so-2", limit=10)
    assert (by_order.line_id, by_order.party, by_order.verdict) == (old[1], "Zeta", "review")
    [umlaut] = history.find_lines(store, "MÜLLER", limit=10)
    assert umlaut.line_id == new[1]
    assert history.find_lines(store, "acme", limit=1) == found[:1]
    assert history.find_lines(store, "  ", limit=10) == []
    assert history.find_lines(store, "100%", limit=10) == []  # LIKE wildcards are literal


def test_find_puts_exact_order_numbers_first_across_runs_and_pages(store: Store) -> None:
    # The decided line is in the oldest run; newer test runs hold many lines whose order
    # numbers merely contain the one asked for.
    [decided] = _run(store, [_line(14, "4500033", ("Concern Kalashnikov",))], name="real.xlsx")
    decisions.record_decision(store, line_id=decided, action=Action.BLOCKED, justification="SDN")
    for n in range(3):
        _run(
            store,
            [_line(row, f"4500033{row}", ("Buyer",)) for row in range(2, 152)],
            name=f"test-{n}.xlsx",
        )
    [again] = _run(store, [_line(2, "4500033 ", ("Concern Kalashnikov",))], name="again.xlsx")

    page = history.find_lines_page(store, "4500033", limit=50)
    assert page.total == 452
    assert page.exact == 2
    assert [m.line_id for m in page.matches[:2]] == [again, decided]  # newest run first
    assert page.matches[1].latest is not None
    assert page.matches[1].latest.action == Action.BLOCKED
    assert [m.exact_order for m in page.matches[:3]] == [True, True, False]
    assert page.has_more
    assert page.summary() == "lines 1-50 of 452 (2 with this exact order number)"

    seen = []
    offset = 0
    while True:
        p = history.find_lines_page(store, "4500033", offset=offset, limit=100)
        seen += [m.line_id for m in p.matches]
        if not p.has_more:
            break
        offset += len(p.matches)
    assert len(seen) == len(set(seen)) == 452
    assert history.find_lines(store, "4500033", offset=450, limit=10) == list(
        history.find_lines_page(store, "4500033", offset=450, limit=10).matches
    )
    assert len(history.find_lines(store, "4500033", offset=450, limit=10)) == 2
    assert history.find_lines_page(store, "nothing").summary() == "no lines found"
