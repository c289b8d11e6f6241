"""OpenSanctions exports: `targets.simple.csv` and FollowTheMoney `entities.ftm.json`.

Source key: `opensanctions_<dataset>`, where <dataset> is the OpenSanctions dataset name
("ua_war_sanctions"). The FtM export names datasets directly; the simple CSV writes the
dataset's *title* ("Ukraine War and Sanctions"), which is mapped through `DATASET_NAMES`
or, for titles not in that table, slugged ("Some New List" -> "some_new_list"). A file
whose entries come from several datasets (a collection export such as "sanctions") gets
source `opensanctions_collection`; each entry keeps its datasets in `sub_source`.

FtM: only target schemas (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
Airplane) become entries; entities marked `"target": false` (relatives, owners) are
skipped. Address, Sanction and Identification/Passport entities in the same file are folded
into the entries that reference them, when the reference resolves; otherwise dropped.

Neither export carries a publication date: `published` is the newest `last_seen`, the time
OpenSanctions last saw the data at its source (basis "file content").
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
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
    parse_date,
    read_head,
)
from screener.core.lists.importers.eu_fsf import is_latin

KEY = "opensanctions"
SOURCE_PREFIX = "opensanctions_"
COLLECTION = "collection"
# Titles the simple CSV writes -> dataset names (see opensanctions.org/datasets/<name>).
DATASET_NAMES = {
    "Ukraine War and Sanctions": "ua_war_sanctions",
    "EU Financial Sanctions Files (FSF)": "eu_fsf",
}
_TITLES = {name: title for title, name in DATASET_NAMES.items()}
# An entity with thousands of names is a few hundred KiB; a line past this is not an entity.
MAX_LINE_BYTES = 16 * 1024 * 1024

_TYPES = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
_CSV_SIGNATURE = {"id", "schema", "name", "aliases", "dataset"}
_CSV_REQUIRED = ("id", "schema", "name")
_IMO = re.compile(r"IMO\s*(\d{7})")

# FtM properties -> Identifier kinds (as the official lists call them).
_FTM_IDS = {
    "imoNumber": "IMO",
    "passportNumber": "Passport",
    "idNumber": "ID Number",
    "registrationNumber": "Registration Number",
    "taxNumber": "Tax ID No.",
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "vatCode": "VAT",
    "leiCode": "LEI",
    "swiftBic": "SWIFT/BIC",
    "mmsi": "MMSI",
    "callSign": "Call Sign",
    "registrationNumberAircraft": "Aircraft Registration",
}
_FTM_COUNTRIES = ("nationality", "citizenship", "country", "jurisdiction", "flag", "mainCountry")


def dataset_name(value: str) -> str:
    """OpenSanctions dataset name for the dataset title (or name) an export writes."""
    value = clean(value)
    if value in DATASET_NAMES:
        return DATASET_NAMES[value]
    if re.fullmatch(r"[a-z0-9_]+", value):
        return value
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


def _sniff(head: Head) -> bool:
    line = head.first_line()
    if head.kind == "text":
        try:
            header = next(csv.reader([line]), [])
        except csv.Error:
            return False
        return {h.strip() for h in header} >= _CSV_SIGNATURE
    if head.kind == "json":
        try:
            obj = json.loads(line)
        except ValueError:  # a first entity longer than the head: look at its keys only
            return '"schema"' in line and '"properties"' in line
        return isinstance(obj, dict) and "schema" in obj and "properties" in obj
    return False


def _parse(path: Path) -> ParsedList:
    if read_head(path).kind == "json":
        entries, last_seen = _ftm_entries(path)
    else:
        entries, last_seen = _csv_entries(path)
    if not entries:
        raise ListFileError(path, "no entries (no sanctioned persons, companies or vessels)")
    datasets = {name for e in entries for name in e.sub_source.split(";") if name}
    dataset = datasets.pop() if len(datasets) == 1 else COLLECTION
    published: date | None = None
    basis = "file content"
    if iso := parse_date(last_seen[:10]):
        published = date.fromisoformat(iso) if len(iso) == 10 else None
    if published is None:
        published, basis = fallback_date(path)
    return ParsedList(
        source=SOURCE_PREFIX + dataset,
        title=f"OpenSanctions: {_TITLES.get(dataset, dataset)}",
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


def _date(text: str) -> str | None:
    """FtM dates are ISO prefixes: "1971", "1971-01", "1971-01-22"."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text.strip()):
        return m[0] if 1 <= int(m[2]) <= 12 else None
    return parse_date(text)


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _alias(name: str, *, weak: bool = False, kind: str = "aka") -> Alias:
    quality = AliasQuality.WEAK if weak else AliasQuality.STRONG
    return Alias(name, quality, kind if is_latin(name) else "non-latin")


# ---------------------------------------------------------------- targets.simple.csv


