"""Listed names that carry annotations, read as the names they contain.

Lists print more than a name in the name field: a trailing acronym ("Acme Technologies Co.,
Ltd. (ACME)"), the CSL Entity List's "Huawei Technologies Co., Ltd. (Huawei). Affiliated
Entity: Huawei Terminal (Shenzhen) Co., Ltd.", aliases inside the name ("Mexpar International,
Inc. (a.k.a. Pasadena Aerospace; Aviation Logistics and Supply)", "FSUE PSZ; FSUE
PRIBOROSTROITELNY ZAVOD"). An order naming the entity exactly would only reach such a name
weakly. The index scores these derived names as well; the officer still sees the name as listed.
"""

from __future__ import annotations

import re

from screener.core.names.normalize import place_country, tokenize
from screener.core.rules.countries import country_in_name

_AFFILIATE = re.compile(r"\baffiliated entity\s*:\s*", re.IGNORECASE)
_ALIAS_WORDS = r"(?:a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|n\.?\s?k\.?\s?a\.?|also known as|formerly known as|formerly|now known as)"  # noqa: E501
_ALIAS_PAREN = re.compile(r"\(\s*" + _ALIAS_WORDS + r"[\s,:]*([^()]*)\)", re.IGNORECASE)
_ALIAS_INLINE = re.compile(r"[\s,;]+" + _ALIAS_WORDS + r"[\s,:]+", re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&.\-]{1,11}$")
_MIN_LETTERS = 3  # a derived name shorter than this is noise, not a name


def derived_names(name: str) -> tuple[str, ...]:
    """The names an annotated listed name contains, without `name` itself; () for most names."""
    if not any(mark in name for mark in ("(", ";", ":")) and not _ALIAS_INLINE.search(name):
        return ()
    out: list[str] = []
    text = name
    affiliate = _AFFILIATE.split(text, maxsplit=1)
    if len(affiliate) == 2:
        text = affiliate[1]  # the entity listed is the affiliate; its parent is listed itself
        out.append(text)
    for match in _ALIAS_PAREN.finditer(text):
        out += match.group(1).split(";")
    text = _ALIAS_PAREN.sub("", text)
    parts = _ALIAS_INLINE.split(text)
    if len(parts) > 1:
        out += parts
        text = parts[0]
    if ";" in text:
        out += text.split(";")
        text = text.split(";")[0]
    without = _PAREN.sub(lambda m: "" if _is_acronym(m.group(1)) else m.group(0), text)
    out += [text, without]
    original = " ".join(tokenize(name))
    seen = {original}
    derived = []
    for candidate in (c.strip(" ,;.-") for c in out):
        key = " ".join(tokenize(candidate))
        if len(key.replace(" ", "")) >= _MIN_LETTERS and key not in seen:
            seen.add(key)
            derived.append(candidate)
    return tuple(derived)


def _is_acronym(text: str) -> bool:
    """ "(ACME)", "(RSIM)", "(ISIS-GS)": an acronym, not a place or country qualifier."""
    text = text.strip()
    if not _ACRONYM.match(text):
        return False
    folded = " ".join(tokenize(text))
    return place_country(folded) is None and country_in_name(text) is None
