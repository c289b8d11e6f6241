"""OFAC legacy CSV sets: counts, aliases, remarks and damaged files, against the real downloads."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import (
    Alias,
    AliasQuality,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, ofac_csv, read_head
from tests.conftest import require_shared

SDN_2024 = ("ofac", "sdn_csv_2024-05-03", "sdn.csv")
SET_2021 = ("ofac", "sdn_csv_set_2021-07")
CONS_SET = ("ofac", "nonsdn_consolidated_csv_2025-12")

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def sdn_2024() -> ParsedList:
    return ofac_csv.SPEC.parse(require_shared("data", "lists", *SDN_2024))


@pytest.fixture(scope="module")
def sdn_2021() -> ParsedList:
    return ofac_csv.SPEC.parse(require_shared("data", "lists", *SET_2021, "sdn.csv"))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


def test_sdn_2024_counts_match_sources(sdn_2024: ParsedList) -> None:
    types = [e.type for e in sdn_2024.entries]
    assert len(types) == 14_965
    assert types.count(EntityType.PERSON) == 6_854
    assert types.count(EntityType.VESSEL) == 851
    assert types.count(EntityType.AIRCRAFT) == 376
    assert types.count(EntityType.ORGANIZATION) == 6_884
    assert sdn_2024.source == "ofac_sdn"
    assert sdn_2024.format == "ofac-legacy-csv"
    # The CSV has no date: the download folder's name carries it.
    assert (sdn_2024.published, sdn_2024.published_basis) == (date(2024, 5, 3), "file name")
    assert [p.name for p in sdn_2024.files] == ["sdn.csv"]


def test_remark_aliases_are_weak_and_linked_parties_are_not_aliases(sdn_2024: ParsedList) -> None:
    assert by_id(sdn_2024, "306").aliases == (Alias("BNC", AliasQuality.WEAK, "aka"),)
    zahhar = by_id(sdn_2024, "9647")
    assert zahhar.aliases == (
        Alias("ZAHAR, Mahmoud", AliasQuality.WEAK, "aka"),
        Alias("AL-ZAHAR, Mahmoud", AliasQuality.WEAK, "aka"),
    )
    assert "HAMAS" not in {a.name for a in zahhar.aliases}
    assert "Linked To: HAMAS" in zahhar.remarks
    ebano = by_id(sdn_2024, "4243")
    assert Alias("ANA I", AliasQuality.WEAK, "fka") in ebano.aliases


def test_remarks_give_dates_of_birth_countries_programs(sdn_2024: ParsedList) -> None:
    zahhar = by_id(sdn_2024, "9647")
    assert zahhar.dates_of_birth == ("1945",)
    assert zahhar.countries == ("Palestinian",)
    assert zahhar.programs == ("SDGT", "NS-PLC")
    assert by_id(sdn_2024, "2676").dates_of_birth == ("1951-06-19",)
    # "DOB circa 1979-1982; alt. DOB 1982"
    assert by_id(sdn_2024, "11748").dates_of_birth == ("1979/1982", "1982")


def test_remarks_give_identifiers(sdn_2024: ParsedList) -> None:
    zawahiri = by_id(sdn_2024, "2676")
    assert Identifier("Passport", "1084010", "Egypt") in zawahiri.identifiers
    assert Identifier("Passport", "19820215") in zawahiri.identifiers
    bank = by_id(sdn_2024, "906")
    assert bank.identifiers == (
        Identifier("SWIFT/BIC", "HAVIGB2L"),
        Identifier("Website", "www.havanaintbank.co.uk"),
        Identifier("Website", "www.hib.uk.com"),
        Identifier("Company Number", "01074897", "United Kingdom"),
    )
    prose = {i.kind for e in sdn_2024.entries for i in e.identifiers}
    assert not prose & {"Gender", "Secondary sanctions risk", "Organization Established Date"}


def test_vessel_columns_and_imo(sdn_2024: ParsedList) -> None:
    ebano = by_id(sdn_2024, "4243")
    assert ebano.type is EntityType.VESSEL
    assert Identifier("IMO", "7406784") in ebano.identifiers
    assert ebano.countries == ("Panama",)  # Vess_flag
    assert "Vessel type: General Cargo" in ebano.remarks
    tifon = by_id(sdn_2024, "4249")
    assert Identifier("Call Sign", "CL2059") in tifon.identifiers


def test_2021_set_reads_add_alt_and_comments(sdn_2021: ParsedList) -> None:
    assert len(sdn_2021.entries) == 8_976
    assert sorted(p.name for p in sdn_2021.files) == [
        "add.csv",
        "alt.csv",
        "sdn.csv",
        "sdn_comments.csv",
    ]
    bank = by_id(sdn_2021, "306")
    # alt.csv holds the strong aliases, the remarks the weak one; none is listed twice.
    assert bank.aliases == (
        Alias("NATIONAL BANK OF CUBA", AliasQuality.STRONG, "aka"),
        Alias("BNC", AliasQuality.WEAK, "aka"),
    )
    assert len(bank.addresses) == 4
    assert bank.addresses[0].text == "Zweierstrasse 35, Zurich CH-8022"
    assert bank.countries == ("Switzerland", "Spain", "Japan", "Panama")


def test_2021_comments_continue_the_cut_remarks(sdn_2021: ParsedList) -> None:
    # sdn.csv stops at "... Linked To: PROMO RAI"; sdn_comments.csv goes on with "Z S.A.S.; ..."
    assert (
        "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL" in by_id(sdn_2021, "12300").remarks
    )
    # An alias split across the two files: "a.k.a. 'snowsjo" + "hn'"
    assert Alias("snowsjohn", AliasQuality.WEAK, "aka") in by_id(sdn_2021, "28263").aliases


def test_consolidated_set_is_ofac_cons() -> None:
    folder = require_shared("data", "lists", *CONS_SET)
    parsed = ofac_csv.SPEC.parse(folder / "cons_prim.csv")
    types = [e.type for e in parsed.entries]
    assert (len(types), types.count(EntityType.PERSON)) == (442, 79)
    assert parsed.source == "ofac_cons"
    assert len(parsed.files) == 4


def test_detect_and_companions(shared_lists: Path) -> None:
    for path in (
        shared_lists.joinpath(*SDN_2024),
        shared_lists.joinpath(*SET_2021, "sdn.csv"),
        shared_lists.joinpath(*CONS_SET, "cons_prim.csv"),
    ):
        assert detect(path) is ofac_csv.SPEC
    assert ofac_csv.SPEC.companion_of is not None
    for folder, primary, companions in (
        (SET_2021, "sdn.csv", ("add.csv", "alt.csv", "sdn_comments.csv")),
        (CONS_SET, "cons_prim.csv", ("cons_add.csv", "cons_alt.csv", "cons_comments.csv")),
    ):
        for name in companions:
            head = read_head(shared_lists.joinpath(*folder, name))
            assert not ofac_csv.SPEC.sniff(head)
            assert ofac_csv.SPEC.companion_of(head) == shared_lists.joinpath(*folder, primary)


def test_lone_companion_points_at_its_missing_primary(shared_lists: Path, tmp_path: Path) -> None:
    assert ofac_csv.SPEC.companion_of is not None
    shutil.copy(shared_lists.joinpath(*SET_2021, "alt.csv"), tmp_path / "alt.csv")
    shutil.copy(shared_lists.joinpath(*SET_2021, "sdn_comments.csv"), tmp_path / "notes.csv")
    assert ofac_csv.SPEC.companion_of(read_head(tmp_path / "alt.csv")) == tmp_path / "sdn.csv"
    # Two columns prove nothing on their own: without a primary beside it, not a companion.
    assert ofac_csv.SPEC.companion_of(read_head(tmp_path / "notes.csv")) is None


def test_truncated_download_names_the_row(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*SDN_2024).read_bytes()
    for cut in (
        data.index(b"a.k.a.", len(data) // 2) + 3,
        data.index(b",-0- ,", len(data) // 2) + 2,
    ):
        (tmp_path / "sdn.csv").write_bytes(data[:cut])
        with pytest.raises(ListFileError, match=r"sdn\.csv: row \d+: .*(truncated|columns)"):
            ofac_csv.SPEC.parse(tmp_path / "sdn.csv")


def test_companions_from_another_download_are_refused(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(
        b'101,"EXAMPLE TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )
    (tmp_path / "alt.csv").write_bytes(
        b'101,1,"aka","EXAMPLE TRADERS",-0- \r\n202,2,"aka","SOMEONE ELSE",-0- \r\n\x1a'
    )
    with pytest.raises(ListFileError, match=r"alt\.csv: row 2: entry 202 is not in sdn\.csv"):
        ofac_csv.SPEC.parse(tmp_path / "sdn.csv")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x1a", "no entries"),
        (b'X1,"NAME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n', r"row 1, column 1"),
        (b'1,"NAME","individual","SDGT"\r\n', "expected 12 columns, found 4"),
    ],
)
def test_broken_files_give_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "sdn.csv").write_bytes(content)
    with pytest.raises(ListFileError, match=reason):
        ofac_csv.SPEC.parse(tmp_path / "sdn.csv")


@pytest.mark.parametrize(
    "first_lines",
    [
        b'_id,source,entity_number,type,programs,name,title\n1,"Entity List",,,,"X",\n',
        b"Last Updated,13/04/2018\nName 6,Name 1,Name 2\n",
        b'36,25,-0- ,"Havana","Cuba",-0- \r\n',
        b'"Name","Street_Address","City","State","Country"\n',
    ],
)
def test_sniff_refuses_other_layouts(tmp_path: Path, first_lines: bytes) -> None:
    (tmp_path / "list.csv").write_bytes(first_lines)
    assert not ofac_csv.SPEC.sniff(read_head(tmp_path / "list.csv"))


def test_remark_parser_on_invented_text() -> None:
    facts = ofac_csv.parse_remarks(
        "DOB 01 Feb 1970 to 1972; nationality Iran; alt. citizen Iraq; "
        "Passport RL 123 (Lebanon) issued 01 Jan 2000; National ID No. 77 (Iran); "
        "Gender Male; n.k.a. 'NEW NAME'; a.k.a. 'CUT OFF"
    )
    assert facts.dates_of_birth == ["1970-02-01/1972"]
    assert facts.countries == ["Iran", "Iraq"]
    assert facts.identifiers == [
        Identifier("Passport", "RL 123", "Lebanon", "issued 01 Jan 2000"),
        Identifier("National ID No.", "77", "Iran"),
    ]
    assert facts.aliases == [Alias("NEW NAME", AliasQuality.WEAK, "nka")]
