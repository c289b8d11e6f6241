"""The record: everything screened and decided, append-only and hash-chained.

store and schema (the database and its migrations), audit (the chain and its verification),
runs (runs, lines, hits), decisions (officers' decisions, accepted false positives; with
decision_model, decision_writer and safeguards), line_state (each line's state, derived from
its decisions, and the counts), approvals (four-eyes), bulk (many hits at once),
carry_forward (an earlier screening's decisions), history (looking back across runs), report
(the Excel audit report). The team database: backend (which database), dialect (SQLite spelling
for PostgreSQL), postgres (the server behind the store's API), team (roles, logins, GRANTs),
workstation (moving a workstation's record in).
"""
