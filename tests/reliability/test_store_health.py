"""Store faults end in one line and leave the database as it was: a damaged file is called
damaged (never "record deleted") and not written to, a newer schema is not written by an older
Screener, a read-only copy verifies, a held lock is waited for and then given up on, and a full
disk is named."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from screener.cli import main as cli_main
from screener.core.lists.importing import ImportStatus, import_file
from screener.core.record import audit
from screener.core.record.database import health
from screener.core.record.database.store import Store
from tests.reliability import tampering
from tests.reliability.harness import SEED_LIST
from tests.reliability.make_bad_inputs import _un_xml

OTHER_LIST = Path(__file__).resolve().parents[1] / "fixtures" / "eu" / "eu_fsf_v1_1_sample.xml"


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr()
    said = (out.out + out.err).strip()
    assert "Traceback" not in said
    return said


def _corrupt(db: Path) -> None:
    """Noise over a page of the list data, as a failing disk or a bad copy would leave."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'list_entries'"
    ).fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (page - 1) * 4096
    data[start + 8 : start + 4096] = (bytes(range(256)) * 16)[:4088]
    db.write_bytes(bytes(data))


def test_a_damaged_file_is_called_damaged_and_not_written(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampering.seed(home)
    db = home / "screener.db"
    _corrupt(db)
    before = db.read_bytes()
    with pytest.raises(health.DatabaseHealthError, match="damaged") as err:
        Store.open(home)
    assert "not a changed record" in str(err.value)
    assert cli_main(["--home", str(home), "audit", "verify"]) != 0
    said = _one_line(capsys)
    assert "damaged" in said
    assert "deleted" not in said
    assert len(said.splitlines()) == 1
    orders = home.parent / "o.csv"
    orders.write_text("Order No;Customer;Ship-to Country\n1;Acme;DE\n", encoding="utf-8")
    assert cli_main(["--home", str(home), "screen", str(orders)]) == 2
    assert "damaged" in _one_line(capsys)
    assert db.read_bytes() == before


def test_a_newer_schema_is_not_written(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tampering.seed(home)
    db = home / "screener.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('screener', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()
    assert cli_main(["--home", str(home), "lists", "import", str(OTHER_LIST)]) == 2
    said = _one_line(capsys)
    assert len(said.splitlines()) == 1
    assert "schema is newer than this Screener" in said
    assert "m999_from_the_future" in said
    assert db.read_bytes() == before


def test_a_read_only_copy_opens_immutable_and_verifies(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tampering.seed(home)
    Store.open(home).close()
    copy = tmp_path / "evidence"
    copy.mkdir()
    conn = sqlite3.connect(home / "screener.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(home / "screener.db", copy / "screener.db")
    before = (copy / "screener.db").read_bytes()
    # Read-only media (root may write anywhere, so the check is what we pretend about).
    monkeypatch.setattr(health.os, "access", lambda path, mode: False)
    store = Store.open(copy)
    assert store.read_only
    assert audit.verify(store).ok
    with pytest.raises(health.ScreenerError, match="read-only"), store.write():
        pass
    store.close()
    assert sorted(p.name for p in copy.iterdir()) == ["screener.db"]  # no journal, no WAL
    assert (copy / "screener.db").read_bytes() == before


def test_many_waits_in_a_row_are_said_once(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under a team's load many writes wait a moment each: one line, not one per write.
    Store.open(home).close()
    monkeypatch.setenv(health.LOCK_TIMEOUT_ENV, "0.3")
    monkeypatch.setattr(health, "SAY_AFTER_S", 0.0)
    monkeypatch.setattr(health, "_said_at", [])
    other = sqlite3.connect(home / "screener.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        codes = [
            cli_main(["--home", str(home), "lists", "import", str(SEED_LIST)]) for _ in range(3)
        ]
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert codes == [1, 1, 1]
    assert capsys.readouterr().err.splitlines() == [f"screener: {health.WAITING}"]


def test_a_held_lock_is_waited_for_then_given_up_in_one_line(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(home).close()
    other = sqlite3.connect(home / "screener.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    monkeypatch.setenv(health.LOCK_TIMEOUT_ENV, "1.5")
    monkeypatch.setattr(health, "_said_at", [])
    try:
        code = cli_main(["--home", str(home), "lists", "import", str(SEED_LIST)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    out = capsys.readouterr()
    assert code == 1
    assert out.err.splitlines() == [f"screener: {health.WAITING}"]
    assert len(out.out.splitlines()) == 1
    assert "kept the database busy for 1.5 s; nothing was written" in out.out
    store = Store.open(home)
    assert store.list_versions() == []


def test_a_full_disk_is_named(home: Path, tmp_path: Path) -> None:
    big = tmp_path / "consolidated.xml"
    big.write_text(_un_xml(3000), encoding="utf-8")
    store = Store.open(home)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk fills up mid-import
    outcome = import_file(store, big)
    assert outcome.status is ImportStatus.FAILED
    assert outcome.error is not None
    assert "the disk holding the database is full" in outcome.error
    assert str(home) in outcome.error
    assert "please report" not in outcome.error
    store.close()
    assert Store.open(home).list_versions() == []


def test_an_old_read_only_copy_verifies_and_says_the_lists_are_not_chained(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils import Database

    from screener.core.record.database.schema import migrations

    db = Database(home / "screener.db")
    migrations.apply(db, stop_before="m030_integrity_list_digests")
    db.close()
    monkeypatch.setattr(health.os, "access", lambda path, mode: False)
    report = audit.verify(Store.open(home))
    assert report.problems == (
        "list data is not in the chain yet: open the database writable once to add it",
    )


def test_a_database_found_damaged_in_use_is_not_written_again(home: Path) -> None:
    store = Store.open(home)
    # What SQLite raises when a page goes bad under a running screening.
    error = health.translate(sqlite3.DatabaseError("database disk image is malformed"), store.path)
    assert "damaged" in str(error)
    with pytest.raises(health.DatabaseHealthError, match="not a changed record"), store.write():
        pass
    health._damaged.clear()


def test_a_list_file_changing_while_read_is_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screener.core.lists import importing

    path = tmp_path / "consolidated.xml"
    path.write_text(_un_xml(20), encoding="utf-8")
    digest = importing._digest

    def digest_while_a_sync_rewrites(files):  # type: ignore[no-untyped-def]
        with path.open("a", encoding="utf-8") as fh:
            fh.write("<!-- more -->\n")
        return digest(files)

    monkeypatch.setattr(importing, "_digest", digest_while_a_sync_rewrites)
    store = Store.open(home)
    outcome = import_file(store, path)
    assert outcome.status is ImportStatus.FAILED
    assert outcome.error == f"{path}: changed while it was being read; import it again"
    assert store.list_versions() == []


def test_audit_verify_read_only_writes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampering.seed(home)
    conn = sqlite3.connect(home / "screener.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(home / "screener.db", copy / "screener.db")
    before = (copy / "screener.db").read_bytes()
    assert cli_main(["--home", str(copy), "audit", "verify", "--read-only"]) == 0
    assert "audit chain OK" in capsys.readouterr().out
    assert sorted(p.name for p in copy.iterdir()) == ["screener.db"]
    assert (copy / "screener.db").read_bytes() == before


def test_a_file_as_it_was_last_found_sound_is_not_read_whole_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick check reads the whole file (a second per GB); a database nobody changed since
    it was last checked or cleanly closed opens without it, a changed one is checked again."""
    tampering.seed(home)
    Store.open(home).close()
    checks: list[bool] = []
    real = health.integrity_problem

    def counted(conn: sqlite3.Connection, *, quick: bool = False) -> str | None:
        checks.append(quick)
        return real(conn, quick=quick)

    monkeypatch.setattr(health, "integrity_problem", counted)
    Store.open(home).close()
    assert checks == []
    crashed = Store.open(home)  # writes and is never closed, as a process that died
    with crashed.write() as db:
        db.execute("CREATE TABLE scratch (x INTEGER)")
    Store.open(home).close()
    assert checks == [True]


def test_damage_after_a_clean_close_is_still_found(home: Path) -> None:
    tampering.seed(home)
    Store.open(home).close()
    _corrupt(home / "screener.db")
    with pytest.raises(health.DatabaseHealthError, match="damaged"):
        Store.open(home)
