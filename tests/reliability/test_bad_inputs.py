"""Every broken or hostile input ends in a clear message (or in lines with per-row problems),
within bounded time and memory, and leaves the database as it was.

The corpus is generated into a temp folder by `make_bad_inputs.generate`; the heavy cases (zip
bombs, entity bombs, giant cells, a million-row sheet) run in a child process limited to 1.5 GiB
of address space, where a hang is killed by the harness's timeout.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from screener.cli import main as cli_main
from screener.core.orders import read_orders
from tests.reliability import harness
from tests.reliability.make_bad_inputs import Case, generate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    folder = tmp_path_factory.mktemp("bad_inputs")
    return folder, {c.name: c for c in generate(folder)}


@pytest.mark.parametrize("name", [c.name for c in generate(Path("."), write=False)])
def test_bad_input_ends_clearly_and_leaves_the_database_alone(
    corpus: tuple[Path, dict[str, Case]], tmp_path: Path, name: str
) -> None:
    folder, cases = corpus
    case = cases[name]
    home = tmp_path / "home"
    home.mkdir()
    if case.heavy:
        result = harness.run_isolated(case, folder, home)
    else:
        result = harness.try_case(case, folder, home)
    crashes = [a for a in result.attempts if a.outcome == "crash"]
    assert not crashes, crashes[0].message
    path = str(case.path(folder))
    for attempt in result.attempts:
        if case.expect == "error":
            assert attempt.outcome == "error", (attempt.entry, attempt)
            # One line a user can act on, naming the file; never "please report this".
            assert path in attempt.message, attempt
            assert "\n" not in attempt.message
            assert "please report" not in attempt.message
            assert case.message.lower() in attempt.message.lower(), attempt.message
            assert "root:" not in attempt.message  # no /etc/passwd content leaked
        else:
            assert attempt.outcome == "lines", (attempt.entry, attempt.message)
    if case.expect == "lines":
        by_entry = {a.entry: a for a in result.attempts}
        # Every data row comes out as a line: none dropped, none invented.
        assert by_entry["read_orders"].lines == case.lines
        assert by_entry["screen_file"].lines == case.lines
        assert set(case.problem_rows) <= set(by_entry["read_orders"].problem_rows)
    assert result.db_problems == []


def test_a_giant_cell_is_flagged_on_its_own_row(corpus: tuple[Path, dict[str, Case]]) -> None:
    folder, _ = corpus
    for name in ("giant_cell.csv", "giant_quoted_cell.csv"):
        lines = {line.row: line for line in read_orders(folder / name)}
        assert sorted(lines) == [2, 3, 4], name
        assert lines[3].problems, name
        assert all(str(p).startswith("row 3, ") for p in lines[3].problems)
        assert not lines[2].problems
        assert not lines[4].problems
        assert lines[4].parties[0].name == "Tokyo Precision KK"


def test_formula_cells_are_flagged_with_their_column(
    corpus: tuple[Path, dict[str, Case]],
) -> None:
    folder, _ = corpus
    lines = list(read_orders(folder / "formulas.xlsx"))
    assert [line.row for line in lines] == [2, 3, 4]
    for line in lines:
        text = " | ".join(map(str, line.problems))
        assert f"row {line.row}, 'Order No': is a formula Excel never calculated" in text
        assert "Excel error value" in text
        # A formula's text is never taken for a value: the cached value is.
        assert line.parties[0].name == "Click"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("screen", "encrypted.xlsx"),
        ("screen", "zipbomb.xlsx"),
        ("screen", "xxe.xlsx"),
        ("screen", "png_named.xlsx"),
        ("lists", "list_xxe.xml"),
        ("lists", "list_zipbomb.xlsx"),
        ("lists", "list_truncated.xml"),
    ],
)
def test_cli_says_one_line_naming_the_file(
    corpus: tuple[Path, dict[str, Case]],
    home: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
) -> None:
    folder, cases = corpus
    harness.seeded_store(home).close()
    path = str(cases[name].path(folder))
    argv = ["--home", str(home), command, *(["import"] if command == "lists" else []), path]
    code = cli_main(argv)
    out = capsys.readouterr()
    said = out.out + out.err
    assert code != 0
    assert "Traceback" not in said
    problem = [line for line in said.splitlines() if path in line]
    assert len(problem) == 1, said
