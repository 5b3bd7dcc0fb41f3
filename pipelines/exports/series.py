"""Time series exported as CSV for people who do not query the warehouse."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

LIVESTOCK_HERD_COLUMNS = (
    "period",
    "province_code",
    "area_code",
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
        order by period, province_code, area_code, species
        """
    ).df()


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> Path:
    """Write a CSV under a temporary name and rename it, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            frame.to_csv(stream, index=False, date_format="%Y-%m-%d")
        os.chmod(name, 0o644)  # mkstemp makes it private; the export is for other people
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)
    return path
