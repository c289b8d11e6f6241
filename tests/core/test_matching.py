"""Scoring: the rules an officer notices, the explanation text, qualifiers, properties."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from screener.core.names.matching import (
    DEFAULT_THRESHOLD,
    apply_qualifiers,
    explain_similarity,
    name_similarity,
    score_normalized,
)
from screener.core.names.normalize import normalize_name
from screener.core.names.reach import CandidateWords, ReachFilter, name_shape


def test_identical_names_score_one() -> None:
    assert name_similarity("Zarnitsa Trading LLC", "ZARNITSA TRADING LLC") == 1.0


def test_shared_generic_word_or_legal_form_is_never_a_match() -> None:
    assert name_similarity("Emma Trading LLC", "Zarnitsa Trading LLC") < 0.6
    assert name_similarity("CORP", "Brightwater Holdings Corp.") < 0.6
    assert name_similarity("Holdings Ltd", "Kestrel Holdings Ltd") < 0.6


def test_legal_form_variants_are_equated_and_explained() -> None:
    result = explain_similarity("OOO Zarnitsa", "Zarnitsa Limited Liability Company")
    assert result.score >= DEFAULT_THRESHOLD
    assert result.legal_forms_equated == ("ooo = limited liability company (LLC)",)
    assert "legal forms equated: ooo = limited liability company (LLC)" in result.explanation


def test_run_together_names_match_both_ways() -> None:
    assert name_similarity("Solvarbank", "Solvar Bank") >= DEFAULT_THRESHOLD
    assert name_similarity("North Credit", "NORTHCREDIT") >= DEFAULT_THRESHOLD


def test_missing_words_cost_less_than_extra_distinctive_words() -> None:
    dropped = name_similarity("Kestrel Metals", "Kestrel Metals Refining")
    added = name_similarity("Kestrel Metals Refining", "Kestrel Metals")
    assert dropped > added


def test_explanation_lists_matched_missing_and_extra_words() -> None:
    result = explain_similarity("Ostorvia Shipping Russia", "Ostrovia Cargo Shipping")
    assert ("ostorvia", "ostrovia") in result.matched
    assert result.missing == ("cargo",)
    assert result.extra == ("russia",)
    assert "ostorvia~ostrovia (typo)" in result.explanation
    assert "extra in query: russia (country)" in result.explanation


def test_numbers_must_be_equal() -> None:
    assert name_similarity("Plant 163", "Plant 164") < 0.6


def test_person_order_and_initials() -> None:
    assert name_similarity("PETROV, Ivan", "Ivan Petrov", kind="person") == 1.0
    result = explain_similarity("I. Petrov", "Ivan Petrov", kind="person")
    assert result.score >= DEFAULT_THRESHOLD
    assert "i~ivan (initial)" in result.explanation


def test_vessel_names_are_exact_ish() -> None:
    assert name_similarity("MV Northern Lark", "NORTHERN LARK", kind="vessel") == 1.0
    assert name_similarity("Northern Lark 2", "Northern Lark", kind="vessel") < 0.6


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        name_similarity("a", "b", kind="ship")


def test_identifier_match_is_a_strong_hit() -> None:
    score, note = apply_qualifiers(
        0.3, query_country=None, entry_countries=(), query_ids=("IMO 9123456",),
        entry_ids=("9123456",),
    )  # fmt: skip
    assert score >= 0.95
    assert note == "identifier matches: 9123456"


def test_contradicting_country_lowers_a_little_but_never_hides_an_exact_name() -> None:
    score, note = apply_qualifiers(0.9, query_country="IN", entry_countries=("RU", "BY"))
    assert 0.8 <= score < 0.9
    assert note == "different countries: IN / BY, RU"
    exact, _ = apply_qualifiers(1.0, query_country="IN", entry_countries=("RU",))
    assert exact >= DEFAULT_THRESHOLD
    same, note = apply_qualifiers(0.9, query_country="ru", entry_countries=("RU",))
    assert (same, note) == (0.9, "")


names = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
kinds = st.sampled_from([None, "person", "organization", "vessel"])


@given(names, names, kinds)
def test_scores_stay_in_range(a: str, b: str, kind: str | None) -> None:
    result = explain_similarity(a, b, kind=kind)
    assert 0.0 <= result.score <= 1.0
    assert result.score == name_similarity(a, b, kind=kind)


@given(st.text(alphabet="abcdefgh klmnop", min_size=1, max_size=30), kinds)
def test_a_name_matches_itself(a: str, kind: str | None) -> None:
    if any(ch.isalpha() for ch in a):
        assert name_similarity(a, a, kind=kind) >= DEFAULT_THRESHOLD


def test_countries_compare_by_code_whatever_the_spelling() -> None:
    # The EU list writes countries as names, orders carry codes or names in any language.
    score, note = apply_qualifiers(1.0, query_country="BR", entry_countries=("RUSSIAN FEDERATION",))
    assert score < 1.0
    assert note == "different countries: BR / RU"
    same, note = apply_qualifiers(
        0.9, query_country="Russia", entry_countries=("RUSSIAN FEDERATION",)
    )
    assert (same, note) == (0.9, "")
    unknown, note = apply_qualifiers(0.9, query_country="IN", entry_countries=("Atlantis",))
    assert (unknown, note) == (0.9, "")


# Words that make near and run-together matches likely, so the property meets real cases.
_POOL = [
    "gazprom",
    "bank",
    "gazprombank",
    "trading",
    "llc",
    "ooo",
    "ivan",
    "ivanov",
    "petrovich",
    "rosoboron",
    "export",
    "rosoboronexport",
    "al",
    "nur",
    "northern",
    "lark",
    "2",
    "and",
    "international",
    "intl",
    "company",
    "shchukin",
    "schukin",
    "j",
    "sea",
    "star",
    "seastar",
    # Variants (a name, a number) and places: rules that raise or cap a score.
    "bill",
    "william",
    "mykola",
    "nikolai",
    "12",
    "twelfth",
    "second",
    "2nd",
    "dubai",
    "sharjah",
    "moscow",
    "bank",
    "basri",
    "kufi",
    "mhmd",  # Arabic script romanised without vowels
    "mohammad",
    "hsyn",
    "hossein",
    "prod.",  # a dotted abbreviation of a generic word
    "production",
    "trd.",
    "u",  # letters spelled out: "u a e"
    "a",
    "e",
]


@st.composite
def pooled_names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_POOL), min_size=1, max_size=5))
    if draw(st.booleans()):  # a typo: one letter dropped
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(0, max(0, len(words[i]) - 1)))
        words[i] = words[i][:j] + words[i][j + 1 :] or words[i]
    return " ".join(words)


@settings(max_examples=600, deadline=None)
@given(pooled_names(), pooled_names(), kinds, st.sampled_from([0.6, 0.7, 0.8, 0.9]))
@example("ivan gazprombank", "gazprom bank ivan", None, 0.8)  # a run-together pair decides
@example("gazprom bank ivan", "ivan gazprombank", None, 0.8)
@example("bill star", "william star", "person", 0.8)  # a variant far beyond any typo
@example("brigade 12", "twelfth brigade", None, 0.8)
@example("mhmd hsyn", "mohammad hossein", "person", 0.8)
@example("zarnitsa prod.", "zarnitsa production", None, 0.8)  # abbreviated on either side
@example("zarnitsa production", "zarnitsa prod.", None, 0.8)  # consonants only, beyond any typo
def test_reach_filter_never_drops_a_name_that_reaches_the_threshold(
    a: str, b: str, kind: str | None, threshold: float
) -> None:
    assert_reach_bounds(a, b, kind, threshold)


def assert_reach_bounds(a: str, b: str, kind: str | None, threshold: float) -> None:
    """The pre-filter drops the pair only if full scoring keeps it below `threshold`."""
    norm_kind = kind if kind in ("person", "vessel") else None
    q, c = normalize_name(a, kind=norm_kind), normalize_name(b, kind=norm_kind)
    filler = normalize_name("trading ltd", kind=norm_kind)  # other candidates' words
    reach = ReachFilter(q, kind, CandidateWords.of([name_shape(c), name_shape(filler)]))
    if not reach.could_reach(c, threshold):
        assert score_normalized(q, c, kind=kind) < threshold
