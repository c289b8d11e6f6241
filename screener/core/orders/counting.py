"""How many lines an order file holds, counted cheaply before screening starts.

For a workbook that is the sheet's declared dimension (one XML element read, not the sheet),
or, where a streaming writer left it out, its <row> tags counted in the raw XML; for a text
file the line breaks. Both count the header row and any blank rows, so the figure is
an estimate ("about"), good for a percentage and a time left; None when it cannot be known.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from screener.core.orders.tables import sniff_kind

_CHUNK = 1 << 20


def count_lines(path: Path, *, sheet: str | None = None) -> int | None:
    """Data rows expected in `path` (rows less the header row), or None if unknown."""
    try:
        kind = sniff_kind(path)
        rows = _xlsx_rows(path, sheet) if kind == "xlsx" else _text_rows(path)
    except Exception:  # counting is a courtesy: the reader reports a bad file properly
        return None
    return None if rows is None else max(rows - 1, 0)


def _text_rows(path: Path) -> int:
    rows = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            rows += chunk.count(b"\n")
            last = chunk[-1:]
    return rows + (last != b"\n")  # a last line without a line break


def _xlsx_rows(path: Path, sheet: str | None) -> int | None:
    from screener.core.orders.sheet_choice import candidates
    from screener.core.orders.xlsx_rows import check_sheet_size, check_zip, load_read_only

    check_zip(path)
    with path.open("rb") as fh:
        wb = load_read_only(fh)
        try:
            worksheets = [w for w in wb.worksheets if hasattr(w, "_get_source")]
            # The sheet the reader reads: the one named, else the one Excel opens on.
            ws = wb[sheet] if sheet else (candidates(wb, worksheets) or worksheets)[0]
            if not hasattr(ws, "_get_source"):
                return None
            ws._max_row = None
            check_sheet_size(ws)
            max_row = ws._max_row
            if max_row:
                return int(max_row)
            return _row_elements(ws._get_source())  # streaming writers leave <dimension> out
        finally:
            wb.close()


def _row_elements(source: BinaryIO) -> int:
    """The <row> elements of a sheet's XML, counted in the raw bytes (no parsing)."""
    rows, tail = 0, b""
    try:
        while chunk := source.read(_CHUNK):
            data = tail + chunk
            rows += data.count(b"<row ") + data.count(b"<row>")
            tail = data[-5:]  # a tag cut by the chunk boundary is counted in the next round
            rows -= tail.count(b"<row ") + tail.count(b"<row>")
        rows += tail.count(b"<row ") + tail.count(b"<row>")
    finally:
        source.close()
    return rows
