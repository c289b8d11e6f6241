"""Countries and sanctioned regions: from what an order file says to an ISO code and its risks.

    resolve_country("U.A.E.")   -> CountryMatch(country=AE, how="name or variant")
    resolve_country("Crimea")   -> CountryMatch(country=UA, region=UA-43 Crimea)
    find_regions("ul. Lenina 5, Simferopol") -> (Region UA-43,)

Tables: `lists/countries.csv` (ISO 3166-1 and risk flags), `lists/country_names.csv`
(variants), `lists/country_names_orders.csv` and `lists/country_names_languages.csv` (order
files' spellings, 46 languages), `lists/regions.csv` (occupied regions of Ukraine, one row per
name variant), `lists/places.csv` (cities and free zones, in order files' country cells).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from screener.core.resources import ReferenceDataError, lists_dir, read_table

JURISDICTIONS = frozenset({"US", "EU", "UK", "UN"})
Occupation = Literal["full", "partial"]


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    embargo: frozenset[str]  # jurisdictions with a comprehensive embargo: {"US", "EU", ...}
    russia_belarus: bool
    diversion_alerts: tuple[str, ...]  # alerts naming it a transshipment point
    annex_viii_partner: bool  # partner country of Annex VIII to Reg. (EU) 833/2014
    eu_member: bool
    citation: tuple[str, ...]
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.iso2} ({self.name})"


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # ISO 3166-2 subdivision, e.g. UA-43
    name: str
    country: str  # ISO2 of the country it belongs to under international law
    variant: str  # the spelling that matched
    occupation: Occupation  # partial: the name also covers government-controlled areas
    embargo: frozenset[str]
    citation: tuple[str, ...]
    key: str = ""  # normalised variant, for whole-word search

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True, slots=True)
class CountryMatch:
    text: str
    country: Country
    how: str  # "ISO alpha-2 code", "ISO alpha-3 code", "name or variant", "region name", ...
    region: Region | None = None


# Combining marks of the Basic Multilingual Plane, dropped by one `str.translate` (the country
# tables hold 15,000 spellings, read at start); the rarer marks above it are dropped one by one.
_COMBINING = {c: None for c in range(0x10000) if unicodedata.combining(chr(c))}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def normalize_name(text: str) -> str:
    """Case, accents, dots, apostrophes do not matter: "U.A.E." == "uae", "Türkiye" == "turkiye"."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_COMBINING)
    if _ASTRAL.search(folded):
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"[.'’`]", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded).strip()
    return folded.removeprefix("the ")


