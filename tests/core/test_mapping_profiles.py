"""Mapping profiles live in the record: one officer confirms an ERP layout's columns and every
workstation on the team database reads the next export that way; older profile files still work."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.orders import MappingProfile, find_profile, inspect_orders, save_profile
from screener.core.record import audit
from screener.core.record.database.store import Store
from screener.core.record.profiles import ProfileBook
from tests.core.test_orders_mapping import CHOICE, ERP, write_csv
from tests.pgcluster import REFUSED


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    return backend


def test_a_saved_profile_is_shared_through_the_record(home: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ERP)
    desk_a = ProfileBook(Store.open(home), tmp_path / "desk-a")
    first = inspect_orders(path, profiles=desk_a)
    assert first.mapping.needs_review
    assert not first.profile
    before = audit.verify(desk_a.store).records
    profile = MappingProfile("Our ERP", first.signature, tuple(CHOICE.items()))
    save_profile(desk_a, profile)
    assert audit.verify(desk_a.store).ok
    assert audit.verify(desk_a.store).records == before + 1
    assert not (tmp_path / "desk-a").exists()  # nothing written beside the record

    # another workstation (another connection, another folder) reads the layout the same way
    desk_b = ProfileBook(Store.open(home), tmp_path / "desk-b")
    again = write_csv(tmp_path / "next-week.csv", [[h.upper() for h in ERP[0]], ERP[1]])
    info = inspect_orders(again, profiles=desk_b)
    assert info.profile == "Our ERP"
    assert not info.mapping.needs_review
    assert find_profile(desk_b, first.signature) == profile


def test_a_changed_profile_is_a_new_row_and_the_newest_wins(home: Path, tmp_path: Path) -> None:
    store = Store.open(home)
    book = ProfileBook(store)
    old = MappingProfile("Our ERP", "sig1", tuple(CHOICE.items()))
    new = MappingProfile("Our ERP v2", "sig1", (("buyer", "Kunde"), ("destination", "Ziel")))
    other = MappingProfile("Other ERP", "sig2", (("buyer", "Customer"),))
    for p in (old, other, new):
        book.save(p)
    assert book.find("sig1") == new
    assert book.find("sig2") == other
    assert book.find("sig3") is None
    assert book.latest() == [other, new]
    rows = list(store.db.query("SELECT name FROM mapping_profiles ORDER BY id"))
    assert [r["name"] for r in rows] == ["Our ERP", "Other ERP", "Our ERP v2"]  # none rewritten
    with pytest.raises(REFUSED), store.write() as db:
        db.execute("UPDATE mapping_profiles SET name = 'x'")


def test_profile_files_from_before_are_still_found(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    filed = MappingProfile("Filed ERP", "sig1", tuple(CHOICE.items()))
    save_profile(folder, filed)  # how a workstation saved it before profiles were recorded
    book = ProfileBook(Store.open(home), folder)
    assert book.find("sig1") == filed
    recorded = MappingProfile("Recorded ERP", "sig1", (("buyer", "Kunde"),))
    book.save(recorded)
    assert book.find("sig1") == recorded  # the record wins once the layout is saved there
    assert (folder / "sig1.json").is_file()  # the old file is left as it was
