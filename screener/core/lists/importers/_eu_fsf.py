"""What both EU FSF layouts (v1.1 and legacy v1.0) read alike: subject types, document kinds,
names and the primary among them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from screener.core.entries import Alias, AliasQuality, EntityType
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import clean

SUBJECT_TYPES = {
    "person": EntityType.PERSON,
    "p": EntityType.PERSON,
    "enterprise": EntityType.ORGANIZATION,
    "e": EntityType.ORGANIZATION,
}
ID_KINDS = {  # identificationTypeCode -> the kind other lists use for the same thing
    "passport": "Passport",
    "imo": "IMO",
    "regnumber": "Registration Number",
    "fiscalcode": "Tax ID No.",
    "swiftbic": "SWIFT/BIC",
}


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (accents allowed): Cyrillic, Arabic ... are not."""
    return all(
        not ch.isalpha() or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
        for ch in text
    )


def unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def joined(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in (clean(x) for x in parts) if p)


def alias(name: str, *, weak: bool = False) -> Alias:
    quality = AliasQuality.WEAK if weak else AliasQuality.STRONG
    return Alias(name, quality, "aka" if is_latin(name) else "non-latin")


def primary_and_aliases(
    path: Path, number: int, entry_id: str, names: list[Alias]
) -> tuple[str, list[Alias]]:
    """Primary name (the first strong Latin one) and the remaining names as aliases."""
    if not names:
        raise ListFileError(path, f"entry number {number:,} (id {entry_id or '?'}) has no name")
    primary = next(
        (a for a in names if a.quality is AliasQuality.STRONG and a.kind == "aka"), names[0]
    )
    return primary.name, [a for a in dict.fromkeys(names) if a.name != primary.name]
