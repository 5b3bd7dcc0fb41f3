"""The `agristat` command: build the warehouse, parse one file, query the published snapshot."""

import csv
import io
import json
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from pipelines.parsing.model import ParseResult
from pipelines.parsing.report import parse_submission
from pipelines.warehouse.db import connect
from pipelines.warehouse.months import month_key, next_month
from pipelines.warehouse.raw import find_months

if TYPE_CHECKING:
    import dagster as dg

app = typer.Typer(
    help="Warehouse of Vietnamese provincial agricultural monthly reports.",
    no_args_is_help=True,
    add_completion=False,
)
# soft_wrap: paths and error messages stay on one line, whole, for copying.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

RawOption = Annotated[
    Path,
    typer.Option(
        "--raw", envvar="AGRISTAT_RAW_DIR", help="Folder of submissions: <raw>/<province>/<YYYY-MM>/."
    ),
]
WarehouseOption = Annotated[
    Path,
    typer.Option(
        "--warehouse", envvar="AGRISTAT_WAREHOUSE_DIR", help="Folder of the DuckDB files and exports."
    ),
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _instance(warehouse_root: Path) -> "dg.DagsterInstance":
    """DAGSTER_HOME's instance when set, else a persistent one under <warehouse>/dagster."""
    import dagster as dg

    if os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    home = warehouse_root / "dagster"
    home.mkdir(parents=True, exist_ok=True)
    # Despite its name, `local_temp` is a regular persistent instance stored in the given folder.
    return dg.DagsterInstance.local_temp(tempdir=str(home), overrides={"telemetry": {"enabled": False}})


@contextmanager
def _captured_output(log_path: Path, verbose: bool) -> Iterator[None]:
    """Send dbt's and Dagster's progress to a log file unless --verbose; warnings stay visible."""
    if verbose:
        yield
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log, redirect_stdout(log):
        yield


@app.command()
def build(
    raw: RawOption = Path("raw"),
    warehouse: WarehouseOption = Path("warehouse"),
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero on rejected submissions or failed checks.")
    ] = False,
    verbose: Annotated[bool, typer.Option(help="Show Dagster's and dbt's progress.")] = False,
) -> None:
    """Load every month found under the raw folder in one Dagster run, then publish."""
    # Dagster and dbt take seconds to import; only this command needs them. The warnings are
    # about Dagster features marked beta or preview (single-run backfills, partitioned checks).
    warnings.filterwarnings("ignore", module=r"dagster\.")
    from pipelines.definitions import build_definitions
    from pipelines.defs.partitions import monthly_partitions, partition_key, partition_range_tags

    raw_root, warehouse_root = raw.resolve(), warehouse.resolve()
    try:
        months = find_months(raw_root)
    except FileNotFoundError as exc:
        raise _fail(str(exc), 2) from exc
    if not months:
        raise _fail(f"no submissions under {raw_root} (expected <raw>/<province-slug>/<YYYY-MM>/<file>)")
    keys = monthly_partitions.get_partition_keys()
    outside = [month_key(m) for m in months if partition_key(m) not in keys]
    if outside:
        raise _fail(f"months outside the partitions {keys[0][:7]}..{keys[-1][:7]}: {', '.join(outside)}")

    # The resources and the dbt profile read these; the CLI's flags win over the caller's environment.
    os.environ["AGRISTAT_RAW_DIR"] = str(raw_root)
    os.environ["AGRISTAT_WAREHOUSE_DIR"] = str(warehouse_root)

    out.print(
        f"[bold]agristat build[/]: {len(months)} month(s) {month_key(months[0])}..{month_key(months[-1])}"
        f" from {raw_root}"
    )
    log_path = warehouse_root / "logs" / "build.log"
    with _captured_output(log_path, verbose), _instance(warehouse_root) as instance:
        try:
            job = build_definitions().resolve_job_def("build_all")
        except Exception as exc:  # e.g. `dbt parse` failing on a broken model
            raise _fail(f"could not load the pipeline: {exc} (details in {log_path})") from exc
        result = job.execute_in_process(
            instance=instance,
            tags=partition_range_tags(months[0], months[-1]),
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO" if verbose else "WARNING"}}}},
        )
    window = (months[0], next_month(months[-1]))
    rejected = _report_submissions(warehouse_root / "agristat.duckdb", window)
    failed_checks = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if result.success:
        _report_facts(warehouse_root / "published" / "agristat.duckdb", window)
    _report_outputs(warehouse_root, result.run_id, None if verbose else log_path)
    for evaluation in failed_checks:
        err.print(
            f"[yellow]warning:[/] check {evaluation.check_name} on"
            f" {evaluation.asset_key.to_user_string()} failed ({evaluation.severity.value})"
        )
    for path, error in rejected:
        err.print(f"[yellow]warning:[/] rejected {path}: {error}")
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                err.print(
                    f"[red]{event.step_key} failed:[/] {event.event_specific_data.error.message.strip()}"
                )
        raise _fail("the run failed; the published snapshot was not updated")
    if strict and (rejected or failed_checks):
        raise _fail("--strict: rejected submissions or failed checks")


