"""OpenSanctions targets.simple.csv and FtM entities.ftm.json: real exports, invented samples."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

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
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, opensanctions, opensanctions_ftm, read_head
from tests.conftest import require_shared

CSV_FILE = ("opensanctions", "ua_war_sanctions_targets_2026-03-13", "targets.simple.csv")
FTM_FILE = ("opensanctions", "ftm_entities_sample", "entities.ftm.json")
HEADER = (
    "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,"
    "emails,program_ids,dataset,first_seen,last_seen,last_change\n"
)


@pytest.fixture(scope="module")
def targets() -> ParsedList:
    return opensanctions.SPEC.parse(require_shared("data", "lists", *CSV_FILE))


@pytest.fixture(scope="module")
def ftm() -> ParsedList:
    return opensanctions.SPEC.parse(require_shared("data", "lists", *FTM_FILE))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


# ---------------------------------------------------------------- targets.simple.csv


@pytest.mark.shared
def test_csv_counts_source_and_date(targets: ParsedList) -> None:
    assert Counter(e.type for e in targets.entries) == {
        EntityType.PERSON: 1543,
        EntityType.ORGANIZATION: 1524 + 1193,  # Company + LegalEntity
        EntityType.VESSEL: 1340,
    }
    assert targets.source == "opensanctions_ua_war_sanctions"
    assert targets.title == "OpenSanctions: Ukraine War and Sanctions"
    assert {e.sub_source for e in targets.entries} == {"ua_war_sanctions"}
    assert (targets.published, targets.published_basis) == (date(2026, 3, 13), "file content")


@pytest.mark.shared
def test_csv_spot_checks(targets: ParsedList) -> None:
    vessel = by_id(targets, "NK-24cf2zYe7LEKhr2zFck73j")
    assert vessel.name == "ROSALIN"
    assert [a.name for a in vessel.aliases] == ["Ceram Sea", "Gold Sun", "Nurkez"]
    assert vessel.identifiers == (Identifier("IMO", "9253325"),)
    assert vessel.countries == ("lr", "pa", "sg", "st")
    assert vessel.programs == ("UA-WS-MARE",)

    ivakha = by_id(targets, "NK-26WkuEefVYLmYk8aTHMC9E")
    assert ivakha.aliases == (
        Alias("ІВАХА Денис Володимирович", AliasQuality.STRONG, "non-latin"),
        Alias("ИВАХА Денис Владимирович", AliasQuality.STRONG, "non-latin"),
    )

    person = by_id(targets, "NK-kZjqDJTdUY8C8SabCkBFEq")
    assert person.dates_of_birth == ("1973-06-23", "1974-06-23")
    assert person.identifiers == (Identifier("Identifier", "2720216023"),)
    assert person.countries == ("ru", "ua")
    # the sanctions cell is CSV inside CSV: its quotes are unwrapped
    assert person.remarks.startswith("An employee of the occupation structures.")
    assert person.listed_on == "2025-10-06"


@pytest.mark.shared
def test_detect_real_files(shared_lists: Path) -> None:
    assert detect(shared_lists.joinpath(*CSV_FILE)) is opensanctions.SPEC
    assert detect(shared_lists.joinpath(*FTM_FILE)) is opensanctions.SPEC


@pytest.mark.shared
def test_truncated_csv_is_refused(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*CSV_FILE).read_bytes()
    path = tmp_path / "targets.simple.csv"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(
        ListFileError, match=r"targets\.simple\.csv: after line [\d,]+: .*truncated"
    ):
        opensanctions.SPEC.parse(path)


def test_csv_row_cut_short_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "targets.simple.csv"
    path.write_text(
        HEADER
        + '"x1","Person","Jan Example","","","de","","","","","","","Some New List","","",""\n'
        + '"x2","Company","Cut Off Ltd","","",""\n',
        encoding="utf-8",
    )
    with pytest.raises(ListFileError, match="line 3 has 6 columns, the header has 16"):
        opensanctions.SPEC.parse(path)


def test_csv_unknown_dataset_title_is_slugged(tmp_path: Path) -> None:
    path = tmp_path / "targets.simple.csv"
    path.write_text(
        HEADER + '"x1","Airplane","EX-001","","","ru","","","","+7 000","","P1;P2",'
        '"Some New List","2024-01-01T00:00:00","2024-02-03T10:00:00",""\n',
        encoding="utf-8",
    )
    parsed = opensanctions.SPEC.parse(path)
    assert parsed.source == "opensanctions_some_new_list"
    (plane,) = parsed.entries
    assert (plane.type, plane.programs, plane.remarks) == (
        EntityType.AIRCRAFT,
        ("P1", "P2"),
        "Phone +7 000",
    )
    assert parsed.published == date(2024, 2, 3)


def test_csv_missing_column_and_empty_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "targets.simple.csv"
    path.write_text("id,schema,aliases,dataset\n1,Person,,x\n", encoding="utf-8")
    with pytest.raises(ListFileError, match="no column name"):
        opensanctions.SPEC.parse(path)
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(ListFileError, match="no entries"):
        opensanctions.SPEC.parse(path)


def test_sniff_refuses_the_trade_gov_csl(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text("_id,source,entity_number,type,programs,name,title,addresses\n")
    assert not opensanctions.SPEC.sniff(read_head(path))


# ---------------------------------------------------------------- entities.ftm.json


@pytest.mark.shared
def test_ftm_sample(ftm: ParsedList) -> None:
    assert Counter(e.type for e in ftm.entries) == {
        EntityType.PERSON: 4,
        EntityType.ORGANIZATION: 2,
    }  # the Address entity is not an entry
    assert ftm.source == "opensanctions_eu_fsf"
    assert (ftm.published, ftm.published_basis) == (date(2024, 6, 1), "file content")
    kuzmenko = by_id(ftm, "NK-2Ka3UvopqbpZmVDFjWd4LA")
    assert kuzmenko.name == "Vitaly Yurievich KUZMENKO"
    assert kuzmenko.aliases == (
        Alias("Vitalij Kuzmenko"),
        Alias("Виталий Юрьевич КУЗЬМЕНКО", AliasQuality.STRONG, "non-latin"),
    )
    assert kuzmenko.dates_of_birth == ("1971-01-22",)
    assert kuzmenko.identifiers == (Identifier("Tax ID No.", "366510784303"),)
    assert kuzmenko.countries == ("ru",)
    assert kuzmenko.listed_on == "2024-02-23"
    assert kuzmenko.sub_source == "eu_fsf"
    irgc = by_id(ftm, "NK-2PacmNpiLUmoz4XD2mSt7A")
    assert (irgc.name, irgc.aliases) == ("IRGC", (Alias("Iranian Revolutionary Guard Corps"),))


def _ftm(entity_id: str, schema: str, datasets: list[str], **props: Any) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": schema,
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
        "datasets": datasets,
        "last_seen": "2025-05-06T07:00:00",
    }


def test_ftm_resolves_addresses_sanctions_and_passports(tmp_path: Path) -> None:
    lines = [
        _ftm(
            "p1",
            "Person",
            ["us_ofac_sdn"],
            name="Jan EXAMPLE",
            weakAlias="Janek",
            birthDate="1971-01",
            addressEntity="addr-1",
            nationality="pl",
        ),
        _ftm(
            "v1",
            "Vessel",
            ["eu_fsf"],
            name="EXAMPLE STAR",
            previousName="OLD STAR",
            imoNumber="9000001",
            flag="pa",
        ),
        _ftm("a1", "Address", ["us_ofac_sdn"], full="1 Example St, Gdansk", country="pl"),
        _ftm("s1", "Sanction", ["us_ofac_sdn"], entity="p1", program="SDGT"),
        _ftm("d1", "Passport", ["us_ofac_sdn"], holder="p1", number="EX123", country="pl"),
        {**_ftm("r1", "Person", ["us_ofac_sdn"], name="Relative Example"), "target": False},
    ]
    lines[2]["referents"] = ["addr-1"]
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert detect(path) is opensanctions.SPEC
    parsed = opensanctions.SPEC.parse(path)
    assert parsed.source == "opensanctions_collection"  # entries from two datasets
    person, vessel = parsed.entries  # the non-target relative is skipped
    assert person.aliases == (Alias("Janek", AliasQuality.WEAK),)
    assert person.dates_of_birth == ("1971-01",)
    assert person.addresses == (Address("1 Example St, Gdansk", "pl"),)
    assert person.programs == ("SDGT",)
    assert person.identifiers == (Identifier("Passport", "EX123", "pl"),)
    assert (vessel.type, vessel.sub_source) == (EntityType.VESSEL, "eu_fsf")
    assert vessel.aliases == (Alias("OLD STAR", kind="fka"),)
    assert vessel.identifiers == (Identifier("IMO", "9000001"),)
    assert vessel.countries == ("pa",)


def test_ftm_malformed_line_is_named(tmp_path: Path) -> None:
    good = json.dumps(_ftm("p1", "Person", ["x"], name="Jan EXAMPLE"))
    path = tmp_path / "entities.ftm.json"
    path.write_text(f"{good}\n{good}\n{good[:40]}\n", encoding="utf-8")
    with pytest.raises(ListFileError, match=r"entities\.ftm\.json: line 3 is not valid JSON"):
        opensanctions.SPEC.parse(path)
    path.write_text(f'{good}\n["not", "an", "entity"]\n', encoding="utf-8")
    with pytest.raises(ListFileError, match="line 2 is not an FtM entity"):
        opensanctions.SPEC.parse(path)


def test_ftm_huge_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opensanctions_ftm, "MAX_LINE_BYTES", 1000)
    small = json.dumps(_ftm("p1", "Person", ["x"], name="Jan EXAMPLE"))
    huge = json.dumps(_ftm("p2", "Person", ["x"], name="A" * 2000))
    path = tmp_path / "entities.ftm.json"
    path.write_text(f"{small}\n{huge}\n", encoding="utf-8")
    with pytest.raises(ListFileError, match="line 2 is longer than 1,000 bytes"):
        opensanctions.SPEC.parse(path)


def test_ftm_without_targets_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(json.dumps(_ftm("a1", "Address", ["x"], full="Somewhere")), encoding="utf-8")
    with pytest.raises(ListFileError, match="no entries"):
        opensanctions.SPEC.parse(path)


def test_sniff_refuses_other_json(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"results": [{"name": "x"}]}\n')
    assert not opensanctions.SPEC.sniff(read_head(path))
