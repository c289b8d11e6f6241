"""Ad-hoc searches are recorded in the chain (they count in `audit verify`) and export as an
evidence sheet whose text cannot run as a formula."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from screener.core.evidence.search_export import export_search_evidence
from screener.core.evidence.searches import get_search, list_searches, search_and_record
from screener.core.names.grouped_search import SearchFilters
from screener.core.record import audit
from screener.core.record.chain import writer
from screener.core.record.database.store import Store
from tests.core.test_evidence import KALASH, PETROV, _list
from tests.pgcluster import REFUSED, REFUSED_MESSAGE


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


@pytest.fixture
def store(home: Path) -> Store:
    store = Store.open(home)
    _list(store, "ofac_sdn", PETROV, KALASH)
    _list(store, "us_csl", PETROV, KALASH, sub="SDN")
    return store


def test_a_search_is_a_chained_record_and_exports_as_evidence(store: Store, tmp_path: Path) -> None:
    before = audit.verify(store).records
    filters = SearchFilters(programs=("russia",), country="Germany")
    recorded, groups = search_and_record(store, "Ivan Petrov", filters=filters, channel="cli")
    after = audit.verify(store)
    assert after.ok
    assert after.records == before + 1
    assert recorded.query == "Ivan Petrov"
    assert recorded.filters["programs"] == ["russia"]
    assert recorded.filters["country"] == "Germany"
    assert recorded.hits == len(groups) == 1
    assert recorded.list_version_ids == tuple(v.id for v in store.current_versions())
    assert {(r.source, r.entry_id, r.rank) for r in recorded.results} == {
        ("ofac_sdn", "40001", 1),
        ("us_csl", "40001", 1),
    }
    assert recorded.operator == writer.operator_identity()[0]
    empty, _ = search_and_record(store, '=HYPERLINK("http://x")', channel="gui")
    assert [s.id for s in list_searches(store)] == [empty.id, recorded.id]
    assert get_search(store, recorded.id) == recorded

    out = export_search_evidence(store, [recorded.id, empty.id], tmp_path / "evidence.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Searches", "Results", "Lists"]
    summary = dict(wb["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Audit chain head"] == writer.chain_head(store)
    assert summary["Audit chain verified"] == "passed"
    searches = list(wb["Searches"].iter_rows(values_only=True))
    header = searches[0]
    rows = [dict(zip(header, r, strict=True)) for r in searches[1:]]
    assert [r["Search id"] for r in rows] == [recorded.id, empty.id]
    assert rows[0]["Query"] == "Ivan Petrov"
    assert "programs: russia" in rows[0]["Filters"]
    assert "ofac_sdn 2026-01-01" in rows[0]["Lists searched"]
    query_cell = wb["Searches"].cell(3, header.index("Query") + 1)
    assert query_cell.value == '=HYPERLINK("http://x")'
    assert query_cell.data_type == "s"
    assert query_cell.quotePrefix
    results = list(wb["Results"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[6]) for r in results[:2]] == [
        (recorded.id, "ofac_sdn", "40001"),
        (recorded.id, "us_csl", "40001"),
    ]
    assert results[2][:3] == (empty.id, None, "nothing found")


def test_searches_are_append_only(store: Store) -> None:
    search_and_record(store, "Ivan Petrov")
    with pytest.raises(REFUSED, match=REFUSED_MESSAGE):
        store.db.execute("UPDATE searches SET query = 'nothing to see'")
    with pytest.raises(REFUSED, match=REFUSED_MESSAGE):
        store.db.execute("DELETE FROM searches")
