"""A build killed (SIGKILL) while dbt replaces a month leaves the published snapshot intact, and the
next build gives fact tables identical to a clean build's."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.integration.conftest import AGRISTAT

TABLES = tuple(
    "fct_livestock_herds fct_forest_violations fct_ocop_products fct_cooperatives fct_capital_disbursements"
    " fct_crop_progress".split()
)


def table_hashes(snapshot: Path) -> dict[str, str]:
    """A hash of each table's sorted rows, without the load-time columns."""
    with duckdb.connect(str(snapshot), read_only=True) as con:
        return {
            table: hashlib.sha256(
                repr(con.execute(f"select * from marts.{table} order by all").fetchall()).encode()
            ).hexdigest()
            for table in TABLES
        }


def _dbt_running(session: int) -> bool:
    """Whether a `dbt build` runs in the build's process session."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if (
                os.getsid(int(pid)) == session
                and b"dbt\x00build" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ):
                return True
        except (ProcessLookupError, PermissionError, FileNotFoundError):
            continue
    return False


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("AGRISTAT_", "DAGSTER_"))}


@pytest.mark.slow
def test_a_killed_build_loses_nothing(built, tmp_path: Path) -> None:
    """Kill a build of the same raw folder again while dbt deletes and inserts its month: the
    snapshot keeps the clean build's tables, and the build after the crash gives them again."""
    warehouse = Path(shutil.copytree(built.warehouse, tmp_path / "warehouse"))
    clean = table_hashes(built.snapshot)
    assert table_hashes(warehouse / "published" / "agristat.duckdb") == clean
    build = [AGRISTAT, "build", "--raw", str(built.raw), "--warehouse", str(warehouse)]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen(build, env=_env(), start_new_session=True, **quiet)
    deadline = time.monotonic() + 300
    while not _dbt_running(process.pid) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    assert process.poll() is None, "the build ended before dbt started"
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    assert table_hashes(warehouse / "published" / "agristat.duckdb") == clean, "the snapshot is intact"

    rerun = subprocess.run(build, env=_env(), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert table_hashes(warehouse / "published" / "agristat.duckdb") == clean
