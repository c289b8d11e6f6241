"""What the order reader hands on: lines with their parties, every original cell, and problems.

Values stay raw text as the file held them (HS codes, countries, amounts): interpreting them
belongs to `hs`, `countries` and the verdict, which can then say what they repaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from screener.core.errors import ScreenerError

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell; longer text is cut and reported
_SHOWN_CHARS = 60  # how much of a bad value a problem message quotes
# What a cell problem says about a value the policy cannot read; the verdict leaves its own
# reason for such a value out, since the problem already names the row and column.
NOT_HS = "is not an HS code"
NOT_COUNTRY = "is not a country Screener recognises"
NOT_ECCN = "is not an export control classification"


class OrdersFileError(ScreenerError):
    """An order file that cannot be read at all: the message names the file (and row)."""


def row_out_of_order(shown: Path, sheet: str, number: int, last: int) -> OrdersFileError:
    how = "appears twice" if number == last else f"comes after row {last}"
    return OrdersFileError(
        f"{shown}: sheet {sheet!r} row {number} {how}: the workbook's rows are out of order,"
        " which Excel never writes (the file was edited outside Excel?); nothing was recorded"
        " - export it again"
    )


@dataclass(frozen=True, slots=True)
class Party:
    role: str  # "buyer", "consignee", "ship_to", "end_user", "intermediate", "notify"
    name: str
    country: str  # raw text: the party's own country column, else the line's destination
    country_from_destination: bool = False
    address: str = ""
    identifier: str = ""  # tax, registration, LEI or IMO number, as the file held it


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One cell the officer should look at; the line is still screened and flagged."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        if not self.value:
            return f"row {self.row}, {self.column!r}: {self.message}"
        shown = self.value
        if len(shown) > _SHOWN_CHARS:
            shown = shown[:_SHOWN_CHARS] + "…"
        return f"row {self.row}, {self.column!r}: {shown!r} {self.message}"


@dataclass(frozen=True, slots=True)
class OrderLine:
    row: int  # spreadsheet row number, 1-based as Excel shows it (CSV: record number)
    cells: tuple[tuple[str, str], ...]  # (header, original value as text) for every column
    order_no: str
    line_no: str
    parties: tuple[Party, ...]
    description: str
    hs_code: str  # raw text; `screener.core.rules.hs.parse_hs` interprets it
    eccn: str
    quantity: str
    value: str
    currency: str
    destination: str  # raw text
    transit: tuple[str, ...]  # raw pieces of the routing column ("via Dubai, Istanbul")
    problems: tuple[CellProblem, ...] = ()
    order_date: str = ""  # ISO text when the cell was a date
    incoterm: str = ""


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """One field found in one column, and why (shown when the GUI asks the user to confirm)."""

    field: str  # "buyer", "hs_code", ...
    header: str  # the column's label (unique within the file)
    column: int  # 0-based column index
    confidence: float  # 0..1
    reason: str  # "header 'Ship-to Country' is a synonym of ship-to country"


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    matches: tuple[ColumnMatch, ...]
    missing: tuple[str, ...] = ()  # what screening needs but no column gives, in words

    # Below this a GUI should show the mapping to the user before screening.
    CONFIDENT = 0.85

    def as_dict(self) -> dict[str, str]:
        """field -> header, the form a saved profile and the run record hold."""
        return {m.field: m.header for m in self.matches}

    def get(self, field_name: str) -> ColumnMatch | None:
        return next((m for m in self.matches if m.field == field_name), None)

    @property
    def confidence(self) -> float:
        """The weakest link: 0 when something required is missing."""
        if self.missing or not self.matches:
            return 0.0
        return min(m.confidence for m in self.matches)

    @property
    def needs_review(self) -> bool:
        return self.confidence < self.CONFIDENT


@dataclass(frozen=True, slots=True)
class OrderFileInfo:
    """What `inspect_orders` found, for the mapping dialog and the run record."""

    path: str
    kind: str  # "xlsx" or "csv" (by content, whatever the extension says)
    sheets: tuple[str, ...]  # worksheet names; () for CSV
    sheet: str  # the sheet read; "" for CSV
    header_row: int  # 1-based
    headers: tuple[str, ...]  # unique labels, in column order
    signature: str  # key for saved mapping profiles
    mapping: ColumnMapping
    preview: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells) of the first lines
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only
    profile: str = ""  # name of the saved profile used, if any
    notes: tuple[str, ...] = field(default=())  # e.g. "decoded as Windows-1252"
