"""UN Security Council Consolidated List XML: the real 2026-02-27 file, a sample, hostile XML."""

from __future__ import annotations

from collections import Counter
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
from screener.core.lists.importers import detect, read_head, un_xml
from tests.conftest import require_shared

UN_FILE = ("un", "consolidated_xml_2026-02-27", "consolidated.xml")

# Invented records in the UN layout (no real party): DOB forms the real file has only a few of.
SAMPLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-02T00:00:01.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>900001</DATAID><FIRST_NAME>JON</FIRST_NAME><SECOND_NAME>EXAMPLE</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER>
      <LISTED_ON>2017-06-02</LISTED_ON>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Jon X</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Jon Exampel; Jon Eksampl</ALIAS_NAME>
        <DATE_OF_BIRTH>1961-02-03</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1960</NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>
        <FROM_YEAR>1958</FROM_YEAR><TO_YEAR>1959</TO_YEAR><NOTE>Approximately</NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/><NOTE>24/06/1340 (Hijri Calendar)</NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Numéro de passeport</TYPE_OF_DOCUMENT>
        <NUMBER>P 900</NUMBER><COUNTRY_OF_ISSUE>Example Land</COUNTRY_OF_ISSUE>
        <DATE_OF_ISSUE>2010-01-01</DATE_OF_ISSUE></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""


@pytest.fixture(scope="module")
def un_list() -> ParsedList:
    return un_xml.SPEC.parse(require_shared("data", "lists", *UN_FILE))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


@pytest.mark.shared
def test_counts_programs_and_header(un_list: ParsedList) -> None:
    types = Counter(e.type for e in un_list.entries)
    assert types == {EntityType.PERSON: 730, EntityType.ORGANIZATION: 273}
    programs = Counter(e.programs[0] for e in un_list.entries)
    assert (programs["Al-Qaida"], programs["DPRK"], programs["Taliban"], programs["Iran"]) == (
        341,
        155,
        140,
        121,
    )
    assert all(len(e.programs) == 1 for e in un_list.entries)
    assert (un_list.source, un_list.format) == ("un_sc", "un-xml")
    assert (un_list.published, un_list.published_basis) == (date(2026, 2, 27), "file header")


@pytest.mark.shared
def test_person_spot_checks(un_list: ParsedList) -> None:
    saddam = by_id(un_list, "6908048")
    assert saddam.name == "SADDAM HUSSEIN AL-TIKRITI"
    assert saddam.aliases == (
        Alias("Abu Ali", AliasQuality.WEAK, "aka"),  # QUALITY Low
        Alias("صدام حسين التكريتي", AliasQuality.STRONG, "non-latin"),  # NAME_ORIGINAL_SCRIPT
    )
    assert saddam.dates_of_birth == ("1937-04-28",)
    assert saddam.programs == ("Iraq",)
    assert saddam.listed_on == "2003-06-27"
    assert saddam.remarks.startswith("UN reference IQi.001")

    njabu = by_id(un_list, "6908012")
    assert njabu.identifiers == (
        Identifier("Passport", "OB 0243318", "Democratic Republic of the Congo"),
    )
    assert njabu.dates_of_birth == ("1971-05-23",)
    # "BETWEEN 1973 and 1974" stays a range, not two guesses
    assert by_id(un_list, "6908021").dates_of_birth == ("1973/1974",)
    # one ALIAS_NAME with spelling variants separated by ";"
    aghajani = by_id(un_list, "110444")
    assert [a.name for a in aghajani.aliases] == ["Azim Adhajani", "Azim Agha-Jani"]


@pytest.mark.shared
def test_entity_spot_checks(un_list: ParsedList) -> None:
    logarcheo = by_id(un_list, "6908335")
    assert logarcheo.type is EntityType.ORGANIZATION
    assert logarcheo.aliases == (Alias("LOGARCHEO AG", AliasQuality.STRONG, "fka"),)
    assert logarcheo.countries == ("Switzerland",)
    # Two names in one FIRST_NAME field are also searchable one by one.
    cagl = by_id(un_list, "6908026")
    names = [a.name for a in cagl.aliases]
    assert "GREAT LAKES BUSINESS COMPANY (GLBC)" in names
    assert "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)" in names


@pytest.mark.shared
def test_detect_real_file(shared_lists: Path) -> None:
    assert detect(shared_lists.joinpath(*UN_FILE)) is un_xml.SPEC


def test_sample_dates_documents_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    assert detect(path) is un_xml.SPEC
    parsed = un_xml.SPEC.parse(path)
    assert parsed.published == date(2025, 1, 2)
    (person,) = parsed.entries
    assert person.name == "JON EXAMPLE"
    assert person.aliases == (
        Alias("Jon X", AliasQuality.WEAK),
        Alias("Jon Exampel"),
        Alias("Jon Eksampl"),
    )
    # a DOB written only as a note, a range, and the DOB used under an alias
    assert person.dates_of_birth == ("1960-11", "1958/1959", "1961-02-03")
    assert "DOB 24/06/1340 (Hijri Calendar)" in person.remarks  # kept, not misread
    assert person.identifiers == (
        Identifier("Passport", "P 900", "Example Land", "issued 2010-01-01"),
    )
    assert person.addresses == ()
    assert person.listed_on == "2017-06-02"


def test_entry_without_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        SAMPLE.replace("<FIRST_NAME>JON</FIRST_NAME><SECOND_NAME>EXAMPLE</SECOND_NAME>", "")
    )
    with pytest.raises(ListFileError, match=r"un\.xml: <INDIVIDUAL> number 1 \(DATAID 900001\)"):
        un_xml.SPEC.parse(path)


def test_list_without_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2025-01-02"><INDIVIDUALS/></CONSOLIDATED_LIST>'
    )
    with pytest.raises(ListFileError, match="no entries"):
        un_xml.SPEC.parse(path)


@pytest.mark.shared
def test_truncated_download_is_refused(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*UN_FILE).read_bytes()
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFileError, match=r"consolidated\.xml: .*truncated"):
        un_xml.SPEC.parse(path)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY c SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "xxe"],
)
def test_hostile_xml_is_refused(tmp_path: Path, doctype: str) -> None:
    hostile = SAMPLE.replace('standalone="yes"?>', f'standalone="yes"?>{doctype}', 1)
    path = tmp_path / "un.xml"
    path.write_text(hostile.replace("<FIRST_NAME>JON", "<FIRST_NAME>&c;"), encoding="utf-8")
    assert un_xml.SPEC.sniff(read_head(path))
    with pytest.raises(ListFileError, match="refused"):
        un_xml.SPEC.parse(path)


def test_sniff_refuses_other_xml(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>')
    assert not un_xml.SPEC.sniff(read_head(path))
