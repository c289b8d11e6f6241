"""A decision reads its line before taking the record's write lock (other officers wait for
that lock), but what another officer decided meanwhile is still seen: `supersedes` names the
newest decision and the chain stays one verified sequence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from tests.core.decision_fixtures import acting_as, hit, line, store_run


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    return backend


def test_a_decision_made_while_this_one_read_its_line_is_superseded(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = Store.open(home), Store.open(home)  # two officers' connections
    _run, (line_id,) = store_run(mine, [line(2, "block", hits=[hit()])])
    (the_hit,) = runs.line_hits(mine, line_id)
    meanwhile: list[decisions.Decision] = []
    take_lock = mine.write

    def other_officer_decides_first() -> Any:  # after this officer read, before its lock
        if not meanwhile:
            with acting_as("other.officer"):
                meanwhile.append(
                    decisions.record_decision(
                        theirs,
                        line_id=line_id,
                        hit_id=the_hit.id,
                        action="escalated",
                        justification="same birth date as the listed person",
                    )
                )
        return take_lock()

    monkeypatch.setattr(mine, "write", other_officer_decides_first)
    mine_now = decisions.record_decision(
        mine,
        line_id=line_id,
        hit_id=the_hit.id,
        action="cleared",
        reason="different_country",
        justification="other company, in Kazan",
    )
    (other,) = meanwhile
    assert mine_now.supersedes == other.id
    assert [d.id for d in decisions.decision_history(mine, line_id)] == [other.id, mine_now.id]
    assert audit.verify(mine).ok
