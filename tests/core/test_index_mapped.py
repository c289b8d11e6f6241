"""The name index opened from its cache file (memory-mapped) searches exactly as the one built
in memory, opens without reading the lists' names from the database, is shared by a second
process without building, and an edit to the file is found even after it was trusted."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.names import index_cache, search
from screener.core.names.annotations import derived_names
from screener.core.names.name_index import IndexedName, NameIndex
from screener.core.names.search import open_index, search_names
from screener.core.record.database.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(un_list: Path, home: Path) -> Store:
    store = Store.open(home)
    un = un_list
    assert [o.status.value for o in import_lists(store, [un])] == ["imported"]
    return store


def _queries(names: list[str]) -> list[str]:
    """Listed names as given, cut short, reordered and misspelt, and names read out of
    annotated ones ("GREAT LAKES BUSINESS COMPANY (GLBC)"): queries of every kind."""
    rng = random.Random(18)
    out = [derived for name in names for derived in derived_names(name)][:20]
    for name in rng.sample(names, 60):
        words = name.split()
        out += [name, " ".join(reversed(words)), name[:-2], name.replace("a", "e", 1)]
    return out


def _reopened(store: Store) -> search.ListIndex:
    search._MEMO.clear()  # as a new process would: only the disk cache is left
    return open_index(store)


def test_the_mapped_index_finds_scores_and_explains_as_the_built_one(store: Store) -> None:
    versions = [v.id for v in store.current_versions()]
    items = [IndexedName(r.name_id, r.name, r.type) for r in store.iter_names(versions)]
    built = NameIndex.build(items)
    open_index(store)
    mapped = _reopened(store).names
    assert mapped.mapped_file is not None  # read through the map, not built again
    assert len(mapped) == len(built)
    queries = _queries([i.name for i in items])
    for query in queries:
        for kind in (None, "person"):
            assert mapped.search(query, kind=kind) == built.search(query, kind=kind), query
    for query in queries[:8]:
        assert mapped.search_exhaustive(query) == built.search_exhaustive(query), query
    assert any("listed name read as" in c.explanation for q in queries for c in mapped.search(q))


def test_a_valid_cache_opens_without_reading_names_from_the_database(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = search_names(store, "Al-Qaida in Iraq")
    assert want
    calls: list[object] = []
    real = Store.iter_names

    def counting(self: Store, version_ids: list[int]):  # type: ignore[no-untyped-def]
        calls.append(version_ids)
        return real(self, version_ids)

    monkeypatch.setattr(Store, "iter_names", counting)
    index = _reopened(store)
    assert calls == []
    assert search_names(store, "Al-Qaida in Iraq", index=index) == want


def test_a_second_process_maps_the_cache_without_building(store: Store, home: Path) -> None:
    want = [h.entry_id for h in search_names(store, "Al-Qaida in Iraq")]
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from screener.core.names.name_index import NameIndex\n"
        "from screener.core.names.search import open_index, search_names\n"
        "from screener.core.record.database.store import Store\n"
        "def refuse(*a, **k): raise SystemExit('built the index again')\n"
        "NameIndex.build = refuse\n"
        "store = Store.open(Path(sys.argv[1]))\n"
        "index = open_index(store)\n"
        "hits = search_names(store, 'Al-Qaida in Iraq', index=index)\n"
        "print(json.dumps([index.names.mapped_file is not None, [h.entry_id for h in hits]]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(home)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [True, want]


def test_an_edit_after_the_cache_was_trusted_is_still_found(
    store: Store, home: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = search_names(store, "Al-Qaida in Iraq")
    (meta_path,) = (home / "cache").glob("names-*.json")
    idx = meta_path.with_name(json.loads(meta_path.read_text())["file"])
    old = time.time() - 60  # the cache was written a minute ago
    os.utime(idx, (old, old))
    _reopened(store)  # checked in full once, then trusted by its size and times
    checks: list[Path] = []
    real_sha = index_cache._sha256
    monkeypatch.setattr(index_cache, "_sha256", lambda p: checks.append(p) or real_sha(p))
    _reopened(store)
    assert checks == []  # trusted: not read through
    data = bytearray(idx.read_bytes())
    data[len(data) // 2] ^= 0xFF  # a byte changed in place, same size
    idx.write_bytes(bytes(data))
    caplog.set_level("WARNING")
    assert search_names(store, "Al-Qaida in Iraq", index=_reopened(store)) == want
    assert "checksum does not match" in caplog.text
    assert checks  # the changed file was checked in full


def test_a_search_holding_the_old_index_keeps_working_while_the_cache_is_rebuilt(
    store: Store, shared_lists: Path
) -> None:
    before = _reopened(store)
    want = before.names.search("Al-Qaida in Iraq")
    sdn = shared_lists / "ofac" / "sdn_csv_2024-05-03"
    list(import_lists(store, [sdn]))
    after = _reopened(store)  # new lists: a new cache file, the old one removed
    assert after.names.mapped_file != before.names.mapped_file
    assert before.names.search("Al-Qaida in Iraq") == want
    assert len(after.names) > len(before.names)
