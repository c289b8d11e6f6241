"""OFAC Enhanced XML: real CONS_ENHANCED.XML, an invented SDN sample, damaged and hostile XML."""

from __future__ import annotations

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
from screener.core.lists.importers import detect, ofac_csv, ofac_enhanced, ofac_xml, read_head
from tests.conftest import require_shared

ENHANCED = ("ofac", "nonsdn_consolidated_enhanced_xml_2025-01-10", "CONS_ENHANCED.XML")
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"

# Invented vessel in the SDN_ENHANCED.XML layout (no real party).
SDN_SAMPLE = f"""<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="{NS}">
  <publicationInfo><dataAsOf>2025-02-03T00:00:00</dataAsOf>
    <filters><sanctionsLists><sanctionsList refId="1550">SDN List</sanctionsList>
    </sanctionsLists></filters></publicationInfo>
  <entities>
    <entity id="90001">
      <generalInfo><identityId>1</identityId><entityType refId="2">Vessel</entityType>
      </generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="3" datePublished="2024-06-01">SDN List
      </sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="4" id="5">IRAN</sanctionsProgram>
      </sanctionsPrograms>
      <names>
        <name id="6"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations><translation id="7"><isPrimary>true</isPrimary>
            <script refId="8">Latin</script><formattedFullName>EXAMPLE STAR</formattedFullName>
          </translation></translations></name>
        <name id="9"><isPrimary>false</isPrimary><aliasType refId="1401">F.K.A.</aliasType>
          <isLowQuality>true</isLowQuality>
          <translations><translation id="10"><isPrimary>true</isPrimary>
            <script refId="8">Latin</script><formattedFullName>OLD STAR</formattedFullName>
          </translation></translations></name>
      </names>
      <identityDocuments><identityDocument id="11">
        <type refId="12">Vessel Registration Identification</type>
        <documentNumber>IMO 9000001</documentNumber><isValid>true</isValid>
      </identityDocument></identityDocuments>
      <features>
        <feature id="13"><type featureTypeId="3">Vessel Flag</type><value>Panama</value>
          <isPrimary>true</isPrimary></feature>
        <feature id="14"><type featureTypeId="1">Vessel Call Sign</type><value>XX1234</value>
          <isPrimary>true</isPrimary></feature>
        <feature id="15"><type featureTypeId="2">VESSEL TYPE</type><value>Crude Oil Tanker</value>
          <isPrimary>true</isPrimary></feature>
      </features>
    </entity>
  </entities>
</sanctionsData>
"""


@pytest.fixture(scope="module")
def enhanced() -> ParsedList:
    return ofac_enhanced.SPEC.parse(require_shared("data", "lists", *ENHANCED))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


@pytest.mark.shared
def test_counts_and_header(enhanced: ParsedList) -> None:
    types = [e.type for e in enhanced.entries]
    assert len(types) == 443
    assert (types.count(EntityType.ORGANIZATION), types.count(EntityType.PERSON)) == (363, 80)
    assert enhanced.source == "ofac_cons"
    assert enhanced.format == "ofac-enhanced-xml"
    assert (enhanced.published, enhanced.published_basis) == (date(2025, 1, 10), "file header")


@pytest.mark.shared
def test_spot_checks(enhanced: ParsedList) -> None:
    vtb = by_id(enhanced, "17013")
    assert vtb.name == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert Alias("БАНК ВТБ ПАО", AliasQuality.STRONG, "non-latin") in vtb.aliases
    assert Alias("JSC VTB BANK NEW DELHI BRANCH", AliasQuality.WEAK, "aka") in vtb.aliases
    assert Alias("VNESHTORGBANK", AliasQuality.STRONG, "fka") in vtb.aliases
    assert Identifier("Tax ID No.", "7702070139", "Russia") in vtb.identifiers
    assert vtb.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert "Sectoral Sanctions Identifications List" in vtb.remarks

    zahhar = by_id(enhanced, "9647")
    assert zahhar.dates_of_birth == ("1945",)
    assert zahhar.countries == ("Palestinian",)
    assert zahhar.listed_on == "2006-04-12"  # PLC list; not the umbrella list's 2014 date
    assert "Acting for or on behalf of: HAMAS" in zahhar.remarks
    assert "Gender" not in {i.kind for i in zahhar.identifiers}


