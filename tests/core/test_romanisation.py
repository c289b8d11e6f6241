"""Wade-Giles and Pinyin spellings of one Mandarin syllable: one person's name part."""

from __future__ import annotations

import csv

import pytest

from screener.core.names.match_params import ORG, PERSON
from screener.core.names.normalize import skeleton
from screener.core.names.variants import same_variant, variant_keys
from screener.core.names.word_similarity import token_similarity
from screener.core.resources import lists_dir

ROWS = [
    r["words"].split(";")
    for r in csv.DictReader((lists_dir() / "name_variants.csv").open(encoding="utf-8"))
    if r["kind"] == "romanisation"
]


def test_the_table_pairs_the_two_schemes() -> None:
    assert ["hsu", "xu"] in ROWS
    assert ["teng", "deng"] in ROWS


@pytest.mark.parametrize("words", ROWS, ids=[";".join(r) for r in ROWS])
def test_each_spelling_is_one_person_part_and_the_index_finds_it(words: list[str]) -> None:
    a, *others = words
    for b in others:
        assert token_similarity(a, b, PERSON.max_edits, True)[0] >= 0.9
        # The index and the reach filter look partners up by these keys.
        assert skeleton(b) in variant_keys(a)


def test_a_company_word_is_not_read_as_a_persons_romanisation() -> None:
    assert same_variant("hsu", "xu")
    assert not same_variant("hsu", "xu", person=False)
    assert token_similarity("hsieh", "xie", ORG.max_edits, False) == (0.0, "")
    # Rows of other kinds still hold for companies: "12" is "twelve".
    assert same_variant("12", "twelve", person=False)
