"""The record: everything screened and decided, append-only and hash-chained.

chain/ (the chain writer every recorded row goes through, list data chained at import,
anchors), database/ (the store API, schema and migrations, health, the team's PostgreSQL
backend), review/ (decisions, line state, safeguards, approvals, bulk, carry-forward, licences);
audit (verifying the chain), runs and run_context (runs, lines, hits), profiles (column-mapping
profiles), workstation (moving a workstation's record into the team's). What an auditor reads
of it is built above, in `screener.core.evidence` and `screener.core.report`.
"""
