"""ECCN cells as order files hold them: codes, prefixes, sub-paragraphs, placeholders, junk."""

from __future__ import annotations

import pytest

from screener.core.rules.eccn import Eccn, EccnProblem, parse_eccn


@pytest.mark.parametrize(
    ("raw", "code", "regime"),
    [
        ("3A001", "3A001", "multilateral"),
        ("3a001.b.2", "3A001", "multilateral"),
        ("5A002a1", "5A002", "multilateral"),  # sub-paragraphs without dots
        ("3A001 a 1", "3A001", "multilateral"),
        ("ECCN 3A001", "3A001", "multilateral"),
        ("EU: 3A001", "3A001", "multilateral"),  # the list it is on, before the code
        ("AL-Nr. 2B001", "2B001", "multilateral"),  # the German Ausfuhrliste
        ("Dual-use: 5A002", "5A002", "multilateral"),
        ("5A992.c", "5A992", "us_only"),
        ("3A090", "3A090", "us_only"),
        ("9A515.a", "9A515", "military"),
        ("EAR 99", "EAR99", "ear99"),
    ],
)
def test_classifications_are_read(raw: str, code: str, regime: str) -> None:
    found = parse_eccn(raw)
    assert isinstance(found, Eccn)
    assert (found.code, found.regime, found.raw) == (code, regime, raw)


@pytest.mark.parametrize("raw", [None, "", " - ", "N/A", "none", "TBD"])
def test_placeholders_give_no_classification(raw: str | None) -> None:
    assert parse_eccn(raw) is None


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("3A001, 5A002", "holds 2 classifications (3A001, 5A002): give one per line"),
        ("3A001/5A002", "holds 2 classifications (3A001, 5A002)"),
        ("ML8", "EU Common Military List"),
        ("ML 10.a", "national export licence"),
        ("NLR", "licence determination"),
        ("3X001", "a digit, a letter A-E and three digits"),
        ("3A0011", "a digit, a letter A-E and three digits"),  # a sixth digit is no paragraph
    ],
)
def test_cells_that_are_not_one_classification_say_what_they_are(raw: str, says: str) -> None:
    problem = parse_eccn(raw)
    assert isinstance(problem, EccnProblem)
    assert says in problem.reason
