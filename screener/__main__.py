"""Composition root: `python -m screener` and the `screener` console script."""

from screener.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
