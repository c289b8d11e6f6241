"""Ad-hoc search results grouped per listed entry, filtered by list and program, and found by
address, city or identifier as well as by name.

    groups = search_entries(store, "Sberbank of Russia", filters=SearchFilters(lists=("ofac_sdn",)))

One listed party often appears in several lists: OFAC's SDN and non-SDN lists and the CSL's
OFAC sub-lists all carry OFAC's own entry number, so "Sberbank of Russia" (OFAC 17018) is one
group with five members rather than five rows; the UN list and the UK list that implements it
share the UN reference number (`lists/same_party.py`). A layer over `search.search_names`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from screener.core.entries import Entry
from screener.core.lists.same_party import party_keys
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.party_names import with_part_hits
from screener.core.names.search import ListIndex, SearchHit, search_names
from screener.core.record.database.list_versions import ListVersion
from screener.core.record.database.store import Store, entry_from_json

__all__ = ["EntryGroup", "SearchFilters", "search_entries"]

# Entries read per scan of the store for an address or identifier search without a name.
_SCAN_LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class SearchFilters:
    lists: tuple[str, ...] = ()  # list source keys ("ofac_sdn", "un_sc"); empty: every list
    programs: tuple[str, ...] = ()  # program/regime text, any of them (case-insensitive part)
    address: str = ""  # part of an address: street, city, postcode or country
    identifier: str = ""  # an identifier value: passport, IMO, SWIFT/BIC, registration no.
    kind: str | None = None  # person | organization | vessel
    country: str | None = None  # the party's country: a contradicting one lowers name scores
    threshold: float = DEFAULT_THRESHOLD
    limit: int = 20  # groups

    def as_dict(self) -> dict[str, Any]:
        """What was asked, for the record (defaults included: the record says what applied)."""
        return {
            "lists": list(self.lists),
            "programs": list(self.programs),
            "address": self.address,
            "identifier": self.identifier,
            "kind": self.kind,
            "country": self.country,
            "threshold": self.threshold,
            "limit": self.limit,
        }


@dataclass(frozen=True, slots=True)
class EntryGroup:
    """One listed party: every list (version) entry that lists it, best match first."""

    key: str  # "ofac:17018", "un_sc:110326"
    hits: tuple[SearchHit, ...] = field(default_factory=tuple)

    @property
    def best(self) -> SearchHit:
        return self.hits[0]

    @property
    def name(self) -> str:
        return self.best.name

    @property
    def score(self) -> float:
        return self.best.score

    @property
    def lists(self) -> tuple[str, ...]:
        """'ofac_sdn', 'us_csl/SDN', ...: where it is listed."""
        return tuple(h.source + (f"/{h.sub_source}" if h.sub_source else "") for h in self.hits)

    @property
    def programs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for h in self.hits for p in h.programs))


def _id_key(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def _keeps(filters: SearchFilters, source: str, entry: Entry) -> str | None:
    """None when `entry` fails a filter, else what the address/identifier filter matched."""
    if filters.lists and source not in filters.lists:
        return None
    if filters.programs:
        wanted = [p.casefold() for p in filters.programs if p.strip()]
        listed = [p.casefold() for p in entry.programs]
        if not any(w in p for w in wanted for p in listed):
            return None
    notes = []
    if filters.address.strip():
        # Whole words: "Yazd" is the city, not the start of "Yazdanpanah Street".
        word = re.compile(rf"(?<!\w){re.escape(filters.address.strip().casefold())}(?!\w)")
        found = next(
            (a for a in entry.addresses if word.search(f"{a.text}, {a.country}".casefold())), None
        )
        if found is None:
            return None
        notes.append(f"address: {found.text}{', ' + found.country if found.country else ''}")
    if filters.identifier.strip():
        needle = _id_key(filters.identifier)
        ident = next((i for i in entry.identifiers if needle and _id_key(i.value) == needle), None)
        if ident is None:
            return None
        notes.append(f"identifier: {ident.kind} {ident.value}")
    return "; ".join(notes)


def search_entries(
    store: Store,
    query: str,
    *,
    filters: SearchFilters | None = None,
    index: ListIndex | None = None,
) -> list[EntryGroup]:
    """Listed parties matching `query` (a name; may be empty when an address or identifier
    filter is given) and every filter, one group per party, best first."""
    filters = filters or SearchFilters()
    versions = {v.id: v for v in store.current_versions()}
    hits: list[tuple[SearchHit, tuple[str, ...]]] = []  # with the party's keys
    if query.strip():
        filtered = bool(filters.lists or filters.programs or filters.address or filters.identifier)
        found = functools.partial(
            search_names,
            store,
            kind=filters.kind,
            threshold=filters.threshold,
            limit=max(filters.limit * 5, 200) if filtered else filters.limit * 5,
            country=filters.country,
            index=index,
        )
        # A query pasted from an order cell ("X c/o Y") finds what screening finds.
        for hit in with_part_hits(query, found(query), found):
            entry = store.entry(hit.entry_rowid)
            note = _keeps(filters, hit.source, entry)
            if note is None:
                continue
            hits.append((_noted(hit, note), party_keys(hit.source, entry)))
    elif filters.address.strip() or filters.identifier.strip():
        hits = _scan(store, filters, versions)
    groups = [
        EntryGroup(key, tuple(sorted(members, key=lambda h: (-h.score, h.source, h.sub_source))))
        for key, members in _one_per_party(hits)
    ]
    groups.sort(key=lambda g: (-g.score, g.name, g.key))
    return groups[: filters.limit]


def _one_per_party(
    hits: list[tuple[SearchHit, tuple[str, ...]]],
) -> list[tuple[str, list[SearchHit]]]:
    """Hits sharing any party key in one group (keyed by its first hit's preferred key)."""
    group_of: dict[str, int] = {}
    members: list[list[SearchHit]] = []
    names: list[str] = []
    for hit, keys in hits:
        found = sorted({group_of[k] for k in keys if k in group_of})
        if not found:
            members.append([])
            names.append(keys[-1])  # "un:QDi.001" or "ofac:17018" over "un_sc:110326"
            found = [len(members) - 1]
        into = found[0]
        for other in found[1:]:  # this hit ties two groups together: merge them
            members[into] += members[other]
            members[other] = []
            for key, at in group_of.items():
                if at == other:
                    group_of[key] = into
        members[into].append(hit)
        for key in keys:
            group_of[key] = into
    return [(names[i], m) for i, m in enumerate(members) if m]


def _noted(hit: SearchHit, note: str) -> SearchHit:
    if not note:
        return hit
    return dataclasses.replace(hit, explanation=f"{hit.explanation}; {note}")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _scan(
    store: Store, filters: SearchFilters, versions: dict[int, ListVersion]
) -> list[tuple[SearchHit, tuple[str, ...]]]:
    """Entries of the newest list versions found by address or identifier alone."""
    if filters.identifier.strip():
        runs = re.findall(r"[^\W_]+", filters.identifier)
        needle = max(runs, key=len) if runs else filters.identifier.strip()
    else:
        needle = filters.address.strip()
    ids = [v for v in versions if not filters.lists or versions[v].source in filters.lists]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    cur = store.db.conn.execute(
        f"SELECT id, version_id, data, content_hash FROM list_entries"
        f" WHERE version_id IN ({marks}) AND lower(data) LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
        [*ids, _like(needle.lower()), _SCAN_LIMIT],
    )
    out = []
    for rowid, version_id, data, content_hash in cur:
        entry = entry_from_json(data)
        version = versions[version_id]
        note = _keeps(filters, version.source, entry)
        if not note:
            continue
        hit = SearchHit(
            source=version.source,
            sub_source=entry.sub_source,
            entry_id=entry.entry_id,
            name=entry.name,
            matched_name=entry.name,
            score=1.0,
            explanation=f"found by {note}",
            programs=entry.programs,
            countries=entry.countries,
            type=entry.type.value,
            entry_rowid=rowid,
            list_version_id=version_id,
            entry_hash=content_hash,
        )
        out.append((hit, party_keys(version.source, entry)))
    return out
