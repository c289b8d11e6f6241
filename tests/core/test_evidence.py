"""The whole listed entry behind a hit, with what agrees or conflicts with the order party;
search results grouped per listed party, filtered, and found by address or identifier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
)
from screener.core.evidence.listed_entry import (
    Outcome,
    PartyFacts,
    entry_evidence,
    hit_evidence,
    line_evidence,
    publisher_page,
)
from screener.core.names.grouped_search import SearchFilters, search_entries
from screener.core.record import runs
from screener.core.record.database.store import Store


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


PETROV = Entry(
    entry_id="40001",
    type=EntityType.PERSON,
    name="Ivan PETROV",
    aliases=(Alias("Ivan PETROFF", AliasQuality.WEAK), Alias("Иван Петров", kind="non-latin")),
    countries=("Russia",),
    addresses=(Address("12 Tverskaya St, Moscow 125009", "Russia"),),
    programs=("RUSSIA-EO14024",),
    identifiers=(Identifier("Passport", "71 1234567", "Russia"),),
    dates_of_birth=("1961-04-12",),
    remarks="DOB 12 Apr 1961; POB Tula, Russia; nationality Russia",
    listed_on="2022-03-11",
)
KALASH = Entry(
    entry_id="40002",
    type=EntityType.ORGANIZATION,
    name="KONTSERN KALASHNIKOV AO",
    aliases=(Alias("Concern Kalashnikov"),),
    countries=("Russia",),
    addresses=(Address("Vadima Sivkova 2, Izhevsk", "Russia"),),
    programs=("UKRAINE-EO13662", "RUSSIA-EO14024"),
    identifiers=(Identifier("Tax ID No.", "1832090230", "Russia"),),
)


def _list(store: Store, source: str, *entries: Entry, sub: str = "") -> None:
    store.add_list_version(
        ParsedList(
            source=source,
            title=f"{source} test list",
            format="test",
            published=date(2026, 1, 1),
            published_basis="file header",
            files=(Path(f"{source}.xml"),),
            entries=[Entry(**{**_fields(e), "sub_source": sub}) for e in entries],
        ),
        sha256=(source + sub).ljust(64, "0")[:64],
        size=1,
    )


def _fields(e: Entry) -> dict[str, object]:
    return {name: getattr(e, name) for name in Entry.__slots__}


@pytest.fixture
def store(home: Path) -> Store:
    store = Store.open(home)
    _list(store, "ofac_sdn", PETROV, KALASH)
    _list(store, "us_csl", PETROV, KALASH, sub="SDN")
    _list(store, "un_sc", Entry(entry_id="KPe.001", type=EntityType.ORGANIZATION,
                                name="Korea Mining Development Trading Corporation",
                                addresses=(Address("Central District, Pyongyang", "DPRK"),),
                                programs=("DPRK",)))  # fmt: skip
    return store


def _hit_line(store: Store, party: dict[str, object], matched: str) -> int:
    run_id = runs.start_run(
        store,
        runs.RunInfo("orders.xlsx", "f" * 64, "Orders", {}, "t", "t", (1,)),
    )
    rowid, hash_ = store.db.conn.execute(
        "SELECT id, content_hash FROM list_entries WHERE entry_id = '40002' ORDER BY id"
    ).fetchone()
    hit = runs.HitRecord(str(party["role"]), str(party["name"]), str(party["country"]),
                         "ofac_sdn", "", 1, rowid, "40002", KALASH.name, hash_, matched,
                         KALASH.programs, 0.81, "81%")  # fmt: skip
    line = runs.LineRecord(14, (), "4500033", "10", (party,), "rifles", "9301", "RU", (), (),
                           "block", ("hit",), (), (hit,))  # fmt: skip
    runs.add_lines(store, run_id, [line])
    return int(store.db.conn.execute("SELECT max(id) FROM hits").fetchone()[0])


def test_hit_evidence_shows_the_whole_entry_and_marks_agreement_and_conflict(
    store: Store,
) -> None:
    party = {"role": "end_user", "name": "Concern Kalashnikov", "country": "Germany",
             "identifiers": ["1832090230"]}  # fmt: skip
    hit_id = _hit_line(store, party, "Concern Kalashnikov")
    ev = hit_evidence(store, hit_id)
    line_id = store.db.conn.execute("SELECT line_id FROM hits WHERE id = ?", [hit_id]).fetchone()
    assert line_evidence(store, line_id[0]) == [(hit_id, ev)]
    assert ev.list_version == "ofac_sdn 2026-01-01"
    assert ev.entry_id == "40002"
    assert [(n.name, n.kind, n.matched) for n in ev.names] == [
        ("KONTSERN KALASHNIKOV AO", "primary", False),
        ("Concern Kalashnikov", "aka", True),
    ]
    assert ev.addresses == KALASH.addresses
    assert ev.identifiers == KALASH.identifiers
    assert ev.publisher_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=40002"
    assert ev.publisher_url_is_entry
    by_field = {c.field: c for c in ev.comparisons}
    assert by_field["country"].outcome is Outcome.CONFLICTS
    assert by_field["country"].detail == "party DE; listed RU"
    assert by_field["identifier"].outcome is Outcome.AGREES
    assert "Tax ID No. 1832090230" in by_field["identifier"].detail
    assert by_field["entity type"].outcome is Outcome.UNKNOWN  # no legal form, no type given
    assert by_field["entity type"].detail == (
        "party type not known (no legal form); listed organization"
    )
    assert ev.conflicts == (by_field["country"],)


def test_entry_evidence_of_a_person_with_type_and_birth_details(store: Store) -> None:
    rowid = store.db.conn.execute(
        "SELECT min(id) FROM list_entries WHERE entry_id = '40001'"
    ).fetchone()[0]
    ev = entry_evidence(
        store, rowid, party=PartyFacts("Petrov Trading GmbH", country="RU", identifiers=("X1",))
    )
    assert [(n.name, n.quality) for n in ev.names][1] == ("Ivan PETROFF", "weak")
    assert ev.dates_of_birth == ("1961-04-12",)
    assert ev.places_of_birth == ("Tula, Russia",)
    assert ev.countries == ("Russia",)
    assert ev.listed_on == "2022-03-11"
    assert ev.programs == ("RUSSIA-EO14024",)
    assert ev.remarks == PETROV.remarks
    by_field = {c.field: c for c in ev.comparisons}
    assert by_field["country"].outcome is Outcome.AGREES
    assert by_field["identifier"].outcome is Outcome.UNKNOWN  # "X1" is too short to compare
    assert by_field["entity type"].outcome is Outcome.CONFLICTS
    assert by_field["entity type"].detail == (
        "party organization (by its legal form); listed person"
    )


def test_publisher_pages() -> None:
    assert publisher_page("ofac_cons", "", "17018") == (
        "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=17018",
        True,
    )
    assert publisher_page("us_csl", "SSI", "17018")[1]
    url, own = publisher_page("us_csl", "EL", "2138ab73")
    assert (url, own) == ("https://www.trade.gov/consolidated-screening-list", False)
    assert publisher_page("opensanctions_x", "x", "NK-24Zo")[0].endswith("/entities/NK-24Zo/")
    assert publisher_page("un_sc", "", "110326")[1] is False


def test_results_are_grouped_per_listed_party(store: Store) -> None:
    groups = search_entries(store, "Ivan Petrov")
    assert len(groups) == 1
    [group] = groups
    assert group.key == "ofac:40001"
    assert sorted(group.lists) == ["ofac_sdn", "us_csl/SDN"]
    assert group.programs == ("RUSSIA-EO14024",)


def test_the_un_list_and_the_uk_list_implementing_it_are_one_party(home: Path) -> None:
    store = Store.open(home)
    person = {"type": EntityType.PERSON, "programs": ("Al-Qaida",)}
    _list(store, "un_sc", Entry(entry_id="6908", name="Abu HAFS AL-KUFI",
                                remarks="UN reference QDi.401; listed 2011", **person))  # fmt: skip
    _list(store, "uk_ofsi", Entry(entry_id="AQD0401", name="Abu Hafs AL KUFI",
                                  remarks="(UK Sanctions List Ref):AQD0401. (UN Ref):QDi.401."
                                  " Member of (QDe.004).", **person),
          Entry(entry_id="AQD0402", name="Abu Hafs AL KUFI AL BASRI",
                remarks="(UN Ref):QDi.402. Associate of (QDi.401)", **person))  # fmt: skip
    groups = search_entries(store, "Abu Hafs al-Kufi")
    by_key = {g.key: sorted(g.lists) for g in groups}
    assert by_key["un:QDi.401"] == ["uk_ofsi", "un_sc"]  # one person, listed twice
    # Another person whose remarks name QDi.401 as an associate is not merged into it.
    [other, *_] = search_entries(store, "Abu Hafs al-Kufi al-Basri")
    assert (other.key, other.lists) == ("un:QDi.402", ("uk_ofsi",))


@pytest.mark.parametrize(
    ("query", "filters", "keys"),
    [
        ("Concern Kalashnikov", SearchFilters(lists=("un_sc",)), []),
        ("Concern Kalashnikov", SearchFilters(programs=("ukraine",)), ["ofac:40002"]),
        ("Concern Kalashnikov", SearchFilters(programs=("DPRK",)), []),
        ("", SearchFilters(address="Izhevsk"), ["ofac:40002"]),
        ("", SearchFilters(address="izh"), []),  # whole words: a city, not a prefix
        ("", SearchFilters(address="pyongyang"), ["un_sc:KPe.001"]),
        ("", SearchFilters(identifier="71-1234567"), ["ofac:40001"]),
        ("", SearchFilters(identifier="1832090230", lists=("us_csl",)), ["ofac:40002"]),
        ("Ivan Petrov", SearchFilters(address="Moscow"), ["ofac:40001"]),
        ("Ivan Petrov", SearchFilters(address="Izhevsk"), []),
    ],
)
def test_filters_and_search_by_address_or_identifier(
    store: Store, query: str, filters: SearchFilters, keys: list[str]
) -> None:
    groups = search_entries(store, query, filters=filters)
    assert [g.key for g in groups] == keys
    if filters.lists and groups:
        assert {h.source for g in groups for h in g.hits} <= set(filters.lists)
    for g in groups:
        if filters.address or filters.identifier:
            assert "address: " in g.best.explanation or "identifier: " in g.best.explanation