def _split(cell: str) -> list[str]:
    """A multi-value cell: values joined by ";", CSV-quoted when they hold ";" or quotes."""
    if not cell:
        return []
    values = cell.split(";")
    if cell.startswith('"'):
        with contextlib.suppress(csv.Error):  # badly quoted: fall back to a plain split
            values = [v for rec in csv.reader(io.StringIO(cell), delimiter=";") for v in rec]
    return [c for c in (clean(v) for v in values) if c]


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in _CSV_REQUIRED if c not in header]
            if missing:
                raise ListFileError(
                    path, f"not an OpenSanctions targets CSV: no column {', '.join(missing)}"
                )
            for row in reader:
                line = reader.line_num
                if not any(row):
                    continue
                if len(row) != len(header):
                    raise ListFileError(
                        path,
                        f"line {line:,} has {len(row)} columns, the header has {len(header)}; "
                        "the file is truncated or damaged",
                    )
                yield line, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        what = "the file ends early (truncated download?)" if "end of data" in str(exc) else exc
        raise ListFileError(path, f"after line {line:,}: malformed CSV: {what}") from exc
    except UnicodeDecodeError as exc:
        raise ListFileError(path, f"after line {line:,}: the text is not UTF-8") from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _csv_entries(path: Path) -> tuple[list[Entry], str]:
    entries: list[Entry] = []
    last_seen = ""
    names: dict[str, str] = {}  # dataset title -> name, computed once per title
    for line, row in _csv_rows(path):
        entry_id, name = clean(row["id"]), clean(row["name"])
        if not entry_id or not name:
            raise ListFileError(path, f"line {line:,}: the entry has no id or no name")
        datasets = [names.setdefault(d, dataset_name(d)) for d in _split(row.get("dataset", ""))]
        identifiers = []
        for value in _split(row.get("identifiers", "")):
            m = _IMO.fullmatch(value)
            identifiers.append(Identifier("IMO", m[1]) if m else Identifier("Identifier", value))
        notes = _split(row.get("sanctions", ""))
        notes += [f"Phone {p}" for p in _split(row.get("phones", ""))]
        notes += [f"Email {e}" for e in _split(row.get("emails", ""))]
        entries.append(
            Entry(
                entry_id=entry_id,
                type=_TYPES.get(clean(row["schema"]), EntityType.UNKNOWN),
                name=name,
                aliases=tuple(
                    dict.fromkeys(_alias(a) for a in _split(row.get("aliases", "")) if a != name)
                ),
                countries=_unique(_split(row.get("countries", ""))),
                addresses=tuple(Address(a) for a in _split(row.get("addresses", ""))),
                programs=_unique(_split(row.get("program_ids", ""))),
                identifiers=tuple(dict.fromkeys(identifiers)),
                dates_of_birth=_unique(
                    [d for d in map(_date, _split(row.get("birth_date", ""))) if d]
                ),
                remarks="; ".join(_unique(notes)),
                listed_on=parse_date(row.get("first_seen", "")[:10]),
                sub_source=";".join(_unique(datasets)),
            )
        )
        last_seen = max(last_seen, clean(row.get("last_seen", "")))
    return entries, last_seen


# ---------------------------------------------------------------- entities.ftm.json


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), 1):
                if len(raw) > MAX_LINE_BYTES:
                    raise ListFileError(
                        path,
                        f"line {number:,} is longer than {MAX_LINE_BYTES:,} bytes; "
                        "not an OpenSanctions entity",
                    )
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except ValueError as exc:  # includes UnicodeDecodeError
                    raise ListFileError(
                        path, f"line {number:,} is not valid JSON ({exc}); truncated download?"
                    ) from exc
                if not isinstance(obj, dict) or not isinstance(obj.get("properties", {}), dict):
                    raise ListFileError(path, f"line {number:,} is not an FtM entity object")
                if not isinstance(obj.get("schema"), str) or not obj.get("id"):
                    raise ListFileError(path, f"line {number:,}: the entity has no id or schema")
                yield number, obj
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _strings(values: Any) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [c for c in (clean(v) for v in values if isinstance(v, str)) if c]


def _prop(obj: dict[str, Any], name: str) -> list[str]:
    props: dict[str, Any] = obj.get("properties") or {}
    return _strings(props.get(name))


