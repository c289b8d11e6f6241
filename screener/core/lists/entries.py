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
    return {
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

    @property
    def name_count(self) -> int:
        return sum(len(e.all_names()) for e in self.entries)
