"""US Consolidated Screening List (trade.gov CSL), the CSV download.

One row per listing; the `source` column says which of the 13 US lists (SDN, Entity List,
DPL ...) it comes from, and becomes the entry's `sub_source` ("EL", "DPL", ...). The same
party can appear once per list (an SSI company is often on the SDN list too): those rows stay
separate entries, because the officer needs to know every list that names the party.

The file carries no date of its own (the newest `start_date` only tells when the newest
*listing* began), so `published` comes from the file or folder name, else the file time.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from screener.core.entries import (
    Address,
    Alias,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
    Relation,
    RelationKind,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    open_text,
    parse_date,
)

KEY = "trade-gov-csl"
SOURCE = "us_csl"
TITLE = "US Consolidated Screening List (trade.gov)"

_SIGNATURE = {"source", "entity_number", "name", "alt_names", "programs"}
_REQUIRED = ("source", "name")
_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
# Lists whose rows carry no type but list only organisations (and addresses of them).
_ORGANISATION_LISTS = {"EL", "UVL", "MEU"}
# `ids` items that describe rather than identify (gender, directive notes, dates).
_NOT_IDENTIFIERS = {
    "Gender",
    "Target Type",
    "Aircraft Model",
    "Aircraft Operator",
    "Former Vessel Flag",
    "Issuer Name",
    "Organization Type:",
}
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z-]*)(?: List)?\)")


def _header(line: str) -> set[str]:
    return {c.strip().lstrip("\ufeff") for c in next(csv.reader([line]), [])}


def _sniff(head: Head) -> bool:
    if head.kind != "text":
        return False
    try:
        return _header(head.first_line()) >= _SIGNATURE
    except Exception:  # a sniff never raises: any oddity means "not this format"
        return False


def sub_source(source: str) -> str:
    """'Entity List (EL) - Bureau of Industry and Security' -> 'EL'."""
    m = _ABBREVIATION.search(source)
    return m[1] if m else clean(source.split(" - ", 1)[0])


def _parse(path: Path) -> ParsedList:
    entries: list[Entry] = []
    reader = None
    try:
        with open_text(path) as fh:
            reader = csv.DictReader(fh, strict=True)
            header = [h.strip().lstrip("\ufeff") for h in reader.fieldnames or []]
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                raise ListFileError(path, f"line 1: missing column(s) {', '.join(missing)}")
            reader.fieldnames = header
            for row in reader:
                if None in row.values():
                    raise ListFileError(
                        path,
                        f"line {reader.line_num} has {sum(v is not None for v in row.values())}"
                        f" of {len(header)} columns (the file ends early: truncated download?)",
                    )
                entries.append(_entry(path, reader.line_num, row))
    except csv.Error as exc:
        where = f"line {reader.line_num}: " if reader else ""
        raise ListFileError(path, where + _csv_problem(exc)) from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not entries:
        raise ListFileError(path, "no entries (the list has a header but no rows)")
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


def _split(value: str | None) -> list[str]:
    return [v for v in (clean(p) for p in (value or "").split(";")) if v]


def _entry(path: Path, line: int, row: dict[str, str]) -> Entry:
    get = row.get
    name = clean(get("name"))
    if not name:
        raise ListFileError(path, f"line {line}: the name column is empty")
    sub = sub_source(clean(get("source")))
    kind = _TYPES.get(clean(get("type")).lower())
    if kind is None:
        kind = EntityType.ORGANIZATION if sub in _ORGANISATION_LISTS else EntityType.UNKNOWN
    entry_id = clean(get("_id")) or clean(get("entity_number")) or _stable_id(sub, name)
    addresses = tuple(_address(a) for a in _split(get("addresses")))
    countries = [*_split(get("citizenships")), *_split(get("nationalities"))]
    countries += [a.country for a in addresses if a.country]
    countries += _split(get("vessel_flag"))
    return Entry(
        entry_id=entry_id,
        type=kind,
        name=name,
        aliases=tuple(Alias(name=a) for a in dict.fromkeys(_split(get("alt_names"))) if a != name),
        countries=tuple(dict.fromkeys(countries)),
        addresses=addresses,
        programs=tuple(_split(get("programs"))),
        identifiers=tuple(dict.fromkeys(i for x in _split(get("ids")) if (i := _identifier(x)))),
        dates_of_birth=tuple(d for d in (_dob(x) for x in _split(get("dates_of_birth"))) if d),
        remarks=_remarks(row),
        listed_on=parse_date(clean(get("start_date")), dayfirst=False),
        sub_source=sub,
        relations=_relations(name, clean(get("vessel_owner"))),
    )


# Entity List rows of an affiliate: "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:
# Beijing Huawei ...". The name stays as listed (it is what the list matches on); the principal
# becomes a relation.
_AFFILIATE = re.compile(r"^(?P<principal>.+?)\.?\s+Affiliated? Entity:\s+\S", re.IGNORECASE)


def _relations(name: str, vessel_owner: str) -> tuple[Relation, ...]:
    out = []
    if m := _AFFILIATE.match(name):
        out.append(Relation(RelationKind.AFFILIATED, m["principal"].strip().rstrip(".")))
    if vessel_owner:
        out.append(Relation(RelationKind.OWNER_OPERATOR, vessel_owner, note="vessel owner"))
    return tuple(out)


def _stable_id(sub: str, name: str) -> str:
    # Newer CSL downloads may lack `_id`, and Entity List rows have no entity_number.
    return f"{sub}-{hashlib.sha1(name.encode()).hexdigest()[:12]}"


def _address(text: str) -> Address:
    """CSL writes 'street, city, state, postcode, CC': the trailing ISO code is the country."""
    last = text.rsplit(",", 1)[-1].strip()
    if len(last) == 2 and last.isalpha() and last.isupper():
        return Address(text=text, country=last)
    return Address(text=text)


def _identifier(item: str) -> Identifier | None:
    """'RU, 7736640919, Tax ID No.' or 'JO, 2014-08-30, 2009-08-31, K475336, Passport'."""
    parts = [p.strip() for p in item.split(", ")]
    kind = parts[-1]
    if len(parts) < 2 or kind in _NOT_IDENTIFIERS or kind.endswith(("-", ":")):
        return None
    if any(word in kind for word in ("Date", "Directive", "Executive Order")):
        return None
    country = parts[0] if len(parts) > 2 and len(parts[0]) == 2 and parts[0].isupper() else ""
    value = parts[-2]
    if value.upper().startswith("IMO "):
        return Identifier(kind="IMO", value=value[4:].strip())
    return Identifier(kind=kind, value=value, country=country)


def _dob(text: str) -> str | None:
    """ISO dates, 'circa 1964' and '1971 to 1973' (a range, kept as '1971/1973')."""
    if " to " in text:
        low, _, high = text.partition(" to ")
        a, b = parse_date(low, dayfirst=False), parse_date(high, dayfirst=False)
        return f"{a}/{b}" if a and b else None
    return parse_date(text, dayfirst=False)


def _remarks(row: dict[str, str]) -> str:
    labelled = (
        ("", "remarks"),
        ("Title", "title"),
        ("License requirement", "license_requirement"),
        ("License policy", "license_policy"),
        ("Federal Register", "federal_register_notice"),
        ("Ends", "end_date"),
        ("Place of birth", "places_of_birth"),
        ("Vessel", "vessel_type"),
        ("Vessel owner", "vessel_owner"),
    )
    parts = []
    for label, column in labelled:
        if value := clean(row.get(column)):
            parts.append(f"{label}: {value}" if label else value)
    return "\n".join(parts)


def _csv_problem(exc: csv.Error) -> str:
    """csv's terse error as a reason the officer can act on."""
    if "unexpected end of data" in str(exc):
        return "the file ends inside a quoted field (truncated download?)"
    return f"malformed CSV ({exc})"


SPEC = ImporterSpec(
    key=KEY,
    description="trade.gov Consolidated Screening List CSV (source, entity_number, alt_names ...)",
    sniff=_sniff,
    parse=_parse,
)
