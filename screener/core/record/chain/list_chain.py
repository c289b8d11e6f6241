"""List data in the audit chain: a digest of each list version's content, checked by verify.

At import, in the import's own transaction, `chain_version` records for the new version a
`list_digests` row: the version row as imported, the id ranges of its entries and names, a
manifest line per entry (row id, content hash, names hash, name count, entry id) and a digest
over every entry's content hash and names in order. That row is chained like any record, so
`verify_lists` can recompute everything from the stored rows and name the entry or name that
was changed, deleted or slipped in, even with the append-only triggers dropped.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

_SHORT = 16  # hex digits of a hash kept per entry in the manifest (the digest is full length)
_VERSION_FIELDS = (
    "source", "title", "format", "published", "published_basis", "files", "sha256", "bytes",
    "entries", "names", "imported_at", "importer_version",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entry:
    id: int
    entry_id: str
    data_hash: str  # sha256 of the stored data, recomputed
    content_hash: str  # as stored
    names: list[tuple[int, str]]  # (name id, "quality|primary|name")

    def names_hash(self) -> str:
        return hashlib.sha256("\x1f".join(n for _, n in self.names).encode()).hexdigest()


def initialise(db: Database) -> None:
    """At migration: give the database its identity, chain the versions already stored."""
    db.execute("INSERT INTO db_meta (key, value) VALUES (?, ?)", ["database_id", uuid.uuid4().hex])
    db.execute(
        "INSERT INTO db_meta (key, value) VALUES (?, ?)",
        ["list_chain_since", datetime.now(UTC).isoformat(timespec="seconds")],
    )
    for (version_id,) in db.execute("SELECT id FROM list_versions ORDER BY id").fetchall():
        chain_version(db, version_id, basis="migration")


def database_id(db: Database) -> str:
    """The random identity given at creation (or at the upgrade); "" before that."""
    if not db["db_meta"].exists():  # an old database opened read-only
        return ""
    row = db.execute("SELECT value FROM db_meta WHERE key = 'database_id'").fetchone()
    return str(row[0]) if row else ""


def chain_version(db: Database, version_id: int, *, basis: str = "import") -> str:
    """Record and chain the digest of a stored version (inside its write transaction)."""
    from screener.core.record.chain.writer import ChainWriter  # late: audit imports the store

    version = _version_row(db, version_id)
    assert version is not None
    entries = list(_entries(db, version_id, None))
    manifest = "\n".join(_manifest_line(e) for e in entries)
    name_ids = [i for e in entries for i, _ in e.names]
    digest = _digest(entries)
    ChainWriter(db).append(
        "list_digests",
        {
            "version_id": version_id,
            "version_row": json.dumps(version, sort_keys=True),
            "entries": len(entries),
            "names": len(name_ids),
            "first_entry": entries[0].id if entries else 0,
            "last_entry": entries[-1].id if entries else -1,
            "first_name": min(name_ids, default=0),
            "last_name": max(name_ids, default=-1),
            "manifest": manifest,
            "digest": digest,
            "basis": basis,
            "chained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    return digest


def version_digests(db: Database, version_ids: list[int]) -> dict[int, str]:
    """The chained content digest of each version (for cache keys)."""
    if not version_ids:
        return {}
    marks = ",".join("?" * len(version_ids))
    rows = db.execute(
        f"SELECT version_id, digest FROM list_digests WHERE version_id IN ({marks})", version_ids
    ).fetchall()
    return {int(v): str(d) for v, d in rows}


@dataclass(frozen=True, slots=True)
class ListCheck:
    problems: list[str]
    versions: int
    at_migration: int  # versions chained when chaining was added, not at their import
    since: str


@dataclass(frozen=True, slots=True)
class Coverage:
    versions: int
    at_migration: int
    since: str

    def summary(self) -> str:
        text = f"list data: {self.versions} list version(s) in the chain"
        if self.at_migration:
            text += (
                f"; {self.at_migration} list version(s) chained when list chaining was added"
                f" ({self.since}): their content is proven from then on, not before"
            )
        return text


def coverage(db: Database) -> Coverage:
    """How many versions the chain covers, and how many only since the migration (cheap)."""
    if not _chained(db):
        return Coverage(0, 0, "")
    total, migrated = db.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN basis = 'migration' THEN 1 ELSE 0 END), 0)"
        " FROM list_digests"
    ).fetchone()
    row = db.execute("SELECT value FROM db_meta WHERE key = 'list_chain_since'").fetchone()
    return Coverage(int(total), int(migrated), row[0] if row else "")


def verify_lists(db: Database, *, max_problems: int = 50) -> ListCheck:
    """Recompute every version's entry hashes and digest from the stored rows."""
    if not _chained(db):
        note = "list data is not in the chain yet: open the database writable once to add it"
        return ListCheck([note], 0, 0, "")
    problems: list[str] = []
    records = {
        int(r[0]): r
        for r in db.execute(
            "SELECT version_id, version_row, first_entry, last_entry, first_name, last_name,"
            " manifest, digest, basis FROM list_digests"
        ).fetchall()
    }
    version_ids = {int(r[0]) for r in db.execute("SELECT id FROM list_versions").fetchall()}
    for vid in sorted(version_ids - set(records)):
        problems.append(
            f"list version {vid}: has no chained digest (inserted outside Screener, or its"
            " digest record was removed)"
        )
    at_migration = 0
    for vid, rec in sorted(records.items()):
        if len(problems) >= max_problems:
            break
        at_migration += rec[8] == "migration"
        problems.extend(_check_version(db, vid, rec))
    stray = db.execute(
        "SELECT count(*) FROM list_entries WHERE version_id NOT IN (SELECT id FROM list_versions)"
    ).fetchone()[0]
    if stray:
        problems.append(f"list entries: {stray} row(s) belong to no list version (inserted)")
    row = db.execute("SELECT value FROM db_meta WHERE key = 'list_chain_since'").fetchone()
    return ListCheck(problems[:max_problems], len(records), at_migration, row[0] if row else "")


