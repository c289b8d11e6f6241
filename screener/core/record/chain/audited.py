"""Which tables are recorded: every row of these is append-only and hash-chained.

The migrations (`database/migrations_*.py`) create them; a new recorded table is added here and
made append-only by its migration.
"""

# m002's own tables (runs, screened lines, hits, decisions, accepted false positives): m002
# made these append-only itself, so later tables must not be in this tuple.
M002_TABLES: tuple[str, ...] = (
    "runs",
    "run_ends",
    "lines",
    "hits",
    "decisions",
    "accepted_matches",
)
DECISION_TABLES = ("decision_batches", "decision_terms", "decision_approvals")

AUDITED_TABLES: tuple[str, ...] = (
    *M002_TABLES,
    "licences",
    "licence_drawdowns",
    "searches",
    *DECISION_TABLES,
    "list_digests",
    "list_holds",
    "run_context",
    "workstation_imports",
    "imported_rows",
    "mapping_profiles",
)
