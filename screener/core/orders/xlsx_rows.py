"""Raw rows of an xlsx/xlsm order file, streamed through openpyxl after the zip is checked
(encrypted workbooks, zip bombs, oversized shared strings and hostile XML refused by name)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from screener.core.orders import sheet_choice
from screener.core.orders.model import OrdersFileError, row_out_of_order
from screener.core.orders.raw import MAX_COLUMNS, RawRow, Table

# openpyxl holds shared strings in memory; sheets are streamed, so they may be larger.
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024

MAX_XLSX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024

NO_CACHE = "\x00formula without a cached value"  # sentinel from the xlsx parser


def check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise OrdersFileError(
            f"{path}: a damaged or truncated xlsx (zip) file ({exc}); export it again"
        ) from exc
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        what = (
            "an OpenDocument (.ods) file"
            if "content.xml" in names
            else "a Word document"
            if "word/document.xml" in names
            else "a zip archive"
        )
        raise OrdersFileError(f"{path}: {what}, not an Excel workbook; save it as .xlsx or .csv")
    total = sum(i.file_size for i in infos)
    strings = sum(i.file_size for i in infos if i.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_SHARED_STRINGS_BYTES or total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise OrdersFileError(
            f"{path}: refused: the workbook would inflate to {total / 2**20:,.0f} MiB "
            f"({strings / 2**20:,.0f} MiB of text); a zip bomb, or far beyond an order export"
        )


def check_sheet_size(worksheet: Any) -> None:
    """`ReadOnlyWorksheet._get_size`, stopping where the sheet data starts.

    openpyxl looks for the optional <dimension> element with end events, so a sheet without
    one (streaming writers leave it out) is parsed whole before the first row is read: 1.6 s
    of 10,000 lines, 16 s of 100,000. The element can only come before <sheetData>.
    """
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.xml.functions import iterparse

    source = worksheet._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                ref = element.get("ref")
                if ref:
                    bounds = range_boundaries(ref)
                    (worksheet._min_column, worksheet._min_row, worksheet._max_column,
                     worksheet._max_row) = bounds  # fmt: skip
                return
            if element.tag == DATA_TAG:
                return
    finally:
        source.close()


def load_read_only(fh: Any) -> Any:
    """openpyxl's read-only workbook of `fh`, sheets sized by `check_sheet_size`."""
    import openpyxl  # deferred: costs ~0.2 s at start-up
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = check_sheet_size
    return openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)


def open_xlsx(path: Path, sheet: str | None, sheet_index: int) -> Table:
    check_zip(path)
    fh = path.open("rb")  # a file object: openpyxl would refuse a path named .csv or .txt
    try:
        wb = load_read_only(fh)
    except Exception as exc:  # openpyxl on a damaged file can raise almost anything
        fh.close()
        if _hostile_xml(exc):
            raise OrdersFileError(
                f"{path}: refused: the workbook's XML declares entities or a DTD, which Excel "
                "never writes; the file may be hostile"
            ) from exc
        raise OrdersFileError(f"{path}: not a readable workbook ({_why(exc)})") from exc
    closer = _Closer(wb, fh)
    try:
        names = tuple(wb.sheetnames)
        worksheets = [ws for ws in wb.worksheets if hasattr(ws, "_get_source")]
        candidates = sheet_choice.candidates(wb, worksheets)
        if sheet is not None:
            if sheet not in names:
                raise OrdersFileError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(names)})")
            ws = wb[sheet]
        elif sheet_index < len(candidates):
            ws = candidates[sheet_index]
        else:
            raise OrdersFileError(f"{path}: the workbook has no visible worksheet")
    except BaseException:
        closer.close()
        raise
    return Table(
        kind="xlsx",
        sheets=tuple(ws.title for ws in worksheets),
        sheet=ws.title,
        rows=_xlsx_rows(path, wb, ws),
        notes=sheet_choice.notes(ws, worksheets, candidates),
        candidates=len(candidates),
        _closer=closer,
    )


@dataclass(slots=True)
class _Closer:
    workbook: Any
    file: Any

    def close(self) -> None:
        self.workbook.close()
        self.file.close()


def _xlsx_rows(path: Path, wb: Any, ws: Any) -> Iterator[RawRow]:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"

    class Parser(WorkSheetParser):  # type: ignore[misc]
        # data_only gives the cached value of a formula, or None when Excel never saved one;
        # tell the latter apart from an empty cell so the line is flagged, not silently blank.
        def parse_cell(self, element: Any) -> Any:
            inline = element.get("t") == "inlineStr"
            if inline:  # openpyxl's rich-text parse of inline strings is 4x slower than this
                element.set("t", "str")
            cell = super().parse_cell(element)
            if inline:
                cell["value"] = "".join(t.text or "" for t in element.iter(TEXT_TAG))
                cell["data_type"] = "s"
            elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = NO_CACHE
            return cell

    number = 0
    try:
        with ws._get_source() as src:  # the streamed sheet XML, as ReadOnlyWorksheet reads it
            parser = Parser(
                src,
                ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for found, cells in parser.parse():
                if found <= number:  # a duplicate row would be stored twice, or fail to be
                    raise row_out_of_order(path, ws.title, found, number)
                number = found
                yield _xlsx_row(number, cells)
    except OrdersFileError:
        raise
    except Exception as exc:  # truncated XML inside the zip, bad cell references ...
        where = f"after row {number}" if number else "at the start of the sheet"
        raise OrdersFileError(
            f"{path}: sheet {ws.title!r} is damaged {where} ({_why(exc)})"
        ) from exc


def _xlsx_row(number: int, cells: list[dict[str, Any]]) -> RawRow:
    width = 0
    for cell in cells:
        if cell["value"] is not None:
            width = max(width, cell["column"])
    row = RawRow(number, [""] * min(width, MAX_COLUMNS), cut=width > MAX_COLUMNS)
    for cell in cells:
        index = cell["column"] - 1
        value = cell["value"]
        if value is None or index >= MAX_COLUMNS:
            continue
        if value is NO_CACHE:
            row.issues = row.issues or {}
            row.issues[index] = "is a formula Excel never calculated (no saved value)"
        elif cell["data_type"] == "e":
            row.values[index] = str(value)
            row.issues = row.issues or {}
            row.issues[index] = "is an Excel error value"
        else:
            row.values[index] = cell_text(value)
            if isinstance(value, date | time):  # datetime is a date
                row.dated = row.dated or set()
                row.dated.add(index)
    return row


def cell_text(value: Any) -> str:
    """A cell as text, as the officer would read it in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))  # an HS code typed as a number: 85423100, not 85423100.0
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).replace("\x00", "")


def _hostile_xml(exc: BaseException | None) -> bool:
    """Whether defusedxml refused entities/DTD somewhere in the exception's chain."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__module__.startswith("defusedxml"):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"
