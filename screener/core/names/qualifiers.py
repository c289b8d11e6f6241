"""A name score adjusted by what else the order says: an identifier in common, a country."""

from __future__ import annotations

from collections.abc import Sequence

from screener.core.names.match_params import DEFAULT_THRESHOLD
from screener.core.rules.countries import country_in_name


def apply_qualifiers(
    score: float,
    *,
    query_country: str | None,
    entry_countries: Sequence[str],
    query_ids: Sequence[str] = (),
    entry_ids: Sequence[str] = (),
) -> tuple[float, str]:
    """Adjust a name score by country and identifiers; returns (score, note for the officer).

    An identifier in common (IMO, tax or registration number) is a strong hit whatever the
    name says. A known country that contradicts the entry's countries lowers the score a
    little, never below the threshold for an exact name. Countries the reference knows compare
    as ISO codes whatever their spelling ("RUSSIAN FEDERATION" is "RU"); others as written,
    and a code is never compared with an unknown name.
    """
    shared = _ids(query_ids) & _ids(entry_ids)
    if shared:
        return max(score, 0.98), "identifier matches: " + ", ".join(sorted(shared))
    q = _country_code(query_country or "")
    listed = {_country_code(x) for x in entry_countries if x.strip()}
    comparable = {x for x in listed if (len(x) == 2) == (len(q) == 2)}
    if not q or not comparable or q in comparable:
        return score, ""
    lowered = score - 0.05
    if score >= 0.99:
        lowered = max(lowered, DEFAULT_THRESHOLD)
    countries = ", ".join(sorted(x.upper() for x in comparable))
    return round(max(0.0, lowered), 4), f"different countries: {q.upper()} / {countries}"


def _country_code(text: str) -> str:
    """'ru', 'russian federation' and 'Russia' all as 'ru'; an unknown name casefolded.

    The country reference remembers its answers by text, so this is cheap on a hot path."""
    text = text.strip()
    known = country_in_name(text) if text else None
    return known.country.iso2.casefold() if known is not None else text.casefold()


def _ids(values: Sequence[str]) -> set[str]:
    """Identifiers compared on letters and digits only; too-short values never match."""
    out = set()
    for v in values:
        key = "".join(ch for ch in v.upper() if ch.isalnum())
        key = key.removeprefix("IMO")
        if len(key) >= 5:
            out.add(key)
    return out
