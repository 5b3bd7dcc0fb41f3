"""Operating the warehouse: a rebuild while analysts read the snapshot, then the reading commands.

One build for the module (builds are the slow part): a copy of the session's warehouse gets a new
month and a corrected December, and `agristat build` runs while two other processes query the
published snapshot. The commands are then run on the result, through typer's test runner.
"""

import json
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import TREND_SOURCES, app

pytestmark = pytest.mark.slow
runner = CliRunner()

# What a reader sees: row count and an order-independent checksum of every row, per table.
STATE_SQL = "select count(*), coalesce(bit_xor(hash(t)), 0) from {table} as t"
TABLES = (
    "audit.submissions",
    "marts.fct_livestock_herds",
    "marts.fct_forest_violations",
    "marts.fct_ocop_products",
    "marts.fct_cooperatives",
    "marts.fct_capital_disbursements",
)

# Queries in a loop until `stop` exists, one JSON line per turn. A "fresh" reader reconnects every
# turn, so it sees each new snapshot; a "held" one keeps its first connection, and with it the
# file it opened. (Two processes: DuckDB shares one open database between a process's connections.)
READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    from pathlib import Path

    mode, snapshot, stop, sql, tables = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], sys.argv[5:]

    def state(con):
        return [list(con.execute(sql.format(table=table)).fetchone()) for table in tables]

    held = duckdb.connect(snapshot, read_only=True) if mode == "held" else None
    while not stop.exists():
        if held:
            print(json.dumps(state(held)), flush=True)
        else:
            with duckdb.connect(snapshot, read_only=True) as fresh:
                print(json.dumps(state(fresh)), flush=True)
        time.sleep(0.05)  # leave the build most of the CPU
    """
)


def _state(snapshot: Path) -> list[list[int]]:
    with duckdb.connect(str(snapshot), read_only=True) as con:
        return [list(con.execute(STATE_SQL.format(table=table)).fetchone()) for table in TABLES]


def _seen(folder: Path, mode: str) -> list:
    return [json.loads(line) for line in (folder / f"{mode}.jsonl").read_text().splitlines()]


@dataclass(frozen=True)
class Ops:
    raw: Path
    warehouse: Path
    build: subprocess.CompletedProcess[str]
    old: list
    new: list
    readers: dict[str, tuple[int, str, list]]

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse / "published" / "agristat.duckdb"), read_only=True) as con:
            return con.execute(sql).fetchall()

    def run(self, *args: str):
        return runner.invoke(app, [*args, "--warehouse", str(self.warehouse)])


@pytest.fixture(scope="module")
def ops(built, agristat, tmp_path_factory: pytest.TempPathFactory) -> Ops:
    """The session's December 2023 warehouse, rebuilt with November and a corrected December
    while a reconnecting reader and a reader holding its connection query the snapshot."""
    root = tmp_path_factory.mktemp("ops")
    raw = Path(shutil.copytree(built.raw, root / "raw"))
    warehouse = Path(shutil.copytree(built.warehouse, root / "warehouse"))
    snapshot = warehouse / "published" / "agristat.duckdb"
    december = raw / "lai-chau" / "2023-12" / "bao-cao.txt"
    text = december.read_text(encoding="utf-8")
    november = raw / "lai-chau" / "2023-11" / "bao-cao.txt"
    november.parent.mkdir()
    november.write_text(text.replace("tháng 12 năm 2023", "tháng 11 năm 2023"), encoding="utf-8")
    corrected = text.replace("353.350 con", "353.360 con").replace("đàn lợn 235.000", "đàn lợn 235.010")
    (december.parent / "zz-dieu-chinh.txt").write_text(corrected, encoding="utf-8")
    old = _state(snapshot)

    stop = root / "stop"
    readers = {}
    for mode in ("fresh", "held"):
        with (root / f"{mode}.jsonl").open("w") as sink:
            readers[mode] = subprocess.Popen(
                [sys.executable, "-c", READER, mode, str(snapshot), str(stop), STATE_SQL, *TABLES],
                stdout=sink,
                stderr=subprocess.PIPE,
                text=True,
            )
    try:
        while any(_seen(root, mode) == [] and reader.poll() is None for mode, reader in readers.items()):
            time.sleep(0.05)
        build = agristat("build", "--raw", str(raw), "--warehouse", str(warehouse))
        time.sleep(1)  # a few more turns after the build
    finally:
        stop.touch()
        errors = {mode: reader.communicate(timeout=60)[1] for mode, reader in readers.items()}
    observed = {
        mode: (reader.returncode, errors[mode], _seen(root, mode)) for mode, reader in readers.items()
    }
    return Ops(raw, warehouse, build, old, _state(snapshot), observed)


@pytest.fixture(autouse=True)
def _own_dagster_instance(monkeypatch):
    """`status` reads the instance under the warehouse, not the caller's DAGSTER_HOME."""
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


