"""The `agristat` command: build the warehouse, check a submission, read the published snapshot.

Every command that reads the warehouse opens the published snapshot read-only through
`published()`, so it never blocks a build and never sees a half-built month; a new command takes
the shared `WarehouseOption` / `RawOption` and calls that helper.
"""

import csv
import io
import json
import os
import sys
import uuid
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipelines.parsing.areas import communes, districts, province_by_code, province_by_slug
from pipelines.parsing.model import Figure, ParseResult
from pipelines.parsing.report import parse_submission
from pipelines.validation import ERROR, CheckFailure, check_figures
from pipelines.warehouse.db import connect
from pipelines.warehouse.months import month_key, next_month, parse_month
from pipelines.warehouse.raw import find_months, find_submission_files, fingerprint
from pipelines.warehouse.submissions import submission_id

if TYPE_CHECKING:
    import dagster as dg

app = typer.Typer(
    help="Warehouse of Vietnamese provincial agricultural monthly reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Piped output (a log, a file, a test) has no width; rich would assume 80 columns and cut tables.
PIPED_WIDTH = 160


def _console(stream: TextIO, **options: Any) -> Console:
    """A console whose tables stay whole when piped; soft_wrap keeps paths and messages on one
    line, for copying."""
    width = None if stream.isatty() or "COLUMNS" in os.environ else PIPED_WIDTH
    return Console(highlight=False, soft_wrap=True, width=width, **options)


out = _console(sys.stdout)
err = _console(sys.stderr, stderr=True)

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
# Shown at most, where a list could run to thousands of rows; the rest is one query away.
MAX_LISTED = 20


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _snapshot(warehouse: Path) -> Path:
    return warehouse.resolve() / "published" / "agristat.duckdb"


@contextmanager
def published(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published snapshot, the only file analysts' commands open."""
    snapshot = _snapshot(warehouse)
    if not snapshot.exists():
        raise _fail(f"no published snapshot at {snapshot}; run `agristat build` first")
    with connect(snapshot, read_only=True) as con:
        yield con


def _instance(warehouse_root: Path) -> "dg.DagsterInstance":
    """DAGSTER_HOME's instance when set, else a persistent one under <warehouse>/dagster."""
    import dagster as dg

    if os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    from pipelines.defs.event_log import storage_overrides

    home = warehouse_root / "dagster"
    home.mkdir(parents=True, exist_ok=True)
    # Despite its name, `local_temp` is a regular persistent instance stored in the given folder.
    return dg.DagsterInstance.local_temp(
        tempdir=str(home), overrides={"telemetry": {"enabled": False}, **storage_overrides(str(home))}
    )


@contextmanager
def _captured_output(log_path: Path, verbose: bool) -> Iterator[None]:
    """Send dbt's and Dagster's progress to a log file unless --verbose; warnings stay visible."""
    if verbose:
        yield
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log, redirect_stdout(log):
        yield


def _number(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "[dim]–[/]"
    return f"{value:+,.10g}" if signed and value else f"{value:,.10g}"


class BuildProgress:
    """Bars over the run's months, submissions and assets, fed by the run's own Dagster events.

    The ingest step logs each parsed submission, oldest month first; a month is parsed when the
    next one starts. Assets count their planned and finished materializations (dbt's one by one).
    """

    def __init__(self, progress: Progress, months: int) -> None:
        from dagster import DagsterEventType

        from pipelines.defs.ingest import PARSED_PATTERN

        self._progress, self._pattern, self._types = progress, PARSED_PATTERN, DagsterEventType
        self._months = progress.add_task("months parsed", total=months)
        self._submissions = progress.add_task("submissions parsed", total=None)
        self._assets = progress.add_task("assets built", total=0)
        self._month: str | None = None
        self._planned = 0

    def __call__(self, entry: "dg.EventLogEntry") -> None:
        event = entry.dagster_event
        if event is None:
            self._on_message(entry.user_message)
        elif event.event_type == self._types.ASSET_MATERIALIZATION_PLANNED:
            self._planned += 1
            self._progress.update(self._assets, total=self._planned)
        elif event.event_type == self._types.ASSET_MATERIALIZATION:
            self._progress.advance(self._assets)

    def _on_message(self, message: str) -> None:
        match = self._pattern.match(message)
        if not match:
            return
        number, total = int(match["number"]), int(match["total"])
        month = match["path"].split("/")[1]
        self._progress.update(self._submissions, completed=number, total=total)
        if self._month is not None and month != self._month:
            self._progress.advance(self._months)
        self._month = month
        if number == total:
            self._progress.advance(self._months)


@app.command(epilog="Example: agristat build --raw raw --warehouse warehouse --strict")
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
    from dagster import AssetCheckSeverity

    from pipelines.definitions import build_definitions
    from pipelines.defs.partitions import monthly_partitions, partition_key, partition_range_tags

    raw_root, warehouse_root = raw.resolve(), warehouse.resolve()
    try:
        months = find_months(raw_root)
    except FileNotFoundError as exc:
        raise _fail(str(exc), 2) from exc
    if not months:
        raise _fail(f"no submissions under {raw_root} (expected <raw>/<province-slug>/<YYYY-MM>/<file>)")
    keys = set(monthly_partitions.get_partition_keys())
    first, last = min(keys)[:7], max(keys)[:7]
    outside = [m for m in months if partition_key(m) not in keys]
    months = [m for m in months if partition_key(m) in keys]
    for month in outside:
        # An archive before the first partition (or a month not begun yet) is no reason to fail the
        # build: its files are listed and left out, and every other month loads.
        for path in find_submission_files(raw_root, month, next_month(month)):
            err.print(
                f"[yellow]not built:[/] {path.relative}: month {month_key(month)} is outside the"
                f" partitions {first}..{last}"
            )
    if not months:
        raise _fail(f"no month under {raw_root} within the partitions {first}..{last}")

    # The resources and the dbt profile read these; the CLI's flags win over the caller's environment.
    os.environ["AGRISTAT_RAW_DIR"] = str(raw_root)
    os.environ["AGRISTAT_WAREHOUSE_DIR"] = str(warehouse_root)

    out.print(
        f"[bold]agristat build[/]: {len(months)} month(s) {month_key(months[0])}..{month_key(months[-1])}"
        f" from {raw_root}"
    )
    log_path = warehouse_root / "logs" / "build.log"
    progress = Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=verbose,
        redirect_stdout=False,
    )
    with _captured_output(log_path, verbose), _instance(warehouse_root) as instance, progress:
        try:
            job = build_definitions().resolve_job_def("build_all")
        except Exception as exc:  # e.g. `dbt parse` failing on a broken model
            raise _fail(f"could not load the pipeline: {exc} (details in {log_path})") from exc
        run_id = str(uuid.uuid4())
        instance.add_event_listener(run_id, BuildProgress(progress, len(months)))
        result = job.execute_in_process(
            instance=instance,
            run_id=run_id,
            tags=partition_range_tags(months[0], months[-1]),
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO" if verbose else "WARNING"}}}},
        )
    window = (months[0], next_month(months[-1]))
    database = warehouse_root / "agristat.duckdb"
    try:
        statuses, rejected = _report_submissions(database, window)
        recorded = _recorded_check_failures(database, window)
    except duckdb.Error as exc:  # e.g. a dbt process of a failed run still holding the file
        err.print(f"[yellow]warning:[/] could not read the audit tables of {database}: {exc}")
        statuses, rejected, recorded = Counter(), [], None
    # audit.check_results holds every check's outcome per month and province; without it, the
    # run's own asset check evaluations say which checks failed.
    failed_checks = (
        recorded
        if recorded is not None
        else [
            FailedCheck(
                f"{e.asset_key.to_user_string()} {e.check_name}", e.severity == AssetCheckSeverity.ERROR
            )
            for e in result.get_asset_check_evaluations()
            if not e.passed
        ]
    )
    if result.success:
        _report_facts(_snapshot(warehouse_root), window)
    _report_failed_checks(failed_checks)
    _report_outputs(warehouse_root, result.run_id, None if verbose else log_path)
    for path, error in rejected:
        err.print(f"[yellow]warning:[/] rejected {path}: {error}")
    failing = {(check.name, check.is_error) for check in failed_checks}
    errors = sum(is_error for _, is_error in failing)
    out.print(
        f"[bold]Summary[/]: {len(months)} month(s); submissions {statuses['loaded']} loaded,"
        f" {statuses['superseded']} superseded, {statuses['rejected']} rejected;"
        f" {len(failing)} check(s) failed, {errors} at error level"
    )
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                err.print(
                    f"[red]{event.step_key} failed:[/] {event.event_specific_data.error.message.strip()}"
                )
        raise _fail("the run failed; the published snapshot was not updated")
    if strict and (rejected or failing):
        raise _fail("--strict: rejected submissions or failed checks")


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


@dataclass(frozen=True)
class FailedCheck:
    """A check the run failed (dbt test, pandera schema), and where: month, province, rows found."""

    name: str
    is_error: bool
    where: str = ""
    details: str = ""


def _report_submissions(
    database: Path, window: tuple[date, date]
) -> tuple[Counter[str], list[tuple[str, str]]]:
    """Print the submission versions of the window (per month when there are many); return the
    count of each status and the rejected versions (path, reason)."""
    if not database.exists():
        return Counter(), []
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
    colours = {"loaded": "green", "rejected": "red", "superseded": "dim"}
    if len(rows) <= MAX_LISTED:
        table = Table(title="Submissions", title_justify="left")
        for column in ("month", "province", "version", "status", "file"):
            table.add_column(column, overflow="fold")
        for month, province, version, status, path, _ in rows:
            status = status or "registered"
            colour = colours.get(status, "yellow")
            table.add_row(month, province, str(version), f"[{colour}]{status}[/]", path)
    else:
        counts: dict[str, Counter[str]] = {}
        for month, *_, status, _, _ in rows:
            counts.setdefault(month, Counter())[status or "registered"] += 1
        table = Table(title=f"Submissions ({len(rows)} versions)", title_justify="left")
        table.add_column("month")
        for status in colours:
            table.add_column(f"[{colours[status]}]{status}[/]", justify="right")
        for month, by_status in counts.items():
            table.add_row(month, *(str(by_status[status]) for status in colours))
    out.print(table)
    statuses = Counter(status or "registered" for *_, status, _, _ in rows)
    return statuses, [(path, error) for *_, status, path, error in rows if status == "rejected"]


def _recorded_check_failures(database: Path, window: tuple[date, date]) -> list[FailedCheck] | None:
    """The failed checks of the window in audit.check_results; None when there is no such table."""
    if not database.exists():
        return None
    with connect(database, read_only=True) as con:
        if not _table_exists(con, "audit", "check_results"):
            return None
        rows = con.execute(
            """
            select strftime(period, '%Y-%m'), coalesce(province_code, '?'), check_name, severity, details
            from audit.check_results
            where not passed and period >= ? and period < ?
            order by check_name, period, province_code
            """,
            list(window),
        ).fetchall()
    return [
        FailedCheck(check, severity == "error", f"{month} {province}", details or "")
        for month, province, check, severity, details in rows
    ]


def _report_failed_checks(failures: Sequence[FailedCheck]) -> None:
    if not failures:
        out.print("[green]Checks: none failed[/]")
        return
    by_check: dict[tuple[str, bool], list[FailedCheck]] = {}
    for failure in failures:
        by_check.setdefault((failure.name, failure.is_error), []).append(failure)
    table = Table(title=f"Failed checks ({len(by_check)})", title_justify="left")
    for column in ("check", "severity", "failures", "first"):
        table.add_column(column, overflow="fold")
    for (name, is_error), found in by_check.items():
        first = f"{found[0].where}: {found[0].details}" if found[0].where else found[0].details
        table.add_row(name, "[red]error[/]" if is_error else "[yellow]warn[/]", str(len(found)), first)
    out.print(table)


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
                f'select count(*) from marts."{name}" where report_period >= ? and report_period < ?',
                list(window),
            ).fetchone()
            table.add_row(f"marts.{name}", str(count))
    out.print(table)


def _report_outputs(warehouse_root: Path, run_id: str, log_path: Path | None) -> None:
    out.print("[bold]Outputs[/]")
    out.print(f"  working database    {warehouse_root / 'agristat.duckdb'}")
    out.print(f"  published snapshot  {_snapshot(warehouse_root)}")
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
    "scope",
    "period",
    "kind",
    "change_base",
    "rule",
    "source_text",
)


