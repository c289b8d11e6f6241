"""EU FSF XML: an invented v1.1 sample, the real legacy v1.0 sample, hostile and broken XML."""

from __future__ import annotations

from collections import Counter
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
from screener.core.lists.importers import detect, eu_fsf, read_head
from tests.conftest import FIXTURES, require_shared

V10_FILE = ("eu", "legacy_v1_0_xml_sample_2016-02-11", "xmlFullSanctionsList_v1_0_sample.xml")
V11_SAMPLE = FIXTURES / "eu" / "eu_fsf_v1_1_sample.xml"


@pytest.fixture(scope="module")
def v11() -> ParsedList:
    return eu_fsf.SPEC.parse(V11_SAMPLE)


@pytest.fixture(scope="module")
def v10() -> ParsedList:
    return eu_fsf.SPEC.parse(require_shared("data", "lists", *V10_FILE))


def by_id(parsed: ParsedList, entry_id: str) -> Entry:
    return next(e for e in parsed.entries if e.entry_id == entry_id)


def test_v11_header_and_types(v11: ParsedList) -> None:
    assert detect(V11_SAMPLE) is eu_fsf.SPEC
    assert (v11.source, v11.format) == ("eu_fsf", "eu-fsf-xml")
    assert (v11.published, v11.published_basis) == (date(2025, 6, 5), "file header")
    assert [(e.entry_id, e.type) for e in v11.entries] == [
        ("1001", EntityType.PERSON),
        ("1002", EntityType.ORGANIZATION),
        ("1003", EntityType.ORGANIZATION),
        ("1004", EntityType.PERSON),
    ]


def test_v11_person(v11: ParsedList) -> None:
    person = by_id(v11, "1001")
    assert person.name == "Ivan Petrovich EXAMPLOV"
    assert person.aliases == (
        Alias("Иван Петрович ЭКЗАМПЛОВ", AliasQuality.STRONG, "non-latin"),
        Alias("Vanya the Example", AliasQuality.WEAK, "aka"),  # strong="false"
    )
    assert person.dates_of_birth == ("1970-01-22", "1971")  # exact, and a circa year
    assert person.identifiers == (
        Identifier(
            "Passport",
            "7512345678",
            "RUSSIAN FEDERATION",
            "known to be expired; issued by Example Passport Office",
        ),
        Identifier("Tax ID No.", "771234567890", "RUSSIAN FEDERATION"),
    )
    assert person.countries == ("RUSSIAN FEDERATION",)
    assert person.programs == ("RUS",)
    assert person.listed_on == "2022-03-15"
    assert "EU reference EU.9001.01" in person.remarks
    assert "POB Tula, RUSSIAN FEDERATION" in person.remarks
    assert "Function: Director of the Example Plant" in person.remarks


def test_v11_enterprise_vessel_and_un_person(v11: ParsedList) -> None:
    company = by_id(v11, "1002")
    assert company.name == "Joint Stock Company Example Engineering"
    assert company.aliases == (
        Alias("АО «Пример Инжиниринг»", AliasQuality.STRONG, "non-latin"),
        Alias("EXENG", AliasQuality.WEAK, "aka"),  # marked by a "Low quality" remark
    )
    assert company.addresses == (Address("ul. Primernaya 1, 101000, Moscow", "RUSSIAN FEDERATION"),)
    assert company.listed_on == "2022-06-03"  # no designationDate: the earliest regulation

    ship = by_id(v11, "1003")
    assert ship.identifiers == (Identifier("IMO", "9000007"),)

    mullah = by_id(v11, "1004")
    assert mullah.name == "Abu EXAMPLE"  # built from first/last name when wholeName is empty
    assert mullah.programs == ("TAQA", "AQD")
    assert mullah.dates_of_birth == ("1965-03",)
    assert mullah.countries == ("PAKISTAN",)  # citizenship "UNKNOWN" is dropped
    assert mullah.addresses == (Address("PO Box 1234", "PAKISTAN"),)
    assert "UN reference QDi.999" in mullah.remarks


@pytest.mark.shared
def test_v10_counts_and_header(v10: ParsedList) -> None:
    assert len(v10.entries) == 595
    assert Counter(e.programs[0] for e in v10.entries) == {
        "IRQ": 292,
        "TAQA": 155,
        "AFG": 108,
        "TERR": 22,
        "COD": 16,
        "ZWE": 2,
    }
    assert Counter(e.type for e in v10.entries) == {
        EntityType.PERSON: 319,
        EntityType.ORGANIZATION: 276,
    }
    assert v10.source == "eu_fsf"
    assert (v10.published, v10.published_basis) == (date(2016, 2, 11), "file header")


