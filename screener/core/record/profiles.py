"""Column-mapping profiles in the record, so everyone on a team database reads an ERP layout
the way one officer confirmed it.

    book = ProfileBook(store, home / "profiles")   # the folder: profile files of older versions
    inspect_orders(path, profiles=book)            # the newest recorded profile for the layout
    save_profile(book, profile)                    # a new chained row; the newest one wins

Rows are append-only: a changed profile is a new row, never an update. Profile files saved on
a workstation before profiles were recorded are read when the record has none for a layout;
they are not copied in on reading, because reading must also work for those who cannot
write (an auditor, a read-only store), and a file on one desk should reach the team only when
an officer saves it (the mapping dialog), under their own name.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screener.core.orders.profiles import MappingProfile, MappingProfileError, find_profile
from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store

__all__ = ["ProfileBook"]


class ProfileBook:
    """The record's mapping profiles, with a folder of profile files read as a fallback."""

    def __init__(self, store: Store, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder

    def find(self, signature: str) -> MappingProfile | None:
        rows = list(
            self.store.db.query(
                "SELECT * FROM mapping_profiles WHERE signature = ? ORDER BY id DESC LIMIT 1",
                [signature],
            )
        )
        if rows:
            return _profile(rows[0])
        if self.folder is not None:
            return find_profile(self.folder, signature)
        return None

    def save(self, profile: MappingProfile) -> str:
        """Record `profile` (who saved it is the system's identity); returns its row, named."""
        user, host = operator_identity()
        with self.store.write() as db:
            row_id = ChainWriter(db).append(
                "mapping_profiles",
                {
                    "signature": profile.signature,
                    "name": profile.name,
                    "sheet": profile.sheet,
                    "columns": json.dumps(profile.as_dict(), ensure_ascii=False),
                    "operator": user,
                    "host": host,
                    "saved_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                },
            )
        return f"mapping profile {row_id} in the record"

    def latest(self) -> list[MappingProfile]:
        """The profile in use for every recorded layout, by name."""
        newest: dict[str, MappingProfile] = {}
        for row in self.store.db.query("SELECT * FROM mapping_profiles ORDER BY id"):
            newest[row["signature"]] = _profile(row)
        return sorted(newest.values(), key=lambda p: (p.name, p.signature))


def _profile(row: dict[str, Any]) -> MappingProfile:
    try:
        columns = json.loads(row["columns"])
    except ValueError as exc:
        raise MappingProfileError(f"mapping profile {row['id']}: columns not readable") from exc
    return MappingProfile(
        name=row["name"],
        signature=row["signature"],
        columns=tuple((str(k), str(v)) for k, v in columns.items()),
        sheet=row["sheet"],
    )
