"""Goods by description: terms in four languages and part numbers point to CHPL codes; words
that name other goods rule a code out; every row of the table is a CHPL code."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.resources import ReferenceDataError
from screener.core.rules.described import load_goods_terms
from screener.core.rules.goods import load_goods_reference

# (description, the CHPL code that must be the first candidate, or "" for none)
CASES = [
    ("Kintex-7 FPGA XC7K325T-2FFG900C", "854239"),
    ("XC7A35T-1CPG236C", "854239"),  # part number alone
    ("ПЛИС Xilinx", "854239"),
    ("Mikrocontroller 32 Bit", "854231"),
    ("microcontrôleur 8 bits", "854231"),
    ("STM32F407VGT6", "854231"),
    ("микроконтроллер 1986ВЕ92У", "854231"),
    ("Rillenkugellagern aus Stahl", "848210"),  # German compound, inflected
    ("подшипника шарикового", "848210"),  # Russian cases, word order
    ("ball bearing 6205-2RS C3", "848210"),
    ("6205-2RS", "848210"),
    ("bearings assorted", "8482"),  # the word does not say which subheading
    ("radiation-hardened microcircuits", "8542"),
    ("токарный станок с ЧПУ", "845811"),
    ("fraiseuse CNC 3 axes", "845961"),
    ("NEO-M8N", "852691"),
    ("oscilloscope", "903020"),
    ("LED diode red", ""),  # light-emitting diodes are 8541.41, not on the CHPL
    ("светодиод белый", ""),
    ("Socket head cap screw M8", ""),
    ("Server cabinet 42U", ""),
    ("bearing housing UCP205", ""),
    ("mass spectrometer", ""),
    ("Lieferung ab Lager", ""),
    ("ship propeller", ""),
    ("stepper motor NEMA 17", ""),
    ("Roasted coffee", ""),
    ("", ""),
]


@pytest.mark.parametrize(("description", "hs"), CASES)
def test_description_points_to_the_chpl_code(description: str, hs: str) -> None:
    found = load_goods_terms().describe(description)
    assert (found[0].hs if found else "") == hs, found


def test_evidence_names_the_words_and_the_part_number() -> None:
    (found,) = load_goods_terms().describe("Kintex-7 FPGA XC7K325T-2FFG900C")
    assert found.item == "FPGA"
    assert {"fpga", "kintex", "part XC7K325T-2FFG900C"} <= set(found.evidence)


def test_every_row_is_a_chpl_subheading_or_a_heading_holding_chpl_items() -> None:
    chpl = {i.hs6 for i in load_goods_reference().chpl}
    for row in load_goods_terms().rows:
        if len(row.hs) == 6:
            assert row.hs in chpl, row
        else:
            assert any(c.startswith(row.hs) for c in chpl), row


def test_every_term_row_has_english_german_french_and_russian() -> None:
    import csv

    from screener.core.resources import lists_dir

    with (lists_dir() / "goods_terms.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "term"]
    by_code: dict[str, set[str]] = {}
    for r in rows:
        by_code.setdefault(r["hs"], set()).add(r["language"])
    for hs, languages in by_code.items():
        assert {"en", "de", "fr", "ru"} <= languages, (hs, languages)


def test_a_broken_table_row_is_named(tmp_path: Path) -> None:
    (tmp_path / "hs_chapters.csv").write_text("chapter,title,citation\n84,machinery,HS 2022\n")
    (tmp_path / "goods_terms.csv").write_text(
        "hs,item,kind,language,pattern,citation\n854239,FPGA,part,part,XC7[,goods terms\n"
    )
    with pytest.raises(ReferenceDataError) as info:
        load_goods_terms(tmp_path)
    assert "row 2" in str(info.value)
    assert "XC7[" in str(info.value)
