"""UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`, sc-sanctions.xsd).

One `INDIVIDUAL` or `ENTITY` element per listed target; the sanctions committee (UN_LIST_TYPE,
"Al-Qaida", "DPRK" ...) becomes the program. The UN marks some individual aliases "Low"
quality: those stay searchable but weak. Entity aliases carry "a.k.a."/"f.k.a." in the same
QUALITY field instead, so there it is the alias kind.
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

KEY = "un-xml"
SOURCE = "un_sc"
TITLE = "UN Security Council Consolidated List"

_RECORDS = {"INDIVIDUAL": EntityType.PERSON, "ENTITY": EntityType.ORGANIZATION}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")
_POB_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
_ALIAS_KINDS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}


def _sniff(head: Head) -> bool:
    return head.kind == "xml" and head.xml_root() == "CONSOLIDATED_LIST"


def _parse(path: Path) -> ParsedList:
    published: date | None = None
    entries: list[Entry] = []
    for event, elem in iterparse_xml(path, events=("start", "end")):
        tag = local(elem.tag)
        if event == "start":
            if tag == "CONSOLIDATED_LIST":
                published = _header_date(elem.get("dateGenerated", ""))
            continue
        if tag in _RECORDS:
            entries.append(_entry(path, elem, _RECORDS[tag], len(entries) + 1))
            elem.clear()
    if not entries:
        raise ListFileError(path, "no entries (no <INDIVIDUAL> or <ENTITY> elements)")
    basis = "file header"
    if published is None:
        published, basis = fallback_date(path)
    return ParsedList(
        source=SOURCE,
        title=TITLE,
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


def _header_date(text: str) -> date | None:
    iso = parse_date(text[:10])  # "2026-02-27T00:00:09.554Z"
    return date.fromisoformat(iso) if iso and len(iso) == 10 else None


def _texts(elem: Element, name: str) -> list[str]:
    return [v for v in (clean(c.text) for c in children(elem, name)) if v]


def _values(elem: Element, name: str) -> list[str]:
    """Texts of the VALUE children of every `name` child (NATIONALITY, TITLE, DESIGNATION)."""
    return [v for c in children(elem, name) for v in _texts(c, "VALUE")]


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _entry(path: Path, elem: Element, kind: EntityType, number: int) -> Entry:
    data_id = child_text(elem, "DATAID")
    name = " ".join(v for v in (clean(child_text(elem, p)) for p in _NAME_PARTS) if v)
    if not data_id or not name:
        raise ListFileError(
            path, f"<{local(elem.tag)}> number {number:,} (DATAID {data_id or '?'}) has no name"
        )
    prefix = "INDIVIDUAL" if kind is EntityType.PERSON else "ENTITY"
    aliases, alias_dobs = _aliases(elem, prefix)
    if " ; " in name:  # a few entities list two names in one field
        aliases[:0] = [Alias(part.strip()) for part in name.split(" ; ") if part.strip()]
    aliases += [Alias(n, kind="non-latin") for n in _texts(elem, "NAME_ORIGINAL_SCRIPT")]

    addresses = [a for a in (_address(x) for x in children(elem, f"{prefix}_ADDRESS")) if a]
    dobs: list[str] = []
    extras = [f"UN reference {ref}"] if (ref := clean(child_text(elem, "REFERENCE_NUMBER"))) else []
    extras += [f"Title: {t}" for t in _values(elem, "TITLE")]
    extras += [f"Designation: {d}" for d in _values(elem, "DESIGNATION")]
    for dob in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        iso, note = _date_of_birth(dob)
        dobs += [iso] if iso else []
        if note:
            extras.append(f"DOB {iso}: {note}" if iso else f"DOB {note}")
    for pob in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
        if place := ", ".join(v for v in (clean(child_text(pob, p)) for p in _POB_PARTS) if v):
            extras.append(f"POB {place}")
    remarks = "; ".join(r for r in [*extras, clean(child_text(elem, "COMMENTS1"))] if r)
    return Entry(
        entry_id=data_id,
        type=kind,
        name=name,
        aliases=tuple(dict.fromkeys(aliases)),
        countries=_unique([*_values(elem, "NATIONALITY"), *(a.country for a in addresses)]),
        addresses=tuple(addresses),
        programs=_unique(_texts(elem, "UN_LIST_TYPE")),
        identifiers=tuple(
            i for i in (_document(d) for d in children(elem, "INDIVIDUAL_DOCUMENT")) if i
        ),
        dates_of_birth=_unique([*dobs, *alias_dobs]),
        remarks=remarks,
        listed_on=parse_date(child_text(elem, "LISTED_ON")),
    )


def _aliases(elem: Element, prefix: str) -> tuple[list[Alias], list[str]]:
    """Aliases, and the dates of birth some individual aliases carry (used under that name)."""
    aliases: list[Alias] = []
    dobs: list[str] = []
    for item in children(elem, f"{prefix}_ALIAS"):
        quality = clean(child_text(item, "QUALITY"))
        weak = quality.lower() == "low"
        kind = _ALIAS_KINDS.get(quality.lower(), "aka")
        # One ALIAS_NAME may hold spelling variants separated by ";".
        for alias_name in clean(child_text(item, "ALIAS_NAME")).split(";"):
            if alias_name.strip():
                quality_of = AliasQuality.WEAK if weak else AliasQuality.STRONG
                aliases.append(Alias(alias_name.strip(), quality_of, kind))
        if iso := parse_date(child_text(item, "DATE_OF_BIRTH")):
            dobs.append(iso)
    return aliases, dobs


def _address(elem: Element) -> Address | None:
    text = ", ".join(v for v in (clean(child_text(elem, p)) for p in _ADDRESS_PARTS) if v)
    if note := clean(child_text(elem, "NOTE")):
        text = f"{text} ({note})" if text else note
    country = clean(child_text(elem, "COUNTRY"))
    return Address(text=text, country=country) if text or country else None


def _date_of_birth(elem: Element) -> tuple[str | None, str]:
    """ISO date (or "YYYY/YYYY" range) and any note the UN could not express as a date."""
    note = clean(child_text(elem, "NOTE"))
    if iso := parse_date(child_text(elem, "DATE")):
        return iso, note
    if iso := parse_date(child_text(elem, "YEAR")):
        return iso, note
    start, end = parse_date(child_text(elem, "FROM_YEAR")), parse_date(child_text(elem, "TO_YEAR"))
    if start and end:
        return f"{start}/{end}", "" if note.lower() == "approximately" else note
    # Some dates are only a note: "Nov. 1973", "August 1961"; keep unreadable ones as remarks.
    if iso := parse_date(note):
        return iso, ""
    return None, note


def _document(elem: Element) -> Identifier | None:
    value = clean(child_text(elem, "NUMBER"))
    if not value:
        return None
    kind = clean(child_text(elem, "TYPE_OF_DOCUMENT"))
    # A few records name the passport in French or Spanish ("Numéro de passeport").
    if any(w in kind.lower() for w in ("passport", "passeport", "pasaporte")):
        kind = "Passport"
    notes = [clean(child_text(elem, "TYPE_OF_DOCUMENT2"))]
    if issued := clean(child_text(elem, "DATE_OF_ISSUE")):
        notes.append(f"issued {issued}")
    if city := clean(child_text(elem, "CITY_OF_ISSUE")):
        notes.append(f"in {city}")
    notes.append(clean(child_text(elem, "NOTE")))
    country = clean(child_text(elem, "ISSUING_COUNTRY")) or clean(
        child_text(elem, "COUNTRY_OF_ISSUE")
    )
    return Identifier(
        kind=kind or "Document",
        value=value,
        country=country,
        note=" ".join(n for n in notes if n),
    )


SPEC = ImporterSpec(
    key=KEY,
    description="UN Security Council Consolidated List XML (consolidated.xml)",
    sniff=_sniff,
    parse=_parse,
)
