"""Excel cells the record writes: inert text (no formula ever runs), Excel's limits, headers,
and a save that never leaves half a workbook. The audit report, its Licences sheet and the
search evidence all build on these."""

from __future__ import annotations

import os
import tempfile
import weakref
from collections.abc import Sequence
from copy import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from screener.core.errors import ScreenerError
from screener.core.report.rows import install as install_row_writer

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
WRAP = Alignment(wrap_text=True, vertical="top")
# Excel's own cell limit; longer text would make the file unreadable.
MAX_CELL_CHARS = 32_767
# Leading characters that make Excel (or LibreOffice) treat a cell as a formula or DDE call.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


class ReportError(ScreenerError):
    pass


def save_workbook(wb: Workbook, out_path: Path, *, what: str) -> Path:
    """Write `wb` to `out_path` whole or not at all: a half-written workbook never replaces one."""
    fd, tmp = tempfile.mkstemp(suffix=".xlsx.part", dir=out_path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out_path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"{out_path}: cannot write {what} ({exc.strerror or exc})") from exc
    return out_path


def _clean(text: str) -> str:
    """Text Excel can hold: control characters shown as U+FFFD (the file would be corrupt
    otherwise), cut at Excel's cell limit."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text[:MAX_CELL_CHARS]


def inert_text(ws: WriteOnlyWorksheet, text: str) -> Cell:
    """A text cell Excel shows verbatim and never evaluates (formula injection)."""
    return _text_cell(ws, _clean(text), None, False)


def _text_cell(ws: WriteOnlyWorksheet, text: str, fill: PatternFill | None, wrap: bool) -> Cell:
    """A cell of clean text, bound without openpyxl's checks (`_clean` made them): always a
    string, never a formula or an error value, whatever the text starts with."""
    quote = text.startswith(FORMULA_TRIGGERS)
    cell = Cell(ws, 1, 1, style_array=_style_array(ws, fill, wrap, None, quote))
    cell._value = text
    cell.data_type = "s"
    return cell


def cell(
    ws: WriteOnlyWorksheet,
    value: Any,
    *,
    fill: PatternFill | None = None,
    wrap: bool = False,
    number_format: str | None = None,
) -> Cell | str | int | float | None:
    if value == "" and fill is None:
        return None  # an empty cell is not written at all
    if fill is None and not wrap and number_format is None:
        # Most cells need no style: a bare value spares openpyxl a cell object (100,000 lines
        # are ~2 million cells). Text that could start a formula always gets the inert cell.
        if isinstance(value, str):
            if not value.startswith(FORMULA_TRIGGERS):
                return _clean(value)
        elif isinstance(value, int | float):
            return value
    if isinstance(value, str):
        return _text_cell(ws, _clean(value), fill, wrap)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)  # Excel has no time zones
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, datetime):
        number_format = number_format or "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        number_format = number_format or "yyyy-mm-dd"
    cell._style = copy(_style_array(ws, fill, wrap, number_format, False))
    return cell


# Per workbook: a style already registered, by (fill, wrap, number format, quote prefix).
# Setting a style the ordinary way hashes the style objects on every cell; a report of
# 100,000 lines styles a few hundred thousand cells with a handful of distinct styles.
_STYLES: weakref.WeakKeyDictionary[Workbook, dict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


def _style_array(
    ws: WriteOnlyWorksheet,
    fill: PatternFill | None,
    wrap: bool,
    number_format: str | None,
    quote: bool,
) -> StyleArray:
    """The style of such a cell, registered in the workbook the first time (a cell made with
    it takes a copy)."""
    known = _STYLES.setdefault(ws.parent, {})
    key = (id(fill), wrap, number_format, quote)
    found = known.get(key)
    if found is None:
        scratch = WriteOnlyCell(ws)
        if quote:
            scratch.quotePrefix = True
        if number_format:
            scratch.number_format = number_format
        if fill is not None:
            scratch.fill = fill
        if wrap:
            scratch.alignment = WRAP
        # The fill is kept with its style so its id cannot be reused by another object.
        found = known[key] = (fill, scratch._style if scratch.has_style else StyleArray())
    return found[1]


def texts(ws: WriteOnlyWorksheet, values: Sequence[str]) -> list[Any]:
    """Unstyled cells of many texts (a line's order columns): one check of the whole row for
    characters Excel cannot hold, each text as `cell` would write it."""
    joined = "".join(values)
    if len(joined) < MAX_CELL_CHARS and not ILLEGAL_CHARACTERS_RE.search(joined):
        return [
            (inert_text(ws, v) if v.startswith(FORMULA_TRIGGERS) else v) if v else None
            for v in values
        ]
    return [cell(ws, v) for v in values]


def sheet(wb: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]) -> Any:
    ws = wb.create_sheet(title)
    install_row_writer(ws)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for h in headers:
        c = inert_text(ws, h)
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        header.append(c)
    ws.append(header)
    return ws


def finish(ws: Any, columns: int, rows: int) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows + 1, 1)}"
