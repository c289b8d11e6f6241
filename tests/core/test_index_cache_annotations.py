"""The name-index cache is used again when listed names carry annotations (derived rows), and
an index read from it explains hits exactly as the index it was saved from."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from screener.core.names.index_cache import load_or_build
from screener.core.names.name_index import IndexedName, NameIndex

ITEMS = [
    IndexedName(1, "Acme Technologies Co., Ltd. (ACME)", "organization"),
    IndexedName(2, "Al-Qaida in Yemen (AQY)", "organization"),
    IndexedName(3, "Beta Trading LLC", "organization"),
    IndexedName(4, "Ivan Petrov", "person"),
]
KEY = {"database": "db-1", "matcher": "2", "versions": [1], "digests": ["x"]}


def test_second_open_uses_the_cache_without_rebuilding(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = load_or_build(ITEMS, KEY, tmp_path)
    assert len(built) > len(ITEMS)  # the annotated names added rows of their own
    calls: list[int] = []
    real_build = NameIndex.build.__func__  # type: ignore[attr-defined]

    def counting_build(cls: type[NameIndex], names: list[IndexedName]) -> NameIndex:
        calls.append(1)
        return real_build(cls, names)

    monkeypatch.setattr(NameIndex, "build", classmethod(counting_build))
    with caplog.at_level(logging.WARNING):
        loaded = load_or_build(ITEMS, KEY, tmp_path)
    assert calls == [], caplog.text
    assert "rebuilding" not in caplog.text
    for query in ("ACME", "AQY", "Al Qaida in Yemen", "Beta Trading"):
        assert loaded.search(query) == built.search(query), query
    assert "listed name read as" in loaded.search("Al-Qaida in Yemen")[0].explanation
