"""Ad-hoc name searches answered by one long-lived child process that keeps the index loaded.

    service = SearchService(home)
    hits = service.search("Rosoboronexport")

The desktop app's Search page asks it; each search is a short round trip over a pipe.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.evidence.searches import RecordedSearch, search_and_record
from screener.core.names import search
from screener.core.names.grouped_search import EntryGroup, SearchFilters, search_entries
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.record.database.store import Store
from screener.core.screening.child_process import STOP_GRACE_S

__all__ = ["SearchService"]


class SearchService:
    """Ad-hoc name searches answered by a long-lived child process that holds the name index.

    Loading the index is one long interpreter-bound step (the window would stall ~0.35 s); in
    the child it happens once, and each search is a short round trip. The child reloads the
    index by itself when the lists change (`search.open_index` keys it by list versions).
    Thread-safe; `close()` ends the child, a dead one is started again on the next search.
    """

    def __init__(self, home: Path) -> None:
        self._home = home
        self._lock = threading.Lock()
        self._child: Any = None
        self._conn: Connection | None = None

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 20,
        country: str | None = None,
    ) -> list[search.SearchHit]:
        """`search.search_names` on the store in `home`."""
        hits: list[search.SearchHit] = self._ask((query, kind, threshold, limit, country))
        return hits

    def search_entries(
        self, query: str, *, filters: SearchFilters | None = None, record: bool = True
    ) -> tuple[RecordedSearch | None, list[EntryGroup]]:
        """`grouped_search.search_entries` on the store in `home`; with `record` (the default)
        the search is recorded there (`searches.search_and_record`, channel "gui")."""
        answer: tuple[RecordedSearch | None, list[EntryGroup]] = self._ask(
            ("entries", query, filters or SearchFilters(), record)
        )
        return answer

    def _ask(self, request: tuple[Any, ...]) -> Any:
        with self._lock:
            conn = self._connection()
            try:
                conn.send(request)
                kind_of_answer, value = conn.recv()
            except (EOFError, OSError):
                self._stop()
                raise ScreenerError(
                    "the search process stopped unexpectedly; search again to restart it"
                ) from None
        if kind_of_answer == "error":
            raise ScreenerError(value)
        if kind_of_answer == "crash":
            raise RuntimeError(f"search failed in its process:\n{value}")
        return value

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _connection(self) -> Connection:
        if self._conn is None or self._child is None or not self._child.is_alive():
            self._stop()
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe()
            child = context.Process(
                target=_serve_searches, args=(theirs, self._home), name="screener-search"
            )
            child.daemon = True
            try:
                child.start()
            finally:
                theirs.close()
            self._child, self._conn = child, ours  # only a started child is ever joined
        return self._conn

    def _stop(self) -> None:
        if self._conn is not None:
            with suppress(OSError):  # the child may be gone already
                self._conn.send(None)  # asks the child to end
            self._conn.close()
            self._conn = None
        if self._child is not None:
            self._child.join(STOP_GRACE_S)
            if self._child.is_alive():
                self._child.terminate()
                self._child.join()
            self._child = None


def _serve_searches(conn: Connection, home: Path) -> None:
    store = Store.open(home)
    try:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            conn.send(_answer(store, request))
    finally:
        store.close()


def _answer(store: Store, request: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        if request[0] == "entries":
            return "ok", _entries(store, *request[1:])
        query, kind, threshold, limit, country = request
        hits = search.search_names(
            store, query, kind=kind, threshold=threshold, limit=limit, country=country
        )
        return "ok", hits
    except ScreenerError as exc:
        return "error", str(exc)
    except Exception:  # reported to the parent, which raises it
        return "crash", traceback.format_exc()


def _entries(
    store: Store, query: str, filters: SearchFilters, record: bool
) -> tuple[RecordedSearch | None, list[EntryGroup]]:
    if record:
        return search_and_record(store, query, filters=filters, channel="gui")
    return None, search_entries(store, query, filters=filters)
