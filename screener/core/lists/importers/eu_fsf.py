"""EU Financial Sanctions Files (FSF) XML: current v1.1 and legacy v1.0.

v1.1 (`export/sanctionEntity`, namespace http://eu.europa.ec/fpi/fsd/export) keeps almost
everything in attributes. v1.0 (`WHOLE/ENTITY`, until about 2016) keeps it in child
elements and squeezes a passport's type and notes into its NUMBER text. Both are source
`eu_fsf`. The FSF has no vessel subject type: ships are "enterprise" entries with an IMO
identification, so they stay organisations here (the IMO number still matches).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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

KEY = "eu-fsf-xml"
SOURCE = "eu_fsf"
TITLE = "EU Consolidated Financial Sanctions List (FSF)"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_SUBJECT_TYPES = {
    "person": EntityType.PERSON,
    "p": EntityType.PERSON,
    "enterprise": EntityType.ORGANIZATION,
    "e": EntityType.ORGANIZATION,
}
_ID_KINDS = {  # identificationTypeCode -> the kind other lists use for the same thing
    "passport": "Passport",
    "imo": "IMO",
    "regnumber": "Registration Number",
    "fiscalcode": "Tax ID No.",
    "swiftbic": "SWIFT/BIC",
}
_ID_FLAGS = (
    ("knownFalse", "known to be false"),
    ("knownExpired", "known to be expired"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by issuer"),
    ("diplomatic", "diplomatic"),
)
# v1.0 passport text: "AD001095 (passport-National passport) ((passport))"
_V10_DOCUMENT = re.compile(r"(?s)(.*?)\s*\((\w+)-([^)]*)\)\s*(.*)")
# v1.0 birth dates: "1943", "1943 (approximative)", "1955 - 1958 (approximative)"
_V10_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (accents allowed): Cyrillic, Arabic ... are not."""
    return all(
        not ch.isalpha() or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
        for ch in text
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
            entries.append(_entry_v10(path, elem, len(entries) + 1))
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


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _joined(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in (clean(x) for x in parts) if p)


def _alias(name: str, *, weak: bool = False) -> Alias:
    quality = AliasQuality.WEAK if weak else AliasQuality.STRONG
    return Alias(name, quality, "aka" if is_latin(name) else "non-latin")


def _names(path: Path, number: int, entry_id: str, names: list[Alias]) -> tuple[str, list[Alias]]:
    """Primary name (the first strong Latin one) and the remaining names as aliases."""
    if not names:
        raise ListFileError(path, f"entry number {number:,} (id {entry_id or '?'}) has no name")
    primary = next(
        (a for a in names if a.quality is AliasQuality.STRONG and a.kind == "aka"), names[0]
    )
    return primary.name, [a for a in dict.fromkeys(names) if a.name != primary.name]


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
        kind = _SUBJECT_TYPES.get(code.lower(), EntityType.UNKNOWN)

    extras = [f"EU reference {ref}"] if (ref := clean(elem.get("euReferenceNumber"))) else []
    if un_ref := clean(elem.get("unitedNationId")):
        extras.append(f"UN reference {un_ref}")
    names: list[Alias] = []
    for item in children(elem, "nameAlias"):
        whole = clean(item.get("wholeName")) or _joined(
            item.get("firstName", ""), item.get("middleName", ""), item.get("lastName", ""), sep=" "
        )
        # The FSF marks weak aliases with strong="false" or, in older entries, a remark.
        remark = child_text(item, "remark").lower()
        weak = item.get("strong", "true").lower() == "false" or "low quality" in remark
        if whole:
            names.append(_alias(whole, weak=weak))
        extras += [f"Title: {t}" for t in [clean(item.get("title"))] if t]
        extras += [f"Function: {f}" for f in [clean(item.get("function"))] if f]
    name, aliases = _names(path, number, entry_id, names)

    addresses = []
    for item in children(elem, "address"):
        po_box = clean(item.get("poBox"))
        text = _joined(
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
        if place := _joined(item.get("city", ""), item.get("place", ""), _country(item)):
            extras.append(f"POB {place}")

    regulations = children(elem, "regulation")
    listed = parse_date(elem.get("designationDate", "")) or _first_listing(elem)
    return Entry(
        entry_id=entry_id,
        type=kind,
        name=name,
        aliases=tuple(aliases),
        countries=_unique(
            [*(_country(c) for c in children(elem, "citizenship")), *(a.country for a in addresses)]
        ),
        addresses=tuple(addresses),
        programs=_unique(clean(r.get("programme")) for r in regulations),
        identifiers=tuple(
            i for i in (_identifier_v11(x) for x in children(elem, "identification")) if i
        ),
        dates_of_birth=_unique(d for d in dobs if d),
        remarks="; ".join(_unique([*extras, *(clean(r.text) for r in children(elem, "remark"))])),
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
    kind = _ID_KINDS.get(code.lower()) or clean(elem.get("identificationTypeDescription")) or code
    notes = [label for attr, label in _ID_FLAGS if elem.get(attr, "").lower() == "true"]
    if (latin := clean(elem.get("latinNumber"))) and latin != value:
        notes.append(f"latin number {latin}")
    if issued_by := clean(elem.get("issuedBy")):
        notes.append(f"issued by {issued_by}")
    if holder := clean(elem.get("nameOnDocument")):
        notes.append(f"name on document {holder}")
    notes += [clean(r.text) for r in children(elem, "remark")]
    return Identifier(kind or "Document", value, _country(elem), "; ".join(n for n in notes if n))


# ---------------------------------------------------------------- v1.0


def _entry_v10(path: Path, elem: Element, number: int) -> Entry:
    entry_id = clean(elem.get("Id"))
    names = []
    extras = [f"Legal basis {basis}"] if (basis := clean(elem.get("legal_basis"))) else []
    for item in children(elem, "NAME"):
        whole = clean(child_text(item, "WHOLENAME")) or _joined(
            *(child_text(item, p) for p in ("FIRSTNAME", "MIDDLENAME", "LASTNAME")), sep=" "
        )
        if whole:
            names.append(_alias(whole))
        extras += [f"Title: {t}" for t in [clean(child_text(item, "TITLE"))] if t]
        extras += [f"Function: {f}" for f in [clean(child_text(item, "FUNCTION"))] if f]
    name, aliases = _names(path, number, entry_id, names)

    addresses = []
    for item in children(elem, "ADDRESS"):
        text = _joined(
            _joined(child_text(item, "NUMBER"), child_text(item, "STREET"), sep=" "),
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
        if place := _joined(child_text(item, "PLACE"), child_text(item, "COUNTRY")):
            extras.append(f"POB {place}")

    programs = [clean(elem.get("programme"))]  # the entity's own programme first
    programs += [clean(c.get("programme")) for c in elem]
    return Entry(
        entry_id=entry_id,
        type=_SUBJECT_TYPES.get(elem.get("Type", "").lower(), EntityType.UNKNOWN),
        name=name,
        aliases=tuple(aliases),
        countries=_unique(
            [
                *(clean(child_text(c, "COUNTRY")) for c in children(elem, "CITIZEN")),
                *(a.country for a in addresses),
            ]
        ),
        addresses=tuple(addresses),
        programs=_unique(programs),
        identifiers=tuple(i for i in (_identifier_v10(x) for x in children(elem, "PASSPORT")) if i),
        dates_of_birth=_unique(d for d in dobs if d),
        remarks="; ".join(_unique([*extras, clean(elem.get("remark"))])),
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
        kind = _ID_KINDS.get(code.lower()) or description or code
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


SPEC = ImporterSpec(
    key=KEY,
    description="EU Financial Sanctions Files XML (xmlFullSanctionsList v1.1 and legacy v1.0)",
    sniff=_sniff,
    parse=_parse,
)
