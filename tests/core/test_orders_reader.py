"""Reading order files: header found below a banner, synonyms mapped, problems per row."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from screener.core.orders import OrdersFileError, read_orders
from tests.conftest import REPO


def test_example_orders_are_read_with_every_line_and_cell() -> None:
    lines = list(read_orders(REPO / "examples" / "orders.xlsx"))
    assert len(lines) >= 200  # the "Total" footer is not an order line
    first = lines[0]
    assert first.row == 4  # banner, blank row, header: data starts on spreadsheet row 4
    assert dict(first.cells)["Sold-to Party"] == first.parties[0].name
    assert {p.role for p in first.parties} >= {"buyer", "consignee"}
    assert all(line.destination for line in lines)


def test_csv_semicolon_cp1252_with_german_headers(tmp_path: Path) -> None:
    path = tmp_path / "auftraege.csv"
    path.write_bytes(
        "Auftrag;Kunde;Bestimmungsland;Zolltarifnummer;Warenbezeichnung\n"
        "A-1;Müller Präzision GmbH;Türkiye;85423100;Mikrocontroller\n"
        "A-2;;DE;8471.50;Rechner\n".encode("cp1252")
    )
    lines = list(read_orders(path))
    assert lines[0].parties[0].name == "Müller Präzision GmbH"
    assert lines[0].parties[0].country == "Türkiye"  # no own column: the destination
    assert lines[0].parties[0].country_from_destination
    assert lines[0].hs_code == "85423100"
    assert [str(p) for p in lines[1].problems] == [
        "row 3, 'parties': '' no buyer, consignee or end user"
    ]


def test_numeric_hs_cell_keeps_its_digits(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Customer", "Destination", "HS Code"])
    wb.active.append(["Acme", "US", 85423100])
    wb.active.append(["Acme", "US", 90121])
    wb.save(path)
    assert [ln.hs_code for ln in read_orders(path)] == ["85423100", "90121"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, "password-protected"),
        (b"PK\x03\x04garbage", "not a readable"),
        (b"just,some,words\n1,2,3\n", "no header row"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "orders.xlsx"
    path.write_bytes(content)
    with pytest.raises(OrdersFileError, match=message) as info:
        list(read_orders(path))
    assert str(path) in str(info.value)