def _check_version(db: Database, vid: int, rec: Any) -> list[str]:
    _, version_json, first_entry, last_entry, first_name, last_name, manifest, digest, _ = rec
    recorded = json.loads(version_json)
    label = f"list version {vid} ({recorded.get('source')} {recorded.get('published')})"
    problems: list[str] = []
    now = _version_row(db, vid)
    if now is None:
        return [f"{label}: was deleted"]
    for key in _VERSION_FIELDS:
        if now.get(key) != recorded.get(key):
            problems.append(
                f"{label}: '{key}' was changed after import"
                f" (recorded {recorded.get(key)!r}, now {now.get(key)!r})"
            )
    expected = {}
    for line in manifest.splitlines():
        rid, content, names, count, entry_id = line.split("\t", 4)
        expected[int(rid)] = (content, names, int(count), entry_id)
    found = list(_entries(db, vid, (first_entry, last_entry, first_name, last_name)))
    seen: set[int] = set()
    for e in found:
        seen.add(e.id)
        what = f"{label}: entry {e.entry_id} (list_entries {e.id})"
        want = expected.get(e.id)
        if want is None:
            problems.append(f"{what} was inserted after import")
            continue
        if e.data_hash != e.content_hash or not e.content_hash.startswith(want[0]):
            problems.append(f"{what} was changed after import (its content hash does not match)")
        if e.names_hash()[:_SHORT] != want[1]:
            problems.extend(_name_problems(db, what, e, want[2], first_name, last_name))
    attached = {i for e in found for i, _ in e.names}
    for nid, name in db.execute(
        "SELECT id, name FROM list_names WHERE (version_id = ? OR id BETWEEN ? AND ?)"
        " AND entry_rowid NOT IN (SELECT id FROM list_entries WHERE version_id = ?)",
        [vid, first_name, last_name, vid],
    ).fetchall():
        if nid not in attached:
            problems.append(f"{label}: name {nid} {name!r} was inserted after import")
    for rid in sorted(set(expected) - seen):
        problems.append(f"{label}: entry {expected[rid][3]} (list_entries {rid}) was deleted")
    if not problems and _digest(found) != digest:
        problems.append(f"{label}: content digest does not match the chained digest")
    return problems


def _name_problems(
    db: Database, what: str, e: _Entry, count: int, first: int, last: int
) -> list[str]:
    out = [
        f"{what}: name {name_id} {text.split('|', 2)[2]!r} was inserted after import"
        for name_id, text in e.names
        if not first <= name_id <= last
    ]
    ids = {i for i, _ in e.names}
    if len(e.names) - len(out) < count:
        # Which ids in the version's range are gone: the gaps no other entry holds.
        held = {
            int(r[0])
            for r in db.execute(
                "SELECT id FROM list_names WHERE id BETWEEN ? AND ?", [first, last]
            ).fetchall()
        }
        gone = sorted(set(range(first, last + 1)) - held - ids)
        gone_txt = ", ".join(map(str, gone[:5])) or "?"
        out.append(f"{what}: {count - len(e.names) + len(out)} name(s) deleted (ids {gone_txt})")
    if not out:
        names = "; ".join(repr(t.split("|", 2)[2]) for _, t in e.names)
        out.append(f"{what}: a name was changed after import (now {names})")
    return out


def _version_row(db: Database, vid: int) -> dict[str, Any] | None:
    cur = db.execute(f"SELECT {', '.join(_VERSION_FIELDS)} FROM list_versions WHERE id = ?", [vid])
    row = cur.fetchone()
    return dict(zip(_VERSION_FIELDS, row, strict=True)) if row else None


def _entries(db: Database, vid: int, ranges: tuple[int, int, int, int] | None) -> Iterator[_Entry]:
    """A version's entries with their names, in id order: by version id, and (for verify) also
    every row inside the id ranges recorded at import, whatever version id it now claims."""
    e_where, n_where, e_args, n_args = "version_id = ?", "version_id = ?", [vid], [vid]
    if ranges is not None:
        e_where += " OR id BETWEEN ? AND ?"
        n_where += " OR id BETWEEN ? AND ?"
        e_args += [ranges[0], ranges[1]]
        n_args += [ranges[2], ranges[3]]
    names: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for nid, erow, name, quality, primary in db.execute(
        f"SELECT id, entry_rowid, name, quality, is_primary FROM list_names WHERE {n_where}"
        " ORDER BY id",
        n_args,
    ):
        names[erow].append((nid, f"{quality}|{int(primary)}|{name}"))
    for rid, entry_id, data, content_hash in db.execute(
        f"SELECT id, entry_id, data, content_hash FROM list_entries WHERE {e_where} ORDER BY id",
        e_args,
    ):
        data_hash = hashlib.sha256(data.encode("utf-8")).hexdigest()
        yield _Entry(rid, entry_id, data_hash, content_hash, names.get(rid, []))


def _manifest_line(e: _Entry) -> str:
    entry_id = e.entry_id.replace("\t", " ").replace("\n", " ")
    return (
        f"{e.id}\t{e.content_hash[:_SHORT]}\t{e.names_hash()[:_SHORT]}\t{len(e.names)}\t{entry_id}"
    )


def _digest(entries: list[_Entry]) -> str:
    h = hashlib.sha256()
    for e in entries:
        h.update(f"{e.content_hash} {e.names_hash()}\n".encode())
    return h.hexdigest()


def _chained(db: Database) -> bool:
    """False for a database from before list chaining opened read-only (not migrated)."""
    return db["list_digests"].exists()
