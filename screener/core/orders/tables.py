"""Raw rows out of an order file, streamed: xlsx/xlsm through openpyxl, anything textual as CSV.

The format is decided by content, not by extension (ERP exports are often misnamed). Hostile
or broken files end in an `OrdersFileError` naming the file, never in a traceback:
encrypted workbooks, truncated zips, zip bombs, PDFs, empty files. What the rows mean is for
`reader` (the header) and `lines` (the fields).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.orders import sheet_choice
from screener.core.orders.model import OrdersFileError, row_out_of_order
from screener.core.safe_files import require_regular_file

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and legacy .xls
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 64 * 1024
# openpyxl holds shared strings in memory; sheets are streamed, so they may be larger.
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024
MAX_COLUMNS = 1_024  # wider rows are cut (and the cut reported): no ERP exports 1,024 columns
# csv's own field limit is 131,072 characters; keep a physical line below it so a giant
# line is cut (and reported) instead of read whole into memory.
MAX_LINE_CHARS = 131_000
CSV_DELIMITERS = (";", ",", "\t", "|")
NO_CACHE = "\x00formula without a cached value"  # sentinel from the xlsx parser


@dataclass(slots=True)
class RawRow:
    number: int  # 1-based row (xlsx) or record (CSV) number
    values: list[str]
    issues: dict[int, str] | None = None  # column index -> why the cell could not be read
    cut: bool = False  # the row was longer than we read


@dataclass(slots=True)
class Table:
    """An opened sheet or CSV: rows stream from `rows`; `close()` releases the file."""

    kind: str  # "xlsx" or "csv"
    sheets: tuple[str, ...]
    sheet: str
    rows: Iterator[RawRow]
    encoding: str = ""
    delimiter: str = ""
    notes: tuple[str, ...] = ()
    candidates: int = 1  # sheets that may hold the orders (visible ones, active first)
    _closer: Any = None

    def close(self) -> None:
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()
        if self._closer is not None:
            self._closer.close()


def sniff_kind(path: Path) -> str:
    """'xlsx' or 'csv' from the first bytes; anything else is an `OrdersFileError`."""
    try:
        require_regular_file(path, what="order file")  # a pipe would block for ever
    except ScreenerError as exc:
        raise OrdersFileError(str(exc)) from exc
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise OrdersFileError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if not head:
        raise OrdersFileError(f"{path}: the file is empty")
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in _ole_directory(path):
            raise OrdersFileError(
                f"{path}: the workbook is password-protected (encrypted); open it in Excel, "
                "remove the password and save it as .xlsx or .csv"
            )
        raise OrdersFileError(
            f"{path}: an old Excel 97-2003 (.xls) or other Office binary file; "
            "save it as .xlsx or .csv"
        )
    if head.startswith(b"%PDF"):
        raise OrdersFileError(f"{path}: a PDF, not a spreadsheet; export the orders as xlsx/csv")
    if not head.strip(b" \t\r\n\x00\x1a\xef\xbb\xbf\xff\xfe"):
        raise OrdersFileError(f"{path}: the file holds no data (only blanks)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:5].lower() in (b"<?xml", b"<html", b"<!doc", b"<tabl"):
        raise OrdersFileError(
            f"{path}: an XML/HTML export, not xlsx or csv; save it from Excel as .xlsx"
        )
    if _encoding(head)[0] == "binary":
        raise OrdersFileError(f"{path}: not a spreadsheet or CSV (binary content)")
    return "csv"


def _ole_directory(path: Path) -> bytes:
    # Directory sectors sit anywhere; the first MiB holds them in every real encrypted xlsx.
    with path.open("rb") as fh:
        return fh.read(1024 * 1024)


def open_table(path: Path, *, sheet: str | None = None, sheet_index: int = 0) -> Table:
    """Open `path` (xlsx/xlsm/csv by content) and return its rows as a stream."""
    if sniff_kind(path) == "xlsx":
        return _open_xlsx(path, sheet, sheet_index)
    if sheet:
        raise OrdersFileError(f"{path}: a CSV file has no sheet {sheet!r}")
    return _open_csv(path)


def list_sheets(path: Path) -> tuple[str, ...]:
    """Worksheet names of a workbook; () for CSV."""
    if sniff_kind(path) != "xlsx":
        return ()
    table = _open_xlsx(path, None, 0)
    table.close()
    return table.sheets


# ---------------------------------------------------------------- xlsx


def _check_zip(path: Path) -> None:
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


def _sheet_size_from_header(worksheet: Any) -> None:
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


def _open_xlsx(path: Path, sheet: str | None, sheet_index: int) -> Table:
    import openpyxl  # deferred: costs ~0.2 s at start-up
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _sheet_size_from_header
    _check_zip(path)
    fh = path.open("rb")  # a file object: openpyxl would refuse a path named .csv or .txt
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
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


# ---------------------------------------------------------------- CSV


def _encoding(head: bytes) -> tuple[str, str]:
    """(codec, note) for a CSV head: BOMs first, then UTF-16 by its NULs, UTF-8, cp1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", ""
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\x0c\x1a\x00")
    if controls > len(sample) // 10:
        return "binary", ""
    if sample.count(0) > len(sample) // 4:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 3:
            return "utf-16-le", "read as UTF-16 (no byte-order mark)"
        if even > len(sample) // 3:
            return "utf-16-be", "read as UTF-16 (no byte-order mark)"
        return "binary", ""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the head boundary
            return "cp1252", "read as Windows-1252 (not valid UTF-8)"
    return "utf-8", ""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # A UTF-8 file with a stray Windows-1252 byte further down (pasted from another program):
    # decode that byte as Windows-1252 rather than failing or losing it.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("screener-cp1252", _cp1252_fallback)


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines most consistently into the most fields."""
    best, best_score = ",", -1
    for delimiter in CSV_DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = mode * counts.count(mode) if mode > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: Path) -> Table:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    encoding, note = _encoding(head)
    errors = "screener-cp1252" if encoding == "utf-8" else "replace"
    text = head.decode(encoding, errors="replace")
    lines = text.replace("\x00", "").splitlines()[:50]
    delimiter = _sniff_delimiter(lines[:-1] if len(lines) > 1 else lines)
    fh = path.open("rb")
    stream = io.TextIOWrapper(fh, encoding=encoding, errors=errors, newline="")
    return Table(
        kind="csv",
        sheets=(),
        sheet="",
        rows=_csv_rows(path, stream, delimiter),
        encoding=encoding,
        delimiter=delimiter,
        notes=(note,) if note else (),
        _closer=stream,
    )


class _Lines:
    """Physical lines, NULs dropped, each cut at MAX_LINE_CHARS (the cut remembered)."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.stream = stream
        self.cut = False
        self.last = ""  # the line handed out last
        self.count = 0  # physical lines handed out
        self.quotes = 0  # quote characters in them: odd at the end means one never closed
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(MAX_LINE_CHARS)
        if not line:
            self.ended = True
            raise StopIteration
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            self.cut = True
            while True:  # skip the rest of the giant line, in bounded pieces
                rest = self.stream.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            line += "\n"
        self.last = line.replace("\x00", "") if "\x00" in line else line
        self.count += 1
        self.quotes += self.last.count('"')
        return self.last

    def skip_quoted(self) -> bool:
        """Skip to the end of a quoted cell that began before the last line (csv gave up on
        it): otherwise each line inside the cell would come out as an order line of its own."""
        line = self.last
        while line:
            at = 0
            while (at := line.find('"', at)) >= 0:
                if line.startswith('""', at):  # an escaped quote inside the cell
                    at += 2
                    continue
                return True  # the closing quote: the record's other cells here are lost
            line = next(self, "")
        return False  # the quote is never closed


