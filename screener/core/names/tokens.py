"""A normalised name: its folded words, each with the role the matcher weighs it by."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a token contributes to a name; the matcher weighs tokens by it."""

    NAME = "name"  # distinctive: carries the identity
    GENERIC = "generic"  # company, trading, services: common to thousands of names
    LEGAL = "legal"  # a canonical legal form (LLC, JSC, CO LTD)
    COUNTRY = "country"  # "Russian Federation" appended to an address-like name
    PARTICLE = "particle"  # bin, al, van: part of a person's name, weakly identifying
    STOP = "stop"  # and, of, the
    PLACE = "place"  # a city, district, emirate or free zone (lists/places.csv)
    PATRONYMIC = "patronymic"  # Ivanovich, Petrovna: a person's father's name, often left out


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # folded word; for a legal form its canonical name ("LLC")
    role: Role
    source: str  # the folded text it stands for ("obshchestvo s ogranichennoy ...", "intl")


@dataclass(frozen=True, slots=True)
class NormalizedName:
    original: str
    kind: str | None
    tokens: tuple[Token, ...]

    def texts(self, *roles: Role) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens if not roles or t.role in roles)
