"""SQL written once (SQLite spelling) and translated for PostgreSQL.

Feature code and migrations write portable SQLite-flavoured SQL: `?` placeholders, plain
`CREATE TABLE` with `INTEGER PRIMARY KEY` ids, TEXT/REAL/INTEGER columns. The few places where
the two databases differ are translated here, so one schema and one migration history serve
both backends:

- `?` becomes `%s` (and a literal `%` becomes `%%`), never inside quoted text;
- `x IS ?` becomes `x IS NOT DISTINCT FROM %s` (PostgreSQL's null-safe comparison);
- `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case, PostgreSQL's does not);
- in DDL, INTEGER becomes BIGINT and REAL becomes DOUBLE PRECISION (PostgreSQL's REAL is only
  single precision); an `INTEGER PRIMARY KEY` keeps SQLite's "next id is max + 1" through a
  trigger (see `postgres.py`), so ids have no gaps and the audit chain's `seq` stays contiguous.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?\?", re.IGNORECASE)
_LIKE = re.compile(r"(?<![A-Za-z_])LIKE\b", re.IGNORECASE)
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_ROWID_PK = re.compile(r"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.IGNORECASE)
_TYPES = (
    (re.compile(r"\bINTEGER\b", re.IGNORECASE), "BIGINT"),
    (re.compile(r"\bREAL\b", re.IGNORECASE), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.IGNORECASE), "BYTEA"),
)


def _split_quoted(sql: str) -> list[tuple[bool, str]]:
    """(is_quoted, text) pieces: '...' literals, "..." identifiers and -- comments are quoted."""
    pieces: list[tuple[bool, str]] = []
    i = start = 0
    n = len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            pieces.append((False, sql[start:i]))
            j = i + 1
            while j < n:
                if sql[j] == ch:
                    if j + 1 < n and sql[j + 1] == ch:  # doubled quote inside the literal
                        j += 2
                        continue
                    break
                j += 1
            pieces.append((True, sql[i : j + 1]))
            i = start = j + 1
            continue
        if ch == "-" and sql.startswith("--", i):
            pieces.append((False, sql[start:i]))
            j = sql.find("\n", i)
            j = n if j < 0 else j
            pieces.append((True, sql[i:j]))
            i = start = j
            continue
        i += 1
    pieces.append((False, sql[start:]))
    return [p for p in pieces if p[1]]


@functools.lru_cache(maxsize=512)  # the same few statements, many times over
def to_postgres(sql: str, *, with_params: bool) -> str:
    """A statement in SQLite spelling, as PostgreSQL (psycopg) wants it."""
    out = []
    for quoted, text in _split_quoted(sql):
        if quoted:
            if text.startswith("--"):
                continue  # a comment could hold a "?" or "%": drop it
            out.append(text.replace("%", "%%") if with_params else text)
            continue
        text = _IS_PARAM.sub(
            lambda m: "IS DISTINCT FROM ?" if m.group(1) else "IS NOT DISTINCT FROM ?", text
        )
        text = _LIKE.sub("ILIKE", text)
        if with_params:
            text = text.replace("%", "%%").replace("?", "%s")
        out.append(text)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Ddl:
    sql: str
    table: str | None  # the table a CREATE TABLE creates
    rowid_column: str | None  # its INTEGER PRIMARY KEY column, if any


def ddl_to_postgres(sql: str) -> Ddl:
    """A CREATE TABLE / ALTER TABLE / CREATE INDEX statement translated for PostgreSQL."""
    created = _CREATE_TABLE.match(sql)
    rowid = _ROWID_PK.search(sql) if created else None
    out = []
    for quoted, text in _split_quoted(sql):
        if quoted:
            if not text.startswith("--"):
                out.append(text)
            continue
        if rowid is not None:
            text = _ROWID_PK.sub(lambda m: f"{m.group(1)} BIGINT PRIMARY KEY", text)
        for pattern, replacement in _TYPES:
            text = pattern.sub(replacement, text)
        out.append(text)
    return Ddl(
        "".join(out),
        created.group(1) if created else None,
        rowid.group(1) if rowid else None,
    )


def is_ddl(sql: str) -> bool:
    head = sql.lstrip().split(None, 3)
    if not head:
        return False
    first = head[0].upper()
    second = head[1].upper() if len(head) > 1 else ""
    if first == "CREATE" and second == "UNIQUE":
        second = head[2].upper() if len(head) > 2 else ""
    return (first, second) in {("CREATE", "TABLE"), ("ALTER", "TABLE"), ("CREATE", "INDEX")}
