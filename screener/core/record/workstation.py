"""Moving in: a workstation's SQLite record copied into the team record, chained anew.

The workstation's chain is verified first; then every recorded row is copied in chain order
(so whatever a row refers to was copied before it), its references renumbered, in one write
transaction: all of it or nothing. The team record keeps the provenance: one
`workstation_imports` row (file, chain head, count) and, per copied row, an `imported_rows` row
with the original id, operator and host. The copied row's own `operator` is the importing
login, as for everything recorded on a team database.

Hits name list entries by row id; those are mapped to the same list version (by source and
sha256) in the team record, which must hold every version the runs used.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from screener.core.errors import ScreenerError
from screener.core.record import audit
from screener.core.record.chain import writer
from screener.core.record.database.store import DB_NAME, Store

# table -> {column: table it refers to}; "list_versions"/"list_entries" map via the lists.
REFERENCES: dict[str, dict[str, str]] = {
    "runs": {"parent_run_id": "runs"},
    "run_ends": {"run_id": "runs"},
    "lines": {"run_id": "runs"},
    "hits": {
        "line_id": "lines",
        "suppressed_by": "accepted_matches",
        "list_version_id": "list_versions",
        "entry_rowid": "list_entries",
    },
    "decisions": {
        "run_id": "runs",
        "line_id": "lines",
        "hit_id": "hits",
        "supersedes": "decisions",
    },
    "accepted_matches": {"decision_id": "decisions", "revokes": "accepted_matches"},
    "decision_batches": {},
    "decision_terms": {
        "decision_id": "decisions",
        "batch_id": "decision_batches",
        "carried_from": "decisions",
    },
    "decision_approvals": {"decision_id": "decisions"},
    "licences": {"licence_id": "licences"},
    "licence_drawdowns": {
        "licence_id": "licences",
        "terms_id": "licences",
        "decision_id": "decisions",
        "line_id": "lines",
    },
    "run_context": {"run_id": "runs"},
    "searches": {},  # its results are a snapshot of what was found then, kept as they were
}
# Ids inside JSON text (decision_terms.provenance, searches.results) are kept as recorded on
# the workstation; imported_rows maps them to the team record's ids.


class WorkstationImportError(ScreenerError):
    pass


@dataclass(frozen=True, slots=True)
class ImportSummary:
    import_id: int
    records: int  # rows copied (list data excepted: the team has its own)
    source_head: str
    runs: int
    decisions: int


def open_workstation(path: Path) -> Store:
    """The SQLite record in `path` (a Screener home folder or its database file)."""
    path = Path(path)
    file = path / DB_NAME if path.is_dir() else path
    if not file.is_file():
        raise WorkstationImportError(f"{path}: no Screener workstation database here")
    try:
        conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM audit_chain").fetchone()
    except sqlite3.DatabaseError as exc:
        raise WorkstationImportError(
            f"{file}: not a Screener workstation database ({exc})"
        ) from exc
    db = Database(conn)
    store = Store.__new__(Store)  # read-only: no migrations, no pragmas that write
    store.db, store.path, store.backend, store.cache_dir = db, file, "sqlite", None
    store.read_only, store.home = True, None
    return store


def import_workstation(team: Store, path: Path) -> ImportSummary:
    source = open_workstation(path)
    try:
        return _copy(team, source)
    finally:
        source.close()


def _copy(team: Store, source: Store) -> ImportSummary:
    report = audit.verify(source)
    if not report.ok:
        raise WorkstationImportError(
            f"{source.path}: the workstation's audit chain does not verify"
            f" ({report.first_problem}); nothing imported"
        )
    earlier = list(
        team.db.query(
            "SELECT imported_at, operator FROM workstation_imports WHERE source_head = ?",
            [report.head],
        )
    )
    if earlier:
        raise WorkstationImportError(
            f"{source.path}: already imported on {earlier[0]['imported_at']}"
            f" by {earlier[0]['operator']}"
        )
    versions = _version_map(team, source)
    maps: dict[str, dict[int, int]] = {t: {} for t in REFERENCES}
    maps["list_versions"] = versions
    maps["list_entries"] = {}
    user, host = writer.operator_identity()
    counts = {"runs": 0, "decisions": 0}
    copied = 0
    who_by_run: dict[int, tuple[str, str]] = {}  # old run id -> (operator, host)
    run_of: dict[tuple[str, int], int] = {}  # (lines|decisions, old id) -> old run id
    with team.write() as db:
        chain = writer.ChainWriter(db)
        import_id = chain.append(
            "workstation_imports",
            {
                "source_name": str(source.path.name if source.path else ""),
                "source_head": report.head,
                "source_records": report.records,
                "operator": user,
                "host": host,
                "imported_at": audit_now(),
            },
        )
        for table, row_id in source.db.conn.execute(
            "SELECT table_name, row_id FROM audit_chain ORDER BY seq"
        ):
            if table.startswith("list_"):
                continue  # list data: the team imports its own lists (matched by sha256)
            row = _fetch(source, table, row_id)
            if table not in REFERENCES:
                raise WorkstationImportError(f"{source.path}: cannot import {table} records yet")
            who = _who(table, row, who_by_run, run_of)
            row.pop("operator", None)
            row.pop("id")
            for column, target in REFERENCES[table].items():
                if row.get(column) is not None:
                    row[column] = _mapped(team, source, maps, target, int(row[column]))
            if table in ("runs", "searches"):
                row["list_versions"] = json.dumps(
                    [versions[v] for v in json.loads(row["list_versions"])]
                )
            if "operator" in _columns(source, table):
                row["operator"] = user  # the server writes the login in any case
            new_id = chain.append(table, row)
            maps[table][row_id] = new_id
            chain.append(
                "imported_rows",
                {
                    "import_id": import_id,
                    "table_name": table,
                    "source_id": row_id,
                    "row_id": new_id,
                    "original_operator": who[0],
                    "original_host": who[1],
                },
            )
            copied += 1
            if table in counts:
                counts[table] += 1
    return ImportSummary(import_id, copied, report.head, counts["runs"], counts["decisions"])


def _who(
    table: str,
    row: dict[str, Any],
    who_by_run: dict[int, tuple[str, str]],
    run_of: dict[tuple[str, int], int],
) -> tuple[str, str]:
    """Who recorded a workstation row: its own operator and host, else its run's."""
    if table == "runs":
        who_by_run[int(row["id"])] = (str(row["operator"]), str(row["host"]))
    run = row.get("run_id")
    for column, parent in (("line_id", "lines"), ("decision_id", "decisions")):
        if run is None and row.get(column) is not None:
            run = run_of.get((parent, int(row[column])))
    if run is not None and table in ("lines", "decisions"):
        run_of[(table, int(row["id"]))] = int(run)
    fallback = who_by_run.get(int(run), ("", "")) if run is not None else ("", "")
    return str(row.get("operator", fallback[0])), str(row.get("host", fallback[1]))


