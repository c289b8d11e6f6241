"""Raw rows out of an order file, streamed: xlsx/xlsm through openpyxl, anything textual as CSV.

The format is decided by content, not by extension (ERP exports are often misnamed). Hostile
or broken files end in an `OrdersFileError` naming the file, never in a traceback:
encrypted workbooks, truncated zips, zip bombs, PDFs, empty files. What the rows mean is for
`reader` (the header) and `lines` (the fields).
"""

from __future__ import annotations

from pathlib import Path

from screener.core.errors import ScreenerError
from screener.core.orders.csv_rows import open_csv, text_encoding
from screener.core.orders.model import OrdersFileError
from screener.core.orders.raw import HEAD_BYTES, Table
from screener.core.orders.xlsx_rows import open_xlsx
from screener.core.safe_files import require_regular_file

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and legacy .xls


ZIP_MAGIC = b"PK\x03\x04"


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
    if text_encoding(head)[0] == "binary":
        raise OrdersFileError(f"{path}: not a spreadsheet or CSV (binary content)")
    return "csv"


def _ole_directory(path: Path) -> bytes:
    # Directory sectors sit anywhere; the first MiB holds them in every real encrypted xlsx.
    with path.open("rb") as fh:
        return fh.read(1024 * 1024)


def open_table(path: Path, *, sheet: str | None = None, sheet_index: int = 0) -> Table:
    """Open `path` (xlsx/xlsm/csv by content) and return its rows as a stream."""
    if sniff_kind(path) == "xlsx":
        return open_xlsx(path, sheet, sheet_index)
    if sheet:
        raise OrdersFileError(f"{path}: a CSV file has no sheet {sheet!r}")
    return open_csv(path)


def list_sheets(path: Path) -> tuple[str, ...]:
    """Worksheet names of a workbook; () for CSV."""
    if sniff_kind(path) != "xlsx":
        return ()
    table = open_xlsx(path, None, 0)
    table.close()
    return table.sheets
