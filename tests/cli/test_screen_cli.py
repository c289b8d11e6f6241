"""`screener screen` on the example orders against the real UN list: JSON lines and report."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from screener.cli import main
from tests.conftest import REPO


def test_screen_examples_writes_json_and_report(
    un_list: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    un = un_list
    assert main(["--home", str(home), "lists", "import", str(un)]) == 0
    out, report = tmp_path / "o.jsonl", tmp_path / "r.xlsx"
    assert (
        main(
            [
                "--home",
                str(home),
                "screen",
                "--allow-stale",
                str(REPO / "examples" / "orders.xlsx"),
                "--json",
                str(out),
                "--report",
                str(report),
            ]
        )
        == 0
    )
    assert "lines screened" in capsys.readouterr().out
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) >= 200
    assert [r["row"] for r in rows] == sorted(r["row"] for r in rows)
    assert {r["verdict"] for r in rows} == {"block", "review", "clear"}
    assert all(r["reasons"] for r in rows if r["verdict"] != "clear")
    listed = [p for r in rows for p in r["parties"] if p["hits"]]
    assert any(h["source"] == "un_sc" for p in listed for h in p["hits"])
    assert openpyxl.load_workbook(report)["Lines"].max_row == len(rows) + 1


def test_unreadable_orders_file_exits_non_zero(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "orders.xlsx"
    bad.write_bytes(b"")
    assert main(["--home", str(home), "screen", str(bad)]) == 2
    assert "file is empty" in capsys.readouterr().err
