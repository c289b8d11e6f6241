"""The Search page on the real core: a name found across the lists, the threshold slider, the
kind and country filters, and the reason shown for a hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.lists import importing as lists
from screener.core.record.database.store import Store
from screener.ui.pages.search_page import SearchPage

from .shots import shot

EU_SAMPLE = Path(__file__).parents[1] / "fixtures" / "eu" / "eu_fsf_v1_1_sample.xml"


@pytest.fixture
def page(qtbot, home: Path, store: Store) -> SearchPage:
    outcomes = list(lists.import_lists(store, [EU_SAMPLE]))
    assert all(o.version is not None for o in outcomes), outcomes
    page = SearchPage(home)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def search(qtbot, page: SearchPage, query: str) -> list[str]:
    page.query.setText(query)
    with qtbot.waitSignal(page.searched, timeout=30_000):
        page.search()
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    return [page.model.item(row).name for row in range(page.model.rowCount())]


def test_a_listed_person_is_found_and_explained(qtbot, page: SearchPage) -> None:
    assert search(qtbot, page, "Ivan Examplov") == ["Ivan Petrovich EXAMPLOV"]
    assert "1 listed party" in page.note.text()
    detail = page.detail.toPlainText()
    assert "eu_fsf" in detail
    assert "RU" in detail
    assert 'background-color:#fff2a8;">examplov<' in page.detail.toHtml()  # shared word marked


def test_threshold_slider_trades_spellings_for_noise(qtbot, page: SearchPage) -> None:
    assert search(qtbot, page, "Ivan Exampelov") == ["Ivan Petrovich EXAMPLOV"]
    with qtbot.waitSignal(page.searched, timeout=30_000):
        page.threshold.setValue(100)  # exact names only: a misspelling no longer matches
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    assert page.model.rowCount() == 0
    assert "No listed entry" in page.note.text()
    assert "100%" in page.note.text()


def test_kind_filter_leaves_out_persons(qtbot, page: SearchPage) -> None:
    assert search(qtbot, page, "Ivan Examplov")
    with qtbot.waitSignal(page.searched, timeout=30_000):
        page.kind.setCurrentIndex(page.kind.findData("organization"))
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    assert page.model.rowCount() == 0
    page.kind.setCurrentIndex(page.kind.findData(None))
    qtbot.waitUntil(lambda: page.worker is None and page.model.rowCount() == 1, timeout=30_000)


def test_a_contradicting_country_by_name_lowers_the_score(qtbot, page: SearchPage) -> None:
    search(qtbot, page, "Example Engineering JSC")
    scores = [page.model.item(r).score for r in range(page.model.rowCount())]
    assert scores
    page.country.setText("Russia")  # the listed country, written as a name
    search(qtbot, page, "Example Engineering JSC")
    assert [page.model.item(r).score for r in range(page.model.rowCount())] == scores
    page.country.setText("Brazil")
    search(qtbot, page, "Example Engineering JSC")
    lowered = [page.model.item(r).score for r in range(page.model.rowCount())]
    assert lowered
    assert lowered[0] < scores[0]
    assert "different countries" in page.model.item(0).best.explanation


def test_searches_are_recorded_filtered_by_identifier_and_exported(
    qtbot, page: SearchPage, store: Store, tmp_path: Path
) -> None:
    from screener.core.evidence.searches import list_searches

    search(qtbot, page, "Ivan Examplov")
    [recorded] = list_searches(store)
    assert recorded.query == "Ivan Examplov"
    assert f"search #{recorded.id}" in page.recorded_note.text()
    entry = page.detail.toPlainText()
    assert "Names" in entry
    assert "Listed in 1 place" in entry
    assert page.lists.count() == 2  # all lists, and the one imported
    with qtbot.waitSignal(page.searched, timeout=30_000):
        page.lists.setCurrentIndex(page.lists.findData("eu_fsf"))
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    assert page.model.rowCount() == 1
    assert "list eu_fsf" in page.note.text()
    page.lists.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    page.query.clear()
    page.identifier.setText("1027700000001")  # a registration number, no name
    with qtbot.waitSignal(page.searched, timeout=30_000):
        page.search()
    qtbot.waitUntil(lambda: page.worker is None, timeout=10_000)
    assert page.model.rowCount() == 1
    assert "identifier 1027700000001" in page.note.text()
    assert "1027700000001" in page.detail.toPlainText()
    assert len(list_searches(store)) == 4  # each search recorded, refinements too
    shot(page, "search-grouped.png")
    out = tmp_path / "evidence.xlsx"
    worker = page.export_evidence(out)
    assert worker is not None
    qtbot.waitUntil(lambda: not worker.is_running() and out.exists(), timeout=10_000)
    assert out.stat().st_size > 0
