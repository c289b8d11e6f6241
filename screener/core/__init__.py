"""Screener's core: a library with no Qt in it, used alike by the CLI, the desktop app and tests.

The entry points, in the order of a working day (README "Using the core as a library" runs them):

    record.database.store.Store.open(home)          the SQLite store in a folder (or the team
                                                    database SCREENER_DB names)
    lists.importing.import_lists(store, paths)      official list files in; one version per file
    screening.run.screen_file(store, path)          a generator: progress per stored batch, then
    screening.run.run_screening(gen)                ... a ScreenSummary (run id, counts)
    record.runs.iter_lines / record.runs.line_hits  what a run found, line by line, with reasons
    record.review.decisions.record_decision(...)    an officer's decision on a hit, finding or
                                                    line; append-only, safeguarded by policy
    record.review.line_state.run_line_states / run_counts
                                                    each line's derived state; the counts
    record.review.approvals.approve / reject        the four-eyes second approval
    record.review.bulk.decide_many(store, targets)  one justification for many hits
    record.review.carry_forward.carry_forward_offer / carry_forward
                                                    an earlier run's decisions
    screening.rescreen.plan_rescreen / rescreen_run stored lines again, on newer lists
    report.audit_report.write_report(...)           the Excel audit report
    record.audit.verify(store)                      the hash chain, naming the first broken record
    names.search.search_names(store, name)          ad-hoc name search across every list
    rules.verdict.assess_line(hs=..., destination=..., policy=rules.policy.load_policy())
                                                    one line's goods and route, without a run
    screening.isolated.*                            the long ones in a child process (for a GUI)

The subpackages group them by concern: lists, names, rules, record, screening; orders/ reads
order workbooks; evidence/ and report/ build on the record and names for an auditor.

Everything else is an implementation detail of these. Errors a user can act on are
`errors.ScreenerError` and name the file, row and column where known.
"""