def audit_now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _version_map(team: Store, source: Store) -> dict[int, int]:
    out: dict[int, int] = {}
    used = {
        int(i)
        for table in ("runs", "searches")
        if table in _tables(source)
        for (text,) in source.db.conn.execute(f"SELECT list_versions FROM {table}")
        for i in json.loads(text)
    }
    needed = []
    for v in source.list_versions():
        found = team.find_version(v.source, v.sha256)
        if found is not None:
            out[v.id] = found.id
        elif v.id in used:
            needed.append(v.label)
    if needed:
        raise WorkstationImportError(
            f"{source.path}: import these list versions into the team record first (the same"
            f" files): {', '.join(sorted(needed))}"
        )
    return out


def _mapped(
    team: Store, source: Store, maps: dict[str, dict[int, int]], target: str, old: int
) -> int:
    known = maps[target].get(old)
    if known is not None:
        return known
    if target == "list_entries":
        entry = source.db.conn.execute(
            "SELECT version_id, entry_id, content_hash FROM list_entries WHERE id = ?", [old]
        ).fetchone()
        version = maps["list_versions"].get(int(entry[0])) if entry else None
        found = None
        if version is not None:
            found = team.db.conn.execute(
                "SELECT id FROM list_entries WHERE version_id = ? AND entry_id = ?"
                " AND content_hash = ?",
                [version, entry[1], entry[2]],
            ).fetchone()
        if found is None:
            raise WorkstationImportError(
                f"{source.path}: list entry {old} has no match in the team lists"
            )
        maps[target][old] = int(found[0])
        return int(found[0])
    raise WorkstationImportError(
        f"{source.path}: {target} record {old} is referred to before it was recorded"
    )


def _tables(store: Store) -> set[str]:
    return {
        r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }


def _columns(store: Store, table: str) -> list[str]:
    cur = store.db.conn.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cur.description]


def _fetch(store: Store, table: str, row_id: int) -> dict[str, Any]:
    cur = store.db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    values = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], values, strict=True))
