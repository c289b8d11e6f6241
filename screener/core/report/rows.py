"""Rows of a write-only sheet put straight into its XML stream.

openpyxl's write-only sheet binds every appended value to a Cell object (type inference, string
checks, a coordinate property) and writes it through nested element contexts: for the report's
two million cells that is most of the time it takes. A row of plain values (text, finite
numbers, styled text or number cells) is built here as one XML element with the very markup
openpyxl writes; any other row (dates, booleans, formulas, error codes, characters Excel cannot
hold, comments, links) goes through openpyxl's own path unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Sequence
from types import MethodType
from typing import Any

from openpyxl import LXML
from openpyxl.cell import Cell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

if LXML:
    from lxml.etree import XMLSyntaxError, fromstring

_LETTERS = [get_column_letter(i + 1) for i in range(702)]  # column letters A to ZZ
_ERRORS = frozenset(ERROR_CODES)
_MAX_TEXT = 32_767  # openpyxl cuts longer text itself: such a row takes its path


def install(ws: WriteOnlyWorksheet) -> None:
    """Write the rows appended to `ws` here (call before its first `append`)."""
    if LXML and ws._rows is None and hasattr(ws, "_writer"):
        ws._write_rows = MethodType(_write_rows, ws)


def _write_rows(ws: Any) -> Generator[None, Any, None]:
    """openpyxl's `WriteOnlyWorksheet._write_rows`, each row built by `_row` when it can."""
    try:
        xf = ws._writer.xf.send(True)
    except StopIteration:
        ws._already_saved()
    with xf.element("sheetData"):
        row_idx = 1
        try:
            while True:
                values = yield
                if not isinstance(values, list | tuple):
                    values = list(values)  # a generator: its values are needed twice
                element = _row(ws, values, row_idx)
                if element is None:
                    ws._writer.write_row(xf, ws._values_to_row(values, row_idx), row_idx)
                else:
                    xf.write(element)
                row_idx += 1
        except GeneratorExit:
            pass
    ws._writer.xf.send(None)


def _row(ws: Any, values: Sequence[Any], row_idx: int) -> Any:
    """The <row> element openpyxl would write for `values`, or None to let it write the row.
    Built as markup and parsed in one call: far cheaper than an element per cell."""
    if row_idx in ws.row_dimensions:
        return None
    letters = _LETTERS
    if len(values) > len(letters):  # a wider sheet than any report: its own letters
        letters = [get_column_letter(i + 1) for i in range(len(values))]
    r = str(row_idx)
    parts = [f'<row r="{r}">']
    texts = []
    for col, value in enumerate(values):
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            if (not value or value[0] in "=#" or len(value) > _MAX_TEXT) and not _plain_text(value):
                return None
            texts.append(value)
            parts.append(_text(f'<c r="{letters[col]}{r}" t="inlineStr"', value))
        elif kind is int or kind is float:
            if not math.isfinite(value):
                return None
            parts.append(f'<c r="{letters[col]}{r}" t="n"><v>{_number(value)}</v></c>')
        elif kind is Cell:
            markup = _cell(value, letters[col] + r)
            if markup is None:
                return None
            parts.append(markup)
        else:
            return None
    if len(parts) == 1:
        return None  # an empty row: openpyxl writes <row r="n"></row>
    if ILLEGAL_CHARACTERS_RE.search("".join(texts)):
        return None  # openpyxl refuses such text: let it say so
    parts.append("</row>")
    try:
        return fromstring("".join(parts))
    except (XMLSyntaxError, ValueError):  # text XML cannot carry: openpyxl's path decides
        return None


def _plain_text(value: str) -> bool:
    """Text openpyxl writes as an inline string as it is (no formula, error value or cut; not
    empty, which it writes as <c ...></c> where a parsed element would be <c .../>)."""
    return (
        0 < len(value) <= _MAX_TEXT
        and not (value.startswith("=") and len(value) > 1)
        and value not in _ERRORS
    )


def _text(start: str, value: str) -> str:
    """An inline-string cell: `start` is its opening tag without the closing bracket."""
    # openpyxl's test, value != value.strip(), without a copy of the text
    space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        # \r as a reference: a parser would read a bare one as a line feed
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )
    return f"{start}><is><t{space}>{value}</t></is></c>"


def _number(value: float) -> str:
    return "%.16g" % value  # noqa: UP031 (openpyxl's own number text, safe_string)


def _cell(cell: Cell, ref: str) -> str | None:
    """A styled text or number cell's markup; None for any other cell (openpyxl's path)."""
    if cell._comment is not None or cell._hyperlink is not None:
        return None
    value, data_type = cell._value, cell.data_type
    style = f' s="{cell.style_id}"' if cell.has_style else ""
    if data_type == "s" and type(value) is str and value:
        return _text(f'<c r="{ref}"{style} t="inlineStr"', value)
    if data_type == "n" and type(value) in (int, float) and math.isfinite(value):
        return f'<c r="{ref}"{style} t="n"><v>{_number(value)}</v></c>'
    return None