def _raw_root_for(path: Path) -> Path:
    """The folder that would be raw/ if the file sits at raw/<province>/<YYYY-MM>/<file>."""
    parents = path.parents
    return parents[2] if len(parents) > 2 else path.parent


def _parse_file(file: Path) -> ParseResult:
    path = file.resolve()
    if not path.is_file() or not os.access(path, os.R_OK):
        raise _fail(f"cannot read {file}: no such readable file", 2)
    return parse_submission(path, _raw_root_for(path))


@app.command(epilog="Example: agristat parse raw/lai-chau/2023-12/bao-cao.txt --format jsonl")
def parse(
    file: Annotated[Path, typer.Argument(help="A submission: .txt, .docx or .pdf.")],
    format: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Print the figures of one submission, and the numbers that were not understood."""
    if format not in ("table", "jsonl", "csv"):
        raise _fail(f"--format must be table, jsonl or csv, not {format!r}", 2)
    result = _parse_file(file)
    {"table": _print_table, "jsonl": _print_jsonl, "csv": _print_csv}[format](result)
    for issue in result.errors:
        err.print(f"[bold red]error:[/] {issue}")
    if result.errors:
        raise typer.Exit(1)


def _figure_rows(result: ParseResult) -> list[dict[str, Any]]:
    """The figures' columns; `period` (the month a figure covers, when not the report's) as YYYY-MM."""
    rows = []
    for figure in result.figures:
        row = {column: figure.as_row()[column] for column in FIGURE_COLUMNS}
        row["period"] = month_key(figure.period) if figure.period else None
        rows.append(row)
    return rows


def _when(figure: Figure) -> str | None:
    """How the table shows a figure's scope and kind, when not a level of the report's month."""
    words = []
    if figure.scope != "month" or figure.period:
        words.append(figure.scope + (f" {month_key(figure.period)}" if figure.period else ""))
    if figure.kind != "level":
        words.append(f"{figure.kind} on {figure.change_base or 'unstated'}")
    return ", ".join(words) or None


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
                ("scope", _when(figure)),
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
    for column in ("line", "number", "reason", "context"):
        unrecognised.add_column(column)
    for number in result.unrecognised:
        unrecognised.add_row(str(number.line), number.text, number.reason or "", number.context)
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
        reason = f" [{number.reason}]" if number.reason else ""
        err.print(f"not understood, line {number.line}: {number.text}{reason} ({number.context})")


@app.command(epilog="Example: agristat validate ~/Documents/bao-cao-thang-12.docx")
def validate(
    file: Annotated[Path, typer.Argument(help="A submission to check before filing: .txt, .docx or .pdf.")],
) -> None:
    """Check a submission before filing it: its figures, the checks that fail, the numbers not understood.

    Exits 0 when the file reads and every error-level check passes (warnings are shown), 1 otherwise.
    """
    result = _parse_file(file)
    _print_table(result)
    failures = check_figures(result.figures)
    _print_check_failures(failures)
    for issue in result.errors:
        err.print(f"[bold red]error:[/] {issue}")
    errors = [failure for failure in failures if failure.severity == ERROR]
    counts = (
        f"{len(result.figures)} figures, {len(result.errors)} reading error(s),"
        f" {len(errors)} failed check(s), {len(failures) - len(errors)} warning(s),"
        f" {len(result.unrecognised)} number(s) not understood"
    )
    if result.errors or errors:
        out.print(f"[bold red]NOT READY[/]: {counts}")
        raise typer.Exit(1)
    out.print(f"[bold green]READY[/]: {counts}")


def _print_check_failures(failures: Sequence[CheckFailure]) -> None:
    if not failures:
        out.print("[green]Checks: the parts add up and the rates agree[/]")
        return
    table = Table(title="Checks that fail", title_justify="left")
    for column in ("check", "severity", "what", "stated", "computed", "lines"):
        table.add_column(column, overflow="fold")
    for failure in failures:
        colour = "red" if failure.severity == ERROR else "yellow"
        table.add_row(
            failure.check,
            f"[{colour}]{failure.severity}[/]",
            failure.subject,
            _number(failure.stated),
            _number(round(failure.computed, 4)),
            ", ".join(str(line) for line in failure.lines),
        )
    out.print(table)


# Statements that only read; anything else (INSERT, CREATE, ATTACH, COPY, SET, LOAD, ...) is refused.
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


def _refuse_writes(sql: str) -> None:
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise _fail(str(exc)) from exc
    if not statements:
        raise _fail("no SQL statement given")
    for statement in statements:
        if statement.type not in READ_STATEMENTS:
            raise _fail(
                f"the published snapshot is read-only: {statement.type.name} statements are refused;"
                " only SELECT (and EXPLAIN) queries run here"
            )


@app.command(
    epilog='Example: agristat query "select period, head_count from marts.fct_livestock_herds'
    " where species = 'pig'\" --format csv"
)
def query(
    sql: Annotated[str, typer.Argument(help='SQL to run, e.g. "select * from marts.fct_livestock_herds".')],
    warehouse: WarehouseOption = Path("warehouse"),
    format: Annotated[str, typer.Option("--format", help="table or csv.")] = "table",
) -> None:
    """Run a SELECT read-only on the published snapshot; write statements are refused."""
    if format not in ("table", "csv"):
        raise _fail(f"--format must be table or csv, not {format!r}", 2)
    _refuse_writes(sql)
    with published(warehouse) as con:
        try:
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


@dataclass(frozen=True)
class TrendSource:
    """A core fact table's trend view: its category column, series dimensions and main measure."""

    view: str
    fact: str
    category: str
    dimensions: tuple[str, ...]
    measure: str


