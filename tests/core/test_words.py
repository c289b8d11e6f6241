"""Counts in words: one line, two lines."""

from screener.core.words import counted


def test_counts_say_one_thing_or_many() -> None:
    assert counted(1, "line") == "1 line"
    assert counted(0, "line") == "0 lines"
    assert counted(10_000, "line") == "10,000 lines"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(2, "entry", "entries") == "2 entries"
