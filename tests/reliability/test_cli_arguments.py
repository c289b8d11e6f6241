"""Arguments are checked before any work starts: one line, exit 2, nothing recorded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from screener.cli import main as cli_main
from screener.core.record import runs
from screener.core.record.database.store import Store
from tests.reliability import harness

ORDERS = "Order No;Customer;Ship-to Country\n1;Acme GmbH;DE\n"


def _said(capsys: pytest.CaptureFixture[str]) -> list[str]:
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return text.strip().splitlines()


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("85", "85 is above 1: scores run from 0 to 1; for 85% give 0.85"),
        ("100", "for 100% give 1"),
        ("1e308", "1e308 is not a score above 0 and at most 1"),
        ("nan", "'nan' is not a score between 0 and 1"),
        ("0", "0 is not a score above 0"),
        ("-0.5", "-0.5 is not a score above 0"),
        ("high", "'high' is not a number"),
    ],
)
def test_threshold_outside_0_1_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], value: str, said: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli_main(["--home", str(home), "search", "Acme", "--threshold", value])
    assert stop.value.code == 2
    (line,) = _said(capsys)
    assert said in line
    assert "--threshold" in line


@pytest.mark.parametrize("value", ["0", "-1", "ten"])
def test_limit_below_one_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli_main(["--home", str(home), "search", "Acme", "--limit", value])
    assert stop.value.code == 2
    (line,) = _said(capsys)
    assert "--limit" in line


@pytest.mark.parametrize(
    ("option", "target", "said"),
    [
        ("--json", "DIR", "is a folder; give a file name"),
        ("--json", "missing/out.jsonl", "folder does not exist"),
        ("--report", "out.txt", "the report is a .xlsx file"),
        ("--report", "DIR", "is a folder"),
    ],
)
def test_output_paths_are_checked_before_a_run_starts(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    target: str,
    said: str,
) -> None:
    harness.seeded_store(home).close()
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    out = tmp_path if target == "DIR" else tmp_path / target
    assert cli_main(["--home", str(home), "screen", str(orders), option, str(out)]) == 2
    (line,) = _said(capsys)
    assert said in line
    assert runs.list_runs(Store.open(home)) == []


def test_a_folder_with_nothing_importable_is_an_error(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "readme.pdf").write_bytes(b"%PDF-1.4")
    assert cli_main(["--home", str(home), "lists", "import", str(folder)]) == 1
    (line,) = _said(capsys)
    assert f"{folder}: nothing to import in this folder" in line


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["screen", "ORDERS", "--mapping", "FIFO"], "is a pipe, not a regular mapping profile"),
        (["screen", "ORDERS", "--policy", "/dev/zero"], "is a device or socket"),
        (["rescreen", "--policy", "FIFO"], "is a pipe, not a regular policy file"),
        (["rescreen", "--json", "DIR"], "is a folder"),
    ],
)
def test_settings_files_and_outputs_of_rescreen_are_checked(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    import os

    harness.seeded_store(home).close()
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    where = {"ORDERS": str(orders), "FIFO": str(fifo), "DIR": str(tmp_path)}
    assert cli_main(["--home", str(home), *[where.get(a, a) for a in argv]]) == 2
    (line,) = _said(capsys)
    assert said in line
    assert runs.list_runs(Store.open(home)) == []
