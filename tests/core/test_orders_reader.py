"""Reading order files: formats by content, encodings, hostile input, streaming, the examples."""

from __future__ import annotations

import codecs
import re
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from screener.core.orders import (
    MAX_CELL_CHARS,
    OrderLine,
    OrdersFileError,
    inspect_orders,
    read_orders,
    xlsx_rows,
)
from tests.conftest import REPO

HEADER = ["Order No.", "Customer", "Destination", "HS Code", "Description"]


def write_xlsx(path: Path, *rows: list[object], title: str = "Orders") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def rewrite_member(path: Path, member: str, change: object) -> None:
    """Rewrite one zip member (e.g. a sheet's XML) through `change(text) -> text`."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode()).encode()  # type: ignore[operator]
            zf.writestr(info.filename, data)


def lines(path: Path, **kw: object) -> list[OrderLine]:
    return list(read_orders(path, **kw))  # type: ignore[arg-type]


# ---------------------------------------------------------------- the examples


def test_example_xlsx_is_read_whole_below_its_banner() -> None:
    path = REPO / "examples" / "orders.xlsx"
    info = inspect_orders(path)
    assert (info.sheet, info.header_row) == ("Orders", 4)  # two banner rows and a blank above
    assert not info.mapping.needs_review
    assert info.mapping.confidence >= 0.95
    found = inspect_orders(path).mapping.as_dict()
    assert found["buyer"] == "Sold-to Party"
    assert found["hs_code"] == "HS Code"
    assert found["transit"] == "Routing/Transit"
    read = lines(path)
    assert 200 <= len(read) <= 260
    assert read[0].row == 5
    assert all(line.destination for line in read)  # from the ship-to country
    assert not any(line.order_no == "Total" for line in read)  # the footer is not a line
    assert all(len(line.cells) == len(info.headers) for line in read)  # Material, Unit Price ...
    assert {p.role for line in read for p in line.parties} >= {"buyer", "ship_to", "end_user"}
    hs = {line.hs_code for line in read}
    assert {"85423190", "90121", "85A2"} <= hs  # numbers as typed, no ".0"; junk kept
    assert any("Crimea" in p.address for line in read for p in line.parties)
    assert any(len(line.transit) == 2 for line in read)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", dict(ln.cells)["Order Date"]) for ln in read)


def test_example_csv_is_a_german_semicolon_cp1252_export() -> None:
    path = REPO / "examples" / "orders.csv"
    info = inspect_orders(path)
    assert (info.encoding, info.delimiter, info.mapping.needs_review) == ("cp1252", ";", False)
    read = lines(path)
    assert len(read) == 30
    consignee = next(p for p in read[0].parties if p.role == "consignee")
    assert consignee.name.startswith("Müller")  # "Warenempfänger", decoded from cp1252
    assert consignee.country_from_destination


# ---------------------------------------------------------------- xlsx values


def test_cells_come_as_excel_shows_them(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx",
        [*HEADER, "Date", "Export ok"],
        ["1", "Acme", "US", 85423100, "Chips", date(2026, 11, 2), True],
        ["2", "Acme", "US", 90121, "Coffee", None, False],
        ["3", "Acme", "US", "8542.31", 12.5, None, None],
    )
    read = lines(path)
    assert [ln.hs_code for ln in read] == ["85423100", "90121", "8542.31"]
    assert dict(read[0].cells)["Date"] == "2026-11-02"
    assert dict(read[0].cells)["Export ok"] == "TRUE"
    assert read[2].description == "12.5"


def _with_formula(tmp_path: Path, cached: str | None) -> Path:
    path = write_xlsx(tmp_path / "f.xlsx", HEADER, ["1", "Acme", "US", "=8542*10000+3100", "x"])
    value = f"<v>{cached}</v>" if cached is not None else ""

    def add_cache(xml: str) -> str:
        # openpyxl writes no cached value; Excel would. Put one in, as Excel saves it.
        cell = r'(<c r="D2"[^>]*>)<f>(.*?)</f>(<v\s*/>|<v></v>)?'
        return re.sub(cell, rf"\1<f>\2</f>{value}", xml)

    rewrite_member(path, "xl/worksheets/sheet1.xml", add_cache)
    return path


def test_formula_gives_its_cached_value(tmp_path: Path) -> None:
    (line,) = lines(_with_formula(tmp_path, "85423100"))
    assert line.hs_code == "85423100"
    assert not line.problems


def test_formula_without_cached_value_is_flagged_not_read_as_text(tmp_path: Path) -> None:
    (line,) = lines(_with_formula(tmp_path, None))
    assert line.hs_code == ""
    assert [str(p) for p in line.problems] == [
        "row 2, 'HS Code': is a formula Excel never calculated (no saved value)"
    ]


def test_sheet_without_header_is_passed_over_and_a_named_sheet_is_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active.append(["Order export, see next sheet"])
    for title, name in (("EU", "Alpha GmbH"), ("Asia", "Beta Ltd")):
        ws = wb.create_sheet(title)
        ws.append(HEADER)
        ws.append(["1", name, "DE", "8471.50", "Server"])
    wb.save(tmp_path / "s.xlsx")
    assert inspect_orders(tmp_path / "s.xlsx").sheets == ("Cover", "EU", "Asia")
    assert lines(tmp_path / "s.xlsx")[0].parties[0].name == "Alpha GmbH"
    assert lines(tmp_path / "s.xlsx", sheet="Asia")[0].parties[0].name == "Beta Ltd"
    with pytest.raises(OrdersFileError, match=r"no sheet 'Japan' \(sheets: Cover, EU, Asia\)"):
        lines(tmp_path / "s.xlsx", sheet="Japan")


def test_blank_rows_repeated_headers_and_total_are_not_lines(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx",
        HEADER,
        ["1", "Acme", "US", "8471.50", "Server"],
        [],
        HEADER,  # page 2 of a printed export
        ["2", "Beta", "JP", "8471.50", "Server"],
        ["Total", "", "", "", "2 lines"],
    )
    assert [(ln.row, ln.order_no) for ln in lines(path)] == [(2, "1"), (5, "2")]


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-8", "utf-16", "utf-16-le", "cp1252"], ids=str
)
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Kunde;Bestimmungsland;Zolltarifnummer\r\nMüller Präzision GmbH;Türkiye;8542 31\r\n"
    path = tmp_path / "o.csv"
    path.write_bytes(text.encode(encoding))
    (line,) = lines(path)
    assert (line.parties[0].name, line.destination, line.hs_code) == (
        "Müller Präzision GmbH",
        "Türkiye",
        "8542 31",
    )


def test_utf8_file_with_a_stray_cp1252_byte_keeps_both(tmp_path: Path) -> None:
    head = "Customer,Destination,HS Code\n" + "Acme Straße GmbH,DE,8471\n" * 5000
    path = tmp_path / "o.csv"
    path.write_bytes(head.encode() + "Café Müller,FR,8471\n".encode("cp1252"))
    read = lines(path)
    assert read[0].parties[0].name == "Acme Straße GmbH"
    assert read[-1].parties[0].name == "Café Müller"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=repr)
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    rows = [HEADER, ["1", "Acme, Inc.", "US", "8471.50", "Server; 2U"]]
    text = "\n".join(delimiter.join(f'"{c}"' if delimiter in c else c for c in r) for r in rows)
    path = tmp_path / "o.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (line,) = lines(path)
    assert (line.parties[0].name, line.description) == ("Acme, Inc.", "Server; 2U")


def test_ragged_rows_and_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_bytes(
        b"Order No.,Customer,Destination,HS Code\n"
        b"1,Ac\x00me,US\n"  # short row: no HS cell at all
        b"2,Beta,JP,8471.50,note beyond the header\n"
    )
    short, long = lines(path)
    assert short.parties[0].name == "Acme"
    assert dict(short.cells)["HS Code"] == ""
    assert long.cells[-1] == ("column E", "note beyond the header")  # kept for the record


def test_problems_are_per_row_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "Order No.,Customer,Destination,HS Code\n"
        "1,Acme,US,8471.50\n"
        "2,,US,8471.50\n"
        "3,Beta,,8471.50\n"
        "4,Gamma,JP,8471.50\n",
        encoding="utf-8",
    )
    read = lines(path)
    assert [ln.order_no for ln in read] == ["1", "2", "3", "4"]  # flagged, never dropped
    assert [[str(p) for p in ln.problems] for ln in read] == [
        [],
        ["row 3, 'Customer': empty: the line names no party"],
        ["row 4, 'Destination': empty: the line has no destination country"],
        [],
    ]


def test_giant_cell_is_cut_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(f"Customer,Destination,Description\nAcme,US,{'x' * 40_000}\n", encoding="utf-8")
    (line,) = lines(path)
    assert len(line.description) == len(dict(line.cells)["Description"]) == MAX_CELL_CHARS
    assert "is 40,000 characters long; cut to Excel's 32,767" in str(line.problems[0])


def test_giant_line_is_cut_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        f"Customer,Destination,Description\nAcme,US,{'x' * 1_000_000}\nBeta,JP,ok\n",
        encoding="utf-8",
    )
    first, second = lines(path)
    assert "too long to read whole" in str(first.problems[-1])
    assert (second.parties[0].name, second.description) == ("Beta", "ok")


@pytest.mark.slow  # tracemalloc makes it ~8 s; the reading alone is ~1 s
def test_streaming_100k_line_csv_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Order No.,Customer,Customer Country,Destination,HS Code,Description,Qty\n")
        for i in range(100_000):
            fh.write(f"SO-{i},Customer {i} Trading LLC,AE,AE,8542.31,Microcontrollers,{i}\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_orders(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < 16 * 2**20  # the file is ~8 MiB; holding its lines would take ~100 MiB


# ---------------------------------------------------------------- hostile and wrong files


def test_wrong_extensions_are_read_by_content(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "real.xlsx", HEADER, ["1", "Acme", "US", "8471.50", "x"])
    as_csv = tmp_path / "orders.csv"
    as_csv.write_bytes(xlsx.read_bytes())
    as_xlsx = tmp_path / "orders.xlsx"
    as_xlsx.write_text(",".join(HEADER) + "\n1,Acme,US,8471.50,x\n", encoding="utf-8")
    assert lines(as_csv)[0].parties[0].name == lines(as_xlsx)[0].parties[0].name == "Acme"


ENCRYPTED = (
    codecs.decode("D0CF11E0A1B11AE1", "hex") + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\r\n", "no data"),
        (ENCRYPTED, "password-protected"),
        (codecs.decode("D0CF11E0A1B11AE1", "hex") + b"\0" * 600, r"old Excel 97-2003 \(.xls\)"),
        (b"PK\x03\x04garbage", "damaged or truncated"),
        (b"%PDF-1.7\n", "a PDF"),
        (b"<html><table><tr><td>x</td></tr></table></html>", "XML/HTML export"),
        (bytes(range(256)) * 20, "binary content"),
        (b"just,some,words\n1,2,3\n", "no header row in the first 30 rows"),
    ],
    ids=["empty", "blank", "encrypted", "xls", "corrupt-zip", "pdf", "html", "binary", "no-hdr"],
)
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(content)
    with pytest.raises(OrdersFileError, match=message) as info:
        lines(path)
    assert str(path) in str(info.value)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document/>")
    with pytest.raises(OrdersFileError, match=r"OpenDocument \(.ods\) file, not an Excel"):
        lines(path)


def test_zip_bomb_is_refused_before_openpyxl_inflates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", HEADER, ["1", "Acme", "US", "8471.50", "x"])
    with zipfile.ZipFile(path, "a") as zf:  # text that would inflate past the (lowered) limit
        zf.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>x</t></si>" * 1_000 + "</sst>")
    monkeypatch.setattr(xlsx_rows, "MAX_SHARED_STRINGS_BYTES", 10_000)
    with pytest.raises(OrdersFileError, match="refused: the workbook would inflate"):
        lines(path)


def test_truncated_xlsx_is_a_clear_message(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", HEADER, ["1", "Acme", "US", "8471.50", "x"])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(OrdersFileError, match="damaged or truncated") as info:
        lines(path)
    assert str(path) in str(info.value)


def test_sheet_broken_half_way_fails_naming_the_row(tmp_path: Path) -> None:
    rows = [[str(i), f"Customer {i}", "US", "8471.50", "x"] for i in range(500)]
    path = write_xlsx(tmp_path / "o.xlsx", HEADER, *rows)
    rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    read: list[OrderLine] = []
    with pytest.raises(OrdersFileError, match=r"sheet 'Orders' is damaged after row \d+") as info:
        read.extend(read_orders(path))
    assert str(path) in str(info.value)
    assert len(read) > 100  # the lines before the damage were delivered
