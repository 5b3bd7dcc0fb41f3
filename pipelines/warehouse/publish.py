"""The published snapshot: a copy of the working database that analysts open read-only.

It is written to a temporary file next to the target and renamed into place, so a reader sees
either the previous snapshot or the new one, never a half-written file, and the pipeline never
writes a file an analyst may have open. It uses DuckDB's v1.0.0 storage format so that any
DuckDB 1.0+ client can read it, and carries no indexes: DuckDB 1.5 writes an index (a primary
key's too) in a form DuckDB 1.0 cannot read even in that format, and a read-only copy needs none.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from pipelines.warehouse.db import sql_string

SNAPSHOT_STORAGE_VERSION = "v1.0.0"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _drop_indexes(con: duckdb.DuckDBPyConnection, catalog: str) -> None:
    """Drop the indexes of `catalog`, rebuilding each table with a key or unique constraint
    without it (DuckDB cannot drop those constraints); tables with foreign keys go first."""
    for schema, index in con.execute(
        "select schema_name, index_name from duckdb_indexes() where database_name = ?", [catalog]
    ).fetchall():
        con.execute(f"drop index {_identifier(catalog)}.{_identifier(schema)}.{_identifier(index)}")
    tables = con.execute(
        """
        select schema_name, table_name
        from duckdb_constraints()
        where database_name = ? and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
        group by schema_name, table_name
        order by bool_or(constraint_type = 'FOREIGN KEY') desc, schema_name, table_name
        """,
        [catalog],
    ).fetchall()
    for schema, table in tables:
        qualified = f"{_identifier(catalog)}.{_identifier(schema)}"
        copy = _identifier(f"{table}__without_keys")
        con.execute(f"create table {qualified}.{copy} as from {qualified}.{_identifier(table)}")
        con.execute(f"drop table {qualified}.{_identifier(table)}")
        con.execute(f"alter table {qualified}.{copy} rename to {_identifier(table)}")


def publish_snapshot(source: Path, target: Path) -> Path:
    """Copy every schema of the `source` database into a new file atomically moved to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()  # DuckDB creates the file itself; an empty file is not a database
    try:
        # Attached under its own name, so views that name their catalog still resolve in the copy.
        catalog = source.stem
        with duckdb.connect() as con:
            con.execute(f'attach {sql_string(str(source))} as "{catalog}" (read_only)')
            con.execute(
                f"attach {sql_string(str(temporary))} as snapshot"
                f" (storage_version {sql_string(SNAPSHOT_STORAGE_VERSION)})"
            )
            con.execute(f'copy from database "{catalog}" to snapshot')
            _drop_indexes(con, "snapshot")
            con.execute("detach snapshot")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return target