TREND_SOURCES = {
    "livestock_herds": TrendSource(
        "v_livestock_herd_trends", "fct_livestock_herds", "species", ("species",), "head_count"
    ),
    "forest_violations": TrendSource(
        "v_forest_violation_trends", "fct_forest_violations", "violation_type", ("violation_type",), "cases"
    ),
    "ocop_products": TrendSource(
        "v_ocop_product_trends", "fct_ocop_products", "measure", ("measure", "stars"), "products"
    ),
    "cooperatives": TrendSource(
        "v_cooperative_trends", "fct_cooperatives", "sector", ("sector",), "cooperatives"
    ),
    "capital_disbursements": TrendSource(
        "v_capital_disbursement_trends",
        "fct_capital_disbursements",
        "project",
        ("program", "project", "allocation_year"),
        "disbursed_mvnd",
    ),
}
SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One block per month, scaled from the smallest to the largest value; `·` where none."""
    present = [v for v in values if v is not None]
    if not present:
        return "·" * len(values)
    low, high = min(present), max(present)
    top = len(SPARK) - 1
    return "".join(
        "·" if v is None else SPARK[round((v - low) / (high - low) * top) if high > low else top // 2]
        for v in values
    )


def _months(first: date, last: date) -> list[date]:
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    return months


@cache
def _district_names(province_code: str) -> dict[str, str]:
    """Names of the province's districts and communes by code."""
    names = {district.code: district.name for district in districts(province_code)}
    return names | {
        commune.code: f"{commune.kind.lower()} {commune.name}" for commune in communes(province_code)
    }


