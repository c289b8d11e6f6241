"""Route facts of one order line: where the goods go, who uses them, where they pass through.

Every place named on the line is resolved to a country (and region); what cannot be resolved
is kept, so the verdict can say which value it could not read instead of passing over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from screener.core.rules.countries import Country, CountryReference, Region, load_country_reference


class Role(StrEnum):
    DESTINATION = "destination"
    END_USER = "end-user country"
    TRANSIT = "transit country"
    PARTY = "party country"
    ADDRESS = "party address"


@dataclass(frozen=True, slots=True)
class Place:
    role: Role
    text: str  # as the line gave it
    country: Country
    region: Region | None = None

    @property
    def label(self) -> str:
        where = self.region.label if self.region else self.country.label
        return f"{self.role} {where}"


@dataclass(frozen=True, slots=True)
class Unresolved:
    role: Role
    text: str


@dataclass(frozen=True, slots=True)
class Route:
    places: tuple[Place, ...]
    unresolved: tuple[Unresolved, ...]
    has_destination: bool

    def with_role(self, *roles: Role) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.role in roles)


def build_route(
    *,
    destination: str | None,
    end_user_country: str | None = None,
    transit: Sequence[str] = (),
    party_countries: Sequence[str] = (),
    party_addresses: Sequence[str] = (),
    reference: CountryReference | None = None,
) -> Route:
    ref = reference or load_country_reference()
    places: list[Place] = []
    unresolved: list[Unresolved] = []

    def add(role: Role, value: str | None) -> None:
        text = (value or "").strip()
        if not text:
            return
        match = ref.resolve(text)
        if match is None:
            unresolved.append(Unresolved(role, text))
            return
        places.append(Place(role, text, match.country, match.region))
        # "Russia, Crimea" resolves to the region first; any other region named counts too.
        for region in ref.find_regions(text):
            if match.region is None or region.code != match.region.code:
                country = ref.by_iso2(region.country) or match.country
                places.append(Place(role, text, country, region))

    add(Role.DESTINATION, destination)
    add(Role.END_USER, end_user_country)
    for value in transit:
        add(Role.TRANSIT, value)
    for value in party_countries:
        add(Role.PARTY, value)
    for address in party_addresses:
        # An address is free text: only the regions it names count, not its unresolved rest.
        for region in ref.find_regions(address or ""):
            country = ref.by_iso2(region.country)
            if country is not None:
                places.append(Place(Role.ADDRESS, address.strip(), country, region))
    return Route(tuple(places), tuple(unresolved), bool((destination or "").strip()))
