"""Party cells that hold two names ("X c/o Y"): each name is searched, the hit says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.names.party_names import names_in
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.orderlines import line, party

LISTED = "KOREA MINING DEVELOPMENT TRADING CORPORATION"  # on the UN list (DPRK regime)


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Global Trading LLC c/o Rosoboronexport", ("Global Trading LLC", "Rosoboronexport")),
        ("Rosoboronexport (formerly Promexport)", ("Rosoboronexport", "Promexport")),
        ("Caspian LLC on behalf of Sky Freight FZE", ("Caspian LLC", "Sky Freight FZE")),
        ("Attn: Rosoboronexport JSC", ("Rosoboronexport JSC",)),
        ("ABC Ltd / DEF GmbH", ("ABC Ltd", "DEF GmbH")),
        ("Alpha Trade (aka GTL)", ("Alpha Trade", "GTL")),
        ("ООО Ромашка через ООО Лютик", ("ООО Ромашка", "ООО Лютик")),
        ("Müller GmbH z. Hd. Herrn Ivanov", ("Müller GmbH", "Herrn Ivanov")),
        ("Rosoboronexport, 27 Stromynka St, Moscow 107076", ("Rosoboronexport",)),  # + address
        ("Sky Freight FZE, P.O. Box 1234, Sharjah", ("Sky Freight FZE",)),
        ("Sky Freight FZE\nWarehouse 12, Hamriyah", ("Sky Freight FZE",)),
        ("ABC Co., Ltd., Room 1201, Tower B", ("ABC Co., Ltd",)),
        (
            "Global Trading LLC c/o Rosoboronexport, Office 5, Moscow",
            ("Global Trading LLC c/o Rosoboronexport", "Global Trading LLC", "Rosoboronexport"),
        ),
    ],
)
def test_a_cell_naming_two_parties_gives_both(cell: str, names: tuple[str, ...]) -> None:
    assert names_in(cell) == names


@pytest.mark.parametrize(
    "cell",
    [
        "Acme GmbH",
        "Via Appia SRL",
        "Über Technologies",
        "Danske Maskiner A/S",
        "Antes Trading",
        "Shenzhen Huaxin Trading Co., Ltd",
        "Smith, John",
        "Joint Stock Company Mikron, Zelenograd",
    ],
)
def test_a_name_that_only_contains_such_a_word_is_one_name(cell: str) -> None:
    assert names_in(cell) == ()


def test_a_listed_party_behind_a_front_company_is_found(un_list: Path, home: Path) -> None:
    store = Store.open(home)
    assert [o.status.value for o in import_lists(store, [un_list])] == ["imported"]
    cell = f"Caspian Logistics FZE c/o {LISTED.title()}"
    lines = [line(2, (party("buyer", cell, "AE"),), "8471.50", "AE", description="goods")]
    summary = run_screening(screen_lines(store, lines, source=Source("o.xlsx", "0" * 64)))
    [stored] = runs.iter_lines(store, summary.run_id)
    assert stored.verdict == "block"
    best = runs.line_hits(store, stored.id)[0]
    assert best.entry_name == LISTED
    assert best.party_name == cell
    assert f"met by {LISTED.title()!r}, a name within the party's {cell!r}" in best.explanation


def test_an_officers_search_of_such_a_cell_finds_what_screening_finds(
    un_list: Path, home: Path
) -> None:
    from screener.core.names.grouped_search import search_entries

    store = Store.open(home)
    assert [o.status.value for o in import_lists(store, [un_list])] == ["imported"]
    cell = f"Caspian Logistics FZE c/o {LISTED.title()}"
    [group, *_] = search_entries(store, cell)
    assert group.name == LISTED
    assert "a name within the party's" in group.best.explanation