def _area_label(province_code: str, area_code: str) -> str:
    if area_code == province_code:
        return "(province)"
    return f"{_district_names(province_code).get(area_code, '?')} ({area_code})"


def _province_code(text: str) -> str:
    province = province_by_slug(text) or province_by_code(text)
    if province is None:
        raise _fail(f"unknown province {text!r}: give its slug, such as lai-chau, or its two-digit code", 2)
    return province.code


def _month_option(text: str | None, flag: str) -> date | None:
    try:
        return parse_month(text) if text else None
    except ValueError as exc:
        raise _fail(f"{flag}: {exc}", 2) from exc


@app.command(
    epilog="Example: agristat trend livestock_herds --category pig --province lai-chau"
    " --from 2023-01 --to 2023-12"
)
def trend(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TREND_SOURCES)} (fct_ prefix allowed).")],
    category: Annotated[
        str | None,
        typer.Option(help="Species, violation_type, measure, sector or project, as the table has it."),
    ] = None,
    province: Annotated[str | None, typer.Option(help="Province slug (lai-chau) or code (12).")] = None,
    from_month: Annotated[str | None, typer.Option("--from", help="First month, YYYY-MM.")] = None,
    to_month: Annotated[str | None, typer.Option("--to", help="Last month, YYYY-MM.")] = None,
    warehouse: WarehouseOption = Path("warehouse"),
) -> None:
    """Month-over-month change of a core table's main figure, one line and sparkline per series."""
    source = TREND_SOURCES.get(table.removeprefix("fct_"))
    if source is None:
        raise _fail(f"unknown table {table!r}: one of {', '.join(TREND_SOURCES)}", 2)
    start, end = _month_option(from_month, "--from"), _month_option(to_month, "--to")
    province_code = _province_code(province) if province else None
    # Column names come from TREND_SOURCES only; every value from the command line is a parameter.
    filters = [
        (f"{source.category} = ?", category),
        ("province_code = ?", province_code),
        ("period >= ?", start),
        ("period <= ?", end),
    ]
    where = " and ".join(condition for condition, value in filters if value is not None) or "true"
    # One series per scope too: a month's figures and year-to-date counts are never one line.
    key = ("province_code", "area_code", "scope", *source.dimensions)
    with published(warehouse) as con:
        if not _table_exists(con, "marts", source.view):
            raise _fail(f"the snapshot has no marts.{source.view}; rebuild it with `agristat build`")
        rows = con.execute(
            f"select period, {', '.join(key)}, {source.measure}, mom_change, mom_change_pct"
            f" from marts.{source.view} where {where} order by {', '.join(key)}, period",
            [value for _, value in filters if value is not None],
        ).fetchall()
        known = {
            value
            for (value,) in con.execute(
                f"select distinct {source.category} from marts.{source.fact}"
            ).fetchall()
        }
    if category is not None and category not in known:
        listed = ", ".join(sorted(str(value) for value in known if value is not None))
        raise _fail(f"{source.fact} has no {source.category} {category!r}; it has: {listed}", 2)
    if not rows:
        out.print(f"no {source.fact} figures match")
        return
    _print_trends(source, key, rows)


