"""OFAC `sdnList` XML: SDN.XML and the consolidated (non-SDN) consolidated.xml.

Both files share one schema and namespace, so which list a file is comes from its programs
(`ofac_csv.source_for_programs`). The header's `Record_Count` is checked against the entries
read: a file that disagrees is an incomplete or altered download and is refused.
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
    ParsedList,
    Relation,
    RelationKind,
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
    TITLES,
    is_identifier_label,
    make_identifier,
    parse_ofac_date,
    parse_remarks,
    source_for_programs,
    unique,
)

_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_VESSEL_DETAILS = (
    ("vesselType", "Vessel type"),
    ("tonnage", "Tonnage"),
    ("grossRegisteredTonnage", "GRT"),
    ("vesselFlag", "Vessel flag"),
    ("vesselOwner", "Vessel owner"),
)


def _sniff(head: Head) -> bool:
    return head.kind == "xml" and head.xml_root() == "sdnList"


def _parse(path: Path) -> ParsedList:
    published: date | None = None
    declared: int | None = None
    entries: list[Entry] = []
    for _, elem in iterparse_xml(path):
        tag = local(elem.tag)
        if tag == "sdnEntry":
            entries.append(_entry(path, elem, len(entries) + 1))
            elem.clear()
        elif tag == "publshInformation":  # sic: OFAC's spelling
            published = _us_date(child_text(elem, "Publish_Date"))
            count = child_text(elem, "Record_Count")
            declared = int(count) if count.isdigit() else None
    if not entries:
        raise ListFileError(path, "no entries (no <sdnEntry> elements)")
    if declared is not None and declared != len(entries):
        raise ListFileError(
            path,
            f"the header declares {declared:,} records but the file holds {len(entries):,}; "
            "the download is incomplete or was altered",
        )
    source = source_for_programs(e.programs for e in entries)
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


def _us_date(text: str) -> date | None:
    iso = parse_date(text, dayfirst=False)  # Publish_Date is MM/DD/YYYY
    return date.fromisoformat(iso) if iso and len(iso) == 10 else None


def _full_name(elem: Element) -> str:
    last, first = clean(child_text(elem, "lastName")), clean(child_text(elem, "firstName"))
    return f"{last}, {first}" if last and first else last or first


def _items(elem: Element, list_name: str, item_name: str) -> list[Element]:
    return [item for lst in children(elem, list_name) for item in children(lst, item_name)]


def _entry(path: Path, elem: Element, number: int) -> Entry:
    uid = child_text(elem, "uid")
    name = _full_name(elem)
    if not uid or not name:
        raise ListFileError(path, f"<sdnEntry> number {number:,} has no uid or no name")
    extras: list[str] = []
    countries: list[str] = []
    identifiers = []
    for item in _items(elem, "idList", "id"):
        kind, number_text = clean(child_text(item, "idType")), clean(child_text(item, "idNumber"))
        if is_identifier_label(kind):
            dates = [
                f"{label} {clean(child_text(item, tag))}"
                for tag, label in (("issueDate", "issued"), ("expirationDate", "expires"))
                if child_text(item, tag)
            ]
            identifiers.append(
                make_identifier(kind, number_text, child_text(item, "idCountry"), " ".join(dates))
            )
        elif kind == "Nationality of Registration":
            countries.append(number_text)
        elif kind or number_text:
            extras.append(f"{kind} {number_text}".strip())

    aliases = []
    for aka in _items(elem, "akaList", "aka"):
        alias_name = _full_name(aka)
        if alias_name:
            weak = child_text(aka, "category").lower() == "weak"
            aliases.append(
                Alias(
                    alias_name,
                    AliasQuality.WEAK if weak else AliasQuality.STRONG,
                    child_text(aka, "type").replace(".", "").lower() or "aka",
                )
            )

    addresses = []
    for addr in _items(elem, "addressList", "address"):
        parts = (
            "address1",
            "address2",
            "address3",
            "city",
            "stateOrProvince",
            "postalCode",
        )
        text = ", ".join(v for v in (clean(child_text(addr, p)) for p in parts) if v)
        addresses.append(Address(text=text, country=clean(child_text(addr, "country"))))

    countries += [
        clean(child_text(n, "country")) for n in _items(elem, "nationalityList", "nationality")
    ]
    countries += [
        clean(child_text(c, "country")) for c in _items(elem, "citizenshipList", "citizenship")
    ]
    dobs = [
        parse_ofac_date(child_text(d, "dateOfBirth"))
        for d in _items(elem, "dateOfBirthList", "dateOfBirthItem")
    ]
    extras += [
        f"POB {clean(child_text(p, 'placeOfBirth'))}"
        for p in _items(elem, "placeOfBirthList", "placeOfBirthItem")
    ]
    if title := clean(child_text(elem, "title")):
        extras.insert(0, f"Title: {title}")
    for vessel in children(elem, "vesselInfo"):
        if call_sign := clean(child_text(vessel, "callSign")):
            identifiers.insert(0, make_identifier("Call Sign", call_sign))
        countries.append(clean(child_text(vessel, "vesselFlag")))
        extras += [
            f"{label}: {clean(child_text(vessel, tag))}"
            for tag, label in _VESSEL_DETAILS
            if clean(child_text(vessel, tag))
        ]

    remarks = clean(child_text(elem, "remarks"))
    relations = [*parse_remarks(remarks).relations]
    for vessel in children(elem, "vesselInfo"):
        if owner := clean(child_text(vessel, "vesselOwner")):
            relations.append(Relation(RelationKind.OWNER_OPERATOR, owner, note="vessel owner"))
    return Entry(
        entry_id=uid,
        type=_TYPES.get(child_text(elem, "sdnType").lower(), EntityType.UNKNOWN),
        name=name,
        aliases=tuple(aliases),
        countries=unique([*countries, *(a.country for a in addresses)]),
        addresses=tuple(addresses),
        programs=unique(clean(p.text) for p in _items(elem, "programList", "program")),
        identifiers=tuple(identifiers),
        dates_of_birth=unique(d for d in dobs if d),
        remarks="; ".join(p for p in (remarks, *extras) if p),
        relations=tuple(relations),
    )


SPEC = ImporterSpec(
    key="ofac-xml",
    description="OFAC sdnList XML (SDN.XML, consolidated.xml)",
    sniff=_sniff,
    parse=_parse,
)
