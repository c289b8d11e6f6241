"""`lists import --lenient`: import a list file leaving out its malformed rows, and record them.

A strict import (the default) refuses a file at its first malformed row, naming it. A lenient
import stores the rest as a list version and the rows it left out (line, reason) beside that
version, in the same transaction, so the record shows what was not screened against. Formats
without a lenient reader (`ImporterSpec.parse_lenient`) import strictly.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.lists.importers import detect
from screener.core.lists.importing import ImportOutcome, ImportStatus, store_gated
from screener.core.record.database.list_versions import ListVersion
from screener.core.record.database.store import Store


@dataclass(frozen=True, slots=True)
class SkippedRow:
    row: int
    reason: str


def import_file_lenient(
    store: Store, path: Path, *, accept: bool = False
) -> tuple[ImportOutcome, list[SkippedRow]]:
    """Malformed rows left out and recorded; through the plausibility gate like any import."""
    started = time.perf_counter()
    try:
        spec = detect(path)
        parsed = (spec.parse_lenient or spec.parse)(path)
        h = hashlib.sha256()
        size = 0
        for f in parsed.files:
            data = f.read_bytes()
            h.update(data)
            size += len(data)

        def record_skipped(db: Any, version: ListVersion) -> None:
            for row, reason in parsed.skipped:
                db.execute(
                    "INSERT INTO list_skipped_rows (version_id, row, reason) VALUES (?, ?, ?)",
                    [version.id, row, reason],
                )

        outcome = store_gated(
            store, path, parsed, h.hexdigest(), size, accept=accept, started=started,
            with_version=record_skipped,
        )  # fmt: skip
        if outcome.version is None:
            return outcome, []
        return outcome, skipped_rows(store, outcome.version.id)
    except ScreenerError as exc:
        failed = ImportOutcome(
            path, ImportStatus.FAILED, error=str(exc), seconds=time.perf_counter() - started
        )
        return failed, []


def skipped_rows(store: Store, version_id: int) -> list[SkippedRow]:
    """The rows a lenient import of this version left out (none for a strict import)."""
    rows = store.db.query(
        "SELECT row, reason FROM list_skipped_rows WHERE version_id = ? ORDER BY row",
        [version_id],
    )
    return [SkippedRow(r["row"], r["reason"]) for r in rows]
