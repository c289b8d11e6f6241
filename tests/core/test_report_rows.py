"""The report's own row writer puts into the workbook exactly what openpyxl itself would."""

from __future__ import annotations

import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils.exceptions import IllegalCharacterError

from screener.core.report import rows, workbook

FILL = PatternFill("solid", fgColor="F4C7C3")


def _rows(ws: Any) -> list[list[Any]]:
    styled = workbook.cell(ws, "block", fill=FILL)
    wrapped = workbook.cell(ws, "a\nb", wrap=True)
    score = workbook.cell(ws, 0.9123, number_format="0.00")
    inert = workbook.inert_text(ws, "=1+1")
    plain_cell = WriteOnlyCell(ws, value="as a cell")
    empty_styled = WriteOnlyCell(ws, value="")
    empty_styled.alignment = Alignment(wrap_text=True)
    return [
        ["text", " leading", "trailing ", "a & b < c > d", "line\nfeed", "carriage\rreturn"],
        ["Ünïcödé ЗАО «Ромашка» 株式会社", "\u200b", "tab\there", '"quoted"', "]]>"],
        [1, -7, 2**70, 0.1, 1e-300, 3.0, 12345678.9],
        [None, "after a gap", None, None, 5],
        [styled, wrapped, score, inert, plain_cell, "bare"],
        [],
        [None, None],
        [f"w{i}" for i in range(800)],  # wider than A..ZZ
        # Each row below holds one value openpyxl decides on itself.
        ["x", float("nan")],
        ["x", float("inf")],
        ["x", True],
        ["x", datetime(2026, 1, 2, 3, 4, 5)],
        ["x", Decimal("1.5")],
        ["x", "=SUM(A1:A2)"],
        ["x", "#N/A"],
        ["x", ""],
        ["x", "y" * 40_000],
        ["x", empty_styled],
        (v for v in ("from", "a generator")),
    ]


def _sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") or "styles" in n
        }


def _write(path: Path, *, fast: bool) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    if fast:
        rows.install(ws)
    for row in _rows(ws):
        ws.append(row)
    wb.save(path)
    return path


def test_rows_are_written_as_openpyxl_writes_them(tmp_path: Path) -> None:
    ours = _sheet_xml(_write(tmp_path / "ours.xlsx", fast=True))
    theirs = _sheet_xml(_write(tmp_path / "theirs.xlsx", fast=False))
    assert ours == theirs
    values = [
        [c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "ours.xlsx")["S"].rows
    ]
    assert values[0][3] == "a & b < c > d"
    assert values[0][5] == "carriage\rreturn"  # a parser would have made it a line feed
    assert values[0][1] == " leading"


def test_a_row_openpyxl_refuses_is_still_refused(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = workbook.sheet(wb, "S", ["A"], [10])
    with pytest.raises(IllegalCharacterError):
        ws.append(["bad\x01char"])  # workbook.cell cleans such text; a bare value is refused


def test_report_sheets_take_the_row_writer(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = workbook.sheet(wb, "S", ["Name", "Score"], [20, 8])
    ws.append([workbook.cell(ws, "ACME & Co"), workbook.cell(ws, 0.5, number_format="0.00")])
    workbook.save_workbook(wb, tmp_path / "s.xlsx", what="a test")
    assert ws._write_rows.__func__ is rows._write_rows
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["S"]
    assert [c.value for c in sheet[2]] == ["ACME & Co", 0.5]
    assert sheet["B2"].number_format == "0.00"
    assert sheet["A1"].font.bold
