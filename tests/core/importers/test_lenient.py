"""A malformed row refuses a UK Sanctions List CSV, naming the line; `--lenient` imports the
other rows and records the ones it left out with the list version."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli import main
from screener.core.lists.importers import uk_fcdo
from screener.core.lists.importing import ImportStatus, import_lists
from screener.core.lists.lenient import import_file_lenient, skipped_rows
from screener.core.record.database.store import Store
from tests.conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "uk_fcdo" / "UK-Sanctions-List.csv"


def _broken(tmp_path: Path) -> tuple[Path, int]:
    lines = FIXTURE.read_text(encoding="utf-8-sig").splitlines()
    # A stray quote opens a field that never closes: csv would read on to the end of the file.
    stray = lines[5].replace("Invented test entity.", '"Invented test entity.', 1)
    assert stray != lines[5]
    lines[5] = stray
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, 6


def test_a_stray_quote_refuses_the_file_naming_the_line(tmp_path: Path) -> None:
    path, _ = _broken(tmp_path)
    with pytest.raises(Exception, match=r"line \d+: .*--lenient"):
        uk_fcdo.SPEC.parse(path)


def test_lenient_imports_the_rest_and_records_the_skipped_row(home: Path, tmp_path: Path) -> None:
    path, line = _broken(tmp_path)
    store = Store.open(home)
    strict = list(import_lists(store, [path]))
    assert [o.status for o in strict] == [ImportStatus.FAILED]
    outcome, skipped = import_file_lenient(store, path)
    assert outcome.status is ImportStatus.IMPORTED, outcome.error
    assert outcome.version is not None
    assert outcome.version.entries == 4  # every designation still has rows that parsed
    assert [s.row for s in skipped] == [line]
    assert "quoted field" in skipped[0].reason or "malformed" in skipped[0].reason
    assert skipped_rows(store, outcome.version.id) == skipped
    again, recorded = import_file_lenient(store, path)
    assert (again.status, recorded) == (ImportStatus.UNCHANGED, skipped)


def test_cli_lenient_prints_the_skipped_rows(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, line = _broken(tmp_path)
    assert main(["--home", str(home), "lists", "import", str(path)]) == 1
    assert "--lenient" in capsys.readouterr().out
    assert main(["--home", str(home), "lists", "import", "--lenient", str(path)]) == 0
    assert f"skipped line {line}:" in capsys.readouterr().out
