"""An implausible list version (dated ahead, or far fewer entries than the one in use) is
stored but not made current; `lists import --accept` makes it current; status says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main as cli_main
from screener.core.lists.importing import ImportStatus, import_file
from screener.core.record import audit
from screener.core.record.database.store import Store
from tests.reliability.make_bad_inputs import _un_xml


def _un(tmp_path: Path, name: str, entries: int, dated: str) -> Path:
    path = tmp_path / name
    text = _un_xml(entries).replace("2026-02-27T00:00:00", f"{dated}T00:00:00")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_version_dated_ahead_is_held_until_accepted(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(home)
    good = import_file(store, _un(tmp_path, "good.xml", 40, "2026-02-27"))
    assert good.status is ImportStatus.IMPORTED
    future = _un(tmp_path, "future.xml", 40, "2099-01-01")
    held = import_file(store, future)
    assert held.status is ImportStatus.HELD
    assert "dated 2099-01-01, more than 2 days in the future" in held.note
    assert [v.id for v in store.current_versions()] == [good.version.id]  # type: ignore[union-attr]
    assert cli_main(["--home", str(home), "lists", "status"]) == 0
    out = capsys.readouterr().out
    assert "held: un_sc 2099-01-01 (40 entries) is not used for screening: dated 2099" in out
    assert cli_main(["--home", str(home), "lists", "import", "--accept", str(future)]) == 0
    assert "accepted: dated 2099-01-01" in capsys.readouterr().out
    store = Store.open(home)
    assert [v.published.isoformat() for v in store.current_versions()] == ["2099-01-01"]  # type: ignore[union-attr]
    assert audit.verify(store).ok


def test_a_version_with_under_half_the_entries_is_held(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli_main(
            ["--home", str(home), "lists", "import", str(_un(tmp_path, "a.xml", 40, "2026-02-01"))]
        )
        == 0
    )
    capsys.readouterr()
    small = _un(tmp_path, "b.xml", 1, "2026-02-20")
    assert cli_main(["--home", str(home), "lists", "import", str(small)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("held ")
    assert "1 entries, under half the 40 of the un_sc version in use (2026-02-01)" in line
    assert "--accept" in line
    assert cli_main(["--home", str(home), "lists", "status", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["lists"]
    assert [(r["entries"], r["current"], bool(r["held"])) for r in rows] == [
        (40, True, False),
        (1, False, True),
    ]