def _print_trends(source: TrendSource, key: tuple[str, ...], rows: list[tuple]) -> None:
    months = _months(min(row[0] for row in rows), max(row[0] for row in rows))
    series: dict[tuple, list[tuple]] = {}
    for row in rows:
        series.setdefault(row[1 : len(key) + 1], []).append(row)
    if len(series) == 1:
        ((_, points),) = series.items()
        detail = Table(title=f"marts.{source.view}", title_justify="left")
        for column, justify in (
            ("month", "left"),
            (source.measure, "right"),
            ("MoM", "right"),
            ("MoM %", "right"),
        ):
            detail.add_column(column, justify=justify)
        for period, *_, value, change, change_pct in points:
            detail.add_row(month_key(period), _number(value), _number(change, True), _percent(change_pct))
        out.print(detail)
    summary = Table(
        title=f"{source.measure} by month, {month_key(months[0])}..{month_key(months[-1])}",
        title_justify="left",
    )
    for column in ("province", "area", "scope", *source.dimensions, "latest", source.measure, "MoM", "MoM %"):
        summary.add_column(column, justify="right" if column in (source.measure, "MoM", "MoM %") else "left")
    summary.add_column("trend", no_wrap=True)
    for (province_code, area_code, scope, *dimensions), points in series.items():
        by_month = {point[0]: point[-3] for point in points}
        period, *_, value, change, change_pct = points[-1]
        province = province_by_code(province_code)
        summary.add_row(
            province.slug if province else province_code,
            _area_label(province_code, area_code),
            scope,
            *("" if d is None else str(d) for d in dimensions),
            month_key(period),
            _number(value),
            _number(change, True),
            _percent(change_pct),
            sparkline([by_month.get(month) for month in months]),
        )
    out.print(summary)


