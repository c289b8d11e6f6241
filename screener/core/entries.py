"""The one entry model every importer produces and every later stage reads.

A list file becomes a `ParsedList`: its source key, publish date and a sequence of `Entry`
values. Entries are frozen so they can cross threads and the core/UI boundary unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class AliasQuality(StrEnum):
    """OFAC, OFSI and the UN mark some aliases "weak" (low quality): screen them, but lower."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    quality: AliasQuality = AliasQuality.STRONG
    kind: str = "aka"  # aka, fka, nka, non-latin, spelling variant: as the list calls it


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str  # "Passport", "IMO", "Tax ID No.", "Registration Number", ...
    value: str
    country: str = ""  # issuing country as written in the list
    note: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    text: str  # street, city, postcode as one line, as written in the list
    country: str = ""  # country name or code as written in the list


class RelationKind(StrEnum):
    """How another party relates to a listed entry, in the entry's own words."""

    OWNER_OPERATOR = "owner/operator"  # FCDO "Current owner/operator(s)" of a ship
    OWNER = "owner"  # the related party owns the listed entry (share where given)
    OWNED = "owned"  # the listed entry owns the related party (OpenSanctions Ownership)
    PARENT = "parent company"
    SUBSIDIARY = "subsidiary"
    LINKED = "linked to"  # OFAC "Linked To:"
    AFFILIATED = "affiliated"  # CSL Entity List "Affiliated Entity"
    DIRECTOR = "director"  # OpenSanctions Directorship: the related party directs the entry
    ASSOCIATE = "associate"


@dataclass(frozen=True, slots=True)
class Relation:
    """Another party named by a listed entry: its owner, operator, parent, subsidiary ..."""

    kind: RelationKind
    name: str  # as the list writes it
    entry_id: str = ""  # the related party's own id on the same list, when the list gives it
    share: float | None = None  # ownership percentage (0-100) where the list gives it
    note: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed target (a person, organisation, vessel or aircraft) in one list version."""

    entry_id: str  # the list's own id: OFAC ent_num, OFSI Group ID, UN DATAID, ...
    type: EntityType
    name: str  # primary name, as listed
    aliases: tuple[Alias, ...] = ()
    countries: tuple[str, ...] = ()  # nationality/citizenship/registration/address countries
    addresses: tuple[Address, ...] = ()
    programs: tuple[str, ...] = ()  # programs / regimes / sanction bases
    identifiers: tuple[Identifier, ...] = ()
    dates_of_birth: tuple[str, ...] = ()  # ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; ranges as "A/B"
    remarks: str = ""
    listed_on: str | None = None  # ISO date the entry was designated / added, when known
    sub_source: str = ""  # list inside a combined file: CSL "Entity List", OpenSanctions dataset
    relations: tuple[Relation, ...] = ()  # owners, operators, parents, subsidiaries, links
    details: tuple[tuple[str, str], ...] = ()  # other listed facts: ("Gender", "Male"), ...

    def all_names(self) -> list[tuple[str, AliasQuality]]:
        """Primary name then aliases, without exact duplicates."""
        seen = {self.name}
        out = [(self.name, AliasQuality.STRONG)]
        for alias in self.aliases:
            if alias.name and alias.name not in seen:
                seen.add(alias.name)
                out.append((alias.name, alias.quality))
        return out

    def to_json(self) -> str:
        """Canonical JSON of the whole entry (sorted keys): what the store keeps."""
        return json.dumps(_plain(self), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def content_hash(self) -> str:
        """Stable digest of everything listed, so a changed entry can re-open a cleared hit."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def _plain(entry: Entry) -> dict[str, object]:
    # Hand-written rather than dataclasses.asdict: asdict deep-copies and is the import's hot spot.
    # `relations` and `details` appear only when present, so an entry without them keeps the
    # JSON (and content hash) it had before they existed: accepted hits are not re-opened.
    plain: dict[str, object] = {
        "entry_id": entry.entry_id,
        "type": entry.type.value,
        "name": entry.name,
        "aliases": [
            {"name": a.name, "quality": a.quality.value, "kind": a.kind} for a in entry.aliases
        ],
        "countries": list(entry.countries),
        "addresses": [{"text": a.text, "country": a.country} for a in entry.addresses],
        "programs": list(entry.programs),
        "identifiers": [
            {"kind": i.kind, "value": i.value, "country": i.country, "note": i.note}
            for i in entry.identifiers
        ],
        "dates_of_birth": list(entry.dates_of_birth),
        "remarks": entry.remarks,
        "listed_on": entry.listed_on,
        "sub_source": entry.sub_source,
    }
    if entry.relations:
        plain["relations"] = [
            {"kind": r.kind.value, "name": r.name, "entry_id": r.entry_id, "share": r.share,
             "note": r.note}
            for r in entry.relations
        ]  # fmt: skip
    if entry.details:
        plain["details"] = [[k, v] for k, v in entry.details]
    return plain


def entry_from_dict(d: dict[str, Any]) -> Entry:
    """The inverse of `Entry.to_json`; entries stored before a field existed load without it."""
    return Entry(
        entry_id=d["entry_id"],
        type=EntityType(d["type"]),
        name=d["name"],
        aliases=tuple(
            Alias(a["name"], AliasQuality(a["quality"]), a["kind"]) for a in d["aliases"]
        ),
        countries=tuple(d["countries"]),
        addresses=tuple(Address(**a) for a in d["addresses"]),
        programs=tuple(d["programs"]),
        identifiers=tuple(Identifier(**i) for i in d["identifiers"]),
        dates_of_birth=tuple(d["dates_of_birth"]),
        remarks=d["remarks"],
        listed_on=d["listed_on"],
        sub_source=d["sub_source"],
        relations=tuple(
            Relation(
                RelationKind(r["kind"]),
                r["name"],
                r.get("entry_id", ""),
                r.get("share"),
                r.get("note", ""),
            )
            for r in d.get("relations", ())
        ),
        details=tuple((k, v) for k, v in d.get("details", ())),
    )


@dataclass(frozen=True, slots=True)
class ParsedList:
    """A whole list file (or an OFAC CSV set) parsed into entries, not yet stored."""

    source: str  # stable key: "ofac_sdn", "ofac_cons", "us_csl", "us_bis_dpl", "uk_ofsi", ...
    title: str  # what the officer reads: "OFAC Specially Designated Nationals (SDN) List"
    format: str  # importer key: "ofac-legacy-csv", "un-xml", ...
    published: date | None  # the list's own date
    published_basis: str  # where that date came from: "file header", "file name", "file time"
    files: tuple[Path, ...]  # every file read (an OFAC CSV set has several)
    entries: Sequence[Entry] = field(default_factory=tuple)
    # Rows a lenient import left out: (row or line number, why). Empty in a strict import,
    # which refuses the whole file at the first malformed row instead.
    skipped: tuple[tuple[int, str], ...] = ()

    @property
    def name_count(self) -> int:
        return sum(len(e.all_names()) for e in self.entries)
