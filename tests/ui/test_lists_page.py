"""The Lists page imports a real list file in a worker and shows its status and history."""

from __future__ import annotations

from pathlib import Path

from screener.core.lists.importing import ImportStatus
from screener.core.record.database.store import Store
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


def test_import_un_list_then_reimport_is_unchanged(qtbot, home, store, prefs, un_list):
    un = un_list
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


def test_import_can_be_cancelled(qtbot, home, store, prefs, un_list, monkeypatch) -> None:
    un = un_list
    page = make_page(qtbot, home, store, prefs)
    page.import_paths([un, un.parent])  # one file (the folder holds the same file)
    page.cancel()
    qtbot.waitUntil(lambda: page.worker is None, timeout=30_000)
    assert page.import_files_button.isEnabled()
    assert len(page.outcomes) <= 1


def test_import_offers_rescreen_and_lists_worse_lines(
    qtbot, home, store, prefs, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from screener.core.record import runs
    from screener.core.screening.run import run_screening, screen_file
    from tests.core.test_rescreen import FABRIKAM, NORDLICHT, ORDERS, _un_list

    page = make_page(qtbot, home, store, prefs)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    import_and_wait(qtbot, page, [_un_list(tmp_path, "2026-01-01", FABRIKAM)])
    assert asked == []  # nothing screened yet: nothing to offer
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    first = run_screening(screen_file(store, orders))

    with qtbot.waitSignal(page.rescreened, timeout=30_000) as rescreened:
        import_and_wait(qtbot, page, [_un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT)])
    qtbot.waitUntil(lambda: page.worker is None)
    assert "1 earlier screening (3 lines: orders.csv)" in asked[0]
    (result,) = rescreened.args[0]
    assert result.parent.id == first.run_id
    log = page.log.toPlainText()
    assert (
        f"run {first.run_id} (orders.csv) -> run {result.summary.run_id}: 3 lines, 1 worse" in log
    )
    assert "row 3, order SO-2: clear -> block" in log
    assert runs.get_run(store, result.summary.run_id).parent_run_id == first.run_id
    assert page.import_files_button.isEnabled()


def test_declining_rescreen_leaves_runs_alone(
    qtbot, home, store, prefs, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from screener.core.record import runs
    from screener.core.screening.run import run_screening, screen_file
    from tests.core.test_rescreen import FABRIKAM, NORDLICHT, ORDERS, _un_list

    page = make_page(qtbot, home, store, prefs)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    import_and_wait(qtbot, page, [_un_list(tmp_path, "2026-01-01", FABRIKAM)])
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    run_screening(screen_file(store, orders))
    import_and_wait(qtbot, page, [_un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT)])
    assert len(runs.list_runs(store)) == 1
    assert "Re-screening skipped" in page.log.toPlainText()


def test_import_prepares_the_name_index_for_screening(qtbot, home, store, prefs) -> None:
    from screener.core.resources import resources_dir

    page = make_page(qtbot, home, store, prefs)
    shown: list[str] = []
    page.progress.label.setText = lambda text: shown.append(text)  # type: ignore[method-assign]
    import_and_wait(qtbot, page, [resources_dir() / "selftest" / "un_selftest.xml"])
    assert "Preparing the name index for screening…" in shown
    assert list((home / "cache").glob("names-*.idx"))  # the first screening will not build it


def test_own_list_imported_from_the_lists_page_appears_in_its_table(
    qtbot, home, store, prefs
) -> None:
    from tests.conftest import REPO

    page = make_page(qtbot, home, store, prefs)
    dialog = page.import_custom_list(exec_dialog=False)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(REPO / "examples" / "watch_list.csv"))
    dialog.source.setText("internal")
    dialog.title.setText("Internal watch list")
    with qtbot.waitSignal(page.lists_changed, timeout=5_000):
        dialog.run_import()
    sources = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert any("internal" in str(s).lower() for s in sources), sources
    assert "Internal watch list (custom_internal)" in page.log.toPlainText()
