"""`screener licences add|list|show|amend|revoke`: a thin shell with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main


def _add(home: Path, doc: Path, *extra: str) -> int:
    return main(
        [
            "--home", str(home), "licences", "add", "--authority", "BAFA",
            "--number", "DE-1", "--type", "individual", "--holder", "Our Exports GmbH",
            "--goods", "8542,3A001", "--destination", "Germany", "--end-user", "Acme GmbH",
            "--quantity", "100", "--unit", "pcs", "--value", "5000", "--currency", "EUR",
            "--valid-from", "2026-01-01", "--valid-until", "2026-12-31",
            "--document", str(doc), *extra,
        ]
    )  # fmt: skip


def test_add_list_show_revoke(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "DE-1.pdf"
    doc.write_bytes(b"licence")
    assert _add(home, doc) == 0
    assert "registered licence 1: BAFA DE-1" in capsys.readouterr().out
    assert main(["--home", str(home), "licences", "list"]) == 0
    out = capsys.readouterr().out
    assert "BAFA DE-1" in out
    assert "qty 100 of 100 pcs" in out
    assert main(["--home", str(home), "licences", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["goods"] == ["8542", "3A001"]
    assert shown["destinations"] == ["DE"]
    assert shown["drawdowns"] == []
    assert len(shown["document_sha256"]) == 64
    assert main(["--home", str(home), "licences", "revoke", "1", "--reason", "withdrawn"]) == 0
    assert main(["--home", str(home), "licences", "show", "1"]) == 0
    assert "revoked" in capsys.readouterr().out


def test_bad_input_is_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "DE-1.pdf"
    doc.write_bytes(b"licence")
    assert _add(home, doc, "--valid-until", "31.12.2026") == 2
    err = capsys.readouterr().err
    assert err.strip() == "screener: --valid-until '31.12.2026': give the date as YYYY-MM-DD"
    assert _add(home, tmp_path / "none.pdf") == 2
    assert "cannot read the licence document" in capsys.readouterr().err
    assert main(["--home", str(home), "licences", "show", "9"]) == 2
    assert capsys.readouterr().err.strip() == "screener: no licence with id 9"


def test_amend_changes_only_the_named_terms_and_keeps_the_old_on_record(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "DE-1.pdf"
    doc.write_bytes(b"licence")
    assert _add(home, doc) == 0
    capsys.readouterr()
    args = ["--home", str(home), "licences", "amend", "1", "--reason", "BAFA amendment 2"]
    assert main([*args, "--valid-until", "2027-06-30", "--quantity", "250"]) == 0
    assert "amended licence 1: BAFA DE-1" in capsys.readouterr().out
    assert main(["--home", str(home), "licences", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["valid_until"], shown["quantity_limit"]) == ("2027-06-30", 250)
    assert shown["goods"] == ["8542", "3A001"]  # untouched terms stay
    assert shown["reason"] == "BAFA amendment 2"
    assert main(args) == 2  # nothing to change
    assert "name at least one term" in capsys.readouterr().err
