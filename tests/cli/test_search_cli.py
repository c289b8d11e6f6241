"""`screener search` on the real UN list: JSON contract, order, threshold, explanations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main


@pytest.fixture
def un_home(shared_lists: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    un = shared_lists / "un" / "consolidated_xml_2026-02-27" / "consolidated.xml"
    assert main(["--home", str(home), "lists", "import", str(un)]) == 0
    capsys.readouterr()
    return home


def test_json_one_object_per_query_in_input_order(
    un_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Korea Mining Development Trading Corp\n\nBakery Schmidt GmbH\n")
    assert main(["--home", str(un_home), "search", "--json", "--file", str(names)]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["query"] for o in objects] == [
        "Korea Mining Development Trading Corp",
        "Bakery Schmidt GmbH",
    ]
    hits = objects[0]["hits"]
    assert hits[0]["source"] == "un_sc"
    assert hits[0]["name"] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert hits[0]["score"] >= 0.9
    assert "matched" in hits[0]["explanation"]
    assert set(hits[0]) == {"source", "entry_id", "name", "matched_name", "score", "explanation"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert objects[1]["hits"] == []  # a clean name raises no alert


def test_threshold_and_limit(un_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--home",
                str(un_home),
                "search",
                "--json",
                "--threshold",
                "0.99",
                "Korea Mining Development Trading Corp",
            ]
        )
        == 0
    )
    strict = json.loads(capsys.readouterr().out)["hits"]
    assert all(h["score"] >= 0.99 for h in strict)
    assert (
        main(
            [
                "--home",
                str(un_home),
                "search",
                "--json",
                "--limit",
                "1",
                "--threshold",
                "0.5",
                "Korea Mining",
            ]
        )
        == 0
    )
    assert len(json.loads(capsys.readouterr().out)["hits"]) <= 1


def test_search_without_lists_says_what_to_do(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "search", "Anything"]) == 2
    assert "lists import" in capsys.readouterr().err
