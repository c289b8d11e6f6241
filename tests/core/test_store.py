"""The list store: versions side by side, all-or-nothing imports, append-only records."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import Alias, AliasQuality, EntityType, Entry, ParsedList
from screener.core.record.database.store import Store
from tests.pgcluster import INTEGRITY_ERRORS, REFUSED, REFUSED_MESSAGE


@pytest.fixture
def store(backend: str, home: Path) -> Store:
    return Store.memory() if backend == "sqlite" else Store.open(home)


def _parsed(source: str = "ofac_sdn", published: date = date(2024, 5, 3), n: int = 3) -> ParsedList:
    entries = [
        Entry(
            entry_id=str(i),
            type=EntityType.ORGANIZATION,
            name=f"ACME {i} LLC",
            aliases=(Alias(f"ACME-{i}", AliasQuality.WEAK),),
            programs=("RUSSIA-EO14024",),
        )
        for i in range(n)
    ]
    return ParsedList(
        source=source,
        title="Test list",
        format="test",
        published=published,
        published_basis="file header",
        files=(Path("x.csv"),),
        entries=entries,
    )


def test_version_is_stored_with_entries_and_names(store: Store) -> None:
    v = store.add_list_version(_parsed(n=3), sha256="a" * 64, size=10)
    assert (v.source, v.entries, v.names, v.published) == ("ofac_sdn", 3, 6, date(2024, 5, 3))
    names = list(store.iter_names([v.id]))
    assert [(n.name, n.quality, n.is_primary) for n in names[:2]] == [
        ("ACME 0 LLC", "strong", True),
        ("ACME-0", "weak", False),
    ]
    entry = store.entry(names[0].entry_rowid)
    assert entry.programs == ("RUSSIA-EO14024",)
    assert entry.aliases[0].quality is AliasQuality.WEAK


def test_newest_version_per_source_is_current_and_old_ones_remain(store: Store) -> None:
    old = store.add_list_version(_parsed(published=date(2024, 1, 1)), sha256="a" * 64, size=1)
    new = store.add_list_version(_parsed(published=date(2024, 6, 1)), sha256="b" * 64, size=1)
    # An older file imported later does not replace the newer list.
    older = store.add_list_version(_parsed(published=date(2023, 1, 1)), sha256="c" * 64, size=1)
    uk = store.add_list_version(_parsed(source="uk_ofsi"), sha256="d" * 64, size=1)
    assert {v.id for v in store.current_versions()} == {new.id, uk.id}
    assert {v.id for v in store.list_versions("ofac_sdn")} == {old.id, new.id, older.id}


def test_failed_insert_leaves_nothing_behind(store: Store) -> None:
    bad = _parsed()
    object.__setattr__(bad.entries[2], "name", None)  # NOT NULL violation on the third entry
    with pytest.raises(INTEGRITY_ERRORS):
        store.add_list_version(bad, sha256="a" * 64, size=1)
    assert store.list_versions() == []
    assert store.db.execute("SELECT count(*) FROM list_entries").fetchone()[0] == 0


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE list_versions SET entries = 0",
        "DELETE FROM list_versions",
        "UPDATE list_entries SET name = 'X'",
        "DELETE FROM list_names",
    ],
)
def test_stored_lists_are_append_only(store: Store, sql: str) -> None:
    store.add_list_version(_parsed(), sha256="a" * 64, size=1)
    with pytest.raises(REFUSED, match=REFUSED_MESSAGE):
        store.db.execute(sql)


def test_database_file_is_private_and_uses_wal(home: Path) -> None:
    store = Store.open(home)
    mode = stat.S_IMODE((home / "screener.db").stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_reopening_keeps_data(backend: str, home: Path) -> None:
    store = Store.open(home)
    store.add_list_version(_parsed(), sha256="a" * 64, size=1)
    store.close()
    again = Store.open(home)
    assert [v.source for v in again.current_versions()] == ["ofac_sdn"]
