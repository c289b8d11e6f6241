"""FCDO UK Sanctions List CSV, on an authored fixture in the published layout (no real copy).

The fixture's names, ids and numbers are invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
    EntityType,
    Identifier,
    ParsedList,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, uk_fcdo


@pytest.fixture
def fixture_csv(fixtures_dir: Path) -> Path:
    return fixtures_dir / "uk_fcdo" / "UK-Sanctions-List.csv"


@pytest.fixture
def parsed(fixture_csv: Path) -> ParsedList:
    return uk_fcdo.SPEC.parse(fixture_csv)


def test_rows_fold_into_designations(parsed: ParsedList) -> None:
    assert [e.entry_id for e in parsed.entries] == ["RUS9901", "RUS9902", "RUS9903", "DPR9904"]
    assert [e.type for e in parsed.entries] == [
        EntityType.PERSON,
        EntityType.ORGANIZATION,
        EntityType.VESSEL,
        EntityType.PERSON,
    ]
    assert parsed.published == date(2024, 2, 2)  # "Report Date: 02-Feb-2024"
    assert parsed.published_basis == "file header"
    assert (parsed.source, parsed.format) == ("uk_fcdo", "fcdo-uk-sanctions-list")


def test_person(parsed: ParsedList) -> None:
    person = parsed.entries[0]
    assert person.name == "Fyodor Ilyich ZAGADKIN"
    assert set(person.aliases) == {
        Alias("Fedor Ilich ZAGADKIN", AliasQuality.STRONG, "spelling variant"),
        Alias("FEDYA", AliasQuality.WEAK, "aka"),
        Alias("Загадкин Фёдор Ильич", AliasQuality.STRONG, "non-latin"),
    }
    assert person.dates_of_birth == ("1962-03-14", "1961")  # "(1) 14/03/1962 (2) dd/mm/1961"
    assert person.countries == ("Russia", "Cyprus")
    assert Identifier("Passport", "7200012", note="Russian") in person.identifiers
    assert person.addresses == (Address("12 Invented Street, Moscow, 101000", "Russia"),)
    assert person.programs == ("The Russia (Sanctions) (EU Exit) Regulations 2019",)
    assert person.listed_on == "2022-03-15"
    assert "Sanctions imposed: Asset freeze, Travel Ban" in person.remarks


def test_entity_ship_and_un_designation(parsed: ParsedList) -> None:
    entity, ship, un = parsed.entries[1:]
    assert len(entity.addresses) == 2
    assert Identifier("Business Registration Number", "1027700000000") in entity.identifiers
    assert ship.identifiers == (Identifier("IMO", "9123456"),)
    assert "Cameroon" in ship.countries  # current believed flag
    # A blank name type on the first row still gives the primary name.
    assert un.name == "Kyong Ok RI"
    assert Alias("리경옥", AliasQuality.STRONG, "non-latin") in un.aliases
    assert Identifier("UN Reference Number", "KPi.999") in un.identifiers
    assert un.dates_of_birth == ("1970",)


def test_detect_and_not_claimed_by_ofsi(fixture_csv: Path) -> None:
    assert detect(fixture_csv) is uk_fcdo.SPEC


def test_header_found_by_name_not_position(tmp_path: Path) -> None:
    # No Report Date line, columns reordered and respelt, an older type column.
    path = tmp_path / "uk.csv"
    path.write_text(
        'Name 6,Unique ID,"Individual, Entity, Ship",Last Updated,Business registration number(s)\n'
        "EXAMPLE WORKS,CYB9999,Entity,03/04/2024,42\n"
    )
    parsed = uk_fcdo.SPEC.parse(path)
    (entry,) = parsed.entries
    assert entry.type is EntityType.ORGANIZATION
    assert entry.identifiers == (Identifier("Business Registration Number", "42"),)
    assert (parsed.published, parsed.published_basis) == (date(2024, 4, 3), "file content")


def test_truncated_copy_is_refused(fixture_csv: Path, tmp_path: Path) -> None:
    raw = fixture_csv.read_bytes()
    broken = tmp_path / "UK-Sanctions-List.csv"
    broken.write_bytes(raw[: raw.rindex(b"\n", 0, len(raw) - 2) + 40])
    with pytest.raises(ListFileError, match=r"line \d+.*truncated"):
        uk_fcdo.SPEC.parse(broken)


def test_header_only_is_an_error(fixture_csv: Path, tmp_path: Path) -> None:
    head = b"\n".join(fixture_csv.read_bytes().split(b"\n")[:2]) + b"\n"
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_bytes(head)
    with pytest.raises(ListFileError, match="no entries"):
        uk_fcdo.SPEC.parse(path)
