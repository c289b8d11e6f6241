"""Held list versions: stored, but not used for screening until the officer accepts them.

A version whose own date lies in the future, or that holds under half the entries of the
version in use, is more likely a wrong or truncated file than a real update; `current_versions`
leaves it out while its latest `list_holds` row says `held`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from screener.core.record.audit import ChainWriter, operator_identity
from screener.core.record.store import ListVersion, Store


def held_reasons(db: Database) -> dict[int, str]:
    """version id -> why it is held, for every version held now."""
    if not db["list_holds"].exists():  # an old database opened read-only
        return {}
    latest: dict[int, tuple[str, str]] = {}
    for vid, status, reason in db.execute(
        "SELECT version_id, status, reason FROM list_holds ORDER BY id"
    ).fetchall():
        latest[int(vid)] = (status, reason)
    return {vid: reason for vid, (status, reason) in latest.items() if status == "held"}


def held_versions(store: Store) -> list[tuple[ListVersion, str]]:
    """Held versions with why, oldest first: what the Lists page and `lists status` show."""
    reasons = held_reasons(store.db)
    return [(v, reasons[v.id]) for v in store.list_versions() if v.id in reasons]


def record(store: Store, version_id: int, status: str, reason: str) -> None:
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
