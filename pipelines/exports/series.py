"""Time series exported as CSV for people who do not query the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines.exports.files import write_atomic

LIVESTOCK_HERD_COLUMNS = (
    "period",
    "province_code",
    "area_code",
    "scope",
    "species",
    "head_count",
    "status",
    "submission_id",
)


def livestock_herd_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Herd sizes by month, area and species, oldest first."""
    return con.execute(
        f"""
        select {", ".join(LIVESTOCK_HERD_COLUMNS)}
        from marts.fct_livestock_herds
        order by period, province_code, area_code, scope, species
        """
    ).df()


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> Path:
    """Write a CSV under a temporary name and rename it, so a reader never sees half a file."""
    return write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False, date_format="%Y-%m-%d"))
