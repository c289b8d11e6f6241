"""A party's tax, registration or IMO number matched with the identifiers the lists carry."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.names.identifiers import (
    id_key,
    identifiers_in_name,
    imo_valid,
    party_identifiers,
)
from screener.core.orders.mapping import detect_mapping
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.orderlines import line, party

LISTED_ID = "1-78-09-44621-80"  # a National Identification Number on the UN list
OTHER_ID = "1-78-09-44621-81"  # one digit off: nobody's


def test_identifier_columns_are_mapped_per_party() -> None:
    mapping = detect_mapping(
        ["Order", "Customer", "Tax ID", "Consignee", "Consignee VAT", "Customer No.", "IMO"]
    ).as_dict()
    assert mapping["buyer_identifier"] == "Tax ID"  # a bare identifier follows its party
    assert mapping["consignee_identifier"] == "Consignee VAT"
    assert "Customer No." not in mapping.values()  # an ERP's own number identifies nothing


def test_imo_and_mmsi_are_read_from_a_name_with_the_imo_check_digit() -> None:
    assert imo_valid("9074729")
    assert not imo_valid("9074728")
    assert identifiers_in_name("M/V OCEAN STAR IMO 9074729") == ("IMO 9074729",)
    assert identifiers_in_name("OCEAN STAR (IMO No. 9074728)") == ()  # not an IMO number
    assert identifiers_in_name("Sea Lark, MMSI: 273312345") == ("MMSI 273312345",)
    assert party_identifiers("Sea Lark IMO 9074729", "7707083893; LEI 5493001KJTIIGC8Y1R12") == (
        "7707083893",
        "LEI 5493001KJTIIGC8Y1R12",
        "IMO 9074729",
    )


def test_identifiers_compare_on_letters_and_digits_only() -> None:
    assert id_key("IMO 9074729") == id_key("9074729") == "9074729"
    assert id_key("1-78-09-44621-80") == id_key("1 78 09 44621\u200b80")  # invisible space
    assert id_key("A-12") == ""  # too short to name anyone


Party = party
Line = partial(line, hs_code="8471.50", destination="CD", description="goods")


@pytest.fixture
def store(un_list: Path, home: Path) -> Store:
    store = Store.open(home)
    un = un_list
    assert [o.status.value for o in import_lists(store, [un])] == ["imported"]
    return store


def test_a_listed_identifier_is_a_strong_hit_whatever_the_name(store: Store) -> None:
    lines = [
        Line(2, (Party("buyer", "Great Lakes Minerals Sarl", "CD", identifier=LISTED_ID),)),
        Line(
            3, (Party("buyer", "Great Lakes Minerals Sarl", "CD", identifier="1-78-09-44621-81"),)
        ),
    ]
    summary = run_screening(screen_lines(store, lines, source=Source("o.csv", "0" * 64)))
    by_row = {ln.row: ln for ln in runs.iter_lines(store, summary.run_id)}
    (hit,) = runs.line_hits(store, by_row[2].id)
    assert hit.entry_name == "BAUDOIN NGARUYE WA MYAMURO"
    assert hit.score >= 0.95
    assert f"identifier matches: {LISTED_ID}" in hit.explanation
    assert by_row[2].verdict == "block"
    assert runs.line_hits(store, by_row[3].id) == []  # one digit off: another identifier
