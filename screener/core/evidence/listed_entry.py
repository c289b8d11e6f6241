"""The whole listed entry behind a hit, and what in it agrees or conflicts with the order party.

    evidence = hit_evidence(store, hit_id)          # a hit of a screened line
    evidence = entry_evidence(store, entry_rowid)   # an ad-hoc search result (no party)

What an officer rules a hit out with: every name and its quality, addresses, dates and places
of birth, countries, identifiers, programs, listing date, remarks, the list version it came
from, and the publisher's own page for the entry where the publisher has one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from screener.core.entries import Address, EntityType, Identifier, Relation
from screener.core.lists.same_party import ofac_numbered
from screener.core.names.normalize import find_legal_forms, fold, tokenize
from screener.core.record.database.store import Store, StoreError
from screener.core.rules.countries import resolve_country

__all__ = [
    "Comparison",
    "EntryEvidence",
    "ListedName",
    "Outcome",
    "PartyFacts",
    "entry_evidence",
    "hit_evidence",
    "line_evidence",
    "publisher_page",
]

OFAC_DETAILS = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={id}"
# CSL sub-lists OFAC maintains: their entity numbers are OFAC's own entry ids.
LIST_PAGES = {
    "ofac_sdn": "https://sanctionssearch.ofac.treas.gov/",
    "ofac_cons": "https://sanctionssearch.ofac.treas.gov/",
    "us_csl": "https://www.trade.gov/consolidated-screening-list",
    "us_bis_dpl": "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls-and"
    "-us-person-controls/denied-persons-list",
    "un_sc": "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
    "uk_ofsi": "https://www.gov.uk/government/publications/"
    "financial-sanctions-consolidated-list-of-targets",
    "uk_fcdo": "https://www.gov.uk/government/publications/the-uk-sanctions-list",
    "eu_fsf": "https://data.europa.eu/data/datasets/"
    "consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
}


class Outcome(StrEnum):
    AGREES = "agrees"
    CONFLICTS = "conflicts"
    UNKNOWN = "not comparable"


@dataclass(frozen=True, slots=True)
class ListedName:
    name: str
    quality: str  # strong | weak (the list's own low-quality a.k.a. mark)
    kind: str  # primary, aka, fka, nka, non-latin, ... as the list calls it
    matched: bool  # the name the hit matched


@dataclass(frozen=True, slots=True)
class Comparison:
    field: str  # "country" | "identifier" | "entity type"
    outcome: Outcome
    detail: str  # what the officer reads: "party DE (Germany); listed RU (Russia)"


@dataclass(frozen=True, slots=True)
class PartyFacts:
    """What the order says about the party a hit is for."""

    name: str
    role: str = ""
    country: str = ""
    identifiers: tuple[str, ...] = ()
    type: str = ""  # person | organization | vessel; "" lets the legal form decide


@dataclass(frozen=True, slots=True)
class EntryEvidence:
    source: str
    sub_source: str
    list_title: str
    list_version_id: int
    list_version: str  # "ofac_sdn 2024-05-03"
    list_sha256: str
    entry_rowid: int
    entry_id: str
    type: str
    name: str
    names: tuple[ListedName, ...]
    addresses: tuple[Address, ...]
    dates_of_birth: tuple[str, ...]
    places_of_birth: tuple[str, ...]
    countries: tuple[str, ...]  # nationality, citizenship, registration or address countries
    identifiers: tuple[Identifier, ...]
    programs: tuple[str, ...]
    listed_on: str | None
    remarks: str
    entry_hash: str
    publisher_url: str
    publisher_url_is_entry: bool  # True: the entry's own page; False: the list's page
    party: PartyFacts | None
    comparisons: tuple[Comparison, ...]
    # Owners, operators, parents, subsidiaries, links the list names; other listed facts.
    relations: tuple[Relation, ...] = ()
    details: tuple[tuple[str, str], ...] = ()

    @property
    def conflicts(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c.outcome is Outcome.CONFLICTS)

    @property
    def agreements(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c.outcome is Outcome.AGREES)


def publisher_page(source: str, sub_source: str, entry_id: str) -> tuple[str, bool]:
    """(address, is the entry's own page): OFAC and OpenSanctions have a page per entry."""
    if ofac_numbered(source, sub_source, entry_id):
        return OFAC_DETAILS.format(id=entry_id), True
    if source.startswith("opensanctions_") and re.fullmatch(r"[\w.-]+", entry_id):
        return f"https://www.opensanctions.org/entities/{entry_id}/", True
    return LIST_PAGES.get(source, ""), False


def entry_evidence(
    store: Store,
    entry_rowid: int,
    *,
    party: PartyFacts | None = None,
    matched_name: str = "",
) -> EntryEvidence:
    """The whole stored entry, compared with `party` when one is given."""
    row = store.db.conn.execute(
        "SELECT version_id, content_hash FROM list_entries WHERE id = ?", [entry_rowid]
    ).fetchone()
    if row is None:
        raise StoreError(f"no list entry with row id {entry_rowid}")
    entry = store.entry(entry_rowid)
    version = store.version(int(row[0]))
    names = [ListedName(entry.name, "strong", "primary", entry.name == matched_name)]
    names += [
        ListedName(a.name, a.quality.value, a.kind, a.name == matched_name)
        for a in entry.aliases
        if a.name
    ]
    url, own = publisher_page(version.source, entry.sub_source, entry.entry_id)
    return EntryEvidence(
        source=version.source,
        sub_source=entry.sub_source,
        list_title=version.title,
        list_version_id=version.id,
        list_version=version.label,
        list_sha256=version.sha256,
        entry_rowid=entry_rowid,
        entry_id=entry.entry_id,
        type=entry.type.value,
        name=entry.name,
        names=tuple(names),
        addresses=entry.addresses,
        dates_of_birth=entry.dates_of_birth,
        places_of_birth=_places_of_birth(entry.remarks)
        + tuple(v for k, v in entry.details if k == "Place of birth"),
        countries=entry.countries,
        identifiers=entry.identifiers,
        programs=entry.programs,
        listed_on=entry.listed_on,
        remarks=entry.remarks,
        entry_hash=str(row[1]),
        publisher_url=url,
        publisher_url_is_entry=own,
        party=party,
        comparisons=_compare(party, entry.type, entry.countries, entry.addresses, entry.identifiers)
        if party
        else (),
        relations=entry.relations,
        details=entry.details,
    )


def hit_evidence(store: Store, hit_id: int) -> EntryEvidence:
    """The listed entry of a recorded hit, compared with the order party it was found for."""
    cur = store.db.conn.execute(
        "SELECT h.role, h.party_name, h.party_country, h.entry_rowid, h.matched_name, l.parties"
        " FROM hits h JOIN lines l ON l.id = h.line_id WHERE h.id = ?",
        [hit_id],
    )
    row = cur.fetchone()
    if row is None:
        raise StoreError(f"no hit with id {hit_id}")
    role, name, country, entry_rowid, matched, parties_json = row
    facts: dict[str, Any] = next(
        (
            p
            for p in json.loads(parties_json)
            if isinstance(p, dict) and p.get("role") == role and p.get("name") == name
        ),
        {},
    )
    party = PartyFacts(
        name=name,
        role=role,
        country=country,
        identifiers=_party_ids(facts),
        type=str(facts.get("type", "")),
    )
    return entry_evidence(store, int(entry_rowid), party=party, matched_name=matched)


def line_evidence(store: Store, line_id: int) -> list[tuple[int, EntryEvidence]]:
    """(hit id, evidence) for every hit of a line, best score first."""
    ids = store.db.conn.execute(
        "SELECT id FROM hits WHERE line_id = ? ORDER BY score DESC, id", [line_id]
    ).fetchall()
    return [(int(i), hit_evidence(store, int(i))) for (i,) in ids]


def _party_ids(facts: dict[str, Any]) -> tuple[str, ...]:
    """Identifiers an order party carries, however the order reader spelled them."""
    raw = facts.get("identifiers", facts.get("identifier", ()))
    items = raw if isinstance(raw, list | tuple) else [raw]
    out = []
    for item in items:
        value = item.get("value", "") if isinstance(item, dict) else item
        if str(value).strip():
            out.append(str(value).strip())
    return tuple(out)


def _places_of_birth(remarks: str) -> tuple[str, ...]:
    # Importers keep places of birth in the remarks: "POB Kutama", "Place of birth: Baghdad".
    found = []
    for part in re.split(r";|\n", remarks):
        m = re.match(r"\s*(?:POB|Place of birth:)\s*(.+)", part)
        if m and m[1].strip():
            found.append(m[1].strip())
    return tuple(dict.fromkeys(found))


def _iso2(text: str) -> str:
    match = resolve_country(text) if text.strip() else None
    return match.country.iso2 if match else ""


def _compare(
    party: PartyFacts,
    entry_type: EntityType,
    countries: tuple[str, ...],
    addresses: tuple[Address, ...],
    identifiers: tuple[Identifier, ...],
) -> tuple[Comparison, ...]:
    out = []
    mine = _iso2(party.country)
    listed = sorted({c for c in (_iso2(x) for x in (*countries, *(a.country for a in addresses)))
                     if c})  # fmt: skip
    if not mine or not listed:
        what = "the party's country" if not mine else "the entry's countries"
        out.append(Comparison("country", Outcome.UNKNOWN, f"{what} not known"))
    else:
        outcome = Outcome.AGREES if mine in listed else Outcome.CONFLICTS
        out.append(Comparison("country", outcome, f"party {mine}; listed {', '.join(listed)}"))
    keyed = {_id_key(i.value): i for i in identifiers if len(_id_key(i.value)) >= 5}
    ours = {_id_key(v): v for v in party.identifiers if len(_id_key(v)) >= 5}
    if not ours or not keyed:
        what = "the party has no identifier" if not ours else "the entry lists no identifier"
        out.append(Comparison("identifier", Outcome.UNKNOWN, what))
    elif shared := sorted(set(ours) & set(keyed)):
        shown = ", ".join(f"{keyed[k].kind} {keyed[k].value}" for k in shared)
        out.append(Comparison("identifier", Outcome.AGREES, f"listed {shown} is the party's"))
    else:
        out.append(
            Comparison(
                "identifier",
                Outcome.CONFLICTS,
                f"party {', '.join(ours.values())}; listed "
                + ", ".join(f"{i.kind} {i.value}" for i in keyed.values()),
            )
        )
    party_type = party.type or (
        "organization" if find_legal_forms(tokenize(fold(party.name))) else ""
    )
    if not party_type:
        detail = f"party type not known (no legal form); listed {entry_type.value}"
        out.append(Comparison("entity type", Outcome.UNKNOWN, detail))
    elif entry_type is EntityType.UNKNOWN:
        detail = f"party {party_type}; the list gives no type"
        out.append(Comparison("entity type", Outcome.UNKNOWN, detail))
    else:
        basis = "" if party.type else " (by its legal form)"
        outcome = Outcome.AGREES if party_type == entry_type.value else Outcome.CONFLICTS
        out.append(
            Comparison(
                "entity type", outcome, f"party {party_type}{basis}; listed {entry_type.value}"
            )
        )
    return tuple(out)


def _id_key(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum()).removeprefix("IMO")
