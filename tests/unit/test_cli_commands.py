"""The CLI commands that need no built warehouse, through typer's test runner."""

import re
from datetime import date
from types import SimpleNamespace

import duckdb
import pytest
from dagster import DagsterEventType
from rich.progress import Progress
from typer.testing import CliRunner

from pipelines.cli import BuildProgress, _report_submissions, app, sparkline
from pipelines.defs.ingest import PARSED_MESSAGE
from pipelines.warehouse.db import connect, ensure_schema

runner = CliRunner()
COMMANDS = ("build", "parse", "validate", "query", "trend", "status", "synth")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Example: agristat {command}" in result.stdout


def test_validate_passes_the_sample_with_its_one_warning(sample_report):
    result = runner.invoke(app, ["validate", str(sample_report)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "province Lai Châu (12), month 2023-12" in out and "livestock_herd / main_livestock" in out
    assert "capital_disbursed_within_allocated" in out and "14,200" in out and "13,750" in out
    assert "numbers not understood" in out
    assert re.search(r"READY: \d+ figures, 0 reading error\(s\), 0 failed check\(s\), 1 warning\(s\)", out)


def test_validate_fails_a_report_whose_parts_do_not_add_up(sample_report, tmp_path):
    wrong = tmp_path / "bao-cao.txt"
    wrong.write_text(sample_report.read_text(encoding="utf-8").replace("đàn lợn 235.000", "đàn lợn 236.000"))
    result = runner.invoke(app, ["validate", str(wrong)])
    assert result.exit_code == 1
    assert (
        "herd_species_add_up_to_main_livestock" in result.stdout
        and "353,350" in result.stdout
        and "354,350" in result.stdout
    )
    assert "NOT READY" in result.stdout and "1 failed check(s)" in result.stdout


def test_validate_reports_a_month_that_disagrees_with_the_folder(sample_report, tmp_path):
    moved = tmp_path / "raw" / "lai-chau" / "2023-11" / "bao-cao.txt"
    moved.parent.mkdir(parents=True)
    moved.write_bytes(sample_report.read_bytes())
    result = runner.invoke(app, ["validate", str(moved)])
    assert result.exit_code == 1
    assert "lai-chau/2023-11/bao-cao.txt" in result.stderr and "1 reading error(s)" in result.stdout


def test_validate_names_a_missing_file(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_synth_writes_a_corpus(tmp_path):
    args = ["synth", "--provinces", "1", "--months", "2", "--out", str(tmp_path), "--start", "2023-11"]
    result = runner.invoke(app, [*args, "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 reports (1 provinces × 2 months from 2023-11" in result.stdout
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "raw").rglob("*.txt")) == [
        "raw/ha-noi/2023-11/bao-cao.txt",
        "raw/ha-noi/2023-12/bao-cao.txt",
    ]
    assert f"agristat build --raw {tmp_path / 'raw'}" in result.stdout


@pytest.mark.parametrize("args", [["--start", "2023-13"], ["--provinces", "64"], ["--months", "0"]])
def test_synth_refuses_what_it_cannot_write(tmp_path, args):
    base = {"--provinces": "1", "--months": "1", "--start": "2023-01"}
    base[args[0]] = args[1]
    result = runner.invoke(app, ["synth", "--out", str(tmp_path), *(x for kv in base.items() for x in kv)])
    assert result.exit_code == 2
    assert not (tmp_path / "raw").exists()


@pytest.fixture
def warehouse(tmp_path):
    """A hand-made published snapshot: enough for `query`."""
    snapshot = tmp_path / "published" / "agristat.duckdb"
    snapshot.parent.mkdir(parents=True)
    with duckdb.connect(str(snapshot)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_livestock_herds as select 'pig' as species, 235000 as head_count")
    return tmp_path


def test_query_prints_a_table_or_csv(warehouse):
    sql = "select species, head_count from marts.fct_livestock_herds"
    result = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["species,head_count", "pig,235000"]
    result = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse)])
    assert "species" in result.stdout and "235000" in result.stdout


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("insert into marts.fct_livestock_herds values ('cattle', 1)", "INSERT"),
        ("update marts.fct_livestock_herds set head_count = 0", "UPDATE"),
        ("delete from marts.fct_livestock_herds", "DELETE"),
        ("drop table marts.fct_livestock_herds", "DROP"),
        ("create table x as select 1", "CREATE"),
        ("alter table marts.fct_livestock_herds rename to x", "ALTER"),
        ("attach 'other.duckdb'", "ATTACH"),
        ("copy marts.fct_livestock_herds to 'x.csv'", "COPY"),
        ("install httpfs", "LOAD"),
        ("set threads = 1", "SET"),
        ("checkpoint", "CALL"),
        ("select 1; drop table marts.fct_livestock_herds", "DROP"),
    ],
)
def test_query_refuses_anything_but_a_select_before_running_it(warehouse, sql, kind):
    result = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    assert f"read-only: {kind} statements are refused" in result.stderr
    with duckdb.connect(str(warehouse / "published" / "agristat.duckdb"), read_only=True) as con:
        assert con.execute("select * from marts.fct_livestock_herds").fetchall() == [("pig", 235000)]
    assert not (warehouse / "x.csv").exists()


