"""A rebuild after a list changed reuses the names already read, and gives exactly the index a
full build gives: the same file, the same hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.names import index_cache, index_readings
from screener.core.names.index_build import PreviousRows
from screener.core.names.index_cache import load_or_build
from screener.core.names.name_index import IndexedName, NameIndex

BEFORE = [
    IndexedName(1, "ZARNITSA TRADING LLC", "organization"),
    IndexedName(2, "PETROV, Ivan Sergeyevich", "person"),
    IndexedName(3, "Acme Technologies Co., Ltd. (ACME)", "organization"),
    IndexedName(4, "NORTHERN LARK", "vessel"),
    IndexedName(5, "Solvar Bank", None),
] + [IndexedName(100 + i, f"Filler{i:03d} Metals GmbH", "organization") for i in range(50)]
# One list changed: a name gone, one renamed, one added; the same name listed again elsewhere.
AFTER = [n for n in BEFORE if n.key not in (2, 5)] + [
    IndexedName(6, "Solvar Bank of Kestrel", None),
    IndexedName(7, "SIDOROV, Pyotr Ivanovich", "person"),
    IndexedName(8, "ZARNITSA TRADING LLC", "vessel"),
    IndexedName(9, "Acme Technologies Co., Ltd. (ACME)", "organization"),
]


def _file(index: NameIndex, path: Path) -> bytes:
    index.save(path)
    return path.read_bytes()


def test_a_rebuild_reusing_the_previous_file_equals_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    NameIndex.build(BEFORE).save(tmp_path / "before.idx")
    full = _file(NameIndex.build(AFTER), tmp_path / "full.idx")
    read: list[str] = []
    real = index_readings._read
    monkeypatch.setattr(
        index_readings, "_read", lambda t, kind: read.append(t) or real(t, kind=kind)
    )
    reused = NameIndex.build(AFTER, PreviousRows(tmp_path / "before.idx"))
    assert _file(reused, tmp_path / "reused.idx") == full
    # Only the names the previous file did not hold were read anew.
    new = ["SIDOROV, Pyotr Ivanovich", "Solvar Bank of Kestrel", "ZARNITSA TRADING LLC"]
    assert sorted(read) == new


def test_names_read_across_processes_give_the_index_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small chunks and memo: many chunks in the workers' hands at once, and names listed again
    # further on, once the memo has moved past them, read again the same way.
    monkeypatch.setattr(index_readings, "_CHUNK", 7)
    monkeypatch.setattr(index_readings, "_MEMO", 5)
    monkeypatch.setattr(index_readings, "_WORDS", 6)  # near-word keys in parts, across them
    names = AFTER + AFTER[:20]
    monkeypatch.setattr(index_readings, "PARALLEL_AFTER", 10**9)
    alone = _file(NameIndex.build(names), tmp_path / "alone.idx")
    here: list[str] = []
    real = index_readings._read
    monkeypatch.setattr(
        index_readings, "_read", lambda t, kind: here.append(t) or real(t, kind=kind)
    )
    monkeypatch.setattr(index_readings, "PARALLEL_AFTER", 7)
    assert _file(NameIndex.build(iter(names), workers=2), tmp_path / "workers.idx") == alone
    assert 7 <= len(here) <= 9  # the first chunk (and a derived name) here, the rest by workers
    # Names known to be many from the start are all read by the workers.
    here.clear()
    assert _file(NameIndex.build(names, workers=2), tmp_path / "at_once.idx") == alone
    assert here == []
    # A rebuild from an earlier file, with workers, is still the full build.
    NameIndex.build(BEFORE).save(tmp_path / "before.idx")
    monkeypatch.setattr(index_readings, "PARALLEL_AFTER", 0)
    reused = NameIndex.build(names, PreviousRows(tmp_path / "before.idx"), workers=2)
    assert _file(reused, tmp_path / "reused.idx") == alone


def test_the_cache_rebuilt_for_new_lists_finds_what_a_fresh_build_finds(tmp_path: Path) -> None:
    key = {"database": "db1", "matcher": "m", "blocking": "b", "versions": [1], "digests": ["x"]}
    load_or_build(BEFORE, key, tmp_path)
    changed = {**key, "versions": [2], "digests": ["y"]}
    rebuilt = load_or_build(AFTER, changed, tmp_path)
    fresh = NameIndex.build(AFTER)
    assert rebuilt.mapped_file is not None
    for query in ("Ivan Petrov", "Pyotr Sidorov", "Solvar Bank", "Zarnitsa Trading", "ACME"):
        assert rebuilt.search(query) == fresh.search(query)
    assert not rebuilt.search("Ivan Petrov")  # the name removed is gone


def test_a_damaged_previous_file_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = {"database": "db1", "matcher": "m", "blocking": "b", "versions": [1], "digests": ["x"]}
    first = load_or_build(BEFORE, key, tmp_path)
    assert first.mapped_file is not None
    path = first.mapped_file[0]
    del first
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    opened: list[Path] = []
    monkeypatch.setattr(index_cache, "PreviousRows", opened.append)
    rebuilt = load_or_build(AFTER, {**key, "versions": [2], "digests": ["y"]}, tmp_path)
    assert opened == []
    assert rebuilt.search("Filler007 Metals") == NameIndex.build(AFTER).search("Filler007 Metals")