def _percent(value: float | None) -> str:
    if value is None:
        return "[dim]–[/]"
    return f"{value:+.1f}%" if round(value, 1) else "0.0%"


@app.command(epilog="Example: agristat status --warehouse warehouse --raw raw")
def status(raw: RawOption = Path("raw"), warehouse: WarehouseOption = Path("warehouse")) -> None:
    """What the published snapshot holds: months, submissions per province, rejections, last run."""
    with published(warehouse) as con:
        months = [
            period
            for (period,) in con.execute(
                "select distinct period from audit.submissions where status = 'loaded' order by period"
            ).fetchall()
        ]
        provinces = con.execute(
            """
            select
                province_code,
                count(distinct period) filter (where status = 'loaded'),
                count(*) filter (where status = 'loaded'),
                count(*) filter (where status = 'superseded'),
                count(*) filter (where status = 'rejected'),
                max(period),
                max(received_at)
            from audit.submissions
            group by province_code
            order by province_code nulls last
            """
        ).fetchall()
        rejected = con.execute(
            "select path, error from audit.submissions where status = 'rejected' order by period, path"
        ).fetchall()
        registered = {
            submission_id
            for (submission_id,) in con.execute("select submission_id from audit.submissions").fetchall()
        }
    snapshot = _snapshot(warehouse)
    written = datetime.fromtimestamp(snapshot.stat().st_mtime).isoformat(" ", "seconds")
    out.print(f"[bold]Published snapshot[/] {snapshot} (written {written})")
    if months:
        gaps = [m for m in _months(months[0], months[-1]) if m not in months]
        gap_text = f"; no submission loaded for {', '.join(map(month_key, gaps))}" if gaps else ""
        out.print(
            f"[bold]Months loaded[/] {len(months)}: {month_key(months[0])}..{month_key(months[-1])}{gap_text}"
        )
    else:
        out.print("[bold]Months loaded[/] none")
    table = Table(title="Submissions per province", title_justify="left")
    for column in ("province", "months", "loaded", "superseded", "rejected", "latest month", "last received"):
        table.add_column(column, justify="left" if column in ("province", "last received") else "right")
    for code, month_count, loaded, superseded, rejected_count, latest, received in provinces:
        province = province_by_code(code) if code else None
        name = f"{province.slug} ({code})" if province else "unknown folder"
        table.add_row(
            name,
            str(month_count),
            str(loaded),
            str(superseded),
            f"[red]{rejected_count}[/]" if rejected_count else "0",
            month_key(latest),
            received.isoformat(" ", "seconds"),
        )
    out.print(table)
    if rejected:
        out.print(f"[bold]Rejected submissions[/] ({len(rejected)})")
        for path, error in rejected[:MAX_LISTED]:
            out.print(f"  [red]{path}[/]: {error}")
        if len(rejected) > MAX_LISTED:
            out.print(f"  … and {len(rejected) - MAX_LISTED} more")
    _print_waiting(raw.resolve(), registered)
    _print_last_run(warehouse.resolve())