def _csv_rows(path: Path, stream: io.TextIOWrapper, delimiter: str) -> Iterator[RawRow]:
    lines = _Lines(stream)
    reader: Iterable[list[str]] = csv.reader(lines, delimiter=delimiter)
    number = 0
    with contextlib.closing(stream):
        iterator = iter(reader)
        while True:
            start, quotes = lines.count + 1, lines.quotes
            try:
                values = next(iterator)
            except StopIteration:
                return
            except csv.Error as exc:  # e.g. a quoted field running past csv's limit
                number += 1
                why = f"cannot be read as CSV ({exc})"
                if "field limit" in str(exc):
                    if not lines.skip_quoted():
                        raise _unclosed(path, start) from exc
                    why = (
                        f"cannot be read: a quoted cell runs past {MAX_LINE_CHARS:,} characters "
                        "(or a quote is never closed)"
                    )
                lines.cut = False
                yield RawRow(number, [], issues={0: why})
                continue
            except (OSError, UnicodeError) as exc:
                raise OrdersFileError(f"{path}: cannot read after record {number} ({exc})") from exc
            if lines.ended and (lines.quotes - quotes) % 2:
                raise _unclosed(path, start)  # csv ran to the end inside one quoted cell
            number += 1
            cut, lines.cut = lines.cut, False
            if len(values) > MAX_COLUMNS:
                values, cut = values[:MAX_COLUMNS], True
            yield RawRow(number, values, cut=cut)


def _unclosed(path: Path, line: int) -> OrdersFileError:
    return OrdersFileError(
        f'{path}: line {line}: a quote (") opened here is never closed, so every line after it'
        " would be read into one cell; nothing was recorded - fix the quote or export again"
    )


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
