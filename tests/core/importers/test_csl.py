"""trade.gov Consolidated Screening List CSV: the real April 2022 download and broken copies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from screener.core.entries import Address, Alias, EntityType, Identifier, ParsedList
from screener.core.errors import ListFileError
from screener.core.lists.importers import csl, detect
from tests.conftest import require_shared

CSL = ("us_csl", "consolidated_csv_2022-04", "consolidated.csv")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return csl.SPEC.parse(require_shared("data", "lists", *CSL))


def test_counts_per_source_list(parsed: ParsedList) -> None:
    assert len(parsed.entries) == 14160
    assert Counter(e.sub_source for e in parsed.entries) == {
        "SDN": 10026,
        "EL": 2001,
        "DTC": 727,
        "DPL": 462,
        "SSI": 290,
        "UVL": 201,
        "ISN": 163,
        "PLC": 78,
        "MEU": 71,
        "CMIC": 68,
        "CAP": 53,
        "NS-MBS": 17,
        "FSE": 3,
    }
    assert (parsed.source, parsed.format) == ("us_csl", "trade-gov-csl")
    # No date in the file: the folder says only "2022-04", so the file time is the basis.
    assert parsed.published_basis in {"file name", "file time"}


def test_types(parsed: ParsedList) -> None:
    sdn = Counter(e.type for e in parsed.entries if e.sub_source == "SDN")
    assert sdn[EntityType.VESSEL] == 433
    assert sdn[EntityType.AIRCRAFT] == 283
    assert {e.type for e in parsed.entries if e.sub_source == "EL"} == {EntityType.ORGANIZATION}


def test_sdn_person_spot_check(parsed: ParsedList) -> None:
    entry = next(e for e in parsed.entries if e.entry_id == "9935")
    assert entry.name == "'ABD AL-RAZZIQ, Abu Sufian al-Salamabi Muhammed Ahmed"
    assert Alias("ABOU EL LAYTH") in entry.aliases
    assert entry.dates_of_birth == ("1962-08-06",)
    assert entry.programs == ("SDGT",)
    assert entry.countries == ("CA", "SD")
    assert entry.identifiers == (Identifier("Passport", "BC166787", country="CA"),)


def test_same_party_on_two_lists_stays_two_entries(parsed: ParsedList) -> None:
    both = [e for e in parsed.entries if e.entry_id == "18741"]
    assert sorted(e.sub_source for e in both) == ["SDN", "SSI"]
    sdn = both[0]
    assert sdn.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert Identifier("Registration ID", "1027700256297", country="RU") in sdn.identifiers
    # Directive notes in `ids` are not identifiers.
    assert all("Directive" not in i.kind for i in sdn.identifiers)


def test_entity_list_row_keeps_license_policy(parsed: ParsedList) -> None:
    entry = next(e for e in parsed.entries if e.name == "3K Aviation Consulting and Logistics")
    assert entry.sub_source == "EL"
    assert entry.listed_on == "2018-09-04"
    assert Address("Sonmez Apt. No. 4/5 1523 Sokak, Sirinyali Mah. 07160, Antalya, TR", "TR") in (
        entry.addresses
    )
    assert "License policy: Presumption of denial." in entry.remarks


def test_vessel_imo_and_dob_ranges(parsed: ParsedList) -> None:
    vessel = next(e for e in parsed.entries if e.entry_id == "26636")
    assert vessel.identifiers == (Identifier("IMO", "9542518"),)
    ranges = [d for e in parsed.entries for d in e.dates_of_birth if "/" in d]
    assert "1971/1973" in ranges  # "1971 to 1973"


def test_detect(parsed: ParsedList) -> None:
    assert detect(require_shared("data", "lists", *CSL)) is csl.SPEC


def test_truncated_copy_is_refused(tmp_path: Path) -> None:
    raw = require_shared("data", "lists", *CSL).read_bytes()
    cut = raw.index(b"\n", len(raw) // 2) + 30  # 30 bytes into a row
    broken = tmp_path / "consolidated.csv"
    broken.write_bytes(raw[:cut])
    with pytest.raises(ListFileError, match=r"line \d+.*truncated"):
        csl.SPEC.parse(broken)


HEADER = "source,entity_number,type,programs,name,addresses,alt_names,dates_of_birth,ids\n"


def test_newer_layout_without_id_column(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text(
        HEADER + '"Entity List (EL) - Bureau of Industry and Security",,,,Example Optics,'
        '"1 Test Road, Testville, CN",Ex Optics,,\n'
    )
    assert detect(path) is csl.SPEC
    (entry,) = csl.SPEC.parse(path).entries
    assert entry.entry_id.startswith("EL-")  # stable, derived from list and name
    assert entry.type is EntityType.ORGANIZATION
    assert entry.aliases == (Alias("Ex Optics"),)


def test_missing_name_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text("source,entity_number,alt_names,programs\nSDN,1,,\n")
    with pytest.raises(ListFileError, match="name"):
        csl.SPEC.parse(path)


def test_header_only_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text(HEADER)
    with pytest.raises(ListFileError, match="no entries"):
        csl.SPEC.parse(path)
