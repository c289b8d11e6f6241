"""Country and region resolution: codes, names, variants, regions, free-text addresses."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from screener.core.resources import ENV_REFERENCE_DIR, ReferenceDataError, lists_dir
from screener.core.rules.countries import (
    country_in_name,
    find_regions,
    load_country_reference,
    resolve_country,
)


@pytest.mark.parametrize(
    ("text", "iso2", "region"),
    [
        ("IN", "IN", None),
        ("in", "IN", None),
        ("IND", "IN", None),
        ("ARE", "AE", None),
        ("UAE", "AE", None),
        ("U.A.E.", "AE", None),
        ("United Arab Emirates", "AE", None),
        ("Türkiye", "TR", None),
        ("Turkiye", "TR", None),
        ("TURKEY", "TR", None),
        ("Hong Kong SAR", "HK", None),
        ("Hong Kong, China", "HK", None),
        ("Russian Federation", "RU", None),
        ("Russia", "RU", None),
        ("Россия", "RU", None),
        ("Korea, Democratic People's Republic of", "KP", None),
        ("DPRK", "KP", None),
        ("North Korea", "KP", None),
        ("Korea, Republic of", "KR", None),
        ("Iran (Islamic Republic of)", "IR", None),
        ("UK", "GB", None),
        ("Great Britain", "GB", None),
        ("United States of America", "US", None),
        ("Kyrgyz Republic", "KG", None),
        ("Kosovo", "XK", None),
        ("Inde", "IN", None),  # other languages' names, as ERPs export them
        ("Emiratos Árabes Unidos", "AE", None),
        ("Birleşik Arap Emirlikleri", "AE", None),
        ("Fédération de Russie", "RU", None),
        ("Russie, Fédération de", "RU", None),
        ("Rosja", "RU", None),
        ("Biélorussie", "BY", None),
        ("Chiny", "CN", None),
        ("中国", "CN", None),
        ("EAU", "AE", None),
        ("EE. UU.", "US", None),
        ("Almaty (KZ)", "KZ", None),  # the parts that name a country agree
        ("RU - Russia", "RU", None),
        ("Istanbul/Turkey", "TR", None),
        ("Tashkent, Uzbekistan 100000", "UZ", None),
        ("P.R. China", "CN", None),
        ("Istanbul", "TR", None),  # a city or free zone of the places table
        ("Jebel Ali", "AE", None),
        ("Almaty", "KZ", None),
        ("Mariupol", "UA", "UA-14"),  # an occupied city stays its region
        ("Crimea", "UA", "UA-43"),
        ("Republic of Crimea", "UA", "UA-43"),
        ("Крым", "UA", "UA-43"),
        ("Sevastopol", "UA", "UA-40"),
        ("Sebastopol", "UA", "UA-40"),
        ("DNR", "UA", "UA-14"),
        ("Donetsk People's Republic", "UA", "UA-14"),
        ("Lugansk", "UA", "UA-09"),
        ("Луганськ", "UA", "UA-09"),
        ("Zaporozhye", "UA", "UA-23"),
        ("Kherson", "UA", "UA-65"),
        ("Moscow, Russia", "RU", None),
        ("Dubai, AE", "AE", None),
        ("Simferopol, Russia", "UA", "UA-43"),  # the region wins over the claimed country
    ],
)
def test_resolves(text: str, iso2: str, region: str | None) -> None:
    match = resolve_country(text)
    assert match is not None, text
    assert match.country.iso2 == iso2
    assert (match.region.code if match.region else None) == region


@pytest.mark.parametrize(
    "text",
    [
        "", "  ", "Narnia", "Korea", "Corée", "Korea, Republik von", "XX", "Europe", "12",
        "Russia / Kazakhstan", "Made in Germany", "Narnia, 050000",
    ],
)  # fmt: skip
def test_unresolvable_is_none(text: str) -> None:
    # "Korea" alone is ambiguous between KP and KR: it must not silently become one of them.
    assert resolve_country(text) is None


@pytest.mark.parametrize("text", ["BAE", "Rosja", "Inde", "Almaty (KZ)", "EUA", "Istanbul"])
def test_inside_a_name_only_the_english_names_are_countries(text: str) -> None:
    # "BAE Systems" is not the Emirates: order files' spellings stay out of names.
    assert resolve_country(text) is not None
    assert country_in_name(text) is None


def test_every_name_in_another_language_means_its_country() -> None:
    # A hand-made spelling wins over a generated one: none may silently mean another country.
    path = lists_dir() / "country_names_languages.csv"
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) > 10_000
    for number, row in enumerate(csv.reader(rows), start=2):
        match = resolve_country(row[0])
        assert match is not None, (number, row)
        assert match.country.iso2 == row[1], (number, row)


@pytest.mark.parametrize(
    ("address", "codes"),
    [
        ("ul. Kirova 12, Simferopol 295000", ["UA-43"]),
        ("Prospekt Nakhimova 5, Sevastopol", ["UA-40"]),
        ("Mariupol, DNR", ["UA-14"]),
        ("Melitopol, Zaporizhzhia oblast", ["UA-23"]),
        ("Kyiv, Khreshchatyk 1", []),
        ("Krymskaya ul. 4, Moscow", []),  # whole words only: a street name is not Crimea
        ("12 Don Street, Rostov-on-Don", []),
    ],
)
def test_regions_in_free_text(address: str, codes: list[str]) -> None:
    assert [r.code for r in find_regions(address)] == codes


def test_named_occupied_town_is_full_oblast_name_is_partial() -> None:
    (town,) = find_regions("Melitopol")
    (oblast,) = find_regions("Zaporizhzhia")
    assert (town.occupation, oblast.occupation) == ("full", "partial")


def test_flags() -> None:
    ref = load_country_reference()
    ru, ind, jp, de, kp = (ref.countries[c] for c in ("RU", "IN", "JP", "DE", "KP"))
    assert ru.russia_belarus
    assert not ind.russia_belarus
    assert ind.diversion_alerts == ("FIN-2022-Alert003",)
    assert jp.annex_viii_partner
    assert not jp.eu_member
    assert de.eu_member
    assert not de.annex_viii_partner
    assert kp.embargo == {"US", "EU", "UK", "UN"}


def test_bad_reference_file_names_file_and_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(lists_dir(), folder)
    with (folder / "country_names.csv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis,QQ,common usage\n")
    with pytest.raises(ReferenceDataError, match=r"country_names\.csv, row \d+: .*'QQ'"):
        load_country_reference(folder)
    monkeypatch.setenv(ENV_REFERENCE_DIR, str(folder))
    assert lists_dir() == folder
