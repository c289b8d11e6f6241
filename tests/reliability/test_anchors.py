"""Truncation and rewrites of the whole chain are found by the anchors kept outside the
database: the checkpoint file, `audit verify --expect HEAD[:COUNT]` and `--report`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import keyring
import keyring.backend
import pytest

from screener.cli import main as cli_main
from screener.core.record import audit, runs
from screener.core.record.chain import anchors
from screener.core.record.database.store import Store
from screener.core.report.audit_report import write_report
from tests import pgcluster
from tests.reliability import tampering

TRUNCATE, REWRITE = tampering.TAMPERS[-2], tampering.TAMPERS[-1]


def test_without_anchors_the_chain_alone_cannot_see_a_rewrite(home: Path) -> None:
    tampering.seed(home)
    store = Store.open(home)
    path = anchors.checkpoint_file(store)
    store.close()
    assert path is not None
    shutil.rmtree(path.parent)
    tampering.apply(home / "screener.db", REWRITE)
    assert audit.verify(Store.open(home)).ok  # the limit a chain in the same file has


@pytest.mark.parametrize("tamper", [TRUNCATE, REWRITE], ids=["truncate", "rewrite"])
def test_the_checkpoint_file_finds_truncation_and_rewrites(
    home: Path, tamper: tampering.Tamper
) -> None:
    tampering.seed(home)
    tampering.apply(home / "screener.db", tamper)
    report = audit.verify(Store.open(home))
    assert not report.ok
    assert any(tamper.named in p and "checkpoint of" in p for p in report.problems), report


def test_the_checkpoint_folder_is_configurable(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worm = tmp_path / "share"
    monkeypatch.setenv(anchors.CHECKPOINT_DIR_ENV, str(worm))
    tampering.seed(home)
    (log,) = worm.iterdir()
    assert log.suffix == ".jsonl"
    assert len(log.read_text().splitlines()) >= 3  # the import, the run's writes, the decision
    assert not (home / "checkpoints").exists()


@pytest.mark.parametrize("tamper", [TRUNCATE, REWRITE], ids=["truncate", "rewrite"])
def test_expect_head_and_count(
    home: Path, capsys: pytest.CaptureFixture[str], tamper: tampering.Tamper
) -> None:
    tampering.seed(home)
    assert cli_main(["--home", str(home), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    anchor = next(line for line in out.splitlines() if line.startswith("anchor: "))
    expect = anchor.split()[1]
    store = Store.open(home)
    path = anchors.checkpoint_file(store)
    store.close()
    assert path is not None
    shutil.rmtree(path.parent)  # only the head the officer kept is left
    assert cli_main(["--home", str(home), "audit", "verify", "--expect", expect]) == 0
    capsys.readouterr()
    tampering.apply(home / "screener.db", tamper)
    assert cli_main(["--home", str(home), "audit", "verify", "--expect", expect]) == 1
    out = capsys.readouterr().out
    assert "expected head" in out
    assert tamper.named in out


def test_a_report_pins_the_head_it_was_written_at(home: Path, tmp_path: Path) -> None:
    tampering.seed(home)
    store = Store.open(home)
    (run,) = runs.list_runs(store)
    report = tmp_path / "run.xlsx"
    write_report(store, run.id, report)
    path = anchors.checkpoint_file(store)
    store.close()
    assert path is not None
    shutil.rmtree(path.parent)
    assert cli_main(["--home", str(home), "audit", "verify", "--report", str(report)]) == 0
    tampering.apply(home / "screener.db", REWRITE)
    assert cli_main(["--home", str(home), "audit", "verify", "--report", str(report)]) == 1


def test_a_malformed_expect_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--home", str(home), "audit", "verify", "--expect", "abc:1"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "expected a 64-hex-digit chain head" in line


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _forge_checkpoints(home: Path) -> None:
    """A forger who rewrote the chain also rewrites the checkpoint file to match it."""
    store = Store.open(home)
    path = anchors.checkpoint_file(store)
    assert path is not None
    heads = dict(store.db.execute("SELECT seq, hash FROM audit_chain").fetchall())
    store.close()
    lines = []
    for line in path.read_text().splitlines():
        data = json.loads(line)
        data["head"] = heads[data["seq"]]
        lines.append(json.dumps(data))
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_signed_checkpoints_cannot_be_forged_to_match_a_rewrite(
    home: Path, monkeypatch: pytest.MonkeyPatch, signed: bool
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        if signed:
            monkeypatch.setenv(anchors.SIGN_ENV, "1")
        tampering.seed(home)
        store = Store.open(home)
        path = anchors.checkpoint_file(store)
        assert path is not None
        assert all(("mac" in json.loads(ln)) == signed for ln in path.read_text().splitlines())
        assert audit.verify(store).ok
        store.close()
        tampering.apply(home / "screener.db", REWRITE)
        _forge_checkpoints(home)
        report = audit.verify(Store.open(home))
        if signed:
            assert not report.ok
            assert any("signature does not match" in p for p in report.problems)
        else:
            assert report.ok  # without the key outside the file, a careful forger wins
    finally:
        keyring.set_keyring(previous)


def test_a_team_database_truncated_on_the_server_is_caught_by_a_workstation_checkpoint(
    home: Path, pg_cluster: pgcluster.Cluster, team_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", team_db))
    store = Store.open(home)
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name="orders.xlsx", file_sha256="f" * 64, sheet="Orders", mapping={},
            policy_version="1", matcher_version="1", list_version_ids=(),
        ),
    )  # fmt: skip
    runs.finish_run(store, run_id, status="completed", lines=0)
    path = anchors.checkpoint_file(store)
    assert path is not None
    assert path.parent == home / "checkpoints"  # on this officer's computer, not the server
    assert path.exists()
    assert audit.verify(store).ok
    # Whoever runs the server removes the newest record and its chain link: the chain that
    # is left is consistent, so only an anchor outside the server can tell.
    with pg_cluster.superuser(team_db) as conn:
        conn.execute("SET search_path TO screener")
        conn.execute("SET session_replication_role = replica")  # triggers off
        conn.execute("DELETE FROM run_ends WHERE id = (SELECT max(id) FROM run_ends)")
        conn.execute("DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)")
    report = audit.verify(store)
    assert not report.ok
    assert any("checkpoint of" in p and "truncated" in p for p in report.problems), report
    store.close()
