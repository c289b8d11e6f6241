"""The record: everything screened and decided, append-only and hash-chained.

store and schema (the database and its migrations), audit (the chain and its verification),
runs (runs, lines, hits), decisions (officers' decisions, accepted false positives), history
(looking back across runs), report (the Excel audit report).
"""
