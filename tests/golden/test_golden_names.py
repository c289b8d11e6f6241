"""Golden name pairs: each authored pair must land in its band and explain itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screener.core.names.matching import DEFAULT_THRESHOLD, explain_similarity

REVIEW_FLOOR = 0.6  # below the alert threshold but worth a look in a manual search
PAIRS = list(csv.DictReader((Path(__file__).parent / "name_pairs.csv").open(encoding="utf-8")))


def band(score: float) -> str:
    if score >= DEFAULT_THRESHOLD:
        return "match"
    return "review" if score >= REVIEW_FLOOR else "no_match"


def test_golden_set_covers_every_band_and_kind() -> None:
    assert len(PAIRS) >= 60
    assert {r["band"] for r in PAIRS} == {"match", "review", "no_match"}
    assert {r["kind"] for r in PAIRS} == {"organization", "person", "vessel"}


@pytest.mark.parametrize("row", PAIRS, ids=[f"{r['rule']}: {r['query']}" for r in PAIRS])
def test_golden_pair(row: dict[str, str]) -> None:
    result = explain_similarity(row["query"], row["candidate"], kind=row["kind"] or None)
    assert band(result.score) == row["band"], result.explanation
    assert row["explanation"] in result.explanation
