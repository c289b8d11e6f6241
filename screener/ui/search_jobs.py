"""The Search page's background jobs (a recorded grouped search in the search process, an
evidence export on a store of its own) and the HTML heading a selected party's entry."""

from __future__ import annotations

import html
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from screener.core.evidence.search_export import export_search_evidence
from screener.core.names.grouped_search import EntryGroup, SearchFilters
from screener.core.names.search import SearchHit
from screener.core.record.database.store import Store
from screener.core.screening.search_service import SearchService
from screener.ui.widgets.detail_panel import highlight, shared_tokens
from screener.ui.workers import Control


def search_job(
    service: SearchService, query: str, filters: SearchFilters
) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Any]:
        return service.search_entries(query, filters=filters, record=True)
        yield  # pragma: no cover - makes this a generator

    return job


def export_job(home: Path, ids: list[int], out: Path) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Any]:
        store = Store.open(home)
        try:
            return export_search_evidence(store, ids, out)
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job


def hit_html(query: str, hit: SearchHit) -> str:
    tokens = shared_tokens(query, hit.matched_name)
    matched = highlight(hit.matched_name, tokens)
    alias = "" if hit.matched_name == hit.name else f"<br>listed as {highlight(hit.name, tokens)}"
    return (
        "<style>.tok{background:#fff2a8;font-weight:bold} .muted{color:#666}</style>"
        f"<p><b>{hit.score:.0%}</b> &nbsp;{matched}{alias}<br>"
        f"{highlight(hit.explanation, tokens)}</p>"
    )


def places_html(group: EntryGroup) -> str:
    rows = "".join(
        f"<tr><td>{h.score:.0%}</td><td>{html.escape(h.source)}"
        f"{' / ' + html.escape(h.sub_source) if h.sub_source else ''}</td>"
        f"<td>entry {html.escape(h.entry_id)}</td>"
        f"<td>{html.escape(', '.join(h.programs))}</td></tr>"
        for h in group.hits
    )
    n = len(group.hits)
    return f"<p class=muted>Listed in {n} place{'s' * (n != 1)}:</p><table>{rows}</table><hr>"
