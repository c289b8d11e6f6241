"""Background jobs for reviewing: a bulk decision (thousands of chained records) off the GUI
thread, on a store of its own (as `jobs` does for screening)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from screener.core.record.database.store import Store
from screener.core.record.review import bulk
from screener.ui.dialogs.bulk_dialog import BulkRequest
from screener.ui.workers import Control


def bulk_job(home: Path, request: BulkRequest) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Any]:
        store = Store.open(home)
        try:
            return bulk.decide_many(
                store,
                list(request.targets),
                action=request.action,
                justification=request.justification,
                reason=request.reason,
                scope=request.scope,
            )
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job