def _print_waiting(raw_root: Path, registered: set[str]) -> None:
    """Files under raw/ whose content the snapshot has not seen: what the next build will load."""
    if not raw_root.is_dir():
        out.print(f"[dim]Raw folder {raw_root} not found; not compared[/]")
        return
    files = find_submission_files(raw_root, date.min, date.max)
    waiting = [
        f.relative
        for f in files
        if submission_id(f.relative.rsplit("/", 1)[0], fingerprint(f.path)[0]) not in registered
    ]
    if not waiting:
        out.print(f"[bold]Raw folder[/] {raw_root}: every file is in the snapshot")
        return
    out.print(f"[bold]Raw folder[/] {raw_root}: {len(waiting)} file(s) not built yet")
    for relative in waiting[:MAX_LISTED]:
        out.print(f"  [yellow]{relative}[/]")


def _print_last_run(warehouse_root: Path) -> None:
    if not os.environ.get("DAGSTER_HOME") and not (warehouse_root / "dagster").is_dir():
        out.print("[bold]Last run[/] none recorded")
        return
    warnings.filterwarnings("ignore", module=r"dagster\.")
    with _instance(warehouse_root) as instance:
        records = instance.get_run_records(limit=1)
    if not records:
        out.print("[bold]Last run[/] none recorded")
        return
    record = records[0]
    run = record.dagster_run
    tags = run.tags
    months = tags.get("dagster/partition") or "..".join(
        tags[k][:7]
        for k in ("dagster/asset_partition_range_start", "dagster/asset_partition_range_end")
        if k in tags
    )
    started = (
        datetime.fromtimestamp(record.start_time).isoformat(" ", "seconds") if record.start_time else "?"
    )
    took = (
        f", took {record.end_time - record.start_time:.0f} s" if record.start_time and record.end_time else ""
    )
    colour = "green" if run.status.value == "SUCCESS" else "red"
    out.print(
        f"[bold]Last run[/] {run.run_id} [{colour}]{run.status.value}[/] months {months or '?'},"
        f" started {started}{took}"
    )


