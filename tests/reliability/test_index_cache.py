"""A name index cache that is damaged, edited, stale or another database's is rebuilt with a
note, never used and never fatal: search and screening give the right entries whatever it holds.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from screener.core.lists.importing import import_file
from screener.core.names import search
from screener.core.names.search import open_index, search_names
from screener.core.record.database.store import Store
from tests.reliability.harness import SEED_LIST
from tests.reliability.make_bad_inputs import _un_xml

LISTED = "Fyodor Zagadkin"


def _home_with_lists(home: Path, tmp_path: Path, *, un_first: bool) -> Store:
    un = tmp_path / f"un-{un_first}.xml"
    un.write_text(_un_xml(30), encoding="utf-8")
    store = Store.open(home)
    for path in (un, SEED_LIST) if un_first else (SEED_LIST, un):
        import_file(store, path)
    return store


def _fresh(store: Store) -> list[search.SearchHit]:
    search._MEMO.clear()  # as a new process would: only the disk cache is left
    return search_names(store, LISTED)


def _cache_files(home: Path) -> tuple[Path, Path]:
    """The index file and its checksum file (which names it)."""
    (meta,) = (home / "cache").glob("names-*.json")
    return meta.with_name(json.loads(meta.read_text())["file"]), meta


def _entry_ids(hits: list[search.SearchHit]) -> set[str]:
    return {h.entry_id for h in hits}


@pytest.mark.parametrize(
    ("damage", "note"),
    [
        ("truncate", "checksum does not match"),
        ("flip", "checksum does not match"),
        ("wrong_type_header_rechecksummed", "cannot be read"),
        ("no_checksum", "checksum file is missing"),
        ("garbage_checksum", "checksum file is missing or damaged"),
    ],
)
def test_a_damaged_or_edited_cache_is_rebuilt_with_a_note(
    home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str, note: str
) -> None:
    store = _home_with_lists(home, tmp_path, un_first=False)
    want = _entry_ids(_fresh(store))
    assert "RUS9901" in want
    idx, meta = _cache_files(home)
    data = idx.read_bytes()
    if damage == "truncate":
        idx.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        idx.write_bytes(data[:-9] + bytes([data[-9] ^ 0xFF]) + data[-8:])
    elif damage == "wrong_type_header_rechecksummed":
        edited = data.replace(b'"rows.key", "q"', b'"rows.key", "x"', 1)
        assert edited != data
        idx.write_bytes(edited)
        info = json.loads(meta.read_text())
        import hashlib

        info.update(sha256=hashlib.sha256(edited).hexdigest(), bytes=len(edited))
        meta.write_text(json.dumps(info))
    elif damage == "no_checksum":
        meta.unlink()
    else:
        meta.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        assert _entry_ids(_fresh(store)) == want
    assert note in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert _entry_ids(_fresh(store)) == want  # the rebuilt cache is good again
    assert "rebuilding" not in caplog.text


def test_another_databases_cache_is_never_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    a = _home_with_lists(tmp_path / "a", tmp_path, un_first=True)
    b = _home_with_lists(tmp_path / "b", tmp_path, un_first=False)  # the same lists, other order
    want = _entry_ids(_fresh(b))
    _fresh(a)
    a_idx, a_meta = _cache_files(tmp_path / "a")
    b_idx, b_meta = _cache_files(tmp_path / "b")
    shutil.copy(a_idx, b_idx)  # a cache carried over under b's name
    shutil.copy(a_meta, b_meta)
    with caplog.at_level(logging.WARNING):
        hits = _fresh(b)
    assert "built for another database" in caplog.text
    assert _entry_ids(hits) == want
    assert all(b.entry(h.entry_rowid).entry_id == h.entry_id for h in hits)


def test_a_recreated_database_does_not_reuse_the_index_of_the_old_one(
    home: Path, tmp_path: Path
) -> None:
    store = _home_with_lists(home, tmp_path, un_first=False)
    first = open_index(store)
    store.close()
    for name in ("screener.db", "screener.db-wal", "screener.db-shm"):
        (home / name).unlink(missing_ok=True)
    store = _home_with_lists(home, tmp_path, un_first=True)
    assert open_index(store) is not first
    hits = search_names(store, LISTED)
    assert all(store.entry(h.entry_rowid).entry_id == h.entry_id for h in hits)
    assert "RUS9901" in _entry_ids(hits)
