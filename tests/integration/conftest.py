"""One warehouse built by the real `agristat build` (Dagster, dbt, DuckDB) for all integration tests."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

AGRISTAT = str(Path(sys.executable).with_name("agristat"))


Agristat = Callable[..., subprocess.CompletedProcess[str]]


def _agristat(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AGRISTAT_", "DAGSTER_"))}
    return subprocess.run([AGRISTAT, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


@pytest.fixture(scope="session")
def agristat() -> Agristat:
    """Runs the installed `agristat` command as a user would, without the caller's settings."""
    return _agristat


@dataclass(frozen=True)
class Build:
    raw: Path
    warehouse: Path
    process: subprocess.CompletedProcess[str]

    @property
    def snapshot(self) -> Path:
        return self.warehouse / "published" / "agristat.duckdb"

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with duckdb.connect(str(self.snapshot), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, sample_raw: Path, agristat: Agristat) -> Build:
    """December 2023 from a copy of raw/, plus a newer version with the wrong month and a file
    in a folder that is no province: both must be rejected while the real report loads."""
    root = tmp_path_factory.mktemp("build")
    raw = Path(shutil.copytree(sample_raw, root / "raw"))
    report = raw / "lai-chau" / "2023-12" / "bao-cao.txt"
    text = report.read_text(encoding="utf-8")
    (report.parent / "z-sua-doi.txt").write_text(text.replace("tháng 12 năm 2023", "tháng 11 năm 2023"))
    (raw / "atlantis" / "2023-12").mkdir(parents=True)
    (raw / "atlantis" / "2023-12" / "report.txt").write_text(text, encoding="utf-8")
    warehouse = root / "warehouse"
    process = agristat("build", "--raw", str(raw), "--warehouse", str(warehouse))
    assert process.returncode == 0, process.stdout + process.stderr
    return Build(raw, warehouse, process)
