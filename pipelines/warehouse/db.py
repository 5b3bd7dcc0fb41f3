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
create table if not exists staging.figures (
    submission_id varchar not null,
    period date not null,
    province_code varchar not null,
    area_code varchar not null,
    domain varchar not null,
    indicator varchar not null,
    category varchar not null,
    program varchar,
    project varchar,
    ref_year integer,
    stars integer,
    value double not null,
    unit varchar not null,
    status varchar not null,
    qualifier varchar,
    section varchar not null,
    line_start integer not null,
    line_end integer not null,
    source_text varchar not null,
    rule varchar not null
);
create table if not exists staging.unrecognised_numbers (
    submission_id varchar not null,
    period date not null,
    province_code varchar not null,
    line integer not null,
    text varchar not null,
    context varchar not null
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


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the audit and staging tables the Python steps write, if they do not exist yet.

    `audit.check_results` holds one row per check, month and submission (pipelines.warehouse.checks):
    `failures` counts the failing rows, `checked_relation` names the table or model checked.
    """
    con.execute(_DDL)
