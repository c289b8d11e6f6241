"""Errors a user can act on. Their text names the file (and row/column where known)."""

from __future__ import annotations

from pathlib import Path


class ScreenerError(Exception):
    """Base for expected failures: shown as one clear line, never as a traceback."""


class ListFileError(ScreenerError):
    """A list file that cannot be imported: wrong format, truncated, hostile, too large."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
