"""Order lines out of an order file: find the header row, map the columns, build the lines.

info = inspect_orders(path)          # for the mapping dialog: header, mapping, preview
for line in read_orders(path): ...   # streamed: constant memory on 100,000 lines
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from screener.core.orders.grouped_header import grouped_labels
from screener.core.orders.header_rows import find_header_rows
from screener.core.orders.lines import LineBuilder
from screener.core.orders.mapping import (
    HEADER_SCAN_ROWS,
    detect_mapping,
    mapping_from_dict,
    unique_headers,
)
from screener.core.orders.model import (
    ColumnMapping,
    OrderFileInfo,
    OrderLine,
    OrdersFileError,
)
from screener.core.orders.profiles import (
    MappingProfile,
    ProfileSource,
    find_profile,
    header_signature,
)
from screener.core.orders.raw import RawRow, Table
from screener.core.orders.tables import open_table

# ---------------------------------------------------------------- order lines


@dataclass(slots=True)
class _Opened:
    table: Table
    header_row: int
    headers: tuple[str, ...]
    mapping: ColumnMapping
    rest: list[RawRow]
    profile: str = ""


def _find_header(
    path: Path,
    table: Table,
    mapping: Mapping[str, str] | None,
    profiles: Path | ProfileSource | None,
    guess: bool,
) -> _Opened | None:
    """The header in the first rows: a saved profile's, the user's, or the most header-like.

    With `guess`, an unrecognised layout still gives its first row of two or more cells, so
    the mapping dialog can open on it.
    """
    head: list[RawRow] = []
    for raw in table.rows:
        head.append(raw)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    if mapping is not None:
        return _header_for_user_mapping(path, table, head, mapping)
    if profiles is not None:
        for index, raw in enumerate(head):
            headers = unique_headers(raw.values)
            profile = find_profile(profiles, header_signature(headers))
            if profile is None:
                continue
            with contextlib.suppress(KeyError):  # a stale profile: detect instead
                columns = mapping_from_dict(headers, profile.as_dict())
                rest = head[index + 1 :]
                name = profile.name or profile.signature
                return _Opened(table, raw.number, headers, columns, rest, name)
    found = find_header_rows([r.values for r in head])
    if found is not None:
        index, headers, columns = found
    elif guess:
        index = next((i for i, r in enumerate(head) if sum(map(bool, r.values)) >= 2), -1)
        if index < 0:
            return None
        headers = unique_headers(head[index].values)
        columns = detect_mapping(headers)
    else:
        return None
    return _Opened(table, head[index].number, headers, columns, head[index + 1 :])


def _header_for_user_mapping(
    path: Path, table: Table, head: list[RawRow], mapping: Mapping[str, str]
) -> _Opened:
    wanted = {h.lower() for h in mapping.values()}
    best: tuple[int, int, tuple[str, ...]] | None = None  # (headers found, index, headers)
    for index, raw in enumerate(head):
        grouped = grouped_labels(head[index - 1].values, raw.values) if index else None
        for headers in (unique_headers(raw.values), unique_headers(grouped or ())):
            found = len(wanted & {h.lower() for h in headers})
            if found and (best is None or found > best[0]):
                best = (found, index, headers)
    if best is None:
        raise OrdersFileError(
            f"{path}: none of the mapping's columns ({', '.join(map(repr, mapping.values()))}) "
            f"is in the first {HEADER_SCAN_ROWS} rows"
        )
    raw, headers = head[best[1]], best[2]
    try:
        columns = mapping_from_dict(headers, mapping)
    except KeyError as exc:
        raise OrdersFileError(f"{path}: header row {raw.number}: {exc.args[0]}") from exc
    return _Opened(table, raw.number, headers, columns, head[best[1] + 1 :])


def _open_orders(
    path: Path,
    sheet: str | None,
    mapping: Mapping[str, str] | None,
    *,
    profiles: Path | ProfileSource | None = None,
    guess: bool = False,
) -> _Opened:
    """Open the file and find the header; without a sheet, the first sheet that has one."""
    index = 0
    while True:
        table = open_table(path, sheet=sheet, sheet_index=index)
        try:
            found = _find_header(path, table, mapping, profiles, guess)
        except BaseException:
            table.close()
            raise
        if found is not None:
            return found
        table.close()
        index += 1
        if sheet is not None or index >= table.candidates:
            where = f"sheet {table.sheet!r}" if sheet is not None else "any sheet"
            if table.kind == "csv":
                where = "the file"
            raise OrdersFileError(
                f"{path}: no header row in the first {HEADER_SCAN_ROWS} rows of {where}; "
                "expected columns such as Customer, Ship-to Country, HS Code"
            )


def read_orders(
    path: Path | str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | MappingProfile | None = None,
) -> Iterator[OrderLine]:
    """Order lines in file order, streamed in constant memory.

    Blank rows, repeated header rows and a "Total" footer are skipped; every other row is a
    line, and what is wrong with it is in `OrderLine.problems`. `mapping` (field -> header,
    or a saved profile) replaces detection. Unreadable files raise `OrdersFileError`.
    """
    path = Path(path)
    if isinstance(mapping, MappingProfile):
        sheet = sheet or mapping.sheet or None
        mapping = mapping.as_dict()
    opened = _open_orders(path, sheet, mapping)
    builder = LineBuilder(opened.headers, opened.mapping)
    try:
        for raw in itertools.chain(opened.rest, opened.table.rows):
            if not raw.issues and not any(v.strip() for v in raw.values):
                continue
            if builder.is_repeated_header(raw.values) or builder.is_total(raw.values):
                continue
            yield builder.build(raw.number, raw.values, raw.issues, raw.cut, dated=raw.dated)
    finally:
        opened.table.close()


def inspect_orders(
    path: Path | str,
    *,
    sheet: str | None = None,
    profiles: Path | ProfileSource | None = None,
    preview_lines: int = 20,
) -> OrderFileInfo:
    """What the mapping dialog shows: sheets, header row, detected mapping, first lines.

    With `profiles` (the record's `ProfileBook`, or a folder of profile files), a profile saved
    for this header layout is used instead of detection, at full confidence. An unrecognised
    layout still gives its first row as the header, with a mapping that `needs_review`.
    """
    path = Path(path)
    opened = _open_orders(path, sheet, None, profiles=profiles, guess=True)
    try:
        preview: list[tuple[int, tuple[str, ...]]] = []
        width = len(opened.headers)
        for raw in itertools.chain(opened.rest, opened.table.rows):
            if len(preview) >= preview_lines:
                break
            if any(v.strip() for v in raw.values):
                values = [v[:200] for v in raw.values[:width]]
                preview.append((raw.number, tuple(values + [""] * (width - len(values)))))
        return OrderFileInfo(
            path=str(path),
            kind=opened.table.kind,
            sheets=opened.table.sheets,
            sheet=opened.table.sheet,
            header_row=opened.header_row,
            headers=opened.headers,
            signature=header_signature(opened.headers),
            mapping=opened.mapping,
            preview=tuple(preview),
            encoding=opened.table.encoding,
            delimiter=opened.table.delimiter,
            profile=opened.profile,
            notes=opened.table.notes,
        )
    finally:
        opened.table.close()
