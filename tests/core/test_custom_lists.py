"""A company's own lists: a party list imported and versioned like an official list (rows
marked blocking block), and goods lists named by the policy (each row its own action)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from screener.cli import main
from screener.core.lists.custom import import_custom
from screener.core.lists.importing import ImportStatus
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.resources import ReferenceDataError
from screener.core.rules.policy import PolicyError, load_policy
from screener.core.rules.verdict import assess_line
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.orderlines import line, party

WATCH = (
    "name,aliases,type,country,identifiers,reason,blocking,id\n"
    'Nordwind Handels GmbH,Nordwind Trading; NWH GmbH,organization,DE,"VAT: DE123456789",'
    "Diverted CHPL goods to RU in 2025 (internal case 17),yes,W-1\n"
    "Blue Lagoon Shipping Ltd,,vessel,PA,IMO: 9123456,Customer's blacklist,no,W-2\n"
)


Party = party
Line = line


def _write(tmp_path: Path, text: str, name: str = "watch.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_list_is_a_versioned_list_and_its_blocking_rows_block(
    home: Path, tmp_path: Path
) -> None:
    store = Store.open(home)
    path = _write(tmp_path, WATCH)
    first = import_custom(store, path, source="internal", title="Internal watch list")
    assert first.status is ImportStatus.IMPORTED, first.error
    assert first.version is not None
    assert (first.version.source, first.version.entries) == ("custom_internal", 2)
    again = import_custom(store, path, source="internal", title="Internal watch list")
    assert again.status is ImportStatus.UNCHANGED
    lines = [
        Line(2, (Party("buyer", "Nordwind Handels GmbH", "DE"),)),
        Line(3, (Party("consignee", "Blue Lagoon Shipping Ltd", "PA"),)),
        Line(4, (Party("buyer", "Tokyo Precision KK", "JP"),)),
    ]
    summary = run_screening(screen_lines(store, lines, source=Source("o.xlsx", "0" * 64)))
    got = {line.row: line for line in runs.iter_lines(store, summary.run_id)}
    assert got[2].verdict == "block"
    assert any("custom list 'Internal watch list'" in r for r in got[2].reasons)
    assert got[3].verdict == "review"  # listed, but the row says blocking: no
    assert got[4].verdict == "clear"
    path.write_text(WATCH + "Ost Logistik OOO,,organization,RU,,,yes,W-3\n", encoding="utf-8")
    changed = import_custom(store, path, source="internal", title="Internal watch list")
    assert changed.status is ImportStatus.IMPORTED
    assert changed.version is not None
    assert changed.version.entries == 3


def test_custom_list_related_parties_and_ownership_shares(home: Path, tmp_path: Path) -> None:
    store = Store.open(home)
    text = (
        "name,blocking,related\n"
        "Nordwind Handels GmbH,yes,owned: Baltic Components GmbH (60%); parent company: Nordwind"
        " Holding AG\n"
    )
    outcome = import_custom(store, _write(tmp_path, text), source="internal", title="Watch")
    assert outcome.status is ImportStatus.IMPORTED, outcome.error
    lines = [
        Line(2, (Party("buyer", "Baltic Components GmbH", "DE"),)),
        Line(3, (Party("buyer", "Nordwind Holding AG", "CH"),)),
    ]
    summary = run_screening(screen_lines(store, lines, source=Source("o.xlsx", "0" * 64)))
    got = {line.row: line for line in runs.iter_lines(store, summary.run_id)}
    assert got[2].verdict == "block"  # 60% owned by a blocking row of the company's own list
    assert any("owned 60% by 'Nordwind Handels GmbH'" in r for r in got[2].reasons)
    assert got[3].verdict == "review"
    assert any(
        "parent company of the listed entity 'Nordwind Handels GmbH'" in r for r in got[3].reasons
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,related\nAcme,boss: X\n", "row 2, column related: 'boss: X'"),
        ("name,blocking\n,yes\n", "row 2, column name: empty"),
        ("name,blocking\nAcme,maybe\n", "row 2, column blocking: 'maybe'"),
        ("name,type\nAcme,robot\n", "row 2, column type: 'robot'"),
        ("name,identifiers\nAcme,9123456\n", "row 2, column identifiers"),
        ("name,colour\nAcme,red\n", "unknown column(s) colour"),
        ("nom\nAcme\n", "no 'name' column"),
        ("name,id\nAcme,A\nBeta,A\n", "row 3, column id: 'A' is used twice"),
        ("name\n", "no parties"),
    ],
)
def test_a_malformed_custom_list_is_refused_naming_row_and_column(
    home: Path, tmp_path: Path, text: str, message: str
) -> None:
    outcome = import_custom(Store.open(home), _write(tmp_path, text), source="x", title="X")
    assert outcome.status is ImportStatus.FAILED
    assert message in (outcome.error or "")


def test_cli_imports_a_custom_list(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "name;country;blocking\nNordwind Handels GmbH;DE;ja\n")
    old = time.time() - 400 * 86400
    os.utime(path, (old, old))  # a list kept since last year: its date is the file's
    args = ["--home", str(home), "lists", "import", "--custom", str(path), "--source", "internal"]
    assert main([*args, "--title", "Internal watch list"]) == 0
    assert "custom_internal" in capsys.readouterr().out
    assert main(["--home", str(home), "lists", "status"]) == 0
    assert "warning" not in capsys.readouterr().out  # no "download a current copy" for it
    assert main(args) == 2  # no --title
    assert "--title" in capsys.readouterr().err
    assert main([*args[:-2], "--source", "OFAC SDN", "--title", "t"]) == 1  # not a key


def test_a_truncated_custom_list_is_held_until_accepted(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"Watched Party {n} GmbH;DE;ja\n" for n in range(10))
    full = _write(tmp_path, "name;country;blocking\n" + rows)
    store = Store.open(home)
    assert import_custom(store, full, source="internal", title="Watch").status is (
        ImportStatus.IMPORTED
    )
    # A half-finished export: three of ten parties. Screening must keep using all ten.
    cut = _write(tmp_path, "name;country;blocking\n" + rows[: rows.index("Watched Party 3")])
    held = import_custom(store, cut, source="internal", title="Watch")
    assert held.status is ImportStatus.HELD
    assert "3 entries, under half the 10" in held.note
    [current] = [v for v in store.current_versions() if v.source == "custom_internal"]
    assert current.entries == 10
    args = ["--home", str(home), "lists", "import", "--custom", str(cut), "--source", "internal"]
    assert main([*args, "--title", "Watch"]) == 1  # still held, and said so
    assert "lists import --accept" in capsys.readouterr().out
    assert main([*args, "--title", "Watch", "--accept"]) == 0
    [current] = [v for v in Store.open(home).current_versions() if v.source == "custom_internal"]
    assert current.entries == 3


GOODS = (
    "code,regime,citation,action,countries,description\n"
    "8471 30,Reg. (EU) 833/2014 Annex VII,Annex VII Part A (extract of 2026-10-01),"
    "block,RU;BY,laptops\n"
    "5A002,Internal control list,Compliance manual 4.2,review,,encryption items\n"
)


def test_policy_goods_list_rows_apply_with_their_own_action(tmp_path: Path) -> None:
    _write(tmp_path, GOODS, "annex_vii.csv")
    policy_file = _write(
        tmp_path,
        '[policy]\nversion = "ours-1"\n[goods]\ncustom_lists = ["annex_vii.csv"]\n',
        "p.toml",
    )
    policy = load_policy(policy_file)
    to_ru = assess_line(hs="8471.30.00", destination="RU", policy=policy)
    assert to_ru.outcome == "block"
    assert any(
        "HS 8471.30.00 is on the goods list 'annex_vii.csv' (Reg. (EU) 833/2014 Annex VII: laptops)"
        " for destination RU" in r
        for r in to_ru.reasons
    )
    assert assess_line(hs="8471.30.00", destination="DE", policy=policy).outcome == "clear"
    crypto = assess_line(hs="8471.30", eccn="5A002.a.1", destination="DE", policy=policy)
    assert any(f.code == "custom_goods" and f.severity == "review" for f in crypto.findings)
    before = policy.sha256
    _write(tmp_path, GOODS.replace("block,RU", "review,RU"), "annex_vii.csv")
    assert load_policy(policy_file).sha256 != before  # the list's text is part of the policy


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("8471,R,C,stop,,", "column action: 'stop'"),
        ("84X1,R,C,block,,", "neither an HS prefix nor an ECCN"),
        ("8471,R,C,block,Russia,", "ISO alpha-2"),
    ],
)
def test_a_bad_goods_list_row_is_named(tmp_path: Path, row: str, message: str) -> None:
    _write(tmp_path, "code,regime,citation,action,countries,description\n" + row + "\n", "g.csv")
    p = _write(tmp_path, '[policy]\nversion = "v"\n[goods]\ncustom_lists = ["g.csv"]\n', "p.toml")
    with pytest.raises(ReferenceDataError) as info:
        load_policy(p)
    assert "row 2" in str(info.value)
    assert message in str(info.value)


def test_a_missing_goods_list_is_a_policy_error(tmp_path: Path) -> None:
    p = _write(
        tmp_path, '[policy]\nversion = "v"\n[goods]\ncustom_lists = ["nope.csv"]\n', "p.toml"
    )
    with pytest.raises(PolicyError, match=r"nope\.csv"):
        load_policy(p)
