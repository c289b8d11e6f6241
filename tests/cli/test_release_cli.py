"""`screener decide line ... released_with_licence --licence ID`: the release draws the licence
down; without a licence it is refused in one line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screener.cli import main
from screener.core.record.database.store import Store
from screener.core.record.review.licences import add_licence, get_licence
from tests.core.test_licences import _line, _lines, _terms


def test_release_a_line_with_a_licence(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(home)
    _lines(store, _line(2), _line(3))
    run_id = store.db.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
    doc = tmp_path / "licence.pdf"
    doc.write_bytes(b"%PDF-1.4")
    lic = add_licence(store, replace(_terms(), valid_until=date(2099, 12, 31)), document=doc)
    base = ["--home", str(home), "decide", "line", str(run_id)]
    why = ["-j", "BAFA individual licence on file"]

    assert main([*base, "2", "released_with_licence", *why]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "screener: released_with_licence needs --licence ID (see `licences list`)"

    code = main([*base, "2", "released_with_licence", "--licence", str(lic.id), *why])
    assert code == 0
    out = capsys.readouterr().out
    assert "Released with licence of line" in out
    assert "licence BAFA DE-2026-0042: 60 / 6000 drawn; 40 pcs quantity left" in out
    assert get_licence(store, lic.id).quantity_left == 40

    # Too much for what is left: refused with the cover's reason, nothing recorded.
    args = [*base, "3", "released_with_licence", "--licence", str(lic.id), "--quantity", "50"]
    assert main([*args, *why]) == 2
    assert "40 pcs of its quantity left; the line needs 50 pcs" in capsys.readouterr().err
    assert main([*base, "3", "hold", "--licence", str(lic.id), *why]) == 2
    assert "--licence goes with the action released_with_licence" in capsys.readouterr().err