@app.command(epilog="Example: agristat synth --provinces 3 --months 12 --out /tmp/corpus --start 2023-01")
def synth(
    provinces: Annotated[int, typer.Option(min=1, max=63, help="How many provinces, by code.")],
    months: Annotated[int, typer.Option(min=1, help="How many months from --start.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Writes <out>/raw and <out>/truth.")],
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 0,
    start: Annotated[str, typer.Option(help="First month, YYYY-MM.")] = "2015-01",
) -> None:
    """Write a synthetic corpus of reports with known figures, for trials and benchmarks."""
    from pipelines.synthetic import generate_corpus

    first = _month_option(start, "--start")
    summary = generate_corpus(out_dir, provinces, months, seed=seed, start=first)
    out.print(
        f"wrote {summary.reports} reports ({summary.provinces} provinces × {summary.months} months"
        f" from {start}, {summary.figures} figures, {summary.reports_with_issues} with a deliberate"
        f" inconsistency)"
    )
    out.print(f"  submissions   {summary.raw_dir}")
    out.print(f"  ground truth  {summary.truth_dir}")
    out.print(f"  next: agristat build --raw {summary.raw_dir}")


@app.command(
    epilog="Example: agristat extract --from 2023-01 --to 2023-12 --province lai-chau"
    " --tables livestock_herds,forest_violations --format xlsx --out /tmp/lai-chau-2023"
)
def extract(
    first: Annotated[str, typer.Option("--from", help="First month, YYYY-MM.")],
    last: Annotated[str, typer.Option("--to", help="Last month, YYYY-MM (included).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder the bundle is written to.")],
    file_format: Annotated[str, typer.Option("--format", help="csv, parquet or xlsx.")] = "csv",
    province: Annotated[str | None, typer.Option("--province", help="Only this province (slug).")] = None,
    tables: Annotated[
        str | None, typer.Option("--tables", help="Comma-separated fact tables (default: all).")
    ] = None,
    warehouse: WarehouseOption = Path("warehouse"),
) -> None:
    """Write the statistics office bundle: data files, data dictionary, failed checks, manifest."""
    from pipelines.exports.extract import ExtractError, ExtractRequest, write_extract

    request = ExtractRequest(
        first_month=_month_option(first, "--from"),
        last_month=_month_option(last, "--to"),
        province_slug=province,
        tables=tuple(t.strip() for t in tables.split(",") if t.strip()) if tables else None,
        file_format=file_format,
    )
    with published(warehouse) as con:
        try:
            manifest = write_extract(con, request, out_dir)
        except ExtractError as exc:
            raise _fail(str(exc), 2) from exc
    listing = Table("file", "rows", "sha256")
    for entry in manifest["files"]:
        listing.add_row(entry["file"], str(entry["rows"]), entry["sha256"][:16] + "…")
    out.print(listing)
    out.print(f"bundle written to {out_dir.resolve()} (manifest.json lists every file's SHA-256)")


@app.command(epilog="Example: agristat report lai-chau 2023-12")
def report(
    province: Annotated[str, typer.Argument(help="Province slug (lai-chau) or code (12).")],
    month: Annotated[str, typer.Argument(help="Month, YYYY-MM.")],
    warehouse: WarehouseOption = Path("warehouse"),
) -> None:
    """Print where a province-month's narrative report files are, writing them first if missing."""
    from pipelines.exports.report_files import export_report, report_folder

    code, period = _province_code(province), _month_option(month, "MONTH")
    exports = warehouse.resolve() / "exports"
    folder = report_folder(exports, code, period)
    files = {suffix: folder / f"bao-cao.{suffix}" for suffix in ("md", "html", "docx")}
    if not all(path.exists() for path in files.values()):
        with published(warehouse) as con:
            try:
                files = export_report(con, code, period, exports)
            except LookupError as exc:
                raise _fail(str(exc), 1) from exc
    for suffix, path in files.items():
        out.print(f"{suffix:5} {path}")
    out.print(f"charts {folder / 'charts'}")