def test_a_reader_sees_the_old_or_the_new_snapshot_never_a_mix_and_never_an_error(ops):
    assert ops.build.returncode == 0, ops.build.stdout + ops.build.stderr
    for returncode, errors, _ in ops.readers.values():
        assert returncode == 0, errors
    assert ops.new != ops.old
    _, _, fresh = ops.readers["fresh"]
    assert len(fresh) > 10 and all(state in (ops.old, ops.new) for state in fresh)
    assert fresh[0] == ops.old and fresh[-1] == ops.new
    _, _, held = ops.readers["held"]
    assert len(held) > 10 and all(state == ops.old for state in held)


def test_build_shows_progress_over_months_and_submissions_then_a_summary(ops):
    progress = ops.build.stderr
    assert "months parsed" in progress and "2/2" in progress
    assert "submissions parsed" in progress and "5/5" in progress
    assert "assets built" in progress
    out = ops.build.stdout
    assert "Summary: 2 month(s); submissions 2 loaded, 1 superseded, 2 rejected;" in out
    assert (
        "warning: rejected atlantis/2023-12/report.txt: atlantis/2023-12/report.txt: unknown province"
        in progress
    )


def test_trend_shows_one_series_month_by_month(ops):
    result = ops.run(
        "trend",
        "livestock_herds",
        "--category",
        "pig",
        "--province",
        "lai-chau",
        "--from",
        "2023-11",
        "--to",
        "2023-12",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    (november,) = [line for line in lines if line.startswith("│ 2023-11 ")]
    assert "235,000" in november and "–" in november  # no change shown: October is absent
    (december,) = [line for line in lines if line.startswith("│ 2023-12 ")]
    assert "235,010" in december and "+10" in december and "0.0%" in december
    (summary,) = [line for line in lines if "lai-chau" in line]
    assert "(province)" in summary and "pig" in summary
    assert sum(summary.count(block) for block in "▁▂▃▄▅▆▇█") == 2


@pytest.mark.parametrize("table", [*TREND_SOURCES, "fct_cooperatives"])
def test_trend_reads_every_core_table(ops, table):
    source = TREND_SOURCES[table.removeprefix("fct_")]
    result = ops.run("trend", table, "--province", "lai-chau")
    assert result.exit_code == 0, result.output
    assert f"{source.measure} by month, 2023-11..2023-12" in result.stdout
    assert "lai-chau" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--category", "pig' or 1=1 --"],
        ["--category", "pig'); drop table marts.fct_livestock_herds; --"],
        ["--category", "pig", "--from", "2023-11' or '1'='1"],
        ["--province", "lai-chau' or 1=1 --"],
    ],
)
def test_trend_never_puts_a_value_into_sql(ops, args):
    result = ops.run("trend", "livestock_herds", *args)
    assert result.exit_code == 2
    assert "Error" not in result.stderr  # refused by agristat, not by DuckDB's parser
    assert ops.query("select count(*) from marts.fct_livestock_herds")[0][0] > 0


def test_trend_names_the_categories_it_knows(ops):
    result = ops.run("trend", "livestock_herds", "--category", "pigs")
    assert result.exit_code == 2
    assert "fct_livestock_herds has no species 'pigs'; it has:" in result.stderr and "pig," in result.stderr


def test_status_shows_months_provinces_rejections_and_the_last_run(ops):
    result = runner.invoke(app, ["status", "--warehouse", str(ops.warehouse), "--raw", str(ops.raw)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Months loaded 2: 2023-11..2023-12" in out
    assert "lai-chau (12)" in out and "unknown folder" in out
    assert "Rejected submissions (2)" in out
    assert "atlantis/2023-12/report.txt: atlantis/2023-12/report.txt: unknown province folder" in out
    assert "lai-chau/2023-12/z-sua-doi.txt" in out
    assert "every file is in the snapshot" in out
    assert "Last run" in out and "SUCCESS" in out and "months 2023-11..2023-12" in out


def test_status_lists_files_not_built_yet(ops, tmp_path):
    raw = Path(shutil.copytree(ops.raw, tmp_path / "raw"))
    report = raw / "lai-chau" / "2023-11" / "bao-cao.txt"
    (report.parent / "zz-sua.txt").write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = runner.invoke(app, ["status", "--warehouse", str(ops.warehouse), "--raw", str(raw)])
    assert result.exit_code == 0, result.output
    assert "1 file(s) not built yet" in result.stdout and "lai-chau/2023-11/zz-sua.txt" in result.stdout


def test_query_reads_the_snapshot_and_refuses_to_write(ops):
    result = ops.run(
        "query", "select count(distinct period) as months from marts.fct_livestock_herds", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["months", "2"]
    result = ops.run("query", "delete from audit.submissions")
    assert result.exit_code == 1 and "read-only: DELETE statements are refused" in result.stderr
    assert ops.query("select count(*) from audit.submissions") == [(5,)]
