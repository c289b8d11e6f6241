"""Re-screening after a list import: newly listed parties and re-opened false positives."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.record import audit, runs
from screener.core.record.chain import writer
from screener.core.record.database.store import Store
from screener.core.record.review import approvals, decisions
from screener.core.screening.rescreen import plan_rescreen, rescreen_run
from screener.core.screening.run import run_screening, screen_file
from tests.pgcluster import SQLITE_ONLY


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


ORDERS = (
    "Order No.,Customer,Destination,HS Code,Description\n"
    "SO-1,Tokyo Precision KK,JP,8542.31,microcontrollers\n"
    "SO-2,Nordlicht Handels GmbH,AE,9403.30,office furniture\n"
    "SO-3,Fabrikam Precision Machinery Trading,AE,9403.30,office furniture\n"
)


def _entity(data_id: int, name: str, alias: str = "") -> str:
    alias_xml = (
        f"<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>{alias}</ALIAS_NAME></ENTITY_ALIAS>"
        if alias
        else ""
    )
    return f"""<ENTITY><DATAID>{data_id}</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE>
      <REFERENCE_NUMBER>XXe.{data_id}</REFERENCE_NUMBER><LISTED_ON>2026-01-01</LISTED_ON>
      <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>{alias_xml}
      <ENTITY_ADDRESS><COUNTRY>United Arab Emirates</COUNTRY></ENTITY_ADDRESS></ENTITY>"""


def _un_list(folder: Path, day: str, *entities: str) -> Path:
    path = folder / f"un-{day}.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<CONSOLIDATED_LIST dateGenerated="{day}T00:00:00.000Z"><INDIVIDUALS/>'
        f"<ENTITIES>{''.join(entities)}</ENTITIES></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    return path


FABRIKAM = _entity(9100001, "FABRIKAM PRECISION MACHINERY TRADING")
FABRIKAM_CHANGED = _entity(9100001, "FABRIKAM PRECISION MACHINERY TRADING", alias="FPMT")
NORDLICHT = _entity(9100002, "NORDLICHT HANDELS GMBH")


@pytest.fixture
def orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return path


def _import(store: Store, path: Path) -> None:
    assert [o.status.value for o in import_lists(store, [path])] == ["imported"]


def _by_row(store: Store, run_id: int) -> dict[int, runs.StoredLine]:
    return {line.row: line for line in runs.iter_lines(store, run_id)}


def test_rescreen_finds_a_newly_listed_party(home: Path, tmp_path: Path, orders: Path) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM))
    first = run_screening(screen_file(store, orders))
    assert _by_row(store, first.run_id)[3].verdict == "clear"  # Nordlicht not listed yet
    assert plan_rescreen(store) == []  # nothing changed since

    _import(store, _un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT))
    (parent,) = plan_rescreen(store)
    assert parent.id == first.run_id
    result = run_screening(rescreen_run(store, parent))  # type: ignore[arg-type]

    assert [(w.row, w.before, w.after) for w in result.worse] == [(3, "clear", "block")]
    assert any("NORDLICHT HANDELS GMBH" in r for r in result.worse[0].reasons)
    new = runs.get_run(store, result.summary.run_id)
    assert (new.kind, new.parent_run_id, new.status) == ("rescreen", first.run_id, "completed")
    assert new.file_name == "orders.csv"
    assert new.line_count == 3
    assert plan_rescreen(store) == []  # the re-screen is now the newest generation
    assert audit.verify(store).ok


def test_since_limits_rescreen_to_recent_screenings(
    home: Path, tmp_path: Path, orders: Path
) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM))
    run_screening(screen_file(store, orders))
    _import(store, _un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT))
    from datetime import date, timedelta

    assert plan_rescreen(store, since=date.today() + timedelta(days=1)) == []
    assert len(plan_rescreen(store, since=date.today())) == 1


@SQLITE_ONLY  # two people by the identity provider; on a server they are two logins
def test_accepted_false_positive_reopens_when_the_entry_changes(
    home: Path, tmp_path: Path, orders: Path
) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM))
    first = run_screening(screen_file(store, orders))
    line = _by_row(store, first.run_id)[4]
    assert line.verdict == "block"
    hit = runs.line_hits(store, line.id)[0]
    writer.set_identity_provider(lambda: ("officer-a", "desk"))
    try:
        cleared = decisions.record_decision(
            store,
            line_id=line.id,
            hit_id=hit.id,
            action="cleared",
            reason="different_party",
            justification="different company: Fabrikam is our Swiss distributor since 2009",
            remember=True,
        )
        assert cleared.pending  # an exact UN match: four-eyes
        assert decisions.active_accepted_matches(store) == []  # not remembered before approval
        writer.set_identity_provider(lambda: ("officer-b", "desk"))
        approvals.approve(store, cleared.id, justification="checked the registry extract")
    finally:
        writer.set_identity_provider(None)
    second = run_screening(screen_file(store, orders))
    line2 = _by_row(store, second.run_id)[4]
    assert line2.verdict == "clear"  # suppressed, but still shown as a suppressed hit
    (suppressed,) = runs.line_hits(store, line2.id)
    assert suppressed.suppressed_by is not None

    _import(store, _un_list(tmp_path, "2026-02-01", FABRIKAM_CHANGED))
    (parent,) = plan_rescreen(store)
    assert parent.id == second.run_id  # the newest screening of that file
    result = run_screening(rescreen_run(store, parent))  # type: ignore[arg-type]
    reopened = _by_row(store, result.summary.run_id)[4]
    assert reopened.verdict == "block"
    (again,) = runs.line_hits(store, reopened.id)
    assert again.suppressed_by is None
    assert "re-opened: the listed entry changed" in again.explanation
    assert [(w.row, w.before, w.after) for w in result.worse] == [(4, "clear", "block")]
    assert audit.verify(store).ok


def test_rescreen_keeps_the_dual_use_check_of_the_eccn_column(home: Path, tmp_path: Path) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM))
    orders = tmp_path / "eccn.csv"
    orders.write_text(
        "Order No.,Customer,Destination,HS Code,Export Classification (ECCN)\n"
        "SO-7,Tokyo Precision KK,Armenia,8471.50,4A003.b\n",
        encoding="utf-8",
    )
    first = run_screening(screen_file(store, orders))
    (line,) = runs.iter_lines(store, first.run_id)
    assert {f["code"] for f in line.findings} >= {"dual_use_export"}
    again = run_screening(rescreen_run(store, runs.get_run(store, first.run_id)))  # type: ignore[arg-type]
    (line2,) = runs.iter_lines(store, again.summary.run_id)
    assert line2.findings == line.findings
    assert line2.verdict == line.verdict == "review"
