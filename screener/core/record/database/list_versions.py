"""A list version as stored: its row, its entries' and names' rows, and reading them back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlite_utils import Database

from screener import __version__
from screener.core.entries import ParsedList

__all__ = ["ListVersion", "NameRow", "insert_version", "version_from_row"]


@dataclass(frozen=True, slots=True)
class ListVersion:
    id: int
    source: str
    title: str
    format: str
    published: date | None
    published_basis: str
    files: tuple[str, ...]
    sha256: str
    bytes: int
    entries: int
    names: int
    imported_at: datetime

    def age_days(self, today: date | None = None) -> int | None:
        if self.published is None:
            return None
        return ((today or datetime.now(UTC).date()) - self.published).days

    @property
    def label(self) -> str:
        """ "ofac_sdn 2024-05-03": how a version is named to the officer."""
        return f"{self.source} {self.published.isoformat() if self.published else '(undated)'}"


@dataclass(frozen=True, slots=True)
class NameRow:
    """One screenable name (primary or alias) of a stored entry, for the name index."""

    name_id: int
    entry_rowid: int
    version_id: int
    name: str
    quality: str
    is_primary: bool
    type: str


def insert_version(db: Database, parsed: ParsedList, *, sha256: str, size: int) -> int:
    """Write a parsed list's version, entries and names in the caller's transaction; its id."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    cur = db.execute(
        "INSERT INTO list_versions (source, title, format, published, published_basis,"
        " files, sha256, bytes, entries, names, imported_at, importer_version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        [
            parsed.source,
            parsed.title,
            parsed.format,
            parsed.published.isoformat() if parsed.published else None,
            parsed.published_basis,
            json.dumps([p.name for p in parsed.files]),
            sha256,
            size,
            len(parsed.entries),
            parsed.name_count,
            now,
            __version__,
        ],
    )
    version_id = int(cur.fetchone()[0])
    next_entry = _next_id(db, "list_entries")
    entry_rows = []
    name_rows = []
    next_name = _next_id(db, "list_names")
    for offset, entry in enumerate(parsed.entries):
        rowid = next_entry + offset
        data = entry.to_json()
        entry_rows.append(
            (
                rowid,
                version_id,
                entry.entry_id,
                entry.type.value,
                entry.name,
                entry.sub_source,
                data,
                hashlib.sha256(data.encode("utf-8")).hexdigest(),
            )
        )
        for i, (name, quality) in enumerate(entry.all_names()):
            name_rows.append((next_name, rowid, version_id, name, quality.value, i == 0))
            next_name += 1
    db.conn.executemany(
        "INSERT INTO list_entries (id, version_id, entry_id, type, name, sub_source,"
        " data, content_hash) VALUES (?,?,?,?,?,?,?,?)",
        entry_rows,
    )
    db.conn.executemany(
        "INSERT INTO list_names (id, entry_rowid, version_id, name, quality, is_primary)"
        " VALUES (?,?,?,?,?,?)",
        name_rows,
    )
    from screener.core.record.chain.list_chain import chain_version  # late: a cycle

    chain_version(db, version_id)
    return version_id


def _next_id(db: Database, table: str) -> int:
    row = db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def version_from_row(row: dict[str, Any]) -> ListVersion:
    return ListVersion(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        format=row["format"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_basis=row["published_basis"],
        files=tuple(json.loads(row["files"])),
        sha256=row["sha256"],
        bytes=row["bytes"],
        entries=row["entries"],
        names=row["names"],
        imported_at=datetime.fromisoformat(row["imported_at"]),
    )
