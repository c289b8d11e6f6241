"""Candidate index: finds what exhaustive scoring finds, explains it, survives its cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.names.name_index import IndexedName, NameIndex

NAMES = [
    IndexedName(10, "ZARNITSA TRADING LLC", "organization"),
    IndexedName(11, "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ЗАРНИЦА", "organization"),
    IndexedName(20, "SOLVAR BANK", "organization"),
    IndexedName(30, "Kestrel Metals Refining FZE", "organization"),
    IndexedName(40, "PETROV, Ivan Sergeyevich", "person"),
    IndexedName(50, "NORTHERN LARK", "vessel"),
    IndexedName(60, "International Trading Company", None),
] + [IndexedName(1000 + i, f"Filler{i:04d} Trading LLC", "organization") for i in range(300)]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(NAMES)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Zarnitsa Trading Limited Liability Company", 10),
        ("OOO Zarnitsa", 11),
        ("Solvarbank", 20),
        ("Kestrel Metals Refining F.Z.E.", 30),
        ("Kestrl Metals Refining", 30),  # typo
        ("Ivan Petrov", 40),
        ("M/V Northern Lark", 50),
    ],
)
def test_search_finds_variants(index: NameIndex, query: str, key: int) -> None:
    hits = index.search(query)
    assert hits
    assert hits[0].key == key
    assert hits[0].explanation.startswith(f"{round(hits[0].score * 100)}%")


def test_generic_words_alone_find_nothing_distinctive(index: NameIndex) -> None:
    assert [h.key for h in index.search("Trading LLC")] == []


def test_kind_restricts_the_search(index: NameIndex) -> None:
    assert index.search("Northern Lark", kind="person") == []
    assert [h.key for h in index.search("Northern Lark", kind="vessel")] == [50]


def test_results_are_best_first_and_limited(index: NameIndex) -> None:
    hits = index.search("Filler0001 Trading LLC", threshold=0.0, limit=5)
    assert len(hits) <= 5
    assert hits[0].key == 1001
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(
    "query",
    ["Zarnitsa", "Solvar Bank Trading", "Kestrel Refining", "Filler0042 Tradng", "Petrov"],
)
def test_index_keeps_the_exhaustive_hits(index: NameIndex, query: str) -> None:
    full = {h.key for h in index.search_exhaustive(query, threshold=0.6, limit=1000)}
    fast = {h.key for h in index.search(query, threshold=0.6, limit=1000)}
    assert full <= fast


def test_cache_round_trip(index: NameIndex, tmp_path: Path) -> None:
    path = tmp_path / "names.idx"
    index.save(path)
    loaded = NameIndex.load(path)
    assert len(loaded) == len(index)
    for query in ("OOO Zarnitsa", "Solvarbank", "Ivan Petrov"):
        assert loaded.search(query) == index.search(query)


def test_load_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "x.idx"
    path.write_bytes(b"not an index")
    with pytest.raises(ValueError, match="not a Screener name index"):
        NameIndex.load(path)


def test_load_refuses_a_truncated_file(index: NameIndex, tmp_path: Path) -> None:
    path = tmp_path / "names.idx"
    index.save(path)
    path.write_bytes(path.read_bytes()[:-7])  # a copy cut short, a disk that filled up
    with pytest.raises(ValueError, match="truncated or damaged"):
        NameIndex.load(path)


def test_a_lone_initial_names_nobody() -> None:
    index = NameIndex.build(
        [IndexedName(1, "GHAILANI, Ahmed Khalfan", "person"), IndexedName(2, "AHMED, A.", "person")]
    )
    for query in ("A", "a.", " X "):  # an order cell holding only an initial
        assert index.search(query) == []
        assert index.search_exhaustive(query) == []
    assert [c.key for c in index.search("Ahmed A")] == [2]
