"""`make bench ARGS=--quick`: the benchmark runs end to end and reports every measure.

Only that the numbers exist and are sane: the timing targets live in the benchmark itself.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.bench import QUICK, REQUIRED_KEYS, TARGETS

pytestmark = pytest.mark.slow


def test_the_quick_benchmark_reports_every_measure(tmp_path: Path) -> None:
    out, work = tmp_path / "results.json", tmp_path / "work"
    process = subprocess.run(
        [sys.executable, "-m", "pipelines.bench", "--quick", "--work", str(work), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    results = json.loads(out.read_text(encoding="utf-8"))

    for key in REQUIRED_KEYS:
        value = results[key]
        assert isinstance(value, int | float) and math.isfinite(value) and value > 0, (key, value)
    assert results["backfill_reports"] == QUICK.provinces * QUICK.months
    assert results["first_reports"] == results["incremental_reports"] == QUICK.provinces
    assert all(results["builds_ok"].values()), results["builds_ok"]
    assert results["dbt_ok"]["run"]
    assert results["trend_query_rows"] > 0
    assert set(results["meets_targets"]) == set(TARGETS)
    assert "staging_figures" in results["backfill_steps_s"]
    for name in ("agristat bench (quick)", "backfill, one run", "trend query, p95"):
        assert name in process.stdout
