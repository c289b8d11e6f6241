"""Composition root: `python -m screener` and the `screener` console script."""

import multiprocessing

from screener.cli import main

if __name__ == "__main__":
    # The frozen app re-runs itself for child processes (screening in the desktop app).
    multiprocessing.freeze_support()
    raise SystemExit(main())
