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
# The mart each indicator lands in; indicators of one domain share it unless named here.
DOMAIN_TABLES = {
    "livestock": "fct_livestock_herds",
    "crops": "fct_crop_progress",
    "aquaculture": "fct_aquaculture",
    "animal_disease": "fct_animal_disease",
    "hightech": "fct_certifications",
    "processing": "fct_product_processing",
    "forestry": "fct_forest_protection",
    "forest_environment_services": "fct_forest_environment_services",
    "ocop": "fct_ocop_products",
    "cooperatives": "fct_cooperatives",
    "training": "fct_vocational_training",
    "capital": "fct_capital_disbursements",
}
INDICATOR_TABLES = {
    "meat_output": "fct_livestock_output",
    "forest_violation_cases": "fct_forest_violations",
    "forest_violation_damaged_area": "fct_forest_violations",
    "forest_violation_timber": "fct_forest_violations",
    "ocop_products": "fct_ocop_products",
    "ocop_share_owned_by_cooperatives": "fct_ocop_products",
    "farms": "fct_farms",
    "farm_area": "fct_farms",
    "farm_jobs": "fct_farms",
}
# SDMX observation status: E estimated, P provisional; A is a normal (official or reported) value.
OBS_STATUS = {"estimate": "E", "preliminary": "P", "official": "A", "reported": "A"}


def _table_case() -> str:
    by_indicator = " ".join(f"when indicator = '{i}' then '{t}'" for i, t in INDICATOR_TABLES.items())
    by_domain = " ".join(f"when domain = '{d}' then '{t}'" for d, t in DOMAIN_TABLES.items())
    return f"case {by_indicator} {by_domain} else 'fct_' || domain end"


def long_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per figure: its table, its category (with programme, project, year and stars), its measure."""
    return con.execute(
        f"""
        select period, province_code, area_code, {_table_case()} as "table",
               concat_ws('/', category, program, project, cast(ref_year as varchar),
                         case when stars is not null then stars || '_sao' end) as category,
               indicator as measure, value, unit, status, submission_id
        from intermediate.int_figures__latest
        order by period, province_code, area_code, "table", category, measure
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
