"""Database schema, as sqlite-utils migrations applied in order at start-up.

The migrations themselves are in `migrations_base.py` (the list store, the audit log) and
`migrations_features.py` (one per feature since); this module registers them in the order they
shipped, which is the order a new database applies them and the names an older one has
recorded. Recorded tables are append-only (`migrations_base.append_only`): a list version,
once imported, stays exactly as it was screened against.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

from screener.core.record.database import migrations_base, migrations_features

migrations = Migrations("screener")
for _step in (*migrations_base.STEPS, *migrations_features.STEPS):
    migrations()(_step)
