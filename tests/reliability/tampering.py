"""Tampering with a database by plain sqlite3, guards dropped first (tests and benchmark).

Each `Tamper` is one edit an insider with file access could make; `named` is a phrase the
problem `audit verify` reports must contain. `seed(home)` builds the database they act on: the
seed list, one screened run of three lines and one decision.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from screener.core.record.chain import writer
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from tests.reliability import harness
from tests.reliability import test_crash_and_concurrency as crash

GUARDED = (
    "decisions", "lines", "hits", "runs", "audit_chain", "run_ends", "list_versions",
    "list_entries", "list_names", "list_digests", "db_meta",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Tamper:
    what: str
    sql: tuple[str, ...]
    named: str
    rechain: bool = False  # then recompute every hash and link, as a careful forger would


TAMPERS = [
    Tamper(
        "decision changed",
        ("UPDATE decisions SET action = 'cleared' WHERE id = 1",),
        "decisions record 1",
    ),
    Tamper(
        "line verdict changed",
        ("UPDATE lines SET verdict = 'clear' WHERE id = 2",),
        "lines record 2",
    ),
    Tamper("decision deleted", ("DELETE FROM decisions WHERE id = 1",), "decisions record 1"),
    Tamper(
        "decision inserted",
        (
            "INSERT INTO decisions (run_id, line_id, action, justification, operator, host,"
            " decided_at) VALUES (1, 1, 'cleared', 'x', 'eve', 'h', '2024-01-01')",
        ),
        "inserted outside Screener",
    ),
    Tamper("chain row deleted", ("DELETE FROM audit_chain WHERE seq = 4",), "records were removed"),
    Tamper(
        "run end changed",
        ("UPDATE run_ends SET status = 'completed', lines = 99 WHERE id = 1",),
        "run_ends record 1",
    ),
    # ---- the list data screening relied on
    Tamper(
        "listed entity's names deleted",
        ("DELETE FROM list_names WHERE entry_rowid = 1",),
        "entry RUS9901 (list_entries 1): 4 name(s) deleted",
    ),
    Tamper(
        "list entry data edited",
        ("UPDATE list_entries SET data = replace(data, 'Russia', 'Narnia') WHERE id = 2",),
        "entry RUS9902 (list_entries 2) was changed",
    ),
    Tamper(
        "list entry edited, content hash recomputed",
        (
            "UPDATE list_entries SET data = replace(data, 'Russia', 'Narnia') WHERE id = 2",
            "UPDATE list_entries SET content_hash = 'x' WHERE id = 2",
        ),
        "entry RUS9902 (list_entries 2) was changed",
    ),
    Tamper(
        "list entry deleted",
        ("DELETE FROM list_names WHERE entry_rowid = 3", "DELETE FROM list_entries WHERE id = 3"),
        "(list_entries 3) was deleted",
    ),
    Tamper(
        "list entry inserted",
        (
            "INSERT INTO list_entries (version_id, entry_id, type, name, sub_source, data,"
            " content_hash) SELECT version_id, 'FAKE1', type, name, sub_source, data, content_hash"
            " FROM list_entries WHERE id = 1",
        ),
        "entry FAKE1",
    ),
    Tamper(
        "list name inserted",
        (
            "INSERT INTO list_names (entry_rowid, version_id, name, quality, is_primary)"
            " VALUES (4, 1, 'HARMLESS TRADING', 'strong', 0)",
        ),
        "'HARMLESS TRADING' was inserted",
    ),
    Tamper(
        "list name renamed",
        ("UPDATE list_names SET name = 'NOBODY' WHERE id = 1",),
        "a name was changed",
    ),
    Tamper(
        "list published date edited",
        ("UPDATE list_versions SET published = '2099-01-01' WHERE id = 1",),
        "'published' was changed",
    ),
    Tamper(
        "list digest deleted with its chain row",
        (
            "DELETE FROM audit_chain WHERE table_name = 'list_digests'",
            "DELETE FROM list_digests WHERE version_id = 1",
        ),
        "has no chained digest",
    ),
]


TAMPERS += [
    Tamper(
        "last decision deleted with its chain row (truncation)",
        ("DELETE FROM decisions WHERE id = (SELECT max(id) FROM decisions)",
         "DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)"),
        "the chain was truncated",
    ),
    Tamper(
        "decision edited, whole chain recomputed (rewrite)",
        ("UPDATE decisions SET action = 'cleared', justification = 'ok' WHERE id = 1",),
        "the chain was rewritten",
        rechain=True,
    ),
]  # fmt: skip


def seed(home: Path) -> None:
    harness.seeded_store(home).close()
    line_ids = crash._seed_run(home, 3)
    store = Store.open(home)
    decisions.record_decision(store, line_id=line_ids[0], action="hold", justification="x")
    store.close()


def apply(db_path: Path, tamper: Tamper) -> None:
    conn = sqlite3.connect(db_path)
    for table in GUARDED:
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    for statement in tamper.sql:
        conn.execute(statement)
    if tamper.rechain:
        _rechain(conn)
    conn.commit()
    conn.close()


def _rechain(conn: sqlite3.Connection) -> None:
    """Recompute every record hash and link: the chain alone then verifies "OK"."""
    head = writer.GENESIS
    for seq, table, row_id in conn.execute(
        "SELECT seq, table_name, row_id FROM audit_chain ORDER BY seq"
    ).fetchall():
        cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
        record_hash = hashlib.sha256(writer.canonical(row)).hexdigest()
        link = writer.link(head, table, row_id, record_hash)
        conn.execute(
            "UPDATE audit_chain SET record_hash = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            [record_hash, head, link, seq],
        )
        head = link
