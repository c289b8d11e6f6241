"""Migrations after the first two, one per feature, in the order they shipped (licences,
searches, hit-level decisions, skipped list rows, list digests and holds, run context, team
imports, mapping profiles). Never edit one that has shipped: add a new one at the end.
"""

from __future__ import annotations

from sqlite_utils import Database

from screener.core.record.chain import list_chain
from screener.core.record.chain.audited import DECISION_TABLES
from screener.core.record.database.migrations_base import append_only


def m030_evidence_licences(db: Database) -> None:
    """The licence register: a licence, each amendment or revocation, each draw-down is a row."""
    db.execute(
        """
        CREATE TABLE licences (
            id INTEGER PRIMARY KEY,
            licence_id INTEGER REFERENCES licences(id), -- the first row's id; NULL on that row
            status TEXT NOT NULL,           -- issued | amended | revoked
            authority TEXT NOT NULL,
            number TEXT NOT NULL,
            type TEXT NOT NULL,             -- individual | general | global
            holder TEXT NOT NULL,
            goods TEXT NOT NULL,            -- JSON list: HS prefixes (digits) and ECCNs
            destinations TEXT NOT NULL,     -- JSON list of ISO alpha-2 codes; [] = any
            end_users TEXT NOT NULL,        -- JSON list of names; [] = any
            quantity_limit REAL,            -- NULL: no quantity limit
            quantity_unit TEXT NOT NULL,
            value_limit REAL,               -- NULL: no value limit
            currency TEXT NOT NULL,
            valid_from TEXT NOT NULL,       -- ISO date
            valid_until TEXT NOT NULL,      -- ISO date, last day of validity
            document_name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            note TEXT NOT NULL,
            reason TEXT NOT NULL,           -- why amended or revoked
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX licences_licence ON licences(licence_id)")
    db.execute(
        """
        CREATE TABLE licence_drawdowns (
            id INTEGER PRIMARY KEY,
            licence_id INTEGER NOT NULL REFERENCES licences(id),
            terms_id INTEGER NOT NULL REFERENCES licences(id), -- the terms checked for cover
            decision_id INTEGER NOT NULL REFERENCES decisions(id),
            line_id INTEGER NOT NULL REFERENCES lines(id),
            quantity REAL NOT NULL,
            value REAL NOT NULL,
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX licence_drawdowns_licence ON licence_drawdowns(licence_id)")
    for table in ("licences", "licence_drawdowns"):
        append_only(db, table)


def m031_evidence_searches(db: Database) -> None:
    """Ad-hoc searches, recorded as evidence: who searched what, in which lists, and found what."""
    db.execute(
        """
        CREATE TABLE searches (
            id INTEGER PRIMARY KEY,
            query TEXT NOT NULL,            -- the name searched for ("" for address/id only)
            filters TEXT NOT NULL,          -- JSON: lists, programs, address, identifier, ...
            list_versions TEXT NOT NULL,    -- JSON list of list_versions ids searched
            hits INTEGER NOT NULL,          -- listed parties found (groups)
            results TEXT NOT NULL,          -- JSON list: one object per list entry found
            channel TEXT NOT NULL,          -- cli | gui
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            searched_at TEXT NOT NULL
        )
        """
    )
    append_only(db, "searches")


def m010_decisions_hit_level(db: Database) -> None:
    """What a decision applies to beyond `decisions.hit_id` (a goods or route finding), its
    reason code, four-eyes approval, bulk batch and carry-forward origin.

    A side table, not new columns of `decisions`: recorded rows are hashed with all their
    columns, so adding columns would break the chain of every existing decision. A decision
    without terms (every decision of older databases) applies to its hit, or to the whole line.
    """
    db.execute(
        """
        CREATE TABLE decision_batches (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,            -- what was selected, in words
            action TEXT NOT NULL,
            justification TEXT NOT NULL,
            items INTEGER NOT NULL,
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE decision_terms (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
            finding_key TEXT,               -- the goods/route finding decided (NULL: hit or line)
            reason_code TEXT,               -- decisions.ReasonCode
            needs_approval INTEGER NOT NULL,  -- 1: no effect until a second person approves
            batch_id INTEGER REFERENCES decision_batches(id),
            carried_from INTEGER REFERENCES decisions(id),
            provenance TEXT NOT NULL        -- JSON object: licence, carried-from run, ...
        )
        """
    )
    db.execute(
        """
        CREATE TABLE decision_approvals (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
            verdict TEXT NOT NULL,          -- approved | rejected
            justification TEXT NOT NULL,
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            decided_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX decisions_run ON decisions(run_id)")
    for table in DECISION_TABLES:
        append_only(db, table)


def m020_rules_list_skipped_rows(db: Database) -> None:
    """Rows a lenient import (`lists import --lenient`) left out, kept with their version."""
    db.execute(
        """
        CREATE TABLE list_skipped_rows (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES list_versions(id),
            row INTEGER NOT NULL,           -- line or row number in the file
            reason TEXT NOT NULL
        )
        """
    )
    append_only(db, "list_skipped_rows")


def m030_integrity_list_digests(db: Database) -> None:
    """The database's identity, and a chained digest of each list version's content.

    Versions already stored are chained here, at migration: their digest proves the content
    from now on, not before (`audit verify` says so).
    """
    db.execute("CREATE TABLE db_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE list_digests (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL UNIQUE REFERENCES list_versions(id),
            version_row TEXT NOT NULL,      -- JSON: the list_versions row as imported
            entries INTEGER NOT NULL,
            names INTEGER NOT NULL,
            first_entry INTEGER NOT NULL,   -- list_entries ids of the version: first..last
            last_entry INTEGER NOT NULL,
            first_name INTEGER NOT NULL,
            last_name INTEGER NOT NULL,
            manifest TEXT NOT NULL,         -- a line per entry: id, hashes, names, entry id
            digest TEXT NOT NULL,           -- sha256 over every entry's content and names
            basis TEXT NOT NULL,            -- import | migration
            chained_at TEXT NOT NULL
        )
        """
    )
    append_only(db, "db_meta")
    append_only(db, "list_digests")

    list_chain.initialise(db)


def m031_integrity_list_holds(db: Database) -> None:
    """List versions stored but not made current because they look implausible, and the
    officer's acceptance of one (`lists import --accept`): the latest row of a version counts."""
    db.execute(
        """
        CREATE TABLE list_holds (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES list_versions(id),
            status TEXT NOT NULL,           -- held | accepted
            reason TEXT NOT NULL,
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX list_holds_version ON list_holds(version_id)")
    append_only(db, "list_holds")


def m040_desk_run_context(db: Database) -> None:
    """What a run knew when it started: lines expected, and the lists it used past their age."""
    db.execute(
        """
        CREATE TABLE run_context (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            lines_expected INTEGER,         -- counted before screening; NULL if unknown
            stale_lists TEXT NOT NULL,      -- JSON [{source, version_id, published, age_days,
                                            --        max_age_days}], [] when all were current
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX run_context_run ON run_context(run_id)")
    append_only(db, "run_context")


def m040_team_workstation_imports(db: Database) -> None:
    """Provenance of records moved in from a workstation (`team import-workstation`)."""
    db.execute(
        """
        CREATE TABLE workstation_imports (
            id INTEGER PRIMARY KEY,
            source_name TEXT NOT NULL,      -- file name of the workstation database
            source_head TEXT NOT NULL,      -- its audit chain head, verified before the copy
            source_records INTEGER NOT NULL,
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE imported_rows (
            id INTEGER PRIMARY KEY,
            import_id INTEGER NOT NULL REFERENCES workstation_imports(id),
            table_name TEXT NOT NULL,
            source_id INTEGER NOT NULL,     -- the row's id on the workstation
            row_id INTEGER NOT NULL,        -- its id here
            original_operator TEXT NOT NULL,
            original_host TEXT NOT NULL
        )
        """
    )
    for table in ("workstation_imports", "imported_rows"):
        append_only(db, table)


def m041_team_mapping_profiles(db: Database) -> None:
    """Column-mapping profiles in the record, so a team shares them: a changed profile is a new
    row, and the newest row for a header signature is the one used."""
    db.execute(
        """
        CREATE TABLE mapping_profiles (
            id INTEGER PRIMARY KEY,
            signature TEXT NOT NULL,        -- header signature of the ERP layout
            name TEXT NOT NULL,
            sheet TEXT NOT NULL,
            columns TEXT NOT NULL,          -- JSON {field: header}
            operator TEXT NOT NULL,
            host TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX mapping_profiles_signature ON mapping_profiles(signature, id)")
    append_only(db, "mapping_profiles")


STEPS = (
    m030_evidence_licences,
    m031_evidence_searches,
    m010_decisions_hit_level,
    m020_rules_list_skipped_rows,
    m030_integrity_list_digests,
    m031_integrity_list_holds,
    m040_desk_run_context,
    m040_team_workstation_imports,
    m041_team_mapping_profiles,
)