_MEMO_SIZE = 50_000
_ORDER_TABLES = (
    ("country_names_orders.csv", ("variant", "iso2", "citation")),
    ("country_names_languages.csv", ("variant", "iso2", "language", "citation")),
)
_PARTS = re.compile(r"[,;\n/()|\[\]]|\s[-–—]\s")
_POSTCODE = re.compile(r"\b\d[\d -]{2,}\b")  # "100000", "050 000" beside the country name
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class CountryReference:
    countries: Mapping[str, Country]  # ISO2 -> Country
    names: Mapping[str, str]  # normalised variant -> ISO2
    regions: tuple[Region, ...]  # one per variant
    read_parts: bool = True  # "Almaty (KZ)": the parts of a text agree on one country
    places: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # key -> (ISO2, kind)
    # Answers by text: an order file names the same few countries and addresses on every line.
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    def by_iso2(self, code: str) -> Country | None:
        return self.countries.get(code.upper())

    def resolve(self, text: str) -> CountryMatch | None:
        return self._remembered("resolve", text, self._resolve)

    def find_regions(self, text: str) -> tuple[Region, ...]:
        """Regions named anywhere in free text (whole words), most specific first."""
        return self._remembered("regions", text, self._find_regions)

    def _remembered(self, kind: str, text: str, compute: Callable[[str], _T]) -> _T:
        key = (kind, text)
        if key not in self._memo:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = compute(text)
        answer: _T = self._memo[key]
        return answer

    def _resolve(self, text: str) -> CountryMatch | None:
        stripped = text.strip()
        key = normalize_name(stripped)
        if not key:
            return None
        exact = self._exact(stripped, key)
        if exact:
            return exact
        regions = self.find_regions(stripped)
        if regions:
            return self._in_region(stripped, regions[0])
        # "Moscow, Russia" or "Dubai, AE": the country is usually the last part.
        parts = [p.strip() for p in re.split(r"[,;\n]", stripped) if p.strip()]
        if len(parts) > 1:
            last = self._exact(parts[-1], normalize_name(parts[-1]))
            if last:
                return CountryMatch(stripped, last.country, f"{last.how} at the end of the text")
        return self._agreeing_parts(stripped) if self.read_parts else None

    def _agreeing_parts(self, text: str) -> CountryMatch | None:
        """ "Almaty (KZ)", "RU - Russia", "Istanbul/Turkey", "Tashkent, Uzbekistan 100000": the
        parts that name a country all name the same one. A code counts only in capitals here
        ("in", "and" are words in a longer text)."""
        found: set[str] = set()
        for part in _PARTS.split(text):
            part = _POSTCODE.sub(" ", part).strip()
            if not part or (len(part) <= 3 and not part.isupper()):
                continue
            match = self._exact(part, normalize_name(part))
            if match:
                found.add(match.country.iso2)
        if len(found) != 1:
            return None  # none, or two countries: the officer reads it
        return CountryMatch(text, self.countries[found.pop()], "the country its parts name")

    def _find_regions(self, text: str) -> tuple[Region, ...]:
        padded = f" {normalize_name(text)} "
        found: dict[str, Region] = {}
        for region in self.regions:
            if f" {region.key} " in padded:
                best = found.get(region.code)
                if best is None or (best.occupation == "partial" and region.occupation == "full"):
                    found[region.code] = region
        return tuple(found.values())

    def _exact(self, text: str, key: str) -> CountryMatch | None:
        if len(text) == 2 and text.isalpha() and text.upper() in self.countries:
            return CountryMatch(text, self.countries[text.upper()], "ISO alpha-2 code")
        if len(text) == 3 and text.isalpha():
            for country in self.countries.values():
                if country.iso3 == text.upper():
                    return CountryMatch(text, country, "ISO alpha-3 code")
        iso2 = self.names.get(key)
        if iso2:
            return CountryMatch(text, self.countries[iso2], "name or variant")
        for region in self.regions:
            if region.key == key:
                return self._in_region(text, region)
        if key in self.places:  # "Istanbul", "Jebel Ali": a city or free zone, not a country
            iso2, kind = self.places[key]
            return CountryMatch(text, self.countries[iso2], f"a {kind} of {iso2} (places table)")
        return None

    def _in_region(self, text: str, region: Region) -> CountryMatch:
        return CountryMatch(text, self.countries[region.country], "region name", region)


def resolve_country(text: str, *, reference: CountryReference | None = None) -> CountryMatch | None:
    return (reference or load_country_reference()).resolve(text)


def country_in_name(text: str) -> CountryMatch | None:
    """A country named inside a listed or searched name ("Bank of Iran", "X FZE (UAE)"): the
    English names and variants only, the text whole. The other languages' names and the
    abbreviations order files use ("BAE", "EUA") are words of names as often as countries."""
    return _name_reference().resolve(text)


def find_regions(text: str, *, reference: CountryReference | None = None) -> tuple[Region, ...]:
    return (reference or load_country_reference()).find_regions(text)


def load_country_reference(folder: Path | None = None) -> CountryReference:
    """Countries, names and regions from `folder` (default: the bundled `lists/`, read once)."""
    if folder is None:
        return _default_reference()
    return _load(folder)


@cache
def _default_reference() -> CountryReference:
    return _load(lists_dir())


@cache
def _name_reference() -> CountryReference:
    return _load(lists_dir(), orders=False)


