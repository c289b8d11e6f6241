"""Header detection on ERP layouts, synonyms with confidence, parties, transit, profiles."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.core.orders import (
    MappingProfile,
    MappingProfileError,
    OrdersFileError,
    detect_mapping,
    find_profile,
    header_rows,
    header_signature,
    inspect_orders,
    mapping,
    read_orders,
    save_profile,
    split_transit,
)


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


SAP = [
    ["SAP ERP | VA05 | Sales order lines"],
    ["Selection: sales org 1000"],
    [],
    ["Sales Document", "Item", "Sold-to party", "Ship-to party", "Ship-to Country",
     "Material Description", "Commodity Code", "Net value", "Curr."],
    ["4500012", "10", "Anadolu Dagitim", "Anadolu Dagitim", "TR", "CNC lathe", "8458.11",
     "125000", "EUR"],
]  # fmt: skip
NETSUITE = [
    ["Document Number", "Customer Name", "Ship To Country", "Item", "Harmonized Code",
     "Quantity", "Amount", "Currency", "End User Name", "End User Country"],
    ["SO-991", "Midwest Automation Inc", "United States", "MCU-32", "854231", "100", "4200",
     "USD", "Carolina Drives LLC", ""],
]  # fmt: skip
GERMAN = [
    ["Auftrag", "Kunde", "Warenempfänger", "Bestimmungsland", "Warenbezeichnung",
     "Zolltarifnummer", "Ausfuhrlistennummer", "Menge", "Währung", "Transitland"],
    ["A-1", "Müller GmbH", "Yerevan Components", "Armenien", "Spindel", "8466 93", "2B991",
     "2", "EUR", "GE"],
]  # fmt: skip
GENERIC = [
    ["Order #", "Customer No.", "Customer", "Country", "Consignee", "Country", "HS", "Descr."],
    ["1", "C-100", "Gulf Star FZE", "UAE", "Harbour Bright", "Hong Kong SAR", "8517.62", "Router"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "header_row", "expected"),
    [
        (SAP, 4, {"order_no": "Sales Document", "line_no": "Item", "buyer": "Sold-to party",
                  "ship_to": "Ship-to party", "ship_to_country": "Ship-to Country",
                  "description": "Material Description", "hs_code": "Commodity Code",
                  "value": "Net value", "currency": "Curr."}),
        (NETSUITE, 1, {"order_no": "Document Number", "buyer": "Customer Name",
                       "ship_to_country": "Ship To Country", "hs_code": "Harmonized Code",
                       "quantity": "Quantity", "value": "Amount", "currency": "Currency",
                       "end_user": "End User Name", "end_user_country": "End User Country"}),
        (GERMAN, 1, {"order_no": "Auftrag", "buyer": "Kunde", "consignee": "Warenempfänger",
                     "destination": "Bestimmungsland", "description": "Warenbezeichnung",
                     "hs_code": "Zolltarifnummer", "eccn": "Ausfuhrlistennummer",
                     "quantity": "Menge", "currency": "Währung", "transit": "Transitland"}),
        # a bare "Country" belongs to the party before it; "Customer No." is not a name
        (GENERIC, 1, {"order_no": "Order #", "buyer": "Customer", "buyer_country": "Country",
                      "consignee": "Consignee", "consignee_country": "Country (2)",
                      "hs_code": "HS"}),
    ],
    ids=["sap", "netsuite", "german", "generic"],
)  # fmt: skip
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_header_found_and_columns_mapped(
    tmp_path: Path, rows: list[list[str]], header_row: int, expected: dict[str, str], fmt: str
) -> None:
    path = tmp_path / f"orders.{fmt}"
    if fmt == "xlsx":
        write_xlsx(path, rows)  # type: ignore[arg-type]
    else:
        write_csv(path, rows, delimiter=";")
    info = inspect_orders(path)
    assert info.header_row == header_row
    assert {f: h for f, h in info.mapping.as_dict().items() if f in expected} == expected
    assert not info.mapping.needs_review
    assert info.preview[0][0] == header_row + 1
    (line,) = read_orders(path)
    assert line.parties
    assert line.destination
    assert line.hs_code


def test_parties_countries_and_destination_fallback(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "o.csv",
        [
            ["Customer", "Customer Country", "End User", "Destination", "HS Code"],
            ["Gulf Star FZE", "AE", "Ural Stanok", "Russia", "8457.10"],
        ],
    )
    (line,) = read_orders(path)
    buyer, end_user = line.parties
    assert (buyer.country, buyer.country_from_destination) == ("AE", False)
    assert (end_user.role, end_user.country, end_user.country_from_destination) == (
        "end_user",
        "Russia",
        True,
    )
    # no destination column: the ship-to country is where the goods go
    path = write_csv(
        tmp_path / "p.csv",
        [["Sold-to", "Sold-to Country", "Ship-to", "Ship-to Country", "HS"],
         ["Alpha AG", "CH", "Beta LLC", "KZ", "8471"]],
    )  # fmt: skip
    (line,) = read_orders(path)
    assert line.destination == "KZ"
    assert [(p.role, p.country) for p in line.parties] == [("buyer", "CH"), ("ship_to", "KZ")]


def test_unsure_mappings_ask_the_user() -> None:
    typo = detect_mapping(["Customer", "Destiantion", "HS Code"])
    assert typo.get("destination") is not None
    assert typo.needs_review  # a near spelling is a guess
    assert "looks like" in typo.get("destination").reason  # type: ignore[union-attr]
    no_party = detect_mapping(["Destination", "HS Code", "Description"])
    assert no_party.confidence == 0.0
    assert no_party.needs_review
    assert no_party.missing == ("a party name column (customer, consignee, end user ...)",)
    sure = detect_mapping(["Customer", "Destination", "HS Code"])
    assert sure.confidence == 1.0
    assert not sure.needs_review


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("AE; TR", ("AE", "TR")),
        ("via Dubai, Istanbul", ("Dubai", "Istanbul")),
        ("DE -> TR -> KZ", ("DE", "TR", "KZ")),
        ("Korea, Republic of / Hong Kong SAR", ("Korea, Republic of", "Hong Kong SAR")),
        ("Bosnia and Herzegovina", ("Bosnia and Herzegovina",)),
        ("", ()),
    ],
)
def test_transit_is_split_on_separators_keeping_text(text: str, pieces: tuple[str, ...]) -> None:
    assert split_transit(text) == pieces


ERP = [["Beleg", "Pos", "Partner", "Partnerland", "Ware", "Tarif"],
       ["1", "10", "Alpha AG", "CH", "Lathe", "8458.11"]]  # fmt: skip
CHOICE = {
    "order_no": "Beleg",
    "buyer": "Partner",
    "buyer_country": "Partnerland",
    "description": "Ware",
    "hs_code": "Tarif",
}


def test_profile_saved_for_a_layout_is_used_next_time(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ERP)
    first = inspect_orders(path, profiles=tmp_path / "profiles")
    assert first.mapping.needs_review
    assert not first.profile
    profile = MappingProfile("Our ERP", first.signature, tuple(CHOICE.items()))
    saved = save_profile(tmp_path / "profiles", profile)
    assert MappingProfile.load(saved) == profile
    again = write_csv(tmp_path / "next-week.csv", [[h.upper() for h in ERP[0]], ERP[1]])
    info = inspect_orders(again, profiles=tmp_path / "profiles")
    assert info.signature == first.signature  # case and spacing do not change the layout
    assert info.profile == "Our ERP"
    assert not info.mapping.needs_review
    assert find_profile(tmp_path / "profiles", info.signature) == profile
    (line,) = read_orders(again, mapping=profile)
    assert (line.parties[0].name, line.parties[0].country, line.hs_code) == (
        "Alpha AG",
        "CH",
        "8458.11",
    )


def test_plain_field_to_header_json_and_broken_profiles(tmp_path: Path) -> None:
    assert MappingProfile.from_json('{"buyer": "Partner"}').as_dict() == {"buyer": "Partner"}
    bad = tmp_path / "p.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(MappingProfileError, match=f"{bad}: not valid JSON"):
        MappingProfile.load(bad)
    with pytest.raises(MappingProfileError, match="unknown field"):
        MappingProfile.from_json('{"columns": {"buyr": "Partner"}, "signature": "x"}')


def test_user_mapping_naming_a_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ERP)
    with pytest.raises(OrdersFileError, match=r"header row 1: no column 'Land' for buyer"):
        list(read_orders(path, mapping={"buyer": "Partner", "buyer_country": "Land"}))
    with pytest.raises(OrdersFileError, match="none of the mapping's columns"):
        list(read_orders(path, mapping={"buyer": "Kunde"}))


def test_signature_ignores_case_spacing_and_trailing_blanks() -> None:
    assert header_signature(["Order No.", "Customer", ""]) == header_signature(
        ["order no", "  CUSTOMER "]
    )
    assert header_signature(["Customer", "HS"]) != header_signature(["HS", "Customer"])


# Header rows as ERPs export them in other languages (order, customer, destination, HS code,
# description, quantity), with one data row each.
FOREIGN_HEADERS = {
    "nl": ["Ordernummer", "Klant", "Land van bestemming", "GN-code", "Omschrijving", "Aantal"],
    "it": [
        "N. ordine",
        "Cliente",
        "Paese di destinazione",
        "Codice doganale",
        "Descrizione",
        "Quantità",
    ],
    "pl": ["Numer zamówienia", "Klient", "Kraj przeznaczenia", "Kod CN", "Opis towaru", "Ilość"],
    "tr": ["Sipariş No", "Müşteri", "Varış Ülkesi", "GTİP", "Ürün Açıklaması", "Miktar"],
    "ru": [
        "Номер заказа",
        "Покупатель",
        "Страна назначения",
        "Код ТН ВЭД",
        "Описание товара",
        "Количество",
    ],
    "de": [
        "Belegnummer",
        "Auftraggeber",
        "Endverbleib",
        "Warentarifnummer",
        "Beschreibung",
        "Menge",
    ],
    "ja": ["注文番号", "顧客", "仕向国", "HSコード", "品名", "数量"],
    "zh": ["订单号", "客户", "目的国", "HS编码", "货物描述", "数量"],
}


@pytest.mark.parametrize(
    ("headers", "country"),
    [
        (["Sipariş No", "Müşteri", "Ülke"], "Ülke"),  # generic words keyed as headers are
        (["Objednávka", "Zákazník", "Země"], "Země"),  # accents folded
        (["Ordine", "Cliente", "Nazione"], "Nazione"),
    ],
)
def test_a_bare_country_column_after_the_customer_in_any_language_is_its_country(
    headers: list[str], country: str
) -> None:
    assert detect_mapping(headers).as_dict()["buyer_country"] == country


@pytest.mark.parametrize("language", sorted(FOREIGN_HEADERS))
def test_headers_in_other_languages_and_scripts_are_mapped(tmp_path: Path, language: str) -> None:
    headers = FOREIGN_HEADERS[language]
    path = write_csv(
        tmp_path / f"{language}.csv",
        [headers, ["SO-1", "Acme Trading", "KZ", "8542.31", "microcontrollers", "10"]],
    )
    info = inspect_orders(path)
    fields = ("order_no", "buyer", "destination", "hs_code", "description", "quantity")
    assert info.mapping.as_dict() == dict(zip(fields, headers, strict=True))
    assert not info.mapping.needs_review
    [line] = list(read_orders(path, mapping=info.mapping.as_dict()))
    assert (line.destination, line.hs_code) == ("KZ", "8542.31")


def test_layouts_in_other_scripts_have_their_own_signatures() -> None:
    assert header_signature(FOREIGN_HEADERS["ru"]) != header_signature(FOREIGN_HEADERS["zh"])
    assert header_signature(["Номер заказа"]) != header_signature(["Заказ"])


_WORDS = sorted({w for syn in mapping._BY_SYNONYM for w in syn.split()} | {"SO-4500123", "12.5"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=0, max_size=4).map(" ".join),
        min_size=2,
        max_size=12,
    )
)
def test_the_header_search_skips_only_rows_that_cannot_win(values: list[str]) -> None:
    """find_header passes over a row whose bound is below the best so far: the bound must
    never be below what the row would score."""
    headers = mapping.unique_headers(values)
    assert mapping.score_bound(headers) >= header_rows.header_score(mapping.detect_mapping(headers))


def test_a_header_on_two_rows_reads_each_column_under_its_group(tmp_path: Path) -> None:
    # Excel reports group columns under a merged label: "Ship-to" over "Name" and "Country".
    path = write_xlsx(
        tmp_path / "grouped.xlsx",
        [
            ["Order", "Sold-to", None, "Ship-to", None, "Goods", None],
            [None, "Name", "Country", "Name", "Country", "Description", "HS Code"],
            ["O1", "Acme GmbH", "DE", "Kama Trading LLC", "KZ", "FPGA", "8542.39"],
        ],
    )
    info = inspect_orders(path)
    assert info.mapping.as_dict() == {
        "order_no": "Order",
        "buyer": "Sold-to Name",
        "buyer_country": "Sold-to Country",
        "ship_to": "Ship-to Name",
        "ship_to_country": "Ship-to Country",
        "description": "Goods Description",
        "hs_code": "Goods HS Code",
    }
    [line] = list(read_orders(path, mapping=info.mapping.as_dict()))
    assert [(p.role, p.name, p.country) for p in line.parties] == [
        ("buyer", "Acme GmbH", "DE"),
        ("ship_to", "Kama Trading LLC", "KZ"),
    ]
    assert line.hs_code == "8542.39"


def test_a_one_row_header_over_data_with_gaps_stays_one_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "gaps.xlsx",
        [
            ["Order", "Customer", "Country", "Description", "HS Code"],
            ["O1", "Acme GmbH", None, "Pump", "8413.50"],
            ["O2", None, "DE", "Valve", "8481.80"],
        ],
    )
    assert inspect_orders(path).mapping.as_dict()["buyer"] == "Customer"
    assert len(list(read_orders(path))) == 2
