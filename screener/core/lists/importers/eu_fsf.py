"""EU Financial Sanctions Files (FSF) XML: current v1.1 and legacy v1.0.

v1.1 (`export/sanctionEntity`, namespace http://eu.europa.ec/fpi/fsd/export) keeps almost
everything in attributes. v1.0 (`WHOLE/ENTITY`, until about 2016) keeps it in child
elements and squeezes a passport's type and notes into its NUMBER text. Both are source
`eu_fsf`. The FSF has no vessel subject type: ships are "enterprise" entries with an IMO
identification, so they stay organisations here (the IMO number still matches).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from screener.core.entries import (
    Address,
    Alias,
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
from screener.core.lists.importers._eu_fsf import (
    ID_KINDS,
    SUBJECT_TYPES,
    alias,
    joined,
    primary_and_aliases,
    unique,
)
from screener.core.lists.importers.eu_fsf_v10 import entry_v10

KEY = "eu-fsf-xml"
SOURCE = "eu_fsf"
TITLE = "EU Consolidated Financial Sanctions List (FSF)"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_ID_FLAGS = (
    ("knownFalse", "known to be false"),
    ("knownExpired", "known to be expired"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by issuer"),
    ("diplomatic", "diplomatic"),
)


def _sniff(head: Head) -> bool:
    if head.kind != "xml":
        return False
    root = head.xml_root()
    if root == "export":
        return NAMESPACE in head.text or "<sanctionEntity" in head.text
    if root == "WHOLE":  # v1.0; "<ENTITY Id=" is an element, not a DTD "<!ENTITY"
        return re.search(r"<ENTITY\s+Id=", head.text) is not None
    return False


def _parse(path: Path) -> ParsedList:
    published: date | None = None
    version = ""
    entries: list[Entry] = []
    for event, elem in iterparse_xml(path, events=("start", "end")):
        tag = local(elem.tag)
        if event == "start":
            if not version:
                version = {"export": "1.1", "WHOLE": "1.0"}.get(tag, "?")
                published = _header_date(elem.get("generationDate") or elem.get("Date") or "")
            continue
        if version == "1.1" and tag == "sanctionEntity":
            entries.append(_entry_v11(path, elem, len(entries) + 1))
            elem.clear()
        elif version == "1.0" and tag == "ENTITY":
            entries.append(entry_v10(path, elem, len(entries) + 1))
            elem.clear()
    if version not in {"1.0", "1.1"}:
        raise ListFileError(path, "not an EU FSF file (root is neither <export> nor <WHOLE>)")
    if not entries:
        raise ListFileError(path, "no entries (no <sanctionEntity> or <ENTITY> elements)")
    basis = "file header"
    if published is None:
        published, basis = fallback_date(path)
    return ParsedList(
        source=SOURCE,
        title=TITLE if version == "1.1" else f"{TITLE}, legacy v1.0",
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


def _header_date(text: str) -> date | None:
    # v1.1 "2025-06-05T15:51:25.849+02:00"; v1.0 "11/02/2016" (day first)
    iso = parse_date(text[:10])
    return date.fromisoformat(iso) if iso and len(iso) == 10 else None


# ---------------------------------------------------------------- v1.1


def _country(elem: Element) -> str:
    description = clean(elem.get("countryDescription"))
    code = clean(elem.get("countryIso2Code"))
    if description.upper() == "UNKNOWN" or code == "00":
        return ""
    return description or code


def _entry_v11(path: Path, elem: Element, number: int) -> Entry:
    entry_id = clean(elem.get("logicalId"))
    subject = next(iter(children(elem, "subjectType")), None)
    kind = EntityType.UNKNOWN
    if subject is not None:
        code = subject.get("code") or subject.get("classificationCode") or ""
        kind = SUBJECT_TYPES.get(code.lower(), EntityType.UNKNOWN)

    extras = [f"EU reference {ref}"] if (ref := clean(elem.get("euReferenceNumber"))) else []
    if un_ref := clean(elem.get("unitedNationId")):
        extras.append(f"UN reference {un_ref}")
    names: list[Alias] = []
    for item in children(elem, "nameAlias"):
        whole = clean(item.get("wholeName")) or joined(
            item.get("firstName", ""), item.get("middleName", ""), item.get("lastName", ""), sep=" "
        )
        # The FSF marks weak aliases with strong="false" or, in older entries, a remark.
        remark = child_text(item, "remark").lower()
        weak = item.get("strong", "true").lower() == "false" or "low quality" in remark
        if whole:
            names.append(alias(whole, weak=weak))
        extras += [f"Title: {t}" for t in [clean(item.get("title"))] if t]
        extras += [f"Function: {f}" for f in [clean(item.get("function"))] if f]
    name, aliases = primary_and_aliases(path, number, entry_id, names)

    addresses = []
    for item in children(elem, "address"):
        po_box = clean(item.get("poBox"))
        text = joined(
            item.get("street", ""),
            f"PO Box {po_box}" if po_box else "",
            item.get("zipCode", ""),
            item.get("city", ""),
            item.get("place", ""),
            item.get("region", ""),
        )
        if text or _country(item):
            addresses.append(Address(text=text, country=_country(item)))

    dobs = []
    details: list[tuple[str, str]] = []
    for item in children(elem, "birthdate"):
        dob = _birth_v11(item)
        dobs.append(dob)
        if dob and item.get("circa", "").lower() == "true":
            details.append(("Date of birth", f"circa {dob}"))  # the date alone would hide it
        if place := joined(item.get("city", ""), item.get("place", ""), _country(item)):
            extras.append(f"POB {place}")

    regulations = children(elem, "regulation")
    listed = parse_date(elem.get("designationDate", "")) or _first_listing(elem)
    return Entry(
        entry_id=entry_id,
        type=kind,
        name=name,
        aliases=tuple(aliases),
        countries=unique(
            [*(_country(c) for c in children(elem, "citizenship")), *(a.country for a in addresses)]
        ),
        addresses=tuple(addresses),
        programs=unique(clean(r.get("programme")) for r in regulations),
        identifiers=tuple(
            i for i in (_identifier_v11(x) for x in children(elem, "identification")) if i
        ),
        dates_of_birth=unique(d for d in dobs if d),
        remarks="; ".join(unique([*extras, *(clean(r.text) for r in children(elem, "remark"))])),
        listed_on=listed,
        details=tuple(dict.fromkeys(details)),
    )


# Regulation types that amend, correct or repeal: they do not say when the entry was listed.
_NOT_LISTING = ("amend", "corrig", "repeal", "delist", "removal")


def _first_listing(elem: Element) -> str | None:
    """Without `designationDate`: the earliest regulation that designated the entry.

    The entry, its names, birth dates and documents each cite regulations (`regulation`,
    `regulationSummary`); an entry amended in 2018 and listed in 2002 cites both, so the
    earliest non-amending one is the listing. Only amendments cited: the earliest of those.
    """
    cited = [r for r in elem.iter() if local(r.tag) in ("regulation", "regulationSummary")]
    dates = [
        (not any(w in r.get("regulationType", "").lower() for w in _NOT_LISTING), d)
        for r in cited
        if (d := parse_date(r.get("publicationDate", "")))
    ]
    listing = [d for own, d in dates if own]
    return min(listing or [d for _, d in dates], default=None)


def _birth_v11(elem: Element) -> str | None:
    if iso := parse_date(elem.get("birthdate", "")):
        return iso
    # Year ranges: attribute names as recalled from the v1.1 schema (to verify on a real file).
    low, high = elem.get("yearRangeFrom", ""), elem.get("yearRangeTo", "")
    if low.isdigit() and high.isdigit() and low != high:
        return f"{int(low):04d}/{int(high):04d}"  # the entry model's range form
    year, month, day = (elem.get(k, "") for k in ("year", "monthOfYear", "dayOfMonth"))
    if not year.isdigit():
        return None
    if month.isdigit() and day.isdigit():
        return parse_date(f"{year}-{month}-{day}")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{int(year):04d}-{int(month):02d}"
    return parse_date(year)


def _identifier_v11(elem: Element) -> Identifier | None:
    value = clean(elem.get("number")) or clean(elem.get("latinNumber"))
    if not value:
        return None
    code = clean(elem.get("identificationTypeCode"))
    kind = ID_KINDS.get(code.lower()) or clean(elem.get("identificationTypeDescription")) or code
    notes = [label for attr, label in _ID_FLAGS if elem.get(attr, "").lower() == "true"]
    if (latin := clean(elem.get("latinNumber"))) and latin != value:
        notes.append(f"latin number {latin}")
    if issued_by := clean(elem.get("issuedBy")):
        notes.append(f"issued by {issued_by}")
    if holder := clean(elem.get("nameOnDocument")):
        notes.append(f"name on document {holder}")
    notes += [clean(r.text) for r in children(elem, "remark")]
    return Identifier(kind or "Document", value, _country(elem), "; ".join(n for n in notes if n))


SPEC = ImporterSpec(
    key=KEY,
    description="EU Financial Sanctions Files XML (xmlFullSanctionsList v1.1 and legacy v1.0)",
    sniff=_sniff,
    parse=_parse,
)
