"""Ad-hoc searches, recorded: who searched for what, when, in which list versions, and what
was found. Each is one chained row, so a search shows in `audit verify` like any decision.

    recorded, groups = search_and_record(store, "Sberbank", channel="gui")
    export_search_evidence(store, [recorded.id], Path("evidence.xlsx"))  # search_export.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from screener.core.names.grouped_search import EntryGroup, SearchFilters, search_entries
from screener.core.names.search import ListIndex
from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store, StoreError

__all__ = [
    "RecordedResult",
    "RecordedSearch",
    "get_search",
    "list_searches",
    "record_search",
    "search_and_record",
]


@dataclass(frozen=True, slots=True)
class RecordedResult:
    """One list entry a search found, as it was shown."""

    group: str  # the listed party it was grouped under ("ofac:17018")
    rank: int  # 1-based rank of the group
    source: str
    sub_source: str
    entry_id: str
    name: str
    matched_name: str
    score: float
    explanation: str
    programs: tuple[str, ...]
    list_version_id: int
    entry_rowid: int
    entry_hash: str


@dataclass(frozen=True, slots=True)
class RecordedSearch:
    id: int
    query: str
    filters: dict[str, Any]
    list_version_ids: tuple[int, ...]
    hits: int  # listed parties found
    results: tuple[RecordedResult, ...]
    channel: str
    operator: str
    host: str
    searched_at: datetime


def record_search(
    store: Store,
    *,
    query: str,
    filters: SearchFilters,
    groups: list[EntryGroup],
    list_version_ids: tuple[int, ...],
    channel: str,
) -> RecordedSearch:
    """Record a search that was run and shown; who searched is the system's identity."""
    user, host = operator_identity()
    results = [
        {
            "group": g.key,
            "rank": rank,
            "source": h.source,
            "sub_source": h.sub_source,
            "entry_id": h.entry_id,
            "name": h.name,
            "matched_name": h.matched_name,
            "score": h.score,
            "explanation": h.explanation,
            "programs": list(h.programs),
            "list_version_id": h.list_version_id,
            "entry_rowid": h.entry_rowid,
            "entry_hash": h.entry_hash,
        }
        for rank, g in enumerate(groups, start=1)
        for h in g.hits
    ]
    with store.write() as db:
        search_id = ChainWriter(db).append(
            "searches",
            {
                "query": query,
                "filters": json.dumps(filters.as_dict(), sort_keys=True, ensure_ascii=False),
                "list_versions": json.dumps(sorted(list_version_ids)),
                "hits": len(groups),
                "results": json.dumps(results, ensure_ascii=False, separators=(",", ":")),
                "channel": channel,
                "operator": user,
                "host": host,
                "searched_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            },
        )
    return get_search(store, search_id)


def search_and_record(
    store: Store,
    query: str,
    *,
    filters: SearchFilters | None = None,
    index: ListIndex | None = None,
    channel: str = "gui",
) -> tuple[RecordedSearch, list[EntryGroup]]:
    """`search_entries`, then record what it found: the one call for an officer's search."""
    filters = filters or SearchFilters()
    versions = tuple(index.version_ids if index else (v.id for v in store.current_versions()))
    groups = search_entries(store, query, filters=filters, index=index)
    recorded = record_search(
        store,
        query=query,
        filters=filters,
        groups=groups,
        list_version_ids=versions,
        channel=channel,
    )
    return recorded, groups


def get_search(store: Store, search_id: int) -> RecordedSearch:
    rows = list(store.db.query("SELECT * FROM searches WHERE id = ?", [search_id]))
    if not rows:
        raise StoreError(f"no recorded search with id {search_id}")
    return _search(rows[0])


def list_searches(store: Store, *, limit: int = 200, offset: int = 0) -> list[RecordedSearch]:
    """Recorded searches, newest first."""
    return [
        _search(r)
        for r in store.db.query(
            "SELECT * FROM searches ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset]
        )
    ]


def _search(r: dict[str, Any]) -> RecordedSearch:
    return RecordedSearch(
        id=r["id"],
        query=r["query"],
        filters=json.loads(r["filters"]),
        list_version_ids=tuple(json.loads(r["list_versions"])),
        hits=r["hits"],
        results=tuple(
            RecordedResult(**{**x, "programs": tuple(x["programs"])})
            for x in json.loads(r["results"])
        ),
        channel=r["channel"],
        operator=r["operator"],
        host=r["host"],
        searched_at=datetime.fromisoformat(r["searched_at"]),
    )
