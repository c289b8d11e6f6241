"""The screening engine on the real UN list, fed lines directly (no order file needed)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.orders.model import CellProblem
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.rules.policy import load_policy
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.orderlines import line, party


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


LISTED = "KOREA MINING DEVELOPMENT TRADING CORPORATION"  # on the UN list (DPRK regime)


Party = party
Line = partial(line, description="goods")


@pytest.fixture
def store(un_list: Path, home: Path) -> Store:
    store = Store.open(home)
    un = un_list
    assert [o.status.value for o in import_lists(store, [un])] == ["imported"]
    return store


def _lines() -> list[Line]:
    return [
        Line(2, (Party("buyer", "Tokyo Precision KK", "JP"),), "8542.31", "JP"),
        Line(3, (Party("buyer", "Korea Mining Development Trading Corp", "KP"),), "8471.50", "CN"),
        Line(4, (Party("buyer", "Anadolu Dagitim Ltd Sti", "TR"),), "8542.31", "TR"),
        Line(
            5,
            (Party("buyer", "Nordic Tools AB", "SE"),),
            "85A2",
            "SE",
            problems=(CellProblem(5, "HS Code", "85A2", "is not an HS code"),),
        ),
    ]


def _screen(store: Store, lines: list[Line], **kw: object) -> runs.Run:
    summary = run_screening(
        screen_lines(store, lines, source=Source("orders.xlsx", "0" * 64), batch_size=2, **kw)
    )  # type: ignore[arg-type]
    return runs.get_run(store, summary.run_id)


def test_each_line_gets_a_verdict_with_reasons(store: Store) -> None:
    run = _screen(store, _lines())
    assert run.status == "completed"
    by_row = {ln.row: ln for ln in runs.iter_lines(store, run.id)}
    assert by_row[2].verdict == "clear"  # CHPL to a partner country, clean party
    assert by_row[3].verdict == "block"  # UN-listed buyer
    assert any("un_sc" in r or "UN" in r for r in by_row[3].reasons)
    hits = runs.line_hits(store, by_row[3].id)
    assert hits[0].entry_name == LISTED
    assert by_row[4].verdict == "review"  # CHPL to a diversion-risk country
    assert any("12g" in r for r in by_row[4].reasons)
    assert by_row[5].verdict == "review"  # bad HS code: flagged, never cleared
    assert any("85A2" in r for r in by_row[5].reasons)
    assert audit.verify(store).ok


def test_cancel_keeps_the_stored_batches(store: Store) -> None:
    gen = screen_lines(
        store,
        _lines(),
        source=Source("o.csv", "0" * 64),
        batch_size=2,
        cancelled=lambda: calls.append(1) or len(calls) > 2,
    )
    calls: list[int] = []
    summary = run_screening(gen)
    assert summary.status == "cancelled"
    assert summary.lines == 2
    assert runs.get_run(store, summary.run_id).status == "cancelled"


def test_accepted_false_positive_is_suppressed_in_later_runs(store: Store) -> None:
    first = _screen(store, _lines())
    line = next(ln for ln in runs.iter_lines(store, first.id) if ln.row == 3)
    hit = runs.line_hits(store, line.id)[0]
    decisions.record_decision(
        store,
        line_id=line.id,
        hit_id=hit.id,
        action="cleared",
        reason="different_party",
        justification="test: different company, other registry number",
        remember=True,
        policy=replace(load_policy(), four_eyes_clear=False),  # one officer may clear
    )
    second = _screen(store, _lines())
    again = next(ln for ln in runs.iter_lines(store, second.id) if ln.row == 3)
    suppressed = [h for h in runs.line_hits(store, again.id) if h.entry_id == hit.entry_id]
    assert suppressed[0].suppressed_by is not None
    assert "accepted as a false positive" in suppressed[0].explanation


@pytest.mark.parametrize("country", ["KP", "CN", "", "Korea, North"])
def test_party_hits_equal_a_country_qualified_search(store: Store, country: str) -> None:
    from screener.core.names.search import open_index, search_names
    from screener.core.rules.policy import load_policy
    from screener.core.screening.line_screener import LineScreener

    screener = LineScreener(store, open_index(store), load_policy())
    for name in (LISTED, "Korea Mining Development Trading", "Tokyo Precision KK"):
        expected = search_names(store, name, country=country or None, limit=10)
        assert screener.hits(name, country) == expected
