"""A release with licence goes through the register: a bare release is refused, and a release
awaiting its second approval holds its amount until a rejection gives it back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from screener.core.record import audit
from screener.core.record.database.store import Store
from screener.core.record.review import approvals, decisions
from screener.core.record.review.licence_cover import check_cover, drawdowns, release_with_licence
from screener.core.record.review.licences import add_licence, get_licence
from tests.core.decision_fixtures import acting_as
from tests.core.test_licences import ON, _line, _lines, _terms

WHY = "BAFA individual licence DE-2026-0042 on file"


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


@pytest.fixture
def licence_id(store: Store, tmp_path: Path) -> int:
    document = tmp_path / "licence.pdf"
    document.write_bytes(b"%PDF-1.4 licence")
    return add_licence(store, _terms(), document=document).id


def test_a_release_without_a_licence_is_refused_with_the_way_to_do_it(
    store: Store, licence_id: int
) -> None:
    [line_id] = _lines(store, _line(2))
    with pytest.raises(decisions.DecisionError, match=r"needs a licence.*--licence ID"):
        decisions.record_decision(
            store, line_id=line_id, action="released_with_licence", justification=WHY
        )
    release = release_with_licence(
        store, line_id=line_id, licence_id=licence_id, justification=WHY, on=ON
    )
    [d] = decisions.decision_history(store, line_id)
    assert d.id == release.decision_id
    assert d.provenance["licence_id"] == licence_id
    assert d.provenance["licence"] == "BAFA DE-2026-0042"


def test_a_pending_release_holds_its_amount_and_a_rejected_one_gives_it_back(
    store: Store, licence_id: int
) -> None:
    blocked = replace(_line(2), verdict="block")
    a, b = _lines(store, blocked, replace(_line(3), verdict="block"))
    first = release_with_licence(
        store, line_id=a, licence_id=licence_id, justification=WHY, reason="other", on=ON
    )
    assert decisions.decision_history(store, a)[0].pending
    # 60 of 100 held while it waits: a second release of 60 does not fit.
    assert get_licence(store, licence_id).quantity_left == 40
    assert not check_cover(store, line_id=b, licence_id=licence_id, on=ON).ok
    assert [w.status for w in drawdowns(store, licence_id)] == ["reserved"]

    with acting_as("ben"):
        approvals.reject(store, first.decision_id, justification="the end user is not covered")
    assert get_licence(store, licence_id).quantity_left == 100
    assert [w.status for w in drawdowns(store, licence_id)] == ["given back"]
    assert check_cover(store, line_id=b, licence_id=licence_id, on=ON).ok

    second = release_with_licence(
        store, line_id=b, licence_id=licence_id, justification=WHY, reason="other", on=ON
    )
    with acting_as("ben"):
        approvals.approve(store, second.decision_id)
    assert get_licence(store, licence_id).quantity_left == 40
    assert [w.status for w in drawdowns(store, licence_id)] == ["given back", "drawn"]
    assert audit.verify(store).ok
