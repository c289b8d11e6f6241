"""Order workbooks in: find the header row, map columns by synonyms, stream the lines.

Every original cell is kept (as text) for the record. Problems are reported per row and column
and the line is still returned, flagged, so nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.importers._common import OLE2_MAGIC, ZIP_MAGIC, check_zip_bomb

MAX_CELL_CHARS = 32_767  # Excel's own limit
HEADER_SCAN_ROWS = 30

# field -> header synonyms (compared after lower-casing and dropping punctuation)
FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": (
        "order no",
        "order",
        "order number",
        "sales order",
        "so",
        "auftrag",
        "auftragsnummer",
        "po number",
        "document",
    ),
    "line_no": ("line", "line no", "item", "position", "pos", "line number"),
    "buyer": (
        "buyer",
        "customer",
        "customer name",
        "sold to",
        "sold to party",
        "kunde",
        "client",
        "bill to",
    ),
    "buyer_country": ("buyer country", "customer country", "sold to country", "land kunde"),
    "consignee": (
        "consignee",
        "ship to",
        "ship to party",
        "ship to name",
        "warenempfanger",
        "deliver to",
    ),
    "consignee_country": ("consignee country", "ship to country", "delivery country"),
    "end_user": ("end user", "enduser", "end user name", "endverwender", "ultimate consignee"),
    "end_user_country": ("end user country", "enduser country", "end user ctry"),
    "intermediate": ("intermediate consignee", "intermediate", "forwarder", "freight forwarder"),
    "intermediate_country": ("intermediate country", "intermediate consignee country"),
    "destination": (
        "destination",
        "destination country",
        "country of destination",
        "bestimmungsland",
        "country",
        "ship to ctry",
    ),
    "description": (
        "description",
        "material description",
        "goods description",
        "item description",
        "product",
        "warenbezeichnung",
    ),
    "hs_code": (
        "hs code",
        "hs",
        "commodity code",
        "tariff code",
        "hts",
        "harmonized code",
        "customs tariff",
        "zolltarifnummer",
        "cn code",
        "taric",
    ),
    "eccn": ("eccn", "export classification", "ausfuhrlistennummer"),
    "quantity": ("quantity", "qty", "menge"),
    "value": ("value", "amount", "net value", "line value", "wert", "unit price", "price"),
    "currency": ("currency", "curr", "wahrung"),
    "transit": ("transit", "routing", "via", "transit countries", "route", "transshipment"),
}
PARTY_FIELDS = (
    ("buyer", "buyer_country"),
    ("consignee", "consignee_country"),
    ("end_user", "end_user_country"),
    ("intermediate", "intermediate_country"),
)


class OrdersFileError(ScreenerError):
    pass


@dataclass(frozen=True, slots=True)
class Party:
    role: str
    name: str
    country: str
    country_from_destination: bool = False
    address: str = ""


@dataclass(frozen=True, slots=True)
class CellProblem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column!r}: {self.value!r} {self.message}"


@dataclass(frozen=True, slots=True)
class OrderLine:
    row: int
    cells: tuple[tuple[str, str], ...]
    order_no: str
    line_no: str
    parties: tuple[Party, ...]
    description: str
    hs_code: str
    eccn: str
    quantity: str
    value: str
    currency: str
    destination: str
    transit: tuple[str, ...]
    problems: tuple[CellProblem, ...]


def _key(text: str) -> str:
    text = text.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def detect_mapping(headers: list[str]) -> dict[str, str]:
    """field -> header, choosing exact synonym matches first, then headers containing one."""
    mapping: dict[str, str] = {}
    keys = {h: _key(h) for h in headers if h}
    for exact in (True, False):
        for field, synonyms in FIELDS.items():
            if field in mapping:
                continue
            for header, key in keys.items():
                if header in mapping.values():
                    continue
                if (key in synonyms) if exact else any(s in key and len(s) > 3 for s in synonyms):
                    mapping[field] = header
                    break
    return mapping


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an HS code typed as a number: 85423100, not 85423100.0
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\x00", "").strip()


def _rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise OrdersFileError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not head:
        raise OrdersFileError(f"{path}: file is empty")
    if head.startswith(OLE2_MAGIC):
        raise OrdersFileError(
            f"{path}: password-protected (encrypted) workbook or old .xls; "
            "save it unprotected as .xlsx or .csv"
        )
    if head.startswith(ZIP_MAGIC):
        yield from _xlsx_rows(path, sheet)
    else:
        yield from _csv_rows(path)


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    try:
        check_zip_bomb(path)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except ScreenerError as exc:
        raise OrdersFileError(str(exc)) from exc
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise OrdersFileError(f"{path}: not a readable workbook ({exc})") from exc
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise OrdersFileError(
                f"{path}: no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})"
            )
        ws = wb[sheet] if sheet else wb.worksheets[0]
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, [_text(v) for v in values]
    finally:
        wb.close()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # Excel's "CSV" on Windows is cp1252
            text = raw.decode("cp1252", errors="replace")
    text = text.replace("\x00", "")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            yield number, [c.strip() for c in row]
    except csv.Error as exc:
        raise OrdersFileError(f"{path}: unreadable CSV ({exc})") from exc


def read_orders(
    path: Path, *, sheet: str | None = None, mapping: Mapping[str, str] | None = None
) -> Iterator[OrderLine]:
    """Order lines in file order; header found in the first rows, columns mapped by synonyms."""
    rows = _rows(Path(path), sheet)
    header: list[str] | None = None
    found: dict[str, str] = {}
    for number, values in rows:
        candidate = dict(mapping) if mapping else detect_mapping(values)
        if {"hs_code", "destination"} & candidate.keys() and {
            "buyer",
            "consignee",
            "end_user",
        } & candidate.keys():
            header, found = values, candidate
            break
        if number >= HEADER_SCAN_ROWS:
            break
    if header is None:
        raise OrdersFileError(
            f"{path}: no header row in the first {HEADER_SCAN_ROWS} rows "
            "(need a party column and an HS code or destination column)"
        )
    index = {h: i for i, h in enumerate(header) if h}
    for number, values in rows:
        if not any(values):
            continue
        cells = tuple(
            (h or f"column {i + 1}", values[i] if i < len(values) else "")
            for i, h in enumerate(header)
        )
        get = {f: (values[index[h]] if index[h] < len(values) else "") for f, h in found.items()}
        if get.get("order_no", "").lower().startswith("total"):
            continue
        yield _line(number, cells, get, found)


def _line(
    number: int, cells: tuple[tuple[str, str], ...], get: dict[str, str], found: dict[str, str]
) -> OrderLine:
    problems = [
        CellProblem(number, h, v[:40] + "…", f"is longer than {MAX_CELL_CHARS} characters")
        for h, v in cells
        if len(v) > MAX_CELL_CHARS
    ]
    destination = get.get("destination", "")
    parties = []
    for role, country_field in PARTY_FIELDS:
        name = get.get(role, "")
        if name:
            own = get.get(country_field, "")
            parties.append(Party(role, name[:MAX_CELL_CHARS], own or destination, not own))
    if not parties:
        problems.append(CellProblem(number, "parties", "", "no buyer, consignee or end user"))
    if not destination:
        problems.append(
            CellProblem(
                number,
                found.get("destination", "Destination"),
                "",
                "is empty: no destination country",
            )
        )
    transit = tuple(
        t.strip() for t in re.split(r"[;,/|]|\bvia\b", get.get("transit", "")) if t.strip()
    )
    return OrderLine(
        row=number,
        cells=cells,
        order_no=get.get("order_no", ""),
        line_no=get.get("line_no", ""),
        parties=tuple(parties),
        description=get.get("description", ""),
        hs_code=get.get("hs_code", ""),
        eccn=get.get("eccn", ""),
        quantity=get.get("quantity", ""),
        value=get.get("value", ""),
        currency=get.get("currency", ""),
        destination=destination,
        transit=transit,
        problems=tuple(problems),
    )
