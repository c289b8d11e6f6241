"""OpenSanctions' FollowTheMoney export (`entities.ftm.json`): one entity per line.

Only target schemas become entries; entities marked `"target": false` (relatives, owners) are
skipped. Address, Sanction and Identification/Passport entities are folded into the entries
that reference them, when the reference resolves; Ownership and Directorship become relations.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screener.core.entries import Address, Entry, Identifier, Relation, RelationKind
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import clean, parse_date
from screener.core.lists.importers.opensanctions_fields import TYPES, alias, ftm_date, unique

# An entity with thousands of names is a few hundred KiB; a line past this is not an entity.
MAX_LINE_BYTES = 16 * 1024 * 1024

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


def ftm_entries(path: Path) -> tuple[list[Entry], str]:
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
        if schema in TYPES:
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
        aliases = [alias(n) for n in names + _prop(obj, "alias")]
        aliases += [alias(n, weak=True) for n in _prop(obj, "weakAlias")]
        aliases += [alias(n, kind="fka") for n in _prop(obj, "previousName")]
        entry_addresses = [Address(a) for a in _prop(obj, "address")]
        entry_addresses += [addresses[r] for r in _prop(obj, "addressEntity") if r in addresses]
        identifiers = [Identifier(k, v) for p, k in _FTM_IDS.items() for v in _prop(obj, p)]
        notes = [*_prop(obj, "position"), *_prop(obj, "notes")]
        created = sorted(d for d in map(parse_date, _prop(obj, "createdAt")) if d)
        first_seen = (_strings(obj.get("first_seen")) or [""])[0]
        entries.append(
            Entry(
                entry_id=entity_id,
                type=TYPES[obj["schema"]],
                name=name,
                aliases=tuple(dict.fromkeys(a for a in aliases if a.name != name)),
                countries=unique(
                    [c for p in _FTM_COUNTRIES for c in _prop(obj, p)]
                    + [a.country for a in entry_addresses]
                ),
                addresses=tuple(dict.fromkeys(entry_addresses)),
                programs=unique(
                    [*_prop(obj, "programId"), *_prop(obj, "program"), *programs[entity_id]]
                ),
                identifiers=tuple(dict.fromkeys([*identifiers, *documents[entity_id]])),
                dates_of_birth=unique([d for d in map(ftm_date, _prop(obj, "birthDate")) if d]),
                remarks="; ".join(unique(notes)),
                listed_on=created[0] if created else parse_date(first_seen[:10]),
                sub_source=";".join(unique(_strings(obj.get("datasets")))),
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
