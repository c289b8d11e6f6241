"""The rules each kind of name is scored by: word weights by role, the cost of a word one
side lacks, the typos allowed. Persons forgive missing parts (lists carry patronymics an order
rarely has); a vessel's name is matched near exactly, its numbers included."""

from __future__ import annotations

from dataclasses import dataclass

from screener.core.names.normalize import Role

DEFAULT_THRESHOLD = 0.80
"""A score at or above this is a potential match: show it to the officer."""

KINDS = frozenset({"person", "organization", "vessel"})


@dataclass(frozen=True, slots=True)
class Params:
    """How one kind of name is scored."""

    weights: dict[Role, float]
    extra: float  # cost factor of a query word the listed name lacks
    missing: float  # cost factor of a listed word the query left out
    max_edits: tuple[int, int, int]  # typos allowed in words of 5-7, 8-12, more letters
    joined_min: float  # run-together similarity below which that comparison is ignored
    numbers_must_match: bool = False  # "NORTHERN LARK 2" is another hull


ORG = Params(
    weights={
        Role.NAME: 1.0,
        Role.GENERIC: 0.35,
        Role.COUNTRY: 0.12,
        Role.LEGAL: 0.12,
        Role.PARTICLE: 0.3,
        Role.STOP: 0.05,
        Role.PLACE: 0.12,
        Role.PATRONYMIC: 0.35,
    },
    extra=1.0,
    missing=0.6,
    max_edits=(1, 2, 3),
    joined_min=0.9,
)
PERSON = Params(
    weights={**ORG.weights, Role.NAME: 1.0, Role.PARTICLE: 0.3},
    extra=0.4,  # a part on one side only is no conflict (conflicts.py)
    missing=0.3,  # lists carry patronymics and middle names an order rarely has
    max_edits=(1, 2, 2),
    joined_min=0.9,
)
VESSEL = Params(
    weights=dict.fromkeys(Role, 1.0),
    extra=1.0,
    missing=1.0,
    max_edits=(1, 1, 1),
    joined_min=0.97,
    numbers_must_match=True,
)


def params_for(kind: str | None) -> Params:
    """The rules of a kind: person, vessel, or anything else as an organisation."""
    if kind == "person":
        return PERSON
    if kind == "vessel":
        return VESSEL
    return ORG
