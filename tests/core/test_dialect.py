"""SQLite spelling translated for PostgreSQL: placeholders, null-safe IS, LIKE, DDL types."""

from __future__ import annotations

from screener.core.record.database import dialect


def test_placeholders_become_psycopg_ones_but_not_inside_quoted_text() -> None:
    sql = "SELECT * FROM t WHERE a = ? AND b = '?' AND c LIKE ? ESCAPE '\\' AND d = \"?\""
    assert dialect.to_postgres(sql, with_params=True) == (
        "SELECT * FROM t WHERE a = %s AND b = '?' AND c ILIKE %s ESCAPE '\\' AND d = \"?\""
    )


def test_percent_is_escaped_only_when_parameters_are_sent() -> None:
    assert dialect.to_postgres("SELECT '5%' || ?", with_params=True) == "SELECT '5%%' || %s"
    assert dialect.to_postgres("SELECT '5%'", with_params=False) == "SELECT '5%'"


def test_null_safe_comparison_and_doubled_quotes() -> None:
    sql = "SELECT 'it''s ?' WHERE hit_id IS ? AND x IS NOT ? AND y IS NULL"
    assert dialect.to_postgres(sql, with_params=True) == (
        "SELECT 'it''s ?' WHERE hit_id IS NOT DISTINCT FROM %s"
        " AND x IS DISTINCT FROM %s AND y IS NULL"
    )


def test_comments_are_dropped_so_their_question_marks_do_not_count() -> None:
    sql = "SELECT a -- why? 50%\nFROM t WHERE b = ?"
    assert dialect.to_postgres(sql, with_params=True) == "SELECT a \nFROM t WHERE b = %s"


def test_create_table_types_and_the_rowid_column() -> None:
    ddl = dialect.ddl_to_postgres(
        "CREATE TABLE hits (\n id INTEGER PRIMARY KEY,\n score REAL NOT NULL, -- 0..1\n"
        " n INTEGER, note TEXT DEFAULT 'INTEGER')"
    )
    assert ddl.table == "hits"
    assert ddl.rowid_column == "id"
    assert "id BIGINT PRIMARY KEY" in ddl.sql
    assert "score DOUBLE PRECISION NOT NULL" in ddl.sql
    assert "n BIGINT" in ddl.sql
    assert "'INTEGER'" in ddl.sql  # quoted text untouched
    assert "0..1" not in ddl.sql


def test_what_counts_as_ddl() -> None:
    assert dialect.is_ddl("  create table x (a TEXT)")
    assert dialect.is_ddl("CREATE UNIQUE INDEX i ON x(a)")
    assert dialect.is_ddl("ALTER TABLE x ADD COLUMN b INTEGER")
    assert not dialect.is_ddl("CREATE TRIGGER t BEFORE UPDATE ON x")
    assert not dialect.is_ddl("SELECT 1")
    assert dialect.ddl_to_postgres("ALTER TABLE x ADD COLUMN b INTEGER").sql.endswith("b BIGINT")
