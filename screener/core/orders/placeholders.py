"""Cells that say "nothing here": "N/A", "-", "none", "tbd", "same as buyer".

ERP exports fill optional columns with them. Read as a party name they would be screened (and
"N/A" resembles listed acronyms); read as a country they would be an unknown country. They are
read as empty cells, as an officer reads them.
"""

from __future__ import annotations

import re

_WORDS = frozenset(
    {
        "", "na", "n a", "nil", "null", "none", "nothing", "not applicable",
        "not available", "unknown", "tbd", "tba", "tbc", "to be advised", "to be confirmed",
        "same", "same as above", "same as buyer", "same as customer", "same as consignee",
        "same as sold to", "same as ship to", "idem", "dito", "ditto", "x", "xx", "xxx",
        "keine", "kein", "entfallt", "nicht zutreffend", "siehe oben", "neant", "aucun",
    }
)  # fmt: skip
_FOLD = re.compile(r"[^a-z]+")


# In a country column these are country codes: Namibia, Norway.
_COUNTRY_CODES = frozenset({"na", "no"})


def is_placeholder(text: str, *, country: bool = False) -> bool:
    """Whether a cell's text stands for no value ("N/A", "--", "Same as buyer"); in a country
    column "NA" is Namibia."""
    if len(text) > 30:
        return False
    if country and text.strip().casefold() in _COUNTRY_CODES:
        return False
    folded = _FOLD.sub(" ", text.casefold().replace("ä", "a").replace("é", "e")).strip()
    if not folded:
        return not any(ch.isalnum() for ch in text)  # "-", "?", "..."; not "12345"
    return folded in _WORDS