def _citation(path: Path, number: int, value: str) -> tuple[str, ...]:
    ids = tuple(c.strip() for c in value.split(";") if c.strip())
    if not ids:
        raise ReferenceDataError(path, "column citation is empty", row=number)
    return ids


def _jurisdictions(path: Path, number: int, value: str) -> frozenset[str]:
    found = frozenset(value.split())
    if not found <= JURISDICTIONS:
        unknown = ", ".join(sorted(found - JURISDICTIONS))
        raise ReferenceDataError(path, f"unknown jurisdiction(s) {unknown}", row=number)
    return found


def _load(folder: Path, *, orders: bool = True) -> CountryReference:
    """`orders`: also the spellings only order files use (other languages, abbreviations)."""
    countries: dict[str, Country] = {}
    names: dict[str, str] = {}
    path = folder / "countries.csv"
    columns: tuple[str, ...] = ("iso2", "iso3", "name", "comprehensive_embargo", "russia_belarus")
    columns += ("high_diversion_risk", "annex_viii_partner", "eu_member", "citation", "note")
    for n, row in read_table(path, columns):
        if len(row["iso2"]) != 2 or len(row["iso3"]) != 3:
            raise ReferenceDataError(path, "iso2/iso3 must have 2/3 letters", row=n)
        countries[row["iso2"]] = Country(
            iso2=row["iso2"],
            iso3=row["iso3"],
            name=row["name"],
            embargo=_jurisdictions(path, n, row["comprehensive_embargo"]),
            russia_belarus=row["russia_belarus"] == "Y",
            diversion_alerts=tuple(a for a in row["high_diversion_risk"].split(";") if a),
            annex_viii_partner=row["annex_viii_partner"] == "Y",
            eu_member=row["eu_member"] == "Y",
            citation=_citation(path, n, row["citation"]),
            note=row["note"],
        )
        names[normalize_name(row["name"])] = row["iso2"]
    path = folder / "country_names.csv"
    for n, row in read_table(path, ("variant", "iso2", "citation")):
        if row["iso2"] not in countries:
            raise ReferenceDataError(path, f"unknown country code {row['iso2']!r}", row=n)
        _citation(path, n, row["citation"])
        names.setdefault(normalize_name(row["variant"]), row["iso2"])
    # Then order files' spellings, hand-made before generated (other languages, from
    # iso-codes): never over a spelling read before.
    for table, columns in _ORDER_TABLES if orders else ():
        path = folder / table
        for n, row in read_table(path, columns):
            if row["iso2"] not in countries:
                raise ReferenceDataError(path, f"unknown country code {row['iso2']!r}", row=n)
            _citation(path, n, row["citation"])
            names.setdefault(normalize_name(row["variant"]), row["iso2"])
    regions: list[Region] = []
    path = folder / "regions.csv"
    columns = ("code", "name", "country", "variant", "occupation", "embargo", "citation")
    for n, row in read_table(path, columns):
        if row["occupation"] not in ("full", "partial") or row["country"] not in countries:
            raise ReferenceDataError(path, "occupation must be full/partial, country ISO2", row=n)
        occupation: Occupation = "full" if row["occupation"] == "full" else "partial"
        regions.append(
            Region(
                code=row["code"],
                name=row["name"],
                country=row["country"],
                variant=row["variant"],
                occupation=occupation,
                embargo=_jurisdictions(path, n, row["embargo"]),
                citation=_citation(path, n, row["citation"]),
                key=normalize_name(row["variant"]),
            )
        )
    places: dict[str, tuple[str, str]] = {}
    if orders:  # cities and free zones in a country or transit cell ("via Dubai, Jebel Ali")
        path = folder / "places.csv"
        for n, row in read_table(path, ("place", "country", "kind", "source")):
            if row["country"] not in countries:
                raise ReferenceDataError(path, f"unknown country code {row['country']!r}", row=n)
            key = normalize_name(row["place"])
            if key not in names:
                places.setdefault(key, (row["country"], row["kind"]))
    return CountryReference(countries, names, tuple(regions), read_parts=orders, places=places)
