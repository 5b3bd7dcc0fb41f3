"""Time series of every figure for analysts: long (CSV, Parquet), wide per domain, and SDMX-CSV.

Read from the published snapshot's newest figures; sorted, with no run timestamps inside, so the
same warehouse always gives the same bytes. DuckDB writes the files (COPY): ten years of figures
are half a million rows, which pandas took seconds to format on every run.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.exports.files import write_atomic
from pipelines.warehouse.db import sql_string

LONG_COLUMNS = (
    "period", "province_code", "area_code", "scope", "table", "category", "measure", "value", "unit",
    "status", "submission_id",
)  # fmt: skip
# SDMX observation status: E estimated, P provisional; A is a normal (official or reported) value.
OBS_STATUS = {"estimate": "E", "preliminary": "P", "official": "A", "reported": "A"}

# One row per figure: the fact table it lands in (dim_indicators), its category with programme,
# project, year and stars, its scope and its measure. Where two reports state the same figure
# (annual 2025 in the December and the January report), the later report's, as in the facts.
LONG_SQL = """
select f.period, f.province_code, f.area_code, f.scope, i.fact_table as "table",
       concat_ws('/', f.category, f.program, f.project, cast(f.ref_year as varchar),
                 case when f.stars is not null then f.stars || '_sao' end) as category,
       f.indicator as measure, f.value, f.unit, f.status, f.submission_id
from intermediate.int_figures__latest as f
join marts.dim_indicators as i on i.indicator = f.indicator
qualify dense_rank() over (
    partition by f.period, f.province_code, f.area_code, f.scope, f.indicator, f.category, f.program,
                 f.project, f.ref_year, f.stars
    order by f.report_period desc
) = 1
order by all
"""


def sdmx_sql(long: str) -> str:
    """SDMX-CSV of the long series `long`: dataflow, dimensions, TIME_PERIOD, OBS_VALUE and
    OBS_STATUS flags (E, P, A)."""
    flags = " ".join(f"when {sql_string(k)} then {sql_string(v)}" for k, v in OBS_STATUS.items())
    return f"""
        select 'AGRISTAT:MONTHLY_REPORTS(1.0)' as DATAFLOW, 'M' as FREQ, area_code as REF_AREA,
               measure as INDICATOR, category as CATEGORY, upper(scope) as SCOPE,
               strftime(period, '%Y-%m') as TIME_PERIOD,
               value as OBS_VALUE, unit as UNIT_MEASURE, case status {flags} end as OBS_STATUS
        from {long}
    """


def wide_sql(long: str, table: str) -> str:
    """Per table, one row per period, area and scope, a column per measure and category."""
    return f"""
        with cells as (
            select period, province_code, area_code, scope, measure || '__' || category as "column", value
            from {long}
            where "table" = {sql_string(table)}
        ),

        wide as (
            pivot cells on "column" using first(value) group by period, province_code, area_code, scope
        )

        select * from wide order by period, province_code, area_code, scope
    """


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path, options: str) -> Path:
    return write_atomic(path, lambda tmp: con.execute(f"copy ({sql}) to {sql_string(str(tmp))} ({options})"))


def write_series(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """All the series files under `folder`, each written atomically."""
    con.register("series_long", con.execute(LONG_SQL).to_arrow_table())
    try:
        csv = "format csv, header"
        written = [
            _copy(con, "select * from series_long", folder / "series_long.csv", csv),
            _copy(con, "select * from series_long", folder / "series_long.parquet", "format parquet"),
            _copy(con, sdmx_sql("series_long"), folder / "series_sdmx.csv", csv),
        ]
        tables = [t for (t,) in con.execute('select distinct "table" from series_long order by 1').fetchall()]
        for table in tables:
            written.append(_copy(con, wide_sql("series_long", table), folder / "wide" / f"{table}.csv", csv))
    finally:
        con.unregister("series_long")
    return written
