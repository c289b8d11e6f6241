"""Searching names across every list: the index over the newest list versions, and its hits.

    index = open_index(store)                # built once, cached on disk by list versions
    hits = search_names(store, "Gazprom Bank", index=index)

One hit per listed entry (its best-matching name), best first. The same index serves the
CLI's `screener search`, the GUI's ad-hoc search and order screening.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from screener.core.names import index_cache
from screener.core.names.index_cache import load_or_build
from screener.core.names.index_layout import EntryRef
from screener.core.names.matching import DEFAULT_THRESHOLD, apply_qualifiers
from screener.core.names.name_index import Candidate, IndexedName, NameIndex
from screener.core.record.database.store import Store

log = logging.getLogger(__name__)
# 6: Chinese and Korean names a syllable per word, Hangul as the lists romanise it, Hebrew
#    letters by their place, a short part two edits from another no longer one name;
# 5: slips where a name ends: an appended country, a legal form before it, a dropped letter;
# 4: Arabic-script long vowels and articles, Hassan/Husayn, a consonant before a short part;
# 3: person romanisations and patronymics, lone words only alike, short typos, word rarity;
# 2: every script, person structure, variants, places
MATCHER_VERSION = "6"


@dataclass(frozen=True, slots=True)
class NameInfo:
    entry_rowid: int
    version_id: int
    type: str


@dataclass(frozen=True, slots=True)
class ListIndex:
    """A `NameIndex` plus what each indexed name belongs to in the store."""

    names: NameIndex
    info: Mapping[int, NameInfo]  # name row id -> entry
    version_ids: tuple[int, ...]


class _EntryInfo(Mapping[int, NameInfo]):
    """Name row id -> entry, read from the index (its cache file) when asked."""

    def __init__(self, entries: Mapping[int, EntryRef]) -> None:
        self._entries = entries

    def __getitem__(self, key: int) -> NameInfo:
        return NameInfo(*self._entries[key])

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[int]:
        return iter(self._entries)


@dataclass(frozen=True, slots=True)
class SearchHit:
    source: str
    sub_source: str
    entry_id: str
    name: str  # the entry's primary listed name
    matched_name: str  # the name or alias that matched
    score: float
    explanation: str
    programs: tuple[str, ...]
    countries: tuple[str, ...]
    type: str
    entry_rowid: int
    list_version_id: int
    entry_hash: str


_MEMO: dict[tuple[str, tuple[int, ...]], ListIndex] = {}


def open_index(store: Store, *, cache_dir: Path | None = None) -> ListIndex:
    """The index over the newest version of every list, from memory, disk cache, or built."""
    versions = tuple(sorted(v.id for v in store.current_versions()))
    key = index_cache.cache_key(store, MATCHER_VERSION, versions)
    memo_key = (f"{store.cache_dir}|{key['database']}", versions)  # a recreated database differs
    if store.cache_dir is not None and memo_key in _MEMO:
        return _MEMO[memo_key]

    def read() -> tuple[list[IndexedName], dict[int, EntryRef]]:
        """Every name of the lists in use: only read when the index must be built."""
        items: list[IndexedName] = []
        entries: dict[int, EntryRef] = {}
        for row in store.iter_names(list(versions)):
            entries[row.name_id] = (row.entry_rowid, row.version_id, row.type)
            items.append(IndexedName(row.name_id, row.name, row.type))
        return items, entries

    folder = cache_dir or _default_cache(store)
    if folder is None:
        items, entries = read()
        names = NameIndex.build(items)
        names.entries = entries
    else:
        names = load_or_build(read, key, folder)
    index = ListIndex(names, _EntryInfo(names.entries), versions)
    if store.cache_dir is not None:
        _MEMO.clear()  # one store per process is the norm; keep memory flat
        _MEMO[memo_key] = index
    return index


def _default_cache(store: Store) -> Path | None:
    return store.cache_dir


def search_names(
    store: Store,
    query: str,
    *,
    kind: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 20,
    country: str | None = None,
    index: ListIndex | None = None,
) -> list[SearchHit]:
    """Entries whose names match `query` at or above `threshold`, best first.

    `country` may be written as a code or a name ("Turkey", "TR", "TUR"): the qualifier
    compares countries the reference knows by ISO code.
    """
    if not query.strip():
        return []
    index = index or open_index(store)
    found = index.names.search(query, kind=kind, threshold=threshold, limit=candidate_limit(limit))
    return hits_from_candidates(
        store, index, found, threshold=threshold, limit=limit, country=country
    )


def candidate_limit(limit: int) -> int:
    """How many names `search_names` asks the index for, to give `limit` entries."""
    return max(limit * 3, 30)


def hits_from_candidates(
    store: Store,
    index: ListIndex,
    found: Iterable[Candidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 20,
    country: str | None = None,
) -> list[SearchHit]:
    """The entries of the names the index found (the second half of `search_names`)."""
    best: dict[int, SearchHit] = {}
    # Without identifiers a qualifier can only lower a score, so names below the threshold
    # can never make it: leave them out before any entry is read or explained.
    for cand in found:
        meta = index.info.get(cand.key)
        if meta is None:
            continue
        entry = store.entry(meta.entry_rowid)
        score, note = cand.score, cand.explanation
        if country:
            score, qualifier = apply_qualifiers(
                score, query_country=country, entry_countries=entry.countries
            )
            if qualifier:
                note = f"{note}; {qualifier}"
        if score < threshold:
            continue
        current = best.get(meta.entry_rowid)
        if current is not None and current.score >= score:
            continue
        version = store.version(meta.version_id)
        best[meta.entry_rowid] = SearchHit(
            source=version.source,
            sub_source=entry.sub_source,
            entry_id=entry.entry_id,
            name=entry.name,
            matched_name=cand.name,
            score=round(score, 4),
            explanation=note,
            programs=entry.programs,
            countries=entry.countries,
            type=entry.type.value,
            entry_rowid=meta.entry_rowid,
            list_version_id=meta.version_id,
            entry_hash=entry.content_hash(),
        )
    return sorted(best.values(), key=lambda h: (-h.score, h.source, h.entry_id))[:limit]
