"""Slips where a name ends: an appended country, a legal form before it, an abbreviated form."""

from __future__ import annotations

import pytest

from screener.core.names.normalize import Role, normalize_name


def _roles(name: str) -> list[tuple[str, str]]:
    return [(t.text, t.role.value) for t in normalize_name(name, kind="organization").tokens]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Ostrovia Cargo LLC, Iarn", ["iran"]),  # two letters swapped, after a comma
        ("Ostrovia Cargo (Syra)", ["syria"]),  # a letter dropped, in brackets
        ("Ostrovia Cargo Ltd Chin", ["china"]),  # after the legal form
        ("Ostrovia Cargo - PRCC", ["prc"]),  # a code with a letter doubled
        ("Ostrovia Cargo LLC Singaporre", ["singapore"]),
        ("Ostrovia Cargo Hong Kng", ["hong", "kong"]),  # two words tell it anywhere
        ("Ostrovia Cargo, P.R. China", ["pr", "china"]),
    ],
)
def test_an_appended_country_with_a_typo_is_the_country(name: str, country: list[str]) -> None:
    roles = _roles(name)
    assert [t for t, r in roles if r == Role.COUNTRY] == country
    assert roles[0] == ("ostrovia", "name")


@pytest.mark.parametrize(
    "name",
    [
        "Ostrovia Chin",  # not appended: a name's own word
        "Ostrovia Cargo, Corp",  # a word the tables know as something else
        "OOO DGRK",  # the name itself after its legal form, not a country
        "Ostrovia, U.A.D.",  # three letters: too many other words one slip from a code
    ],
)
def test_a_word_near_a_country_stays_a_word(name: str) -> None:
    assert not [t for t, r in _roles(name) if r == Role.COUNTRY]


def test_a_legal_form_before_an_appended_country_still_ends_the_name() -> None:
    roles = _roles("Ostrovia Cargo Public Join Stock Company, RF")
    assert ("PJSC", "legal") in roles
    assert ("join", "name") not in roles


def test_an_abbreviated_form_with_a_letter_dropped_is_read_first_in_a_name() -> None:
    assert _roles("Fse Ostrovia")[0] == ("FEDERAL STATE UNITARY ENTERPRISE", "legal")
    assert _roles("Ojs Ostrovia Cargo")[0] == ("OJSC", "legal")


def test_a_dropped_letter_form_needs_a_name_beside_it_and_its_place() -> None:
    # "Mcc" is not read as DMCC: that form follows a name, it does not lead one.
    assert _roles("Mcc Ostrovia")[0] == ("mcc", "name")
    # "Sal" at the end is a form of its own (Lebanon), not SARL with a letter dropped.
    assert ("sal", "name") in _roles("Ostrovia Cargo SAL")
    # A name of legal forms only keeps its word.
    assert _roles("Ojs Ltd")[0] == ("ojs", "name")


def test_a_short_slip_counts_only_inside_a_form_of_several_words() -> None:
    assert ("join", "name") in _roles("Join Ostrovia Cargo")
    assert ("OJSC", "legal") in _roles("Open Joint Stok Company Ostrovia")


def test_a_misspelt_word_of_a_long_form_is_read_a_few_words_in() -> None:
    # The fourth word of a form of four, before an appended country.
    assert ("OJSC", "legal") in _roles("Open Joint Stock Commpany Ostrovia Cargo, Germany")
    # A form of one word still counts only where a name ends: "Limitex Trading" keeps its name.
    assert ("limitex", "name") in _roles("Limitex Trading Ostrovia")


def test_a_long_form_is_read_in_any_of_its_romanisations() -> None:
    # The table spells "obshchestvo s ogranichennoy otvetstvennostyu"; another romanisation
    # of the same Russian words is the same form.
    roles = _roles("Obschestvo S Ogranichennoj Otvetstvennostju Ostrovia")
    assert roles == [("LLC", "legal"), ("ostrovia", "name")]
