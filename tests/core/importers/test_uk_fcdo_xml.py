"""FCDO UK Sanctions List XML: the same designations as the CSV, with relations and details."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import EntityType, Relation, RelationKind
from screener.core.errors import ListFileError
from screener.core.lists.importers import detect, uk_fcdo, uk_fcdo_xml
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "uk_fcdo"


def test_xml_is_detected_and_gives_the_csv_designations() -> None:
    xml = FIXTURES / "UK-Sanctions-List.xml"
    assert detect(xml) is uk_fcdo_xml.SPEC
    parsed = uk_fcdo_xml.SPEC.parse(xml)
    assert (parsed.source, parsed.published, parsed.published_basis) == (
        "uk_fcdo",
        date(2024, 2, 2),
        "file header",
    )
    csv_entries = {
        e.entry_id: e for e in uk_fcdo.SPEC.parse(FIXTURES / "UK-Sanctions-List.csv").entries
    }
    for entry in parsed.entries:
        twin = csv_entries[entry.entry_id]
        assert (entry.type, entry.name, entry.listed_on) == (twin.type, twin.name, twin.listed_on)
        assert {a.name for a in entry.aliases} == {a.name for a in twin.aliases}
    person = next(e for e in parsed.entries if e.entry_id == "RUS9901")
    assert person.dates_of_birth == ("1962-03-14", "1961")
    assert {("Gender", "Male"), ("Place of birth", "Tver, Russia"), ("Title", "Mr")} <= set(
        person.details
    )


def test_xml_keeps_owner_operator_subsidiaries_and_previous_flags() -> None:
    by_id = {
        e.entry_id: e for e in uk_fcdo_xml.SPEC.parse(FIXTURES / "UK-Sanctions-List.xml").entries
    }
    ship = by_id["RUS9903"]
    assert ship.type is EntityType.VESSEL
    assert (
        Relation(
            RelationKind.OWNER_OPERATOR, "INVENTED SHIPPING LTD", note="current owner/operator"
        )
        in ship.relations
    )
    assert {("Previous flags", "Panama"), ("Previous flags", "Liberia")} <= set(ship.details)
    company = by_id["RUS9902"]
    assert {r.name for r in company.relations if r.kind is RelationKind.SUBSIDIARY} == {
        "NORTHERN LIGHTS LOGISTICS LLC",
        "NORTHERN LIGHTS MARINE LLC",
    }
    assert ("Designation source", "UN") in by_id["DPR9904"].details


def test_xml_without_unique_id_names_the_designation(tmp_path: Path) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text("<Designations><Designation><Names><Name><Name6>X</Name6></Name></Names>"
                   "</Designation></Designations>")  # fmt: skip
    with pytest.raises(ListFileError, match="designation 1"):
        uk_fcdo_xml.SPEC.parse(bad)
