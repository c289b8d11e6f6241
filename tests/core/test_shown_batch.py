"""The lines the window shows arrive from the screening child as they were: every field of the
line, its explanation and its decision state (decided, pending approval, open) rebuilt equal."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.line_state import LineStatus
from screener.core.rules.policy import load_policy
from screener.core.screening import shown_batch
from screener.core.screening.isolated import iter_shown_lines_in_process
from screener.core.screening.shown import ShownLines, shown_lines
from tests.core.decision_fixtures import EMBARGO, HS_MISSING, acting_as, hit, line, store_run

WHY = "born 1971 in Tula; the listed person was born 1948"


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


def _run(store: Store) -> tuple[int, list[int]]:
    run_id, ids = store_run(
        store,
        [
            line(2, "block", hits=[hit(score=0.99)]),
            line(3, "review", hits=[hit("Rostec", score=0.9)], findings=[HS_MISSING]),
            line(4, "clear", order_no="SO-2"),
            line(5, "review", findings=[HS_MISSING, dict(HS_MISSING, reason="no HS code")]),
            line(6, "block", findings=[EMBARGO, HS_MISSING]),
        ],
    )
    exact = runs.line_hits(store, ids[0])[0].id
    with acting_as("anna"):  # a four-eyes clear: pending approval
        decisions.record_decision(
            store, line_id=ids[0], hit_id=exact, action="cleared", reason="different_dob",
            justification=WHY,
        )  # fmt: skip
        decisions.record_decision(store, line_id=ids[1], action="hold", justification="asked")
    return run_id, ids


def test_a_batch_comes_back_equal_to_the_lines_it_was_made_of(store: Store) -> None:
    run_id, _ids = _run(store)
    shown = shown_lines(store, list(runs.iter_lines(store, run_id)), load_policy())
    statuses = {s.status for s in shown.states}
    assert {LineStatus.PENDING_APPROVAL, LineStatus.DECIDED, LineStatus.UNDECIDED} <= statuses
    assert any(s.deciding is not None for s in shown.states)
    back = shown_batch.decode(shown_batch.encode(shown))
    assert back == shown
    assert [s.label for s in back.states] == [s.label for s in shown.states]
    assert shown_batch.decode(shown_batch.encode(ShownLines((), (), ()))) == ShownLines((), (), ())


class _PlainOnly(pickle.Unpickler):
    """Refuses every class but the C-coded date and time types."""

    def find_class(self, module: str, name: str) -> type:
        if module == "datetime" and name in ("datetime", "timezone", "timedelta"):
            return super().find_class(module, name)  # type: ignore[no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name}")


def test_a_batch_holds_plain_values_only(store: Store) -> None:
    """Nothing to rebuild by Python code while the payload is read (the window's thread builds
    the objects), whatever the batch holds."""
    run_id, _ids = _run(store)
    shown = shown_lines(store, list(runs.iter_lines(store, run_id)), load_policy())
    _PlainOnly(io.BytesIO(shown_batch.encode(shown))).load()


def test_a_stored_run_opened_in_a_child_arrives_as_stored(home: Path, store: Store) -> None:
    run_id, ids = _run(store)
    batches = list(iter_shown_lines_in_process(home, run_id, batch=3))
    assert [count for count, _payload in batches] == [3, 2]
    lines = [line for _n, payload in batches for line in shown_batch.decode(payload).lines]
    assert lines == list(runs.iter_lines(store, run_id))
    expected = shown_lines(store, lines, load_policy())
    got = [shown_batch.decode(payload) for _n, payload in batches]
    assert tuple(w for batch in got for w in batch.whys) == expected.whys
    assert tuple(s for batch in got for s in batch.states) == expected.states
    assert [line.id for line in lines] == ids
