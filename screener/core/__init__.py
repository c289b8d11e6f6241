"""Screener's core: a library with no Qt in it, used alike by the CLI, the desktop app and tests.

The entry points, in the order of a working day (README "Using the core as a library" runs them):

    store.Store.open(home)                          the SQLite store in a folder
    lists.import_lists(store, paths)                official list files in; one version per file
    screening.screen_file(store, path)              a generator: progress per stored batch, then
    screening.run_screening(gen)                    ... a ScreenSummary (run id, counts)
    runs.iter_lines / runs.line_hits                what a run found, line by line, with reasons
    decisions.record_decision(store, line_id=...)   an officer's decision; append-only
    rescreen.plan_rescreen / rescreen.rescreen_run  stored lines again, on newer lists
    report.write_report(store, run_id, path)        the Excel audit report
    audit.verify(store)                             the hash chain, naming the first broken record
    search.search_names(store, name)                ad-hoc name search across every list
    verdict.assess_line(hs=..., destination=..., policy=policy.load_policy())
                                                    one line's goods and route, without a run
    isolated.*                                      the long ones in a child process (for a GUI)

Everything else is an implementation detail of these. Errors a user can act on are
`errors.ScreenerError` and name the file, row and column where known.
"""
