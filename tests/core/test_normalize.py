"""Normalisation: folding, transliteration, legal forms, generic words, persons."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from screener.core.names.normalize import (
    find_legal_forms,
    fold,
    normalize_name,
    reorder_last_first,
    skeleton,
    tokenize,
    transliterate,
)


def roles(name: str, **kw: str) -> list[tuple[str, str]]:
    return [(t.text, t.role.value) for t in normalize_name(name, **kw).tokens]


def test_fold_removes_case_accents_and_punctuation() -> None:
    assert fold("  Société  Générale, S.A. ") == "societe generale sa"
    assert fold("Int'l Tech & Trade") == "intl tech and trade"
    assert fold("NOVATEK-MURMANSK") == "novatek murmansk"


def test_transliteration_of_cyrillic_greek_arabic_and_special_letters() -> None:
    assert fold("ООО «Ромашка»") == "ooo romashka"
    assert fold("Щёлково Жуков") == "shchelkovo zhukov"
    assert fold("Київ Ґрунт") == "kiyiv grunt"  # Ukrainian letters
    assert fold("Қазақ Өнім") == "kazak onim"  # Kazakh letters
    assert fold("Αθήνα") == "athina"
    assert fold("النور") == "al nur"  # the article a word of its own, a long vowel a vowel
    assert transliterate("Straße Ørsted Łódź") == "strasse orsted lodz"


def test_skeleton_bridges_romanisation_schemes() -> None:
    assert skeleton("sevastopolskiy") == skeleton("sevastopolskij") == skeleton("sevastopolskii")
    assert skeleton("khimprom") == skeleton("himprom")
    assert skeleton("otvetstvennostyu") == skeleton("otvetstvennostju")


def test_legal_forms_found_with_canonical_form_and_span() -> None:
    toks = tokenize("Obshchestvo s Ogranichennoy Otvetstvennostyu Romashka")
    (form,) = find_legal_forms(toks)
    assert (form.canonical, form.start, form.end) == ("LLC", 0, 4)
    assert [f.canonical for f in find_legal_forms(tokenize("Abc Co., Ltd."))] == ["CO LTD"]
    assert [f.canonical for f in find_legal_forms(tokenize("X Pvt. Ltd."))] == ["PVT LTD"]


def test_ambiguous_short_forms_count_only_at_the_edges() -> None:
    assert [f.canonical for f in find_legal_forms(tokenize("Made As Promised AS"))] == ["AS"]
    assert find_legal_forms(tokenize("Best At Home Foods")) == []


def test_generic_words_abbreviations_and_countries_get_roles() -> None:
    assert roles("Veltrona Intl Engg Svcs HK") == [
        ("veltrona", "name"),
        ("international", "generic"),
        ("engineering", "generic"),
        ("services", "generic"),
        ("hong", "country"),
        ("kong", "country"),
    ]


def test_name_made_only_of_generic_words_keeps_them_distinctive() -> None:
    assert roles("International Trading Company") == [
        ("international", "name"),
        ("trading", "name"),
        ("CO", "legal"),
    ]


def test_person_last_first_and_initials() -> None:
    assert reorder_last_first("PETROV, Ivan") == "Ivan PETROV"
    assert reorder_last_first("A, B, C") == "A, B, C"
    assert normalize_name("PETROV, I.S.", kind="person").texts() == ("i", "s", "petrov")


def test_vessel_prefix_dropped() -> None:
    assert normalize_name("M/V Northern Lark", kind="vessel").texts() == ("northern", "lark")


@given(st.text(max_size=60))
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()
    assert once == once.strip()
    assert "  " not in once


@given(st.text(max_size=60))
def test_normalizing_a_folded_name_changes_nothing(text: str) -> None:
    original = normalize_name(text).tokens
    assert [(t.text, t.role) for t in normalize_name(fold(text)).tokens] == [
        (t.text, t.role) for t in original
    ]
