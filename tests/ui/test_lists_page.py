"""The Lists page imports a real list file in a worker and shows its status and history."""

from __future__ import annotations

from pathlib import Path

from screener.core.lists import ImportStatus
from screener.core.store import Store
from screener.ui.models.lists_model import ItemRole
from screener.ui.pages.lists_page import ListsPage


def make_page(qtbot, home: Path, store: Store, prefs) -> ListsPage:
    page = ListsPage(home, store, prefs)
    qtbot.addWidget(page)
    page.show()
    return page


def import_and_wait(qtbot, page: ListsPage, paths: list[Path]) -> None:
    with qtbot.waitSignal(page.lists_changed, timeout=30_000):
        assert page.import_paths(paths) is not None
    qtbot.waitUntil(lambda: page.worker is None)


def test_empty_store_says_what_to_do(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs)
    assert "No lists imported" in page.summary.text()
    assert page.model.rowCount() == 0


def test_import_un_list_then_reimport_is_unchanged(qtbot, home, store, prefs, shared_lists):
    un = shared_lists / "un/consolidated_xml_2026-02-27/consolidated.xml"
    page = make_page(qtbot, home, store, prefs)
    import_and_wait(qtbot, page, [un])
    assert [o.status for o in page.outcomes] == [ImportStatus.IMPORTED]
    assert page.model.rowCount() == 1
    version = page.proxy.data(page.proxy.index(0, 0), ItemRole)
    assert version.source == "un_sc"
    assert version.entries > 900
    assert page.proxy.index(0, 2).data() == "2026-02-27"
    assert "1 list" in page.summary.text()
    assert page.history_model.rowCount() == 1
    assert "imported" in page.log.toPlainText()
    assert not page.progress.isVisible()
    assert page.import_files_button.isEnabled()

    import_and_wait(qtbot, page, [un])
    assert [o.status for o in page.outcomes] == [ImportStatus.UNCHANGED]
    assert page.history_model.rowCount() == 1


def test_bad_file_is_reported_in_the_log(qtbot, home, store, prefs, tmp_path) -> None:
    bad = tmp_path / "not-a-list.csv"
    bad.write_text("hello,world\n1,2\n")
    page = make_page(qtbot, home, store, prefs)
    import_and_wait(qtbot, page, [bad])
    assert [o.status for o in page.outcomes] == [ImportStatus.FAILED]
    assert "not-a-list.csv" in page.log.toPlainText()
    assert page.model.rowCount() == 0


def test_import_can_be_cancelled(qtbot, home, store, prefs, shared_lists, monkeypatch) -> None:
    un = shared_lists / "un/consolidated_xml_2026-02-27/consolidated.xml"
    page = make_page(qtbot, home, store, prefs)
    page.import_paths([un, un.parent])  # one file (the folder holds the same file)
    page.cancel()
    qtbot.waitUntil(lambda: page.worker is None, timeout=30_000)
    assert page.import_files_button.isEnabled()
    assert len(page.outcomes) <= 1