def _report_submissions(database: Path, window: tuple[date, date]) -> list[tuple[str, str]]:
    """Print the submission versions of the window; return the rejected ones (path, reason)."""
    if not database.exists():
        return []
    with connect(database, read_only=True) as con:
        rows = con.execute(
            """
            select strftime(period, '%Y-%m'), coalesce(province_code, '?'), version, status, path, error
            from audit.submissions
            where period >= ? and period < ?
            order by period, province_code, version
            """,
            list(window),
        ).fetchall()
    table = Table(title="Submissions", title_justify="left")
    for column in ("month", "province", "version", "status", "file"):
        table.add_column(column, overflow="fold")
    colours = {"loaded": "green", "rejected": "red", "superseded": "dim"}
    for month, province, version, status, path, _ in rows:
        status = status or "registered"
        table.add_row(month, province, str(version), f"[{colours.get(status, 'yellow')}]{status}[/]", path)
    out.print(table)
    return [(path, error) for *_, status, path, error in rows if status == "rejected"]


def _report_facts(snapshot: Path, window: tuple[date, date]) -> None:
    """Print the row counts of the fact tables for the months built."""
    with connect(snapshot, read_only=True) as con:
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables"
                " where table_schema = 'marts' and table_name like 'fct_%' order by table_name"
            ).fetchall()
        ]
        table = Table(title="Fact tables (rows for the months built)", title_justify="left")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name in tables:
            (count,) = con.execute(
                f'select count(*) from marts."{name}" where period >= ? and period < ?', list(window)
            ).fetchone()
            table.add_row(f"marts.{name}", str(count))
    out.print(table)


def _report_outputs(warehouse_root: Path, run_id: str, log_path: Path | None) -> None:
    out.print("[bold]Outputs[/]")
    out.print(f"  working database    {warehouse_root / 'agristat.duckdb'}")
    out.print(f"  published snapshot  {warehouse_root / 'published' / 'agristat.duckdb'}")
    for export in sorted((warehouse_root / "exports").glob("*.csv")):
        out.print(f"  export              {export}")
    out.print(f"  Dagster run         {run_id}")
    if log_path:
        out.print(f"  dbt and Dagster log {log_path}")


FIGURE_COLUMNS = (
    "line_start",
    "line_end",
    "section",
    "domain",
    "indicator",
    "category",
    "area_code",
    "program",
    "project",
    "ref_year",
    "stars",
    "value",
    "unit",
    "status",
    "qualifier",
    "rule",
    "source_text",
)


