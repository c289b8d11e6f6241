"""OFAC Enhanced XML (`sanctionsData`): SDN_ENHANCED.XML and CONS_ENHANCED.XML.

Reference values are written inline next to their refId (`<entityType refId="600">Individual`),
so the `referenceValues` table is not needed. Which list a file is comes from the header's
filter (`publicationInfo/filters/sanctionsLists`: "SDN List" or "Consolidated List").

`listed_on` is the earliest `datePublished` of the entity's lists, leaving out the umbrella
"Consolidated List" (dated when that list began, 2014-10-10, not when the party was listed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    child_text,
    children,
    clean,
    fallback_date,
    iterparse_xml,
    local,
    parse_date,
)
from screener.core.lists.importers._ofac import (
    CONS,
    SDN,
    TITLES,
    is_identifier_label,
    make_identifier,
    parse_ofac_date,
    unique,
)

_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_COUNTRY_FEATURES = {
    "Nationality Country",
    "Citizenship Country",
    "Nationality of Registration",
    "Vessel Flag",
}
_UMBRELLA_LIST = "Consolidated List"


def _sniff(head: Head) -> bool:
    return head.kind == "xml" and head.xml_root() == "sanctionsData"


def _parse(path: Path) -> ParsedList:
    published: date | None = None
    filters: list[str] = []
    entries: list[Entry] = []
    on_sdn = 0
    for _, elem in iterparse_xml(path):
        tag = local(elem.tag)
        if tag == "entity":
            entry, sdn_listed = _entry(path, elem, len(entries) + 1)
            entries.append(entry)
            on_sdn += sdn_listed
            elem.clear()
        elif tag in {"referenceValues", "featureTypes"}:
            elem.clear()  # lookup tables; every value we need is also written inline
        elif tag == "publicationInfo":
            iso = parse_date(child_text(elem, "dataAsOf"))
            published = date.fromisoformat(iso) if iso and len(iso) == 10 else None
            filters = [
                clean(x.text)
                for lists in _descendants(elem, "filters", "sanctionsLists")
                for x in children(lists, "sanctionsList")
            ]
    if not entries:
        raise ListFileError(path, "no entries (no <entity> elements)")
    if filters:
        source = SDN if "SDN List" in filters else CONS
    else:  # an unfiltered export: go by where most entities are listed
        source = SDN if on_sdn * 2 >= len(entries) else CONS
    basis = "file header"
    if published is None:  # a header without a readable date: fall back like the CSV does
        published, basis = fallback_date(path)
    return ParsedList(
        source=source,
        title=TITLES[source],
        format=SPEC.key,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


def _descendants(elem: Element, *path: str) -> list[Element]:
    found = [elem]
    for name in path:
        found = [c for e in found for c in children(e, name)]
    return found


def _true(elem: Element, name: str) -> bool:
    return child_text(elem, name).lower() == "true"


def _entry(path: Path, elem: Element, number: int) -> tuple[Entry, bool]:
    entity_id = elem.get("id", "").strip()
    general = next(iter(children(elem, "generalInfo")), None)
    name, aliases = _names(elem)
    if not entity_id or general is None or not name:
        raise ListFileError(path, f"<entity> number {number:,} has no id, generalInfo or name")

    lists = _descendants(elem, "sanctionsLists", "sanctionsList")
    list_names = [clean(x.text) for x in lists]
    dates = [x.get("datePublished", "") for x in lists if clean(x.text) != _UMBRELLA_LIST]
    listed = sorted(d for d in (parse_date(d) for d in dates) if d)
    extras = [f"Lists: {', '.join(list_names)}"] if list_names else []
    types = [clean(x.text) for x in _descendants(elem, "sanctionsTypes", "sanctionsType")]
    if types:
        extras.append(f"Sanctions: {', '.join(types)}")

    identifiers = [
        _document(d) for d in _descendants(elem, "identityDocuments", "identityDocument")
    ]
    countries: list[str] = []
    dobs: list[str] = []
    for feature in _descendants(elem, "features", "feature"):
        kind, value = clean(child_text(feature, "type")), clean(child_text(feature, "value"))
        if kind == "Birthdate":
            if dob := _birthdate(feature, value):
                dobs.append(dob)
        elif kind in _COUNTRY_FEATURES:
            countries.append(value)
        elif kind == "Place of Birth":
            extras.append(f"POB {value}")
        elif is_identifier_label(kind) and value:
            identifiers.append(make_identifier(kind, value))
        elif kind or value:
            extras.append(f"{kind} {value}".strip())
    for rel in _descendants(elem, "relationships", "relationship"):
        extras.append(
            f"{clean(child_text(rel, 'type'))}: {clean(child_text(rel, 'relatedEntity'))}"
        )

    addresses = [_address(a) for a in _descendants(elem, "addresses", "address")]
    entry = Entry(
        entry_id=entity_id,
        type=_TYPES.get(child_text(general, "entityType").lower(), EntityType.UNKNOWN),
        name=name,
        aliases=tuple(aliases),
        countries=unique([*countries, *(a.country for a in addresses)]),
        addresses=tuple(addresses),
        programs=unique(
            clean(p.text) for p in _descendants(elem, "sanctionsPrograms", "sanctionsProgram")
        ),
        identifiers=tuple(identifiers),
        dates_of_birth=unique(dobs),
        remarks="; ".join(p for p in (clean(child_text(general, "remarks")), *extras) if p),
        listed_on=listed[0] if listed else None,
    )
    return entry, "SDN List" in list_names


def _names(elem: Element) -> tuple[str, list[Alias]]:
    """Primary name, then aliases; non-Latin translations become "non-latin" aliases."""
    primary = ""
    aliases: list[Alias] = []
    for name in _descendants(elem, "names", "name"):
        is_primary = _true(name, "isPrimary")
        quality = AliasQuality.WEAK if _true(name, "isLowQuality") else AliasQuality.STRONG
        kind = child_text(name, "aliasType").replace(".", "").lower() or "aka"
        for tr in _descendants(name, "translations", "translation"):
            full = clean(child_text(tr, "formattedFullName"))
            if not full:
                continue
            latin = child_text(tr, "script") in {"", "Latin"}
            if is_primary and _true(tr, "isPrimary") and not primary:
                primary = full
            else:
                aliases.append(Alias(full, quality, kind if latin else "non-latin"))
    return primary, aliases


def _document(doc: Element) -> Identifier:
    note = "" if child_text(doc, "isValid").lower() != "false" else "not valid"
    authority = clean(child_text(doc, "issuingAuthority"))
    note = "; ".join(p for p in (note, f"issued by {authority}" if authority else "") if p)
    return make_identifier(
        child_text(doc, "type"),
        child_text(doc, "documentNumber"),
        child_text(doc, "issuingCountry"),
        note,
    )


def _birthdate(feature: Element, value: str) -> str | None:
    if dob := parse_ofac_date(value):
        return dob
    for vd in children(feature, "valueDate"):
        start = parse_date(child_text(vd, "fromDateBegin"))
        end = parse_date(child_text(vd, "toDateEnd"))
        if start and end and start != end and _true(vd, "isDateRange"):
            return f"{start}/{end}"
        return start
    return None


def _address(addr: Element) -> Address:
    translations = _descendants(addr, "translations", "translation")
    primary = next((t for t in translations if _true(t, "isPrimary")), None)
    parts: list[str] = []
    if primary is not None:
        parts = [
            clean(child_text(part, "value"))
            for part in _descendants(primary, "addressParts", "addressPart")
        ]
    return Address(
        text=", ".join(p for p in parts if p), country=clean(child_text(addr, "country"))
    )


SPEC = ImporterSpec(
    key="ofac-enhanced-xml",
    description="OFAC Enhanced XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML)",
    sniff=_sniff,
    parse=_parse,
)