@pytest.mark.shared
def test_one_entry_reads_the_same_in_all_three_formats(
    enhanced: ParsedList, shared_lists: Path
) -> None:
    xml = ofac_xml.SPEC.parse(
        shared_lists / "ofac/nonsdn_consolidated_xml_2025-03-28/consolidated.xml"
    )
    csv = ofac_csv.SPEC.parse(shared_lists / "ofac/nonsdn_consolidated_csv_2025-12/cons_prim.csv")
    entries = [by_id(parsed, "9647") for parsed in (enhanced, xml, csv)]
    assert {e.name for e in entries} == {"ZAHHAR, Mahmoud Khaled"}
    assert {e.dates_of_birth for e in entries} == {("1945",)}
    assert {frozenset(e.programs) for e in entries} == {frozenset({"NS-PLC", "SDGT"})}
    assert {frozenset(e.all_names()) for e in entries} == {
        frozenset(
            {
                ("ZAHHAR, Mahmoud Khaled", AliasQuality.STRONG),
                ("AL ZAHAR, Mahmoud Khaled", AliasQuality.STRONG),
                ("ZAHAR, Mahmoud", AliasQuality.WEAK),
                ("AL-ZAHAR, Mahmoud", AliasQuality.WEAK),
            }
        )
    }


@pytest.mark.shared
def test_detect_real_file(shared_lists: Path) -> None:
    assert detect(shared_lists.joinpath(*ENHANCED)) is ofac_enhanced.SPEC


def test_sdn_sample_vessel(tmp_path: Path) -> None:
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_text(SDN_SAMPLE, encoding="utf-8")
    assert detect(path) is ofac_enhanced.SPEC
    parsed = ofac_enhanced.SPEC.parse(path)
    assert (parsed.source, parsed.published) == ("ofac_sdn", date(2025, 2, 3))
    (vessel,) = parsed.entries
    assert vessel.type is EntityType.VESSEL
    assert vessel.aliases == (Alias("OLD STAR", AliasQuality.WEAK, "fka"),)
    assert vessel.identifiers == (Identifier("IMO", "9000001"), Identifier("Call Sign", "XX1234"))
    assert vessel.countries == ("Panama",)
    assert vessel.listed_on == "2024-06-01"
    assert "VESSEL TYPE Crude Oil Tanker" in vessel.remarks


@pytest.mark.shared
def test_truncated_download_is_refused(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*ENHANCED).read_bytes()
    path = tmp_path / "CONS_ENHANCED.XML"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFileError, match=r"CONS_ENHANCED\.XML: .*truncated"):
        ofac_enhanced.SPEC.parse(path)


def test_no_entities_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(SDN_SAMPLE.split("<entities>")[0] + "<entities/></sanctionsData>")
    with pytest.raises(ListFileError, match="no entries"):
        ofac_enhanced.SPEC.parse(path)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE sanctionsData [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE sanctionsData [<!ENTITY c SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "xxe"],
)
def test_hostile_xml_is_refused(tmp_path: Path, doctype: str) -> None:
    hostile = SDN_SAMPLE.replace('encoding="utf-8"?>', f'encoding="utf-8"?>{doctype}', 1)
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_text(hostile.replace("EXAMPLE STAR", "&c;"), encoding="utf-8")
    assert ofac_enhanced.SPEC.sniff(read_head(path))
    with pytest.raises(ListFileError, match="refused"):
        ofac_enhanced.SPEC.parse(path)


def test_sniff_refuses_the_other_ofac_xml(tmp_path: Path) -> None:
    path = tmp_path / "SDN.XML"
    path.write_text(f'<?xml version="1.0"?><sdnList xmlns="{NS}"></sdnList>')
    assert not ofac_enhanced.SPEC.sniff(read_head(path))
