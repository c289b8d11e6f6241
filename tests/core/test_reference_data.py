"""The tables in lists/ are cited row by row, and agree with the independently collected
reference data in ../shared (read there, never copied here)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from screener.core.resources import lists_dir
from screener.core.rules.goods import load_goods_reference
from tests.conftest import require_shared

AUTHORED = (
    "chpl.csv",
    "countries.csv",
    "country_names.csv",
    "country_names_orders.csv",
    "country_names_languages.csv",
    "regions.csv",
    "art12g_goods.csv",
    "goods_terms.csv",
    "hs_chapters.csv",
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _source_ids() -> set[str]:
    text = (lists_dir() / "SOURCES.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([^|]+?) \|", text, flags=re.MULTILINE)) - {"id"}


@pytest.mark.parametrize("name", AUTHORED)
def test_every_row_cites_a_source_that_sources_md_resolves(name: str) -> None:
    known = _source_ids()
    text = (lists_dir() / "SOURCES.md").read_text(encoding="utf-8")
    assert f"## {name}" in text
    for number, row in enumerate(_rows(lists_dir() / name), start=2):
        ids = [c.strip() for c in row["citation"].split(";") if c.strip()]
        assert ids, f"{name} row {number} has no citation"
        assert set(ids) <= known, f"{name} row {number}: {set(ids) - known} not in SOURCES.md"


def test_chpl_has_50_codes_in_the_six_tiers() -> None:
    chpl = load_goods_reference().chpl
    assert len({i.hs6 for i in chpl}) == 50
    assert Counter(i.tier for i in chpl) == {
        "1": 4, "2": 5, "3.A": 16, "3.B": 9, "4.A": 11, "4.B": 5,
    }  # fmt: skip
    assert {i.version_date for i in chpl} == {"2024-02-23"}


def test_chpl_agrees_with_shared_goods() -> None:
    shared = _rows(require_shared("data", "goods", "chpl.csv"))
    ours = {i.hs6: i.tier for i in load_goods_reference().chpl}
    assert ours == {r["hs6"]: r["tier"] for r in shared}


def test_country_flags_agree_with_shared_countries() -> None:
    shared = {r["code"]: r for r in _rows(require_shared("data", "countries", "countries.csv"))}
    ours = {r["iso2"]: r for r in _rows(lists_dir() / "countries.csv")}
    iso = {c for c, r in shared.items() if r["code_type"] == "iso3166-1-alpha2"}
    assert iso <= set(ours)

    def flagged(table: dict[str, dict[str, str]], test: object) -> set[str]:
        return {c for c, r in table.items() if test(r)}  # type: ignore[operator]

    assert flagged(ours, lambda r: r["russia_belarus"] == "Y") == flagged(
        shared, lambda r: bool(r["russia_belarus_restrictions"])
    )
    assert flagged(ours, lambda r: "US" in r["comprehensive_embargo"].split()) == flagged(
        shared, lambda r: bool(r["comprehensive_embargo"])
    )
    assert flagged(ours, lambda r: "FIN-2022-Alert003" in r["high_diversion_risk"]) == flagged(
        shared, lambda r: r["transshipment_point_fincen_bis_2022"] == "Y"
    )
    assert flagged(ours, lambda r: "Tri-Seal" in r["high_diversion_risk"]) == flagged(
        shared, lambda r: r["transshipment_point_triseal_2023"] == "Y"
    )
    # Our partners (Annex VIII) and EU members are all in the export-control coalition.
    gecc = flagged(shared, lambda r: r["gecc_member_2023"] == "Y")
    assert flagged(ours, lambda r: "Y" in (r["annex_viii_partner"], r["eu_member"])) <= gecc


def test_regions_cover_the_shared_subdivisions() -> None:
    shared = _rows(require_shared("data", "countries", "countries.csv"))
    subdivisions = {r["code"] for r in shared if r["code_type"] == "iso3166-2-subdivision"}
    assert {r["code"] for r in _rows(lists_dir() / "regions.csv")} == subdivisions
