"""The first migrations: the list store (m001) and the hash-chained audit log (m002).

Never edit a migration that has shipped: a change is a new migration in
`migrations_features.py`, registered in order by `schema.py`.
"""

from __future__ import annotations

from sqlite_utils import Database

from screener.core.record.chain.audited import M002_TABLES


def append_only(db: Database, table: str) -> None:
    """Refuse UPDATE and DELETE on `table` (on a team server: its own triggers)."""
    server_rules = getattr(db, "append_only", None)  # the PostgreSQL backend's own triggers
    if server_rules is not None:
        server_rules(table)
        return
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} refused'); END"
        )


def m001_list_store(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE list_versions (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            format TEXT NOT NULL,
            published TEXT,              -- ISO date, the list's own date
            published_basis TEXT NOT NULL,
            files TEXT NOT NULL,         -- JSON list of file names read
            sha256 TEXT NOT NULL,        -- over the bytes of every file read, in order
            bytes INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            names INTEGER NOT NULL,
            imported_at TEXT NOT NULL,   -- ISO timestamp, UTC
            importer_version TEXT NOT NULL,
            UNIQUE (source, sha256)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE list_entries (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES list_versions(id),
            entry_id TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            sub_source TEXT NOT NULL,
            data TEXT NOT NULL,          -- the whole Entry as canonical JSON
            content_hash TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX list_entries_version ON list_entries(version_id, entry_id)")
    db.execute(
        """
        CREATE TABLE list_names (
            id INTEGER PRIMARY KEY,
            entry_rowid INTEGER NOT NULL REFERENCES list_entries(id),
            version_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            quality TEXT NOT NULL,       -- strong | weak
            is_primary INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX list_names_version ON list_names(version_id)")
    for table in ("list_versions", "list_entries", "list_names"):
        append_only(db, table)


def m002_audit_log(db: Database) -> None:
    """Runs, screened lines, hits, decisions and accepted false positives, hash-chained."""
    db.execute(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,             -- screen | rescreen
            parent_run_id INTEGER REFERENCES runs(id),
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            sheet TEXT NOT NULL,
            mapping TEXT NOT NULL,          -- JSON: field -> column header
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            policy_version TEXT NOT NULL,
            matcher_version TEXT NOT NULL,
            app_version TEXT NOT NULL,
            list_versions TEXT NOT NULL     -- JSON list of list_versions ids
        )
        """
    )
    db.execute(
        """
        CREATE TABLE run_ends (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL UNIQUE REFERENCES runs(id),
            status TEXT NOT NULL,           -- completed | cancelled | failed
            finished_at TEXT NOT NULL,
            lines INTEGER NOT NULL,
            message TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE lines (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            row INTEGER NOT NULL,           -- spreadsheet row number
            cells TEXT NOT NULL,            -- JSON [[header, original value], ...]
            order_no TEXT NOT NULL,
            line_no TEXT NOT NULL,
            parties TEXT NOT NULL,          -- JSON [{role, name, country, ...}]
            description TEXT NOT NULL,
            hs_code TEXT NOT NULL,
            destination TEXT NOT NULL,
            transit TEXT NOT NULL,          -- JSON list
            problems TEXT NOT NULL,         -- JSON list of "row 17, 'HS Code': ..." strings
            verdict TEXT NOT NULL,          -- block | review | clear
            reasons TEXT NOT NULL,          -- JSON list of strings
            findings TEXT NOT NULL,         -- JSON list of {code, severity, reason, source}
            UNIQUE (run_id, row)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE hits (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL REFERENCES lines(id),
            role TEXT NOT NULL,
            party_name TEXT NOT NULL,
            party_country TEXT NOT NULL,
            source TEXT NOT NULL,
            sub_source TEXT NOT NULL,
            list_version_id INTEGER NOT NULL,
            entry_rowid INTEGER NOT NULL,
            entry_id TEXT NOT NULL,
            entry_name TEXT NOT NULL,
            entry_hash TEXT NOT NULL,
            matched_name TEXT NOT NULL,
            programs TEXT NOT NULL,         -- JSON list
            score REAL NOT NULL,
            explanation TEXT NOT NULL,
            suppressed_by INTEGER           -- accepted_matches.id, when a remembered false positive
        )
        """
    )
    db.execute("CREATE INDEX hits_line ON hits(line_id)")
    db.execute(
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            line_id INTEGER NOT NULL REFERENCES lines(id),
            hit_id INTEGER REFERENCES hits(id),
            action TEXT NOT NULL,
            justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            supersedes INTEGER REFERENCES decisions(id)
        )
        """
    )
    db.execute("CREATE INDEX decisions_line ON decisions(line_id)")
    db.execute(
        """
        CREATE TABLE accepted_matches (
            id INTEGER PRIMARY KEY,
            party_key TEXT NOT NULL,        -- normalised party name (+ country) it applies to
            party_name TEXT NOT NULL,
            source TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            entry_hash TEXT NOT NULL,       -- content of the entry when accepted
            reason TEXT NOT NULL,
            expires_on TEXT,                -- ISO date, or NULL for no expiry
            decision_id INTEGER REFERENCES decisions(id),
            revokes INTEGER REFERENCES accepted_matches(id),
            operator TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX accepted_matches_key ON accepted_matches(party_key, source, entry_id)")
    db.execute(
        """
        CREATE TABLE audit_chain (
            seq INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            record_hash TEXT NOT NULL,      -- sha256 of the row's canonical JSON
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,             -- sha256(prev_hash | table | row id | record_hash)
            UNIQUE (table_name, row_id)
        )
        """
    )
    for table in (*M002_TABLES, "audit_chain"):
        append_only(db, table)


STEPS = (
    m001_list_store,
    m002_audit_log,
)
