"""BIS Denied Persons List (dpl.txt): the real 2022 file and broken copies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.core.entries import Address, ParsedList
from screener.core.errors import ListFileError
from screener.core.lists.importers import bis_dpl, detect
from tests.conftest import require_shared

DPL = ("us_bis", "dpl_2022-09-02", "dpl.txt")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return bis_dpl.SPEC.parse(require_shared("data", "lists", *DPL))


def test_rows_of_one_name_become_one_entry(parsed: ParsedList) -> None:
    # SOURCES.md: 581 rows, 460 distinct names; " I. ASH" and "I. ASH" differ only by a
    # leading space, so 459 denied persons.
    assert len(parsed.entries) == 459
    assert sum(len(e.addresses) for e in parsed.entries) == 579  # 2 rows are exact repeats
    nasser = next(e for e in parsed.entries if e.name == "ABDULAH AL NASSER")
    assert nasser.addresses == (
        Address("605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081", "US"),
        Address("908 AUDELIA ROAD, SUIE 200, PMB #245, RICHARDSON, TX, 75081", "US"),
    )
    assert nasser.listed_on == "2002-03-04"
    assert "until 2056-06-29" in nasser.remarks
    assert (parsed.source, parsed.format) == ("us_bis_dpl", "bis-dpl")


def test_published_ignores_typo_years(parsed: ParsedList) -> None:
    # The data also holds Last_Update years 2922 and 3017.
    assert parsed.published == date(2022, 9, 2)
    assert parsed.published_basis == "file content"


def test_detect() -> None:
    assert detect(require_shared("data", "lists", *DPL)) is bis_dpl.SPEC


def test_truncated_copy_is_refused(tmp_path: Path) -> None:
    raw = require_shared("data", "lists", *DPL).read_bytes()
    cut = raw.index(b"\n", len(raw) // 2) + 30
    broken = tmp_path / "dpl.txt"
    broken.write_bytes(raw[:cut])
    with pytest.raises(ListFileError, match=r"line \d+.*truncated"):
        bis_dpl.SPEC.parse(broken)


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text('"Name"\t"Street_Address"\t"Effective_Date"\t"Expiration_Date"\n')
    with pytest.raises(ListFileError, match="City"):
        bis_dpl.SPEC.parse(path)
