"""OFSI Consolidated List: the real 2025 ConList.xlsx and 2018 CSV, plus hostile/broken copies."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import Alias, AliasQuality, EntityType, Identifier, ParsedList
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, uk_ofsi
from tests.conftest import require_shared

XLSX = ("uk_ofsi", "conlist_xlsx_2025-04-14", "ConList.xlsx")
CSV = ("uk_ofsi", "conlist_csv_2018-04-13", "sanctionsconlist.csv")


@pytest.fixture(scope="module")
def xlsx_list() -> ParsedList:
    return uk_ofsi.SPEC.parse(require_shared("data", "lists", *XLSX))


@pytest.fixture(scope="module")
def csv_list() -> ParsedList:
    return uk_ofsi.SPEC.parse(require_shared("data", "lists", *CSV))


def test_xlsx_folds_name_rows_into_one_entry_per_group_id(xlsx_list: ParsedList) -> None:
    assert len(xlsx_list.entries) == 4688  # SOURCES.md: 18,798 rows = 4,688 targets
    assert len({e.entry_id for e in xlsx_list.entries}) == 4688
    assert len({p for e in xlsx_list.entries for p in e.programs}) == 31
    types = Counter(e.type for e in xlsx_list.entries)
    assert set(types) == {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.VESSEL}
    assert xlsx_list.published == date(2025, 4, 14)
    assert xlsx_list.published_basis == "file header"
    assert (xlsx_list.source, xlsx_list.format) == ("uk_ofsi", "ofsi-conlist")


def test_xlsx_spot_checks(xlsx_list: ParsedList) -> None:
    by_id = {e.entry_id: e for e in xlsx_list.entries}
    haq = by_id["15672"]
    assert haq.name == "Mian Abdul HAQ"  # the "Primary name" row, given names first
    assert Alias("Mian MITHOO", AliasQuality.STRONG, "spelling variant") in haq.aliases
    assert haq.programs == ("Global Human Rights",)
    assert Identifier(kind="UK Sanctions List Ref", value="GHR0086") in haq.identifiers
    assert haq.listed_on == "2022-12-09"

    zadachin = by_id["15890"]
    assert zadachin.dates_of_birth == ("1990-08-22",)
    assert Alias("ЗАДАЧИН Андрей Андреевич", AliasQuality.STRONG, "non-latin") in zadachin.aliases

    # "Low quality" aliases are weak; "00/00/1994" is a year only.
    kony = by_id["13378"]
    assert Alias("BASHIR", AliasQuality.WEAK, "aka") in kony.aliases
    assert "1994" in kony.dates_of_birth

    # Numbered passports are split and paired with their numbered details.
    azzouz = by_id["13312"]
    assert Identifier("Passport", "C00146605", note="British passport number") in azzouz.identifiers

    ship = by_id["13651"]
    assert ship.type is EntityType.VESSEL
    assert Identifier(kind="IMO", value="7408873") in ship.identifiers


def test_csv_2018(csv_list: ParsedList) -> None:
    assert len(csv_list.entries) == 2106  # SOURCES.md: 9,487 rows = 2,106 targets
    assert len({p for e in csv_list.entries for p in e.programs}) == 26
    assert csv_list.published == date(2018, 4, 13)
    entry = next(e for e in csv_list.entries if e.entry_id == "13349")
    assert entry.name == "Nayef Salam Muhammad Ujaym AL-HABABI"  # the "Prime Alias" row
    assert Alias("Sheikh Farooq AL-QAHTANI") in entry.aliases
    assert entry.dates_of_birth == ("1980", "1981")  # "00/00/1980", "00/00/1981"
    assert entry.countries[:2] == ("Saudi Arabia", "Qatar")  # "1) Saudi Arabia 2) Qatar"
    ship = next(e for e in csv_list.entries if e.name == "TONG SAN 2")
    assert Identifier(kind="IMO", value="8937675") in ship.identifiers  # from Other Information


def test_detect_claims_both_real_files() -> None:
    for parts in (XLSX, CSV):
        assert detect(require_shared("data", "lists", *parts)) is uk_ofsi.SPEC


def test_truncated_csv_is_refused(tmp_path: Path) -> None:
    raw = require_shared("data", "lists", *CSV).read_bytes()
    cut = raw.index(b"\n", len(raw) // 2) + 40  # 40 bytes into a row
    broken = tmp_path / "sanctionsconlist.csv"
    broken.write_bytes(raw[:cut])
    with pytest.raises(ListFileError, match=r"row \d+ .*truncated|CSV error near line"):
        uk_ofsi.SPEC.parse(broken)


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    raw = require_shared("data", "lists", *XLSX).read_bytes()
    broken = tmp_path / "ConList.xlsx"
    broken.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ListFileError, match="truncated"):
        uk_ofsi.SPEC.parse(broken)


# ---------------------------------------------------------------- authored workbooks

HEADER = ["Name 6", "Name 1", "Alias Type", "Alias Quality", "DOB", "Group Type", "Group ID"]


def _workbook(path: Path, rows: list[list[str]], *, prolog: str = "") -> Path:
    """A minimal xlsx with inline strings, as some writers produce it."""

    def row(n: int, cells: list[str]) -> str:
        out = []
        for i, value in enumerate(cells):
            if value:
                out.append(f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{value}</t></is></c>')
        return f'<row r="{n}">{"".join(out)}</row>'

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    body = "".join(row(n, cells) for n, cells in enumerate(rows, 1))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} {rel_ns}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            f"{prolog}<worksheet {ns}><sheetData>{body}</sheetData></worksheet>",
        )
    return path


def test_authored_workbook_with_inline_strings_and_gaps(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "ConList.xlsx",
        [
            ["Last Updated", "02/01/2025"],
            HEADER,
            ["EXAMPLE TRADING", "", "Primary name", "", "", "Entity", "900001"],
            ["EXAMPLAR", "", "AKA", "Low quality", "", "Entity", "900001"],
            ["DOE", "Jane", "Primary name", "", "00/07/1970", "Individual", "900002"],
        ],
    )
    assert detect(path) is uk_ofsi.SPEC
    parsed = uk_ofsi.SPEC.parse(path)
    assert parsed.published == date(2025, 1, 2)
    trading, doe = parsed.entries
    assert trading.aliases == (Alias("EXAMPLAR", AliasQuality.WEAK, "aka"),)
    assert (doe.name, doe.dates_of_birth) == ("Jane DOE", ("1970-07",))


def test_billion_laughs_workbook_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    path = _workbook(tmp_path / "ConList.xlsx", [HEADER], prolog=bomb)
    with pytest.raises(ListFileError, match="refused"):
        uk_ofsi.SPEC.parse(path)


def test_external_entity_workbook_is_refused(tmp_path: Path) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    path = _workbook(tmp_path / "ConList.xlsx", [HEADER], prolog=xxe)
    with pytest.raises(ListFileError, match="refused"):
        uk_ofsi.SPEC.parse(path)


def test_missing_group_id_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_text("Last Updated,01/01/2020\nName 6,Name 1,Group Type\nX,,Entity\n")
    with pytest.raises(ListFileError, match="Group ID"):
        uk_ofsi.SPEC.parse(path)


def test_header_without_rows_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_text("Last Updated,01/01/2020\nName 6,Name 1,Group Type,Group ID\n")
    with pytest.raises(ListFileError, match="no entries"):
        uk_ofsi.SPEC.parse(path)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("22/08/1990", "1990-08-22"),
        ("00/00/1980", "1980"),
        ("00/05/1980", "1980-05"),
        ("dd/mm/1961", "1961"),
        ("1951", "1951"),
        ("31/02/1990", None),
    ],
)
def test_uk_dates(text: str, iso: str | None) -> None:
    assert uk_ofsi.uk_date(text) == iso
