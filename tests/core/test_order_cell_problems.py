"""HS codes and countries the policy cannot read are reported by row and column, not dropped."""

from __future__ import annotations

from pathlib import Path

from screener.core.orders import read_orders

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEADER = "Order No;Customer;Customer Country;Ship-to Country;HS Code;Transit\n"


def _lines(tmp_path: Path, body: str) -> list:
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return list(read_orders(path))


def test_a_malformed_hs_code_names_row_column_and_value(tmp_path: Path) -> None:
    lines = _lines(tmp_path, "A1;Acme GmbH;DE;IN;85A2;\nA2;Acme GmbH;DE;IN;8542.31;\n")
    assert [str(p) for p in lines[0].problems] == [
        "row 2, 'HS Code': '85A2' is not an HS code (contains 'A'; an HS code has only digits,"
        " dots and spaces): the goods cannot be checked against the CHPL"
    ]
    assert lines[1].problems == ()  # a good line next to it stays clean


def test_placeholders_and_missing_hs_are_not_the_same_problem(tmp_path: Path) -> None:
    tbd, empty = _lines(tmp_path, "A1;Acme GmbH;DE;IN;tbd;\nA2;Acme GmbH;DE;IN;;\n")
    assert "'tbd' is not an HS code (has no digits)" in str(tbd.problems[0])
    # A missing code is a goods finding of the verdict, not an unreadable cell.
    assert empty.problems == ()


def test_unknown_countries_are_named_per_cell_and_transit_piece(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, "A1;Acme GmbH;Atlantis;Österreich;8542.31;AE / Narnia\n")
    shown = [str(p) for p in line.problems]
    assert shown == [
        "row 2, 'Customer Country': 'Atlantis' is not a country Screener recognises:"
        " check it by hand",
        "row 2, 'Transit': 'AE / Narnia' names 'Narnia', which is not a country Screener"
        " recognises: check by hand",
    ]


def test_german_erp_export_country_names_resolve() -> None:
    example = EXAMPLES / "orders.csv"
    problems = [p for line in read_orders(example) for p in line.problems]
    assert not [p for p in problems if "country" in p.message], problems


def test_an_eccn_that_is_no_classification_is_named(tmp_path: Path) -> None:
    path = tmp_path / "eccn.csv"
    path.write_text(
        "Order No;Customer;Ship-to Country;HS Code;ECCN\n"
        "A1;Acme GmbH;IN;8471.50;4A003.b\n"
        "A2;Acme GmbH;IN;8471.50;NLR\n"
        "A3;Acme GmbH;IN;8471.50;n/a\n",
        encoding="utf-8",
    )
    good, nlr, placeholder = read_orders(path)
    assert good.eccn == "4A003.b"
    assert good.problems == placeholder.problems == ()
    assert [str(p) for p in nlr.problems] == [
        "row 3, 'ECCN': 'NLR' is not an export control classification ('NLR' is a licence"
        " determination, not a classification)"
    ]


def test_cells_past_the_last_header_are_flagged_not_dropped(tmp_path: Path) -> None:
    (shifted, tail) = _lines(
        tmp_path, "A1;Acme GmbH;DE;IN;8542.31;;extra;more\nA2;Acme GmbH;DE;IN;8542.31;;;\n"
    )
    assert [str(p) for p in shifted.problems] == [
        "row 2, 'column G': 'extra' is in a column without a header (2 cells past the last"
        " one): check the row is not shifted"
    ]
    assert ("column H", "more") in shifted.cells  # the original value stays in the record
    assert tail.problems == ()  # an empty ragged tail is no problem


def test_an_hs_code_excel_turned_into_a_date_is_named_not_read_as_a_code(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Order No", "Customer", "Ship-to Country", "HS Code", "Order Date"])
    # 2024-05-01 would otherwise read as HS 2024.05.01 (chapter 20, vegetables).
    book.active.append(["A1", "Acme GmbH", "IN", datetime.date(2024, 5, 1), "2026-11-30"])
    book.active.append(["A2", "Acme GmbH", "IN", "8542.31", datetime.date(2026, 11, 30)])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    dated, fine = read_orders(path)
    assert [str(p) for p in dated.problems] == [
        "row 2, 'HS Code': '2024-05-01' is a date in Excel, not an HS code: retype it as text"
    ]
    assert dated.hs_code == ""  # screened as a line without a code: goods not cleared
    assert fine.problems == ()  # a date where a date belongs is no problem
    assert fine.order_date == "2026-11-30"


def test_placeholders_are_empty_cells_but_country_codes_stay_countries(tmp_path: Path) -> None:
    body = (
        "A1;Acme GmbH;N/A;IN;8542.31;-\n"  # no country given: the destination's
        "A2;N/A;NA;NO;8542.31;\n"  # Namibia and Norway; no party
        "A3;Acme GmbH;NA;NO;8542.31;\n"
    )
    first, second, third = _lines(tmp_path, body)
    assert [(p.name, p.country) for p in third.parties] == [("Acme GmbH", "NA")]
    assert first.problems == ()
    assert [(p.name, p.country) for p in first.parties] == [("Acme GmbH", "IN")]
    assert first.transit == ()
    assert second.parties == ()  # "N/A" is not screened as a name
    assert second.destination == "NO"
    assert [str(p) for p in second.problems] == [
        "row 3, 'Customer': empty: the line names no party"
    ]
