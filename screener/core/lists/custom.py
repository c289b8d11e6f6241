"""Importing a company's own lists: parties (`importers/custom_csv.py`) into the store.

    outcome = import_custom(store, Path("watch.csv"), source="internal", title="Internal watch")

A custom list is stored as a list version exactly like an official one (same bytes: `unchanged`;
changed file: a new version), so runs record it and re-screening sees a new version. Goods lists
a company keeps itself (annex extracts) are not stored here: the policy names them
(`rules/custom_goods.py`), so their text is part of the recorded policy.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from screener.core.errors import ScreenerError
from screener.core.lists.importers.custom_csv import parse_custom
from screener.core.lists.importing import ImportOutcome, ImportStatus, store_gated
from screener.core.record.database.store import Store


def import_custom(
    store: Store, path: Path, *, source: str, title: str, accept: bool = False
) -> ImportOutcome:
    """Like an official list, a version under half the size of the one in use is held until
    accepted (`accept`): a truncated export must not silently empty a watch list."""
    started = time.perf_counter()
    try:
        parsed = parse_custom(path, source=source, title=title)
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        return store_gated(store, path, parsed, digest, len(data), accept=accept, started=started)
    except ScreenerError as exc:
        return ImportOutcome(
            path, ImportStatus.FAILED, error=str(exc), seconds=time.perf_counter() - started
        )
