"""Hostile order files: what they try is seen, said and recorded, or refused before a run is
recorded (the generic "ends clearly" checks are in test_bad_inputs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from screener.cli import main as cli_main
from screener.core.orders import guards, inspect_orders, read_orders
from screener.core.orders.model import OrdersFileError
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.run import run_screening, screen_file
from tests.reliability import harness
from tests.reliability.make_bad_inputs import Case, generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, {c.name: c for c in generate(folder)}


def _run_lines(store: Store) -> list[runs.StoredLine]:
    (run,) = runs.list_runs(store)
    return list(runs.iter_lines(store, run.id))


def test_invisible_characters_are_stripped_and_recorded(
    corpus: tuple[Path, dict[str, Case]], home: Path
) -> None:
    folder, _ = corpus
    store = harness.seeded_store(home)
    run_screening(screen_file(store, folder / "invisible_name.csv"))
    line = {ln.row: ln for ln in _run_lines(store)}[3]
    assert line.verdict != "clear"  # the listed name is found through the invisible characters
    assert any("invisible character" in p and "U+200B" in p for p in line.problems)
    assert "\u200b" in dict(line.cells)["Customer"]  # the record keeps what the file said


def test_the_active_visible_sheet_is_read_and_named(
    corpus: tuple[Path, dict[str, Case]], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = corpus
    path = folder / "hidden_first_sheet.xlsx"
    info = inspect_orders(path)
    assert info.sheet == "Orders"
    assert info.notes == (
        "read sheet 'Orders' (the active sheet); the workbook also has 'Old' (hidden)",
    )
    harness.seeded_store(home).close()
    assert cli_main(["--home", str(home), "screen", "--allow-stale", str(path)]) == 0
    out = capsys.readouterr()
    assert "note: read sheet 'Orders' (the active sheet)" in out.err
    assert "1 block" in out.out or "1 review" in out.out  # the listed party, not "2 clear"
    assert [ln.row for ln in read_orders(path, sheet="Old")] == [2]  # hidden: only when named


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("duplicate_rows.xlsx", "sheet 'Orders' row 2 appears twice"),
        ("rows_out_of_order.xlsx", "sheet 'Orders' row 2 comes after row 3"),
        ("unclosed_quote.csv", "line 3: a quote"),
    ],
)
def test_refused_before_anything_is_recorded(
    corpus: tuple[Path, dict[str, Case]], home: Path, name: str, said: str
) -> None:
    folder, _ = corpus
    store = harness.seeded_store(home)
    with pytest.raises(OrdersFileError, match=said) as err:
        run_screening(screen_file(store, folder / name))
    assert str(folder / name) in str(err.value)
    assert runs.list_runs(store) == []


def test_a_file_changing_while_read_is_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text("Order No;Customer;Ship-to Country\n1;Acme GmbH;DE\n", encoding="utf-8")
    copy = guards._copy

    def copy_while_the_erp_writes(src, out, h):  # type: ignore[no-untyped-def]
        size = copy(src, out, h)
        with orders.open("a", encoding="utf-8") as fh:
            fh.write("2;Other AG;DE\n")
        return size

    monkeypatch.setattr(guards, "_copy", copy_while_the_erp_writes)
    store = harness.seeded_store(home)
    with pytest.raises(OrdersFileError, match="changed while it was being read"):
        run_screening(screen_file(store, orders))
    assert runs.list_runs(store) == []


def test_the_recorded_hash_is_of_the_bytes_screened(home: Path, tmp_path: Path) -> None:
    import hashlib

    orders = tmp_path / "orders.csv"
    orders.write_text("Order No;Customer;Ship-to Country\n1;Acme GmbH;DE\n", encoding="utf-8")
    store = harness.seeded_store(home)
    run_screening(screen_file(store, orders))
    (run,) = runs.list_runs(store)
    assert run.file_sha256 == hashlib.sha256(orders.read_bytes()).hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("command", ["screen", "lists", "search"])
def test_pipes_and_devices_are_refused_in_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    harness.seeded_store(home).close()
    fifo = tmp_path / "orders.csv"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/zero")):
        argv = {
            "screen": ["screen", str(target)],
            "lists": ["lists", "import", str(target)],
            "search": ["search", "--file", str(target)],
        }[command]
        assert cli_main(["--home", str(home), *argv]) != 0
        out = capsys.readouterr()
        said = [line for line in (out.out + out.err).splitlines() if str(target) in line]
        assert len(said) == 1, out
        assert "is a pipe" in said[0] or "is a device" in said[0]
