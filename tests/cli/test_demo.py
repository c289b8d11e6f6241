"""The README's main command: import the lists, screen the example orders, write the report."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from screener.cli import main


def test_demo_screens_the_examples_and_writes_report_and_json(
    un_list: Path,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    un = un_list
    (lists / "consolidated.xml").symlink_to(un)
    monkeypatch.setenv("SCREENER_LISTS", str(lists))
    monkeypatch.chdir(tmp_path)

    assert main(["--home", str(home), "demo"]) == 0

    printed = capsys.readouterr().out
    assert "imported  un_sc" in printed
    assert "254 lines screened" in printed
    assert "custom_example_watch" in printed  # the example company's own watch list
    rows = [json.loads(x) for x in (tmp_path / "out" / "orders.jsonl").read_text().splitlines()]
    assert len(rows) == 254
    report = openpyxl.load_workbook(tmp_path / "out" / "orders-report.xlsx", read_only=True)
    assert report.sheetnames == ["Summary", "Lines", "Hits", "Decisions", "Lists", "Licences"]
