"""What both OpenSanctions exports share: their schemas as entity types, their dates and
their aliases (the simple CSV in `opensanctions.py`, FtM in `opensanctions_ftm.py`)."""

from __future__ import annotations

import re

from screener.core.entries import Alias, AliasQuality, EntityType
from screener.core.lists.importers._common import parse_date
from screener.core.lists.importers._eu_fsf import is_latin

TYPES = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}


def ftm_date(text: str) -> str | None:
    """FtM dates are ISO prefixes: "1971", "1971-01", "1971-01-22"."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text.strip()):
        return m[0] if 1 <= int(m[2]) <= 12 else None
    return parse_date(text)


def unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def alias(name: str, *, weak: bool = False, kind: str = "aka") -> Alias:
    quality = AliasQuality.WEAK if weak else AliasQuality.STRONG
    return Alias(name, quality, kind if is_latin(name) else "non-latin")