def _raw_root_for(path: Path) -> Path:
    """The folder that would be raw/ if the file sits at raw/<province>/<YYYY-MM>/<file>."""
    parents = path.parents
    return parents[2] if len(parents) > 2 else path.parent


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A submission: .txt, .docx or .pdf.")],
    format: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Print the figures of one submission, and the numbers that were not understood."""
    if format not in ("table", "jsonl", "csv"):
        raise _fail(f"--format must be table, jsonl or csv, not {format!r}", 2)
    path = file.resolve()
    if not path.is_file() or not os.access(path, os.R_OK):
        raise _fail(f"cannot read {file}: no such readable file", 2)
    result = parse_submission(path, _raw_root_for(path))
    {"table": _print_table, "jsonl": _print_jsonl, "csv": _print_csv}[format](result)
    for issue in result.errors:
        err.print(f"[bold red]error:[/] {issue}")
    if result.errors:
        raise typer.Exit(1)


def _figure_rows(result: ParseResult) -> list[dict[str, Any]]:
    return [{column: figure.as_row()[column] for column in FIGURE_COLUMNS} for figure in result.figures]


def _print_table(result: ParseResult) -> None:
    metadata = result.metadata
    if metadata:
        province = f"{metadata.province_name or '?'} ({metadata.province_code or '?'})"
        month = month_key(metadata.period) if metadata.period else "?"
        out.print(f"[bold]{result.path}[/]: province {province}, month {month}")
    figures = Table(title=f"{len(result.figures)} figures", title_justify="left")
    figures.add_column("line", no_wrap=True)
    figures.add_column("figure", overflow="fold")
    figures.add_column("value", justify="right", no_wrap=True)
    figures.add_column("status", no_wrap=True)
    figures.add_column("text", ratio=1)
    for figure in result.figures:
        details = [
            f"{name} {value}"
            for name, value in (
                ("area", figure.area_code),
                ("program", figure.program),
                ("project", figure.project),
                ("year", figure.ref_year),
                ("stars", figure.stars),
                ("qualifier", figure.qualifier),
            )
            if value is not None
        ]
        figures.add_row(
            str(figure.line_start),
            "\n".join([f"{figure.indicator} / {figure.category}", *details]),
            f"{figure.value:,.10g} {figure.unit}",
            figure.status,
            figure.source_text,
        )
    out.print(figures)
    unrecognised = Table(title=f"{len(result.unrecognised)} numbers not understood", title_justify="left")
    for column in ("line", "number", "context"):
        unrecognised.add_column(column)
    for number in result.unrecognised:
        unrecognised.add_row(str(number.line), number.text, number.context)
    out.print(unrecognised)


def _print_jsonl(result: ParseResult) -> None:
    for row in _figure_rows(result):
        sys.stdout.write(json.dumps({"record": "figure", **row}, ensure_ascii=False) + "\n")
    for number in result.unrecognised:
        sys.stdout.write(json.dumps({"record": "unrecognised", **asdict(number)}, ensure_ascii=False) + "\n")


def _print_csv(result: ParseResult) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIGURE_COLUMNS)
    writer.writeheader()
    writer.writerows(_figure_rows(result))
    sys.stdout.write(buffer.getvalue())
    for number in result.unrecognised:
        err.print(f"not understood, line {number.line}: {number.text} ({number.context})")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help='SQL to run, e.g. "select * from marts.fct_livestock_herds".')],
    warehouse: WarehouseOption = Path("warehouse"),
    format: Annotated[str, typer.Option("--format", help="table or csv.")] = "table",
) -> None:
    """Run SQL read-only on the published snapshot."""
    if format not in ("table", "csv"):
        raise _fail(f"--format must be table or csv, not {format!r}", 2)
    snapshot = warehouse.resolve() / "published" / "agristat.duckdb"
    if not snapshot.exists():
        raise _fail(f"no published snapshot at {snapshot}; run `agristat build` first")
    try:
        with connect(snapshot, read_only=True) as con:
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise _fail(str(exc)) from exc
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    table = Table(*columns)
    for row in rows:
        table.add_row(*("[dim]NULL[/]" if value is None else str(value) for value in row))
    out.print(table)
