"""EU FSF legacy v1.0 (`WHOLE/ENTITY`, until about 2016): everything in child elements, a
passport's type and notes squeezed into its NUMBER text."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from screener.core.entries import Address, EntityType, Entry, Identifier
from screener.core.lists.importers._common import child_text, children, clean, parse_date
from screener.core.lists.importers._eu_fsf import (
    ID_KINDS,
    SUBJECT_TYPES,
    alias,
    joined,
    primary_and_aliases,
    unique,
)

# v1.0 passport text: "AD001095 (passport-National passport) ((passport))"
_V10_DOCUMENT = re.compile(r"(?s)(.*?)\s*\((\w+)-([^)]*)\)\s*(.*)")
# v1.0 birth dates: "1943", "1943 (approximative)", "1955 - 1958 (approximative)"
_V10_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")


def entry_v10(path: Path, elem: Element, number: int) -> Entry:
    entry_id = clean(elem.get("Id"))
    names = []
    extras = [f"Legal basis {basis}"] if (basis := clean(elem.get("legal_basis"))) else []
    for item in children(elem, "NAME"):
        whole = clean(child_text(item, "WHOLENAME")) or joined(
            *(child_text(item, p) for p in ("FIRSTNAME", "MIDDLENAME", "LASTNAME")), sep=" "
        )
        if whole:
            names.append(alias(whole))
        extras += [f"Title: {t}" for t in [clean(child_text(item, "TITLE"))] if t]
        extras += [f"Function: {f}" for f in [clean(child_text(item, "FUNCTION"))] if f]
    name, aliases = primary_and_aliases(path, number, entry_id, names)

    addresses = []
    for item in children(elem, "ADDRESS"):
        text = joined(
            joined(child_text(item, "NUMBER"), child_text(item, "STREET"), sep=" "),
            child_text(item, "ZIPCODE"),
            child_text(item, "CITY"),
            child_text(item, "OTHER"),
        )
        country = clean(child_text(item, "COUNTRY"))
        if text or country:
            addresses.append(Address(text=text, country=country))

    dobs = []
    for item in children(elem, "BIRTH"):
        dobs.append(_birth_v10(child_text(item, "DATE")))
        if place := joined(child_text(item, "PLACE"), child_text(item, "COUNTRY")):
            extras.append(f"POB {place}")

    programs = [clean(elem.get("programme"))]  # the entity's own programme first
    programs += [clean(c.get("programme")) for c in elem]
    return Entry(
        entry_id=entry_id,
        type=SUBJECT_TYPES.get(elem.get("Type", "").lower(), EntityType.UNKNOWN),
        name=name,
        aliases=tuple(aliases),
        countries=unique(
            [
                *(clean(child_text(c, "COUNTRY")) for c in children(elem, "CITIZEN")),
                *(a.country for a in addresses),
            ]
        ),
        addresses=tuple(addresses),
        programs=unique(programs),
        identifiers=tuple(i for i in (_identifier_v10(x) for x in children(elem, "PASSPORT")) if i),
        dates_of_birth=unique(d for d in dobs if d),
        remarks="; ".join(unique([*extras, clean(elem.get("remark"))])),
        listed_on=parse_date(elem.get("reg_date", "")),
    )


def _birth_v10(text: str) -> str | None:
    text = clean(text).replace("(approximative)", "").strip()
    if m := _V10_RANGE.fullmatch(text):
        start, end = parse_date(m[1]), parse_date(m[2])
        return f"{start}/{end}" if start and end else None
    return parse_date(text)


def _identifier_v10(elem: Element) -> Identifier | None:
    text = clean(child_text(elem, "NUMBER"))
    if not text or text.upper() == "UNKNOWN":
        return None
    kind, note = "Document", ""
    if m := _V10_DOCUMENT.fullmatch(text):
        text, code, description, note = m[1], m[2], clean(m[3]), clean(m[4])
        kind = ID_KINDS.get(code.lower()) or description or code
        note = _unwrap(note)
    if not text or text.upper() == "UNKNOWN":
        return None
    return Identifier(kind, text, clean(child_text(elem, "COUNTRY")), note)


def _unwrap(text: str) -> str:
    """ "((passport))" -> "passport": drop parentheses that enclose the whole note."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0 and i < len(text) - 1:
                return text  # "(a) (b)": the first pair closes early
        text = text[1:-1].strip()
    return text
