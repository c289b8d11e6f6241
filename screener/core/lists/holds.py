"""Held list versions: stored, but not used for screening until the officer accepts them.

A version whose own date lies in the future, or that holds under half the entries of the
version in use, is more likely a wrong or truncated file than a real update; the store's
`current_versions` leaves it out while its latest `list_holds` row says `held`
(`Store.held_reasons`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store


def record(store: Store, version_id: int, status: str, reason: str) -> None:
    """Record that a version is held, or accepted after all (a new row either way)."""
    user, host = operator_identity()
    with store.write() as db:
        ChainWriter(db).append(
            "list_holds",
            {
                "version_id": version_id,
                "status": status,
                "reason": reason,
                "operator": user,
                "host": host,
                "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
