"""`screener lists import|status` as an officer uses them, on the real official files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screener.cli import main

# From ../shared/data/lists/SOURCES.md (DPL: 460 distinct names, of which two differ only by a
# leading space, so 459 denied persons).
EXPECTED = {
    "ofac_sdn": 14_965,
    "ofac_cons": 442,  # newest is the 2025-12 CSV set (cons_prim.csv)
    "us_csl": 14_160,
    "us_bis_dpl": 459,
    "uk_ofsi": 4_688,
    "un_sc": 1_003,
    "eu_fsf": 595,
    "opensanctions_ua_war_sanctions": 5_600,
}


def _status(home: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["--home", str(home), "lists", "status", "--json", *extra]) == 0
    return {r["source"]: r for r in json.loads(capsys.readouterr().out)["lists"]}


def test_import_everything_then_status(
    shared_lists: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "lists", "import", str(shared_lists)]) == 0
    out = capsys.readouterr().out
    assert "error" not in out
    assert "14,965 entries" in out  # per-file line: list, date, entries, names
    status = _status(home, capsys)
    assert {k: status[k]["entries"] for k in EXPECTED} == EXPECTED
    sdn = status["ofac_sdn"]
    assert sdn["published"] == "2024-05-03"
    assert len(sdn["sha256"]) == 64
    assert sdn["stale"] is True  # a 2024 list is far older than the policy's 7 days
    assert sdn["max_age_days"] == 7
    assert sdn["age_days"] > 365
    # Old versions remain for the audit trail.
    capsys.readouterr()
    assert main(["--home", str(home), "lists", "status", "--json", "--all"]) == 0
    every = json.loads(capsys.readouterr().out)["lists"]
    assert len(every) == 13  # all 13 files/sets, several versions of ofac_sdn, ofac_cons, uk_ofsi
    assert sum(r["current"] for r in every) == len(EXPECTED) + 1  # + the FtM sample

    # Importing the same files again changes nothing.
    assert main(["--home", str(home), "lists", "import", str(shared_lists)]) == 0
    again = capsys.readouterr().out
    assert "imported " not in again
    assert again.count("unchanged") >= len(EXPECTED)


def _db_fingerprint(home: Path) -> list[tuple[str, int]]:
    import sqlite3

    conn = sqlite3.connect(home / "screener.db")
    rows = [
        (t, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("list_versions", "list_entries", "list_names")
    ]
    conn.close()
    return rows


def test_truncated_and_hostile_files_are_refused_and_leave_the_store_as_it_was(
    shared_lists: Path,
    un_list: Path,
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    un = un_list
    assert main(["--home", str(home), "lists", "import", str(un)]) == 0
    before = _db_fingerprint(home)

    bad = tmp_path / "bad"
    bad.mkdir()
    data = un.read_bytes()
    (bad / "un_truncated.xml").write_bytes(data[: len(data) // 2])
    (bad / "sdn_truncated.csv").write_bytes(
        (shared_lists / "ofac" / "sdn_csv_2024-05-03" / "sdn.csv").read_bytes()[:200_000]
        + b'99999999,"CUT'
    )
    (bad / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>&lol2;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    (bad / "empty.csv").write_bytes(b"")
    (bad / "encrypted.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    (bad / "notes.txt").write_text("these are my notes, not a sanctions list\n")

    assert main(["--home", str(home), "lists", "import", str(bad)]) == 1
    captured = capsys.readouterr()
    errors = [ln for ln in captured.out.splitlines() if ln.startswith("error:")]
    assert len(errors) == 6
    text = "\n".join(errors)
    assert "un_truncated.xml: the file ends early (truncated download?)" in text
    assert "bomb.xml: refused: the XML declares entities" in text
    assert "empty.csv: file is empty" in text
    assert "encrypted.xlsx: this is a password-protected" in text
    assert "Traceback" not in captured.out + captured.err
    assert _db_fingerprint(home) == before


def test_companion_file_alone_is_explained(
    shared_lists: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alt = tmp_path / "alt.csv"
    shutil.copy(shared_lists / "ofac" / "sdn_csv_set_2021-07" / "alt.csv", alt)
    assert main(["--home", str(home), "lists", "import", str(alt)]) == 1
    assert "companion of sdn.csv" in capsys.readouterr().out


def test_status_of_an_empty_home_says_what_to_do(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "lists", "status"]) == 0
    assert "screener lists import" in capsys.readouterr().out
