"""Counts in words, as the window, the CLI and the reports say them."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 line", "2 lines", "10,000 lines"; `plural` where "s" is not it ("1 entry")."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
