"""Listed names with annotations are found by the names they contain, shown as listed."""

from __future__ import annotations

import pytest

from screener.core.names.annotations import derived_names
from screener.core.names.name_index import IndexedName, NameIndex

AFFILIATE = (
    "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: "
    "Huawei Terminal (Shenzhen) Co., Ltd."
)


@pytest.mark.parametrize(
    ("listed", "contains"),
    [
        ("Acme Technologies Co., Ltd. (ACME)", "Acme Technologies Co., Ltd"),
        (AFFILIATE, "Huawei Terminal (Shenzhen) Co., Ltd"),
        ("Mexpar International, Inc. (a.k.a. Pasadena Aerospace; Aviation Logistics)",
         "Pasadena Aerospace"),
        ("Gazprom Dobycha Irkutsk, OOO (f.k.a., Otkrytoe Aktsionernoe Obshchestvo Irkutskgaz)",
         "Gazprom Dobycha Irkutsk, OOO"),
        ("FSUE PSZ; FSUE PRIBOROSTROITELNY ZAVOD", "FSUE PRIBOROSTROITELNY ZAVOD"),
        ("Volna Trading a.k.a. Volna Holdings", "Volna Holdings"),
    ],
)  # fmt: skip
def test_annotated_names_yield_the_names_inside(listed: str, contains: str) -> None:
    assert contains in derived_names(listed)


@pytest.mark.parametrize(
    "listed",
    ["Zarnitsa LLC", "AL-HARAMAYN FOUNDATION (TANZANIA)", "Jadeshine Engineering (HK) Co.",
     "SMITH, John"],
)  # fmt: skip
def test_plain_names_and_place_qualifiers_are_kept_whole(listed: str) -> None:
    assert derived_names(listed) == ()


def test_an_order_naming_the_entity_exactly_gets_a_full_hit_on_the_listed_name() -> None:
    index = NameIndex.build(
        [
            IndexedName(1, "Acme Technologies Co., Ltd. (ACME)", "organization"),
            IndexedName(2, AFFILIATE, "organization"),
        ]
    )
    (hit,) = index.search("Acme Technologies Co., Ltd.")
    assert (hit.key, hit.name, hit.score) == (1, "Acme Technologies Co., Ltd. (ACME)", 1.0)
    assert "listed name read as: Acme Technologies Co., Ltd" in hit.explanation
    (hit,) = index.search("Huawei Terminal (Shenzhen) Co Ltd")
    assert (hit.key, hit.name, hit.score) == (2, AFFILIATE, 1.0)


def test_one_hit_per_listed_name_even_when_several_readings_match() -> None:
    index = NameIndex.build([IndexedName(7, "Volna Trading a.k.a. Volna Trading LLC", None)])
    assert [h.key for h in index.search("Volna Trading")] == [7]
