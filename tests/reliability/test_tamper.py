"""Every tamper case, decision log and list data alike, is named by `audit verify`; a database
made before list data joined the chain gets its stored versions chained, and verify says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from screener.cli import main as cli_main
from screener.core.names.search import search_names
from screener.core.record import audit
from screener.core.record.chain import list_chain
from screener.core.record.database.schema import migrations
from screener.core.record.database.store import Store
from tests.reliability import tampering
from tests.reliability.harness import SEED_LIST


@pytest.mark.parametrize("tamper", tampering.TAMPERS, ids=lambda t: t.what)
def test_tamper_is_named(home: Path, tamper: tampering.Tamper) -> None:
    tampering.seed(home)
    store = Store.open(home)
    assert audit.verify(store).ok
    store.close()
    tampering.apply(home / "screener.db", tamper)
    store = Store.open(home)
    report = audit.verify(store)
    store.close()
    assert not report.ok
    assert any(tamper.named in p for p in report.problems), report.problems


def test_deleted_names_no_longer_found_and_verify_says_which(home: Path) -> None:
    tampering.seed(home)
    tampering.apply(home / "screener.db", tampering.TAMPERS[6])  # names of RUS9901 deleted
    store = Store.open(home)
    found = search_names(store, "Fyodor Zagadkin")
    assert not [h for h in found if h.entry_id == "RUS9901"]  # the search is blind now ...
    first = audit.verify(store).first_problem or ""
    assert "entry RUS9901" in first
    assert "deleted" in first


def test_a_database_from_before_list_chaining_gets_its_versions_chained(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(home / "screener.db")
    migrations.apply(db, stop_before="m030_integrity_list_digests")
    db.execute(
        "INSERT INTO list_versions (id, source, title, format, published, published_basis,"
        " files, sha256, bytes, entries, names, imported_at, importer_version)"
        " VALUES (1, 'un_sc', 'UN', 'un_xml', '2026-01-01', 'x', '[]', 'ab', 1, 1, 1,"
        " '2026-01-02T00:00:00', '0')"
    )
    db.execute(
        "INSERT INTO list_entries (id, version_id, entry_id, type, name, sub_source, data,"
        " content_hash) VALUES (1, 1, 'QDi.1', 'individual', 'John Doe', '', '{}',"
        " '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')"
    )
    db.execute(
        "INSERT INTO list_names (id, entry_rowid, version_id, name, quality, is_primary)"
        " VALUES (1, 1, 1, 'John Doe', 'strong', 1)"
    )
    db.conn.commit()
    db.close()
    store = Store.open(home)
    check = list_chain.verify_lists(store.db)
    assert check.problems == []
    assert check.versions == 1
    assert check.at_migration == 1
    assert audit.verify(store).ok
    store.close()
    assert cli_main(["--home", str(home), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "1 list version(s) chained when list chaining was added" in out


def test_verify_json_reports_list_coverage(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--home", str(home), "lists", "import", str(SEED_LIST)]) == 0
    capsys.readouterr()
    assert cli_main(["--home", str(home), "audit", "verify", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"]
    assert data["list_versions"] == 1
    assert data["list_versions_at_migration"] == 0