@pytest.mark.shared
def test_v10_spot_checks(v10: ParsedList) -> None:
    mugabe = by_id(v10, "1")
    assert mugabe.name == "Robert Gabriel Mugabe"
    assert mugabe.identifiers == (Identifier("Passport", "AD001095", "", "passport"),)
    assert mugabe.dates_of_birth == ("1924-02-21",)
    assert mugabe.programs == ("ZWE",)
    assert mugabe.listed_on == "2012-02-21"

    assert by_id(v10, "29").aliases == (Alias("Al-Kimawi"),)
    # "1958 - 1963 (approximative)" is a range
    assert by_id(v10, "516").dates_of_birth == ("1958/1963",)
    # type and flags come out of the NUMBER text
    izzat = by_id(v10, "3221")
    (document,) = izzat.identifiers
    assert (document.kind, document.value, document.country) == (
        "Temporary Travel Document",
        "A 0141062",
        "DEU",
    )
    assert document.note.startswith("[revoked by issuer]")
    assert izzat.addresses == (Address("[Bavaria]", "DEU"),)
    # Greek names in a Latin-script list are non-Latin aliases
    abu_nidal = by_id(v10, "201")
    assert Alias("Οργάνωση Abu Nidal", AliasQuality.STRONG, "non-latin") in abu_nidal.aliases


@pytest.mark.shared
def test_detect_real_v10_file(shared_lists: Path) -> None:
    assert detect(shared_lists.joinpath(*V10_FILE)) is eu_fsf.SPEC


@pytest.mark.shared
def test_truncated_v10_is_refused(shared_lists: Path, tmp_path: Path) -> None:
    data = shared_lists.joinpath(*V10_FILE).read_bytes()
    path = tmp_path / "xmlFullSanctionsList.xml"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ListFileError, match=r"xmlFullSanctionsList\.xml: .*truncated"):
        eu_fsf.SPEC.parse(path)


def test_truncated_v11_is_refused(tmp_path: Path) -> None:
    data = V11_SAMPLE.read_bytes()
    path = tmp_path / "eu.xml"
    path.write_bytes(data[: data.index(b'logicalId="1003"')])
    with pytest.raises(ListFileError, match=r"eu\.xml: .*truncated"):
        eu_fsf.SPEC.parse(path)


def test_entry_without_name_is_refused(tmp_path: Path) -> None:
    text = V11_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "eu.xml"
    path.write_text(text.replace('wholeName="EXAMPLE TRADER"', 'wholeName=""'), encoding="utf-8")
    with pytest.raises(ListFileError, match=r"eu\.xml: entry number 3 \(id 1003\) has no name"):
        eu_fsf.SPEC.parse(path)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE export [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE export [<!ENTITY c SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "xxe"],
)
def test_hostile_xml_is_refused(tmp_path: Path, doctype: str) -> None:
    text = V11_SAMPLE.read_text(encoding="utf-8")
    hostile = text.replace('standalone="yes"?>', f'standalone="yes"?>{doctype}', 1)
    path = tmp_path / "eu.xml"
    path.write_text(hostile.replace("EXAMPLE TRADER", "&c;"), encoding="utf-8")
    assert eu_fsf.SPEC.sniff(read_head(path))
    with pytest.raises(ListFileError, match="refused"):
        eu_fsf.SPEC.parse(path)


def test_sniff_refuses_other_xml(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><export><rows/></export>')  # a generic "export"
    assert not eu_fsf.SPEC.sniff(read_head(other))
    bomb = tmp_path / "whole.xml"
    bomb.write_text('<!DOCTYPE WHOLE [<!ENTITY a "x">]><WHOLE Date="01/01/2016">&a;</WHOLE>')
    assert not eu_fsf.SPEC.sniff(read_head(bomb))


AMENDED_2018 = """<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2025-06-05T15:51:25.849+02:00">
  <sanctionEntity euReferenceNumber="EU.9005.05" logicalId="1005">
    <regulation regulationType="amendment" publicationDate="2018-07-30" programme="TAQA"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias wholeName="Abu EXAMPLE AL-OLD" strong="true" logicalId="6009">
      <regulationSummary regulationType="regulation" publicationDate="2002-05-27"/>
    </nameAlias>
    <birthdate circa="false" yearRangeFrom="1958" yearRangeTo="1963" logicalId="8004"/>
    <birthdate circa="true" year="1960" logicalId="8005"/>
  </sanctionEntity>
</export>
"""


def test_v11_listing_date_is_the_first_designation_not_the_last_amendment(tmp_path: Path) -> None:
    path = tmp_path / "amended.xml"
    path.write_text(AMENDED_2018, encoding="utf-8")
    (entry,) = eu_fsf.SPEC.parse(path).entries
    assert entry.listed_on == "2002-05-27"
    assert entry.dates_of_birth == ("1958/1963", "1960")  # a year range, and a circa year
    assert ("Date of birth", "circa 1960") in entry.details
