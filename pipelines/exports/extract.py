"""The statistics office extract: chosen tables and months as one bundle of files.

A bundle holds the data files, a data dictionary (every column, and every code with its unit and
Vietnamese and English labels), the failed checks of those months, and manifest.json with each
file's row count and SHA-256. Table names from the command line are checked against the warehouse's
catalogue and every value is bound, never formatted into SQL. The data files carry no timestamps,
so one warehouse always gives byte-identical files; only the manifest says when it was made.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.exports.files import write_bytes_atomic, write_text_atomic
from pipelines.parsing.areas import province_by_slug

FORMATS = ("csv", "parquet", "xlsx")
_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


class ExtractError(ValueError):
    """A request the warehouse cannot answer: says what was asked and what is available."""


@dataclass(frozen=True)
class ExtractRequest:
    first_month: date
    last_month: date
    province_slug: str | None
    tables: tuple[str, ...] | None
    file_format: str


def fact_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The fact tables the published snapshot holds: the catalogue table names are checked against."""
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_schema = 'marts' and table_type = 'BASE TABLE' and starts_with(table_name, 'fct_')"
        " order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def _checked_tables(con: duckdb.DuckDBPyConnection, wanted: tuple[str, ...] | None) -> list[str]:
    available = fact_tables(con)
    if wanted is None:
        return available
    names = [name if name.startswith("fct_") else f"fct_{name}" for name in wanted]
    unknown = [name for name in names if name not in available]
    if unknown:
        raise ExtractError(
            f"unknown table(s) {', '.join(unknown)} (expected some of: {', '.join(available)})"
        )
    return names


def _month_end(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).df()


def _table_rows(con: duckdb.DuckDBPyConnection, table: str, request: ExtractRequest, province: str | None):
    # `table` is one of fact_tables(): a checked identifier, not user text.
    sql = f"select * from marts.{table} where period >= ? and period < ?"
    params: list = [request.first_month, _month_end(request.last_month)]
    if province:
        sql += " and province_code = ?"
        params.append(province)
    return _frame(con, sql + " order by all", params)


def data_dictionary(con: duckdb.DuckDBPyConnection, tables: list[str]) -> pd.DataFrame:
    """Every column of the extracted tables, then every code with its unit and labels."""
    columns = _frame(
        con,
        "select 'column' as kind, table_name as \"table\", column_name as code, data_type as unit,"
        " '' as label_vi, '' as label_en, coalesce(comment, '') as description"
        " from duckdb_columns() where schema_name = 'marts' and list_contains(?, table_name)"
        " order by table_name, column_index",
        [tables],
    )
    codes = _frame(
        con,
        """
        select 'indicator' as kind, domain as "table", indicator as code, unit, label_vi, label_en,
               definition as description from main.indicators
        union all
        select 'category', dimension, category, '', label_vi, label_en, '' from main.categories
        union all
        select 'unit', '', unit, unit, label_vi, label_en, '' from main.units
        union all
        select 'program', program, project, '', label_vi, label_en, coalesce(parent_project, '')
        from main.programs
        union all
        select 'area', coalesce(cast(parent_code as varchar), ''), cast(code as varchar), level, name, kind,
               province_slug
        from main.areas
        order by 1, 2, 3
        """,
        [],
    )
    return pd.concat([columns, codes], ignore_index=True)


def failed_checks(
    con: duckdb.DuckDBPyConnection, request: ExtractRequest, province: str | None
) -> pd.DataFrame:
    exists = con.execute(
        "select count(*) from information_schema.tables"
        " where table_schema = 'audit' and table_name = 'check_results'"
    ).fetchone()[0]
    columns = ["period", "province_code", "submission_id", "check_name", "severity", "passed", "details"]
    if not exists:
        return pd.DataFrame(columns=columns)
    sql = (
        f"select {', '.join(columns)} from audit.check_results"
        " where not passed and period >= ? and period < ? and (? is null or province_code = ?) order by all"
    )
    return _frame(con, sql, [request.first_month, _month_end(request.last_month), province, province])


def _encode(frame: pd.DataFrame, file_format: str, sheet: str) -> bytes:
    """The frame as file bytes; xlsx has its zip and document times fixed so bytes repeat."""
    buffer = io.BytesIO()
    if file_format == "csv":
        return frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")
    if file_format == "parquet":
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    frame.to_excel(buffer, index=False, sheet_name=sheet[:31])
    return _fixed_times(buffer.getvalue())


def _fixed_times(xlsx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def write_extract(con: duckdb.DuckDBPyConnection, request: ExtractRequest, out_dir: Path) -> dict:
    """Write the bundle into `out_dir`; returns the manifest (also written as manifest.json)."""
    if request.file_format not in FORMATS:
        raise ExtractError(f"unknown format '{request.file_format}' (expected one of {', '.join(FORMATS)})")
    if request.last_month < request.first_month:
        raise ExtractError(f"--to {request.last_month:%Y-%m} is before --from {request.first_month:%Y-%m}")
    province = None
    if request.province_slug:
        found = province_by_slug(request.province_slug)
        if not found:
            raise ExtractError(
                f"unknown province '{request.province_slug}' (expected a slug such as lai-chau)"
            )
        province = found.code
    tables = _checked_tables(con, request.tables)
    frames = {table: _table_rows(con, table, request, province) for table in tables}
    frames["data_dictionary"] = data_dictionary(con, tables)
    frames["failed_checks"] = failed_checks(con, request, province)
    files = []
    for name, frame in frames.items():
        data = _encode(frame, request.file_format, name)
        path = write_bytes_atomic(out_dir / f"{name}.{request.file_format}", data)
        files.append({"file": path.name, "rows": len(frame), "sha256": hashlib.sha256(data).hexdigest()})
    manifest = {
        "from": f"{request.first_month:%Y-%m}",
        "to": f"{request.last_month:%Y-%m}",
        "province": request.province_slug,
        "format": request.file_format,
        "files": files,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_text_atomic(out_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest
