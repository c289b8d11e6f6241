"""What an order file is read into: raw rows of text cells, and the opened table they
stream from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_COLUMNS = 1_024  # wider rows are cut (and the cut reported): no ERP exports 1,024 columns

HEAD_BYTES = 64 * 1024


@dataclass(slots=True)
class RawRow:
    number: int  # 1-based row (xlsx) or record (CSV) number
    values: list[str]
    issues: dict[int, str] | None = None  # column index -> why the cell could not be read
    cut: bool = False  # the row was longer than we read
    dated: set[int] | None = None  # columns whose cell Excel holds as a date or time


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