def test_query_shows_duckdbs_error(warehouse):
    result = runner.invoke(app, ["query", "selec 1", "--warehouse", str(warehouse)])
    assert result.exit_code == 1 and "syntax error" in result.stderr


def test_the_warehouse_comes_from_the_environment(warehouse):
    env = {"AGRISTAT_WAREHOUSE_DIR": str(warehouse)}
    result = runner.invoke(app, ["query", "select count(*) from marts.fct_livestock_herds"], env=env)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown table 'nope'"),
        (["livestock_herds", "--from", "2023-1"], "--from: '2023-1' is not a month written YYYY-MM"),
        (["livestock_herds", "--province", "atlantis"], "unknown province 'atlantis'"),
        (["livestock_herds", "--province", "lai-chau' or 1=1 --"], "unknown province"),
    ],
)
def test_trend_refuses_a_bad_argument_before_reading(tmp_path, args, message):
    result = runner.invoke(app, ["trend", *args, "--warehouse", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_sparkline_scales_between_the_smallest_and_largest_month():
    assert sparkline([1, 5, 9]) == "▁▅█"
    assert sparkline([3, None, 3]) == "▄·▄"
    assert sparkline([None, None]) == "··"


def _message(text: str) -> SimpleNamespace:
    return SimpleNamespace(dagster_event=None, user_message=text)


def _event(kind: DagsterEventType) -> SimpleNamespace:
    return SimpleNamespace(dagster_event=SimpleNamespace(event_type=kind), user_message="")


def test_build_progress_follows_the_runs_events():
    progress = Progress(disable=True)
    listener = BuildProgress(progress, months=2)
    months, submissions, assets = progress.tasks
    for _ in range(3):
        listener(_event(DagsterEventType.ASSET_MATERIALIZATION_PLANNED))
    paths = ["lai-chau/2023-11/a.txt", "ha-noi/2023-11/b.txt", "lai-chau/2023-12/c.txt"]
    for number, path in enumerate(paths, 1):
        listener(_message(PARSED_MESSAGE.format(number=number, total=3, path=path)))
        if number == 2:
            assert (months.completed, submissions.completed, submissions.total) == (0, 2, 3)
    listener(_message("some other message"))
    listener(_event(DagsterEventType.ASSET_MATERIALIZATION))
    assert (months.completed, months.total) == (2, 2)
    assert (submissions.completed, submissions.total) == (3, 3)
    assert (assets.completed, assets.total) == (1, 3)


def test_a_long_backfill_lists_its_submissions_per_month(tmp_path, capsys):
    database = tmp_path / "agristat.duckdb"
    with connect(database) as con:
        ensure_schema(con)
        for month in range(1, 13):
            for province, status in (("01", "loaded"), ("02", "loaded"), ("12", "rejected")):
                con.execute(
                    "insert into audit.submissions (submission_id, path, sha256, bytes, province_code,"
                    " period, received_at, version, status, error)"
                    " values (?, ?, 'x', 1, ?, ?, now(), 1, ?, ?)",
                    [
                        f"{province}{month}",
                        f"p{province}/{month}.txt",
                        province,
                        date(2023, month, 1),
                        status,
                        "no month" if status == "rejected" else None,
                    ],
                )
    statuses, rejected = _report_submissions(database, (date(2023, 1, 1), date(2024, 1, 1)))
    assert statuses == {"loaded": 24, "rejected": 12}
    assert rejected[0] == ("p12/1.txt", "no month") and len(rejected) == 12
    lines = capsys.readouterr().out.splitlines()
    assert "Submissions (36 versions)" in lines[0]
    (december,) = [line for line in lines if "2023-12" in line]
    assert [cell.strip() for cell in december.split("│")[1:-1]] == ["2023-12", "2", "1", "0"]
