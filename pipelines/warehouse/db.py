"""Connections to the pipeline's DuckDB file and the tables the Python steps own.

DuckDB allows one writer per file, so every step opens a connection, does its work and
closes it again; nothing holds the file between steps (dbt runs in its own process).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

_DDL = """
create schema if not exists audit;
create schema if not exists staging;
create table if not exists audit.submissions (
    submission_id varchar primary key,
    path varchar not null,
    sha256 varchar not null,
    bytes bigint not null,
    province_code varchar,
    period date not null,
    received_at timestamp not null,
    version integer not null,
    status varchar check (status in ('loaded', 'rejected', 'superseded')),
    error varchar
);
create table if not exists audit.check_results (
    period date not null,
    province_code varchar not null,
    submission_id varchar not null,
    check_name varchar not null,
    severity varchar not null check (severity in ('warn', 'error')),
    passed boolean not null,
    details varchar,
    failures integer not null,
    checked_relation varchar,
    checked_at timestamp not null
);
"""


def sql_string(text: str) -> str:
    """`text` as a DuckDB string literal, for the places that take no parameter (ATTACH, COPY TO)."""
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB file and close it when done, so the single-writer lock is held briefly."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"no DuckDB database at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


# Columns added to the staging tables after their first release, with what the rows loaded
# before them hold: every figure then was a level of the report's month.
_ADDED_COLUMNS = {
    "staging.figures": {
        "scope": ("varchar", "'month'"),
        "figure_period": ("date", "period"),
        "kind": ("varchar", "'level'"),
        "change_base": ("varchar", None),
    },
    "staging.unrecognised_numbers": {"reason": ("varchar", None)},
}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the audit and staging tables the Python steps write, if they do not exist yet.

    `audit.check_results` holds one row per check, month and submission (pipelines.warehouse.checks):
    `failures` counts the failing rows, `checked_relation` names the table or model checked.
    The staging tables' columns come from their dtypes and pandera schemas
    (pipelines.warehouse.schemas); a warehouse made before a column was added gets it, filled
    for the rows already there.
    """
    # Imported here: pandas and pandera take most of a second, and most commands never stage.
    from pipelines.warehouse.schemas import (
        FIGURE_DTYPES,
        FIGURES_SCHEMA,
        UNRECOGNISED_DTYPES,
        UNRECOGNISED_SCHEMA,
        staging_ddl,
    )

    con.execute(_DDL)
    con.execute(staging_ddl("staging.figures", FIGURES_SCHEMA, FIGURE_DTYPES))
    con.execute(staging_ddl("staging.unrecognised_numbers", UNRECOGNISED_SCHEMA, UNRECOGNISED_DTYPES))
    for table, added in _ADDED_COLUMNS.items():
        schema, name = table.split(".")
        present = {
            column
            for (column,) in con.execute(
                "select column_name from information_schema.columns"
                " where table_schema = ? and table_name = ?",
                [schema, name],
            ).fetchall()
        }
        for column, (sql_type, fill) in added.items():
            if column in present:
                continue
            con.execute(f"alter table {table} add column {column} {sql_type}")
            if fill is not None:
                con.execute(f"update {table} set {column} = {fill}")


def drop_incremental_tables_before_scope(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop the dbt tables built before facts had `report_period` and `scope`; the next dbt run
    builds them again from staging, every month (an incremental update of such a table would
    keep its old rows beside the new ones). Returns the tables dropped."""
    rows = con.execute(
        """
        select t.table_schema || '.' || t.table_name
        from information_schema.tables as t
        where t.table_schema in ('marts', 'intermediate') and t.table_type = 'BASE TABLE'
            and (t.table_name like 'fct\\_%' escape '\\' or t.table_name = 'int_figures__latest')
            and not exists (
                select 1 from information_schema.columns as c
                where c.table_schema = t.table_schema and c.table_name = t.table_name
                    and c.column_name = 'report_period'
            )
        """
    ).fetchall()
    for (table,) in rows:
        con.execute(f"drop table {table}")
    return [table for (table,) in rows]
