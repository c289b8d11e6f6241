"""Anchors outside the database, so truncating or rewriting the whole chain is found.

A hash chain inside one file cannot catch someone who deletes its last records or recomputes
every link after an edit. Three anchors can:

- a checkpoint file: after every write that extends the chain (a run's batch, a decision, an
  import) a line `{"db", "seq", "head", "at"}` is appended to
  `<checkpoint folder>/<database id>.jsonl` (folder: `SCREENER_CHECKPOINT_DIR`, e.g. a share
  or WORM folder; default `checkpoints/` beside the database); `verify` checks every line;
- `audit verify --expect HEAD[:COUNT]`: a head kept elsewhere (printed by verify, pinned in
  each report) must be in the chain, at position COUNT when given;
- `audit verify --report REPORT.xlsx`: the head a report pinned must be in the chain.

With `SCREENER_CHECKPOINT_SIGN=1` each checkpoint also carries an HMAC-SHA256 under a key kept in
the OS keyring (created on first use), so someone who rewrites the chain cannot also rewrite the
checkpoint file to match without that key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHECKPOINT_DIR_ENV = "SCREENER_CHECKPOINT_DIR"
SIGN_ENV = "SCREENER_CHECKPOINT_SIGN"
KEYRING_SERVICE, KEYRING_USER = "Screener", "checkpoint-hmac-key"
_written: dict[str, int] = {}  # checkpoint file -> last seq appended by this process


def signing_key(*, create: bool) -> bytes | None:
    """The HMAC key from the OS keyring; None without one (or without a keyring)."""
    try:
        import keyring

        text = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
        if text is None and create:
            text = secrets.token_hex(32)
            keyring.set_password(KEYRING_SERVICE, KEYRING_USER, text)
    except Exception as exc:  # no keyring backend (headless Linux), locked keychain ...
        log.warning("checkpoint signing key unavailable: %s", exc)
        return None
    return bytes.fromhex(text) if text else None


def _mac(key: bytes, data: dict[str, Any]) -> str:
    message = f"{data['db']}|{data['seq']}|{data['head']}|{data['at']}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def checkpoint_file(store: Any) -> Path | None:
    """Where this database's checkpoints go (None for an in-memory store). A team database's
    go to each workstation that writes to it: every officer's computer then holds anchors of
    the shared chain, which whoever runs the server cannot rewrite."""
    home = getattr(store, "home", None)
    if home is None:
        return None
    from screener.core.record.chain.list_chain import database_id

    ident = database_id(store.db) or "unknown"
    folder = os.environ.get(CHECKPOINT_DIR_ENV)
    base = Path(folder).expanduser() if folder else Path(home) / "checkpoints"
    return base / f"{ident}.jsonl"


def after_commit(store: Any) -> None:
    """Append (seq, head, time) when the chain grew; never fails the write it follows."""
    try:
        path = checkpoint_file(store)
        if path is None:
            return
        row = store.db.conn.execute(
            "SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if row is None or _written.get(str(path)) == row[0]:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        entry: dict[str, Any] = {
            "db": path.stem,
            "seq": int(row[0]),
            "head": row[1],
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        key = signing_key(create=True) if os.environ.get(SIGN_ENV) == "1" else None
        if key is not None:
            entry["mac"] = _mac(key, entry)
        line = json.dumps(entry)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)
        _written[str(path)] = int(row[0])
    except Exception as exc:  # the record is committed; a missing checkpoint is said, not fatal
        log.warning("could not append the audit checkpoint: %s", exc)


@dataclass(frozen=True, slots=True)
class Anchor:
    head: str
    seq: int | None  # the chain position it was taken at, when known
    what: str  # "checkpoint of 2026-12-01T09:00:00", "expected head", "report x.xlsx"


def problems(db: Any, anchors: list[Anchor]) -> list[str]:
    """What each anchor says about the chain now."""
    found = []
    for anchor in anchors:
        if anchor.seq is not None:
            row = db.execute("SELECT hash FROM audit_chain WHERE seq = ?", [anchor.seq]).fetchone()
            if row is None:
                found.append(
                    f"{anchor.what}: chain #{anchor.seq} is gone: records up to it were removed"
                    " (the chain was truncated)"
                )
            elif row[0] != anchor.head:
                found.append(
                    f"{anchor.what}: chain #{anchor.seq} was {anchor.head[:16]}…, now"
                    f" {row[0][:16]}…: the chain was rewritten"
                )
            continue
        row = db.execute("SELECT seq FROM audit_chain WHERE hash = ?", [anchor.head]).fetchone()
        if row is None:
            found.append(
                f"{anchor.what}: head {anchor.head[:16]}… is not in the chain: the chain was"
                " rewritten or truncated"
            )
    return found


def checkpoints(store: Any) -> tuple[list[Anchor], list[str]]:
    """Every checkpoint of this database, and lines that are not sound checkpoints."""
    path = checkpoint_file(store)
    if path is None or not path.exists():
        return [], []
    anchors, bad = [], []
    key: bytes | None = None
    signed_seen = False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                data = json.loads(line)
                anchor = Anchor(str(data["head"]), int(data["seq"]), f"checkpoint of {data['at']}")
            except (ValueError, KeyError, TypeError):
                bad.append(f"{where}: not a checkpoint (the file was edited)")
                continue
            if "mac" in data:
                signed_seen = True
                key = key or signing_key(create=False)
                if key is not None and not hmac.compare_digest(str(data["mac"]), _mac(key, data)):
                    bad.append(f"{where}: signature does not match (the checkpoint was forged)")
                    continue
            elif signed_seen:
                bad.append(f"{where}: unsigned after signed checkpoints (the file was edited)")
            anchors.append(anchor)
    return anchors, bad


def check_checkpoints(store: Any) -> list[str]:
    anchors, bad = checkpoints(store)
    return bad + problems(store.db.conn, anchors)


def parse_expect(text: str) -> Anchor:
    """HEAD or HEAD:COUNT, as `audit verify` prints them."""
    head, _, count = text.strip().partition(":")
    if len(head) != 64 or any(c not in "0123456789abcdef" for c in head.lower()):
        raise ValueError(f"{text!r}: expected a 64-hex-digit chain head, optionally :COUNT")
    if count and not count.isdigit():
        raise ValueError(f"{text!r}: COUNT after the colon must be a whole number")
    return Anchor(head.lower(), int(count) if count else None, "expected head")


def report_anchor(path: Path) -> Anchor:
    """The chain head an Excel audit report pinned (its Summary sheet)."""
    from openpyxl import load_workbook

    from screener.core.errors import ScreenerError

    try:
        wb = load_workbook(path, read_only=True)
    except Exception as exc:  # not a workbook, damaged, missing
        raise ScreenerError(f"{path}: cannot read the report ({exc})") from exc
    head, seq = None, None
    try:
        for row in wb.worksheets[0].iter_rows(max_col=2, values_only=True):
            if row and row[0] == "Audit chain head" and isinstance(row[1], str):
                head = row[1]
            elif row and row[0] == "Audit chain records" and isinstance(row[1], int | float):
                seq = int(row[1])
    finally:
        wb.close()
    if head is not None:
        return Anchor(head, seq or None, f"report {path.name}")
    raise ScreenerError(f"{path}: no 'Audit chain head' in the report; is it a Screener report?")
