"""OFAC sdnList XML (SDN.XML / consolidated.xml): real file, invented SDN sample, hostile XML."""

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
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, ofac_xml, read_head
from tests.conftest import require_shared

CONSOLIDATED = ("ofac", "nonsdn_consolidated_xml_2025-03-28", "consolidated.xml")
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"

# Invented entries in the SDN.XML layout (no real party), to cover vessels and the SDN rule.
SDN_SAMPLE = f"""<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="{NS}">
  <publshInformation><Publish_Date>01/02/2025</Publish_Date><Record_Count>2</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>90001</uid><lastName>EXAMPLE STAR</lastName><sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList><id><uid>1</uid><idType>Vessel Registration Identification</idType>
      <idNumber>IMO 9000001</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>123456789</idNumber></id></idList>
    <akaList><aka><uid>3</uid><type>f.k.a.</type><category>strong</category>
      <lastName>OLD STAR</lastName></aka></akaList>
    <vesselInfo><callSign>XX1234</callSign><vesselType>Crude Oil Tanker</vesselType>
      <vesselFlag>Panama</vesselFlag><vesselOwner>EXAMPLE SHIPPING</vesselOwner></vesselInfo>
  </sdnEntry>
  <sdnEntry>
    <uid>90002</uid><firstName>Jon</firstName><lastName>SAMPLE</lastName>
    <title>Director</title><sdnType>Individual</sdnType>
    <programList><program>SDGT</program><program>IRGC</program></programList>
    <idList><id><uid>4</uid><idType>Passport</idType><idNumber>P123</idNumber>
      <idCountry>Iran</idCountry><issueDate>01 Jan 2010</issueDate></id>
      <id><uid>5</uid><idType>Gender</idType><idNumber>Male</idNumber></id></idList>
    <addressList><address><uid>6</uid><address1>1 Example Street</address1><city>Tehran</city>
      <country>Iran</country></address></addressList>
    <citizenshipList><citizenship><uid>7</uid><country>Iraq</country></citizenship>
    </citizenshipList>
    <dateOfBirthList><dateOfBirthItem><uid>8</uid><dateOfBirth>circa 1970</dateOfBirth>
    </dateOfBirthItem></dateOfBirthList>
  </sdnEntry>
</sdnList>
"""


@pytest.fixture(scope="module")
def consolidated() -> ParsedList:
    return ofac_xml.SPEC.parse(require_shared("data", "lists", *CONSOLIDATED))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


@pytest.mark.shared
def test_consolidated_counts_and_header(consolidated: ParsedList) -> None:
    types = [e.type for e in consolidated.entries]
    assert len(types) == 443
    assert (types.count(EntityType.ORGANIZATION), types.count(EntityType.PERSON)) == (363, 80)
    assert consolidated.source == "ofac_cons"
    assert (consolidated.published, consolidated.published_basis) == (
        date(2025, 3, 28),
        "file header",
    )


@pytest.mark.shared
def test_consolidated_spot_checks(consolidated: ParsedList) -> None:
    zahhar = by_id(consolidated, "9647")
    assert zahhar.name == "ZAHHAR, Mahmoud Khaled"
    assert zahhar.aliases == (
        Alias("AL ZAHAR, Mahmoud Khaled", AliasQuality.STRONG, "aka"),
        Alias("ZAHAR, Mahmoud", AliasQuality.WEAK, "aka"),
        Alias("AL-ZAHAR, Mahmoud", AliasQuality.WEAK, "aka"),
    )
    assert zahhar.dates_of_birth == ("1945",)
    assert zahhar.programs == ("NS-PLC", "SDGT")
    assert zahhar.countries[0] == "Palestinian"
    assert "Gender Male" in zahhar.remarks  # an <id> in the XML, but not an identifier
    assert zahhar.identifiers == ()

    bank = by_id(consolidated, "17014")
    assert Identifier("Registration Number", "1027700342890", "Russia") in bank.identifiers
    assert Identifier("SWIFT/BIC", "RUAGRUMM") in bank.identifiers
    assert Alias("RUSAG", AliasQuality.WEAK, "aka") in bank.aliases
    assert bank.addresses[0] == Address("3, Gagarinsky Pereulok, Moscow, 119034", "Russia")
    # "Nationality of Registration" is a country, not an identifier
    institute = by_id(consolidated, "23552")
    assert institute.countries == ("Russia",)
    assert "Nationality of Registration" not in {i.kind for i in institute.identifiers}


@pytest.mark.shared
def test_detect_real_file(shared_lists: Path) -> None:
    assert detect(shared_lists.joinpath(*CONSOLIDATED)) is ofac_xml.SPEC


def test_sdn_sample_is_ofac_sdn_with_vessel_details(tmp_path: Path) -> None:
    path = tmp_path / "SDN.XML"
    path.write_text(SDN_SAMPLE, encoding="utf-8")
    assert detect(path) is ofac_xml.SPEC
    parsed = ofac_xml.SPEC.parse(path)
    assert parsed.source == "ofac_sdn"
    assert parsed.published == date(2025, 1, 2)  # MM/DD/YYYY
    vessel, person = parsed.entries
    assert vessel.type is EntityType.VESSEL
    assert vessel.identifiers == (
        Identifier("Call Sign", "XX1234"),
        Identifier("IMO", "9000001"),
        Identifier("MMSI", "123456789"),
    )
    assert vessel.aliases == (Alias("OLD STAR", AliasQuality.STRONG, "fka"),)
    assert vessel.countries == ("Panama",)
    assert "Vessel owner: EXAMPLE SHIPPING" in vessel.remarks
    assert person.name == "SAMPLE, Jon"
    assert person.identifiers == (Identifier("Passport", "P123", "Iran", "issued 01 Jan 2010"),)
    assert person.countries == ("Iraq", "Iran")
    assert person.dates_of_birth == ("1970",)
    assert person.addresses == (Address("1 Example Street, Tehran", "Iran"),)
    assert "Title: Director" in person.remarks


def test_record_count_mismatch_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "SDN.XML"
    path.write_text(SDN_SAMPLE.replace("<Record_Count>2<", "<Record_Count>3<"), encoding="utf-8")
    with pytest.raises(ListFileError, match="declares 3 records but the file holds 2"):
        ofac_xml.SPEC.parse(path)


@pytest.mark.shared
def test_truncated_download_is_refused(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*CONSOLIDATED).read_bytes()
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ListFileError, match=r"consolidated\.xml: .*truncated"):
        ofac_xml.SPEC.parse(path)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE sdnList [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE sdnList [<!ENTITY c SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "xxe"],
)
def test_hostile_xml_is_refused(tmp_path: Path, doctype: str) -> None:
    hostile = SDN_SAMPLE.replace('standalone="yes"?>', f'standalone="yes"?>{doctype}', 1)
    path = tmp_path / "SDN.XML"
    path.write_text(hostile.replace("EXAMPLE STAR", "&c;"), encoding="utf-8")
    assert ofac_xml.SPEC.sniff(read_head(path))
    with pytest.raises(ListFileError, match="refused"):
        ofac_xml.SPEC.parse(path)


def test_sniff_refuses_other_xml(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>')
    assert not ofac_xml.SPEC.sniff(read_head(path))
