"""Time series of every figure for analysts: long (CSV, Parquet), wide per domain, and SDMX-CSV.

Read from the published snapshot's newest figures; sorted, with no run timestamps inside, so the
same warehouse always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines.exports.files import write_atomic

LONG_COLUMNS = (
    "period", "province_code", "area_code", "table", "category", "measure", "value", "unit", "status",
    "submission_id",
)  # fmt: skip
# SDMX observation status: E estimated, P provisional; A is a normal (official or reported) value.
OBS_STATUS = {"estimate": "E", "preliminary": "P", "official": "A", "reported": "A"}


def long_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per figure: the fact table it lands in (dim_indicators), its category with programme,
    project, year and stars, and its measure."""
    return con.execute(
        """
        select f.period, f.province_code, f.area_code, i.fact_table as "table",
               concat_ws('/', f.category, f.program, f.project, cast(f.ref_year as varchar),
                         case when f.stars is not null then f.stars || '_sao' end) as category,
               f.indicator as measure, f.value, f.unit, f.status, f.submission_id
        from intermediate.int_figures__latest as f
        join marts.dim_indicators as i on i.indicator = f.indicator
        order by all
        """
    ).df()


def wide_series(long: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per table, one row per period and area, a column per measure and category."""
    out = {}
    for table, rows in long.groupby("table", sort=True):
        columns = rows["measure"] + "__" + rows["category"]
        wide = rows.assign(column=columns).pivot_table(
            index=["period", "province_code", "area_code"], columns="column", values="value", aggfunc="first"
        )
        out[str(table)] = wide.reset_index().sort_values(["period", "province_code", "area_code"])
    return out


def sdmx_series(long: pd.DataFrame) -> pd.DataFrame:
    """SDMX-CSV: dataflow, dimensions, TIME_PERIOD, OBS_VALUE and OBS_STATUS flags (E, P, A)."""
    return pd.DataFrame(
        {
            "DATAFLOW": "AGRISTAT:MONTHLY_REPORTS(1.0)",
            "FREQ": "M",
            "REF_AREA": long["area_code"],
            "INDICATOR": long["measure"],
            "CATEGORY": long["category"],
            "TIME_PERIOD": pd.to_datetime(long["period"]).dt.strftime("%Y-%m"),
            "OBS_VALUE": long["value"],
            "UNIT_MEASURE": long["unit"],
            "OBS_STATUS": long["status"].map(OBS_STATUS),
        }
    )


def write_series(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """All the series files under `folder`, each written atomically."""
    long = long_series(con)
    written = [
        write_atomic(
            folder / "series_long.csv", lambda tmp: long.to_csv(tmp, index=False, date_format="%Y-%m-%d")
        ),
        write_atomic(folder / "series_long.parquet", lambda tmp: long.to_parquet(tmp, index=False)),
        write_atomic(folder / "series_sdmx.csv", lambda tmp: sdmx_series(long).to_csv(tmp, index=False)),
    ]
    for table, wide in wide_series(long).items():
        path = folder / "wide" / f"{table}.csv"
        written.append(
            write_atomic(path, lambda tmp, w=wide: w.to_csv(tmp, index=False, date_format="%Y-%m-%d"))
        )
    return written
