"""`lists update` in a child process, for the desktop app (see `isolated`): downloading and
parsing a 100 MB list would otherwise hold up the window.

    for outcome in update_lists_in_process(home, home / "lists", on_start=...): ...
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path

from screener.core.lists.updates import UpdateOutcome, select_files, update_lists
from screener.core.names import search
from screener.core.record.database.store import Store
from screener.core.screening.child_process import run_isolated

INDEX_NOTICE = "building the name index"


def update_lists_in_process(
    home: Path,
    folder: Path,
    *,
    keys: Sequence[str] = (),
    mirror: str | None = None,
    on_start: Callable[[int, int, str], None] | None = None,
    on_index: Callable[[], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Generator[UpdateOutcome, None, None]:
    """One `UpdateOutcome` per official file (failures and "offline" included); `on_start(i,
    total, title)` before each download, `on_index()` before the name index is rebuilt."""

    def notice(value: object) -> None:
        if value == INDEX_NOTICE:
            if on_index is not None:
                on_index()
        elif on_start is not None and isinstance(value, tuple):
            on_start(*value)

    yield from run_isolated(
        _update, home, folder, list(keys), mirror, cancelled=cancelled, on_notice=notice
    )


def _update(
    home: Path,
    folder: Path,
    keys: list[str],
    mirror: str | None,
    *,
    cancelled: Callable[[], bool],
    notify: Callable[[object], None],
) -> Iterator[UpdateOutcome]:
    store = Store.open(home)
    try:
        files = select_files(keys)
        imported = False
        for i, official in enumerate(files):
            if cancelled():
                return
            notify((i, len(files), official.title))
            for outcome in update_lists(store, folder, keys=[official.key], mirror=mirror):
                imported |= outcome.status == "imported"
                yield outcome
        if imported and not cancelled():
            notify(INDEX_NOTICE)
            search.open_index(store)  # so that the next screening starts at once
    finally:
        store.close()