def _ftm_entries(path: Path) -> tuple[list[Entry], str]:
    targets: list[tuple[int, dict[str, Any]]] = []
    addresses: dict[str, Address] = {}
    programs: defaultdict[str, list[str]] = defaultdict(list)
    documents: defaultdict[str, list[Identifier]] = defaultdict(list)
    last_seen = ""
    captions: dict[str, str] = {}  # every party's caption, targets or not: relations name them
    links: list[tuple[str, str, str, RelationKind, RelationKind, float | None]] = []
    for number, obj in _json_lines(path):
        schema = obj["schema"]
        if isinstance(obj.get("last_seen"), str):
            last_seen = max(last_seen, obj["last_seen"])
        if schema in _TYPES:
            captions[str(obj["id"])] = next(
                iter(_strings(obj.get("caption")) + _prop(obj, "name")), ""
            )
            if obj.get("target", True) is not False:
                targets.append((number, obj))
        elif schema in _LINKS:
            links += _links(schema, obj)
        elif schema == "Address":
            full = (_prop(obj, "full") or [""])[0]
            address = Address(full, (_prop(obj, "country") or [""])[0])
            for ref in [str(obj["id"]), *_strings(obj.get("referents"))]:
                addresses[ref] = address
        elif schema == "Sanction":
            for ref in _prop(obj, "entity"):
                programs[ref] += _prop(obj, "programId") or _prop(obj, "program")
        elif schema in {"Identification", "Passport"}:
            kind = "Passport" if schema == "Passport" else (_prop(obj, "type") or ["ID"])[0]
            country = (_prop(obj, "country") or [""])[0]
            for holder in _prop(obj, "holder"):
                documents[holder] += [Identifier(kind, n, country) for n in _prop(obj, "number")]

    relations: defaultdict[str, list[Relation]] = defaultdict(list)
    for a, b, note, kind_on_a, kind_on_b, share in links:
        # Each side's entry names the other: the asset names its owner, the owner its asset.
        if captions.get(b):
            relations[a].append(Relation(kind_on_a, captions[b], b, share, note))
        if captions.get(a):
            relations[b].append(Relation(kind_on_b, captions[a], a, share, note))
    entries = []
    for number, obj in targets:
        entity_id = str(obj["id"])
        names = _prop(obj, "name")
        name = next(iter(_strings(obj.get("caption")) + names), "")
        if not name:
            raise ListFileError(path, f"line {number:,}: entity {entity_id} has no name")
        aliases = [_alias(n) for n in names + _prop(obj, "alias")]
        aliases += [_alias(n, weak=True) for n in _prop(obj, "weakAlias")]
        aliases += [_alias(n, kind="fka") for n in _prop(obj, "previousName")]
        entry_addresses = [Address(a) for a in _prop(obj, "address")]
        entry_addresses += [addresses[r] for r in _prop(obj, "addressEntity") if r in addresses]
        identifiers = [Identifier(k, v) for p, k in _FTM_IDS.items() for v in _prop(obj, p)]
        notes = [*_prop(obj, "position"), *_prop(obj, "notes")]
        created = sorted(d for d in map(parse_date, _prop(obj, "createdAt")) if d)
        first_seen = (_strings(obj.get("first_seen")) or [""])[0]
        entries.append(
            Entry(
                entry_id=entity_id,
                type=_TYPES[obj["schema"]],
                name=name,
                aliases=tuple(dict.fromkeys(a for a in aliases if a.name != name)),
                countries=_unique(
                    [c for p in _FTM_COUNTRIES for c in _prop(obj, p)]
                    + [a.country for a in entry_addresses]
                ),
                addresses=tuple(dict.fromkeys(entry_addresses)),
                programs=_unique(
                    [*_prop(obj, "programId"), *_prop(obj, "program"), *programs[entity_id]]
                ),
                identifiers=tuple(dict.fromkeys([*identifiers, *documents[entity_id]])),
                dates_of_birth=_unique([d for d in map(_date, _prop(obj, "birthDate")) if d]),
                remarks="; ".join(_unique(notes)),
                listed_on=created[0] if created else parse_date(first_seen[:10]),
                sub_source=";".join(_unique(_strings(obj.get("datasets")))),
                relations=tuple(dict.fromkeys(relations[entity_id])),
            )
        )
    return entries, last_seen


# FtM relation schemas kept: (first party, second party) properties.
_LINKS = {"Ownership": ("owner", "asset"), "Directorship": ("director", "organization")}


def _links(
    schema: str, obj: dict[str, Any]
) -> list[tuple[str, str, str, RelationKind, RelationKind, float | None]]:
    """(asset/organisation id, owner/director id, note, kind seen from each side, share)."""
    first, second = _LINKS[schema]
    share = None
    for text in _prop(obj, "percentage"):
        with contextlib.suppress(ValueError):
            share = float(text.strip().rstrip("%").replace(",", "."))
    note = "; ".join(_prop(obj, "role") + _prop(obj, "ownershipType"))
    out = []
    for x in _prop(obj, first):
        for y in _prop(obj, second):
            if schema == "Ownership":  # y (asset) is owned by x
                out.append((y, x, note, RelationKind.OWNER, RelationKind.OWNED, share))
            else:  # x directs y
                out.append((y, x, note, RelationKind.DIRECTOR, RelationKind.ASSOCIATE, None))
    return out


SPEC = ImporterSpec(
    key=KEY,
    description="OpenSanctions export (targets.simple.csv or FollowTheMoney entities.ftm.json)",
    sniff=_sniff,
    parse=_parse,
)
