"""Fixtures shared by the unit and integration tests: the sample report and scratch warehouses."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse.db import connect, ensure_schema

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW = REPO_ROOT / "raw"
SAMPLE_REPORT = SAMPLE_RAW / "lai-chau" / "2023-12" / "bao-cao.txt"


@pytest.fixture(scope="session")
def sample_raw() -> Path:
    """The repository's raw/ folder; copy it before adding files."""
    return SAMPLE_RAW


@pytest.fixture
def sample_report() -> Path:
    """The real Lai Châu report for December 2023, as received."""
    return SAMPLE_REPORT


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A scratch copy of the repository's raw/ folder that a test may add files to."""
    return Path(shutil.copytree(SAMPLE_RAW, tmp_path / "raw"))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A scratch DuckDB file with the audit and staging tables."""
    with connect(tmp_path / "warehouse" / "agristat.duckdb") as con:
        ensure_schema(con)
        yield con
