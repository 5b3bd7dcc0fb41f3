"""Staging: the figures of every submission version of a month, replaced as a whole per run.

A month is reloaded with delete-then-insert inside one transaction, so rerunning a month gives
the same rows and a reader never sees it half loaded. Every version's figures are kept (marts
pick the newest loaded version); a version whose file is no longer in raw/ with the same bytes
cannot be parsed again, so its rows and status are carried over unchanged.

Parsing is pure, CPU-bound Python: a window of many submissions (a backfill) is parsed in a
pool of processes, one per core, and each submission's figures travel back as plain row tuples;
the rows of the whole window become one DataFrame, inserted in one statement.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.parsing.model import ParseResult
from pipelines.processes import pool_context, usable_cores
from pipelines.warehouse.raw import MAX_SUBMISSION_BYTES, fingerprint
from pipelines.warehouse.schemas import FIGURE_DTYPES, UNRECOGNISED_DTYPES
from pipelines.warehouse.submissions import Submission

logger = logging.getLogger(__name__)

Parser = Callable[[Path, Path], ParseResult]
Row = tuple[object, ...]

# Below this many submissions a pool costs more to start (about a second) than it saves.
POOL_MIN_SUBMISSIONS = 64
FIGURE_COLUMNS = tuple(FIGURE_DTYPES)
UNRECOGNISED_COLUMNS = tuple(UNRECOGNISED_DTYPES)


@dataclass(frozen=True)
class Outcome:
    """What parsing one submission version gave: its figures, or why it was rejected.

    `figures` and `unrecognised` are rows of `staging.figures` and `staging.unrecognised_numbers`
    (tuples in the order of FIGURE_COLUMNS and UNRECOGNISED_COLUMNS): compact, and cheap to
    send back from a worker process. `carried` marks a version that could not be parsed again
    (its file changed or went away).
    """

    submission: Submission
    figures: list[Row]
    unrecognised: list[Row]
    error: str | None = None
    carried: bool = False

    @property
    def parsed(self) -> bool:
        """Whether this version's figures are usable (parsed now, or loaded earlier and carried)."""
        if self.carried:
            return self.submission.status in ("loaded", "superseded")
        return self.error is None


def _frame(rows: list[Row], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(dtypes))
    return frame.astype(dtypes)


def _submission_columns(submission: Submission) -> dict[str, object]:
    """The columns every staging row of a submission shares."""
    return {
        "submission_id": submission.submission_id,
        "period": pd.Timestamp(submission.period),
        "province_code": submission.province_code,
    }


def figure_rows(submission: Submission, result: ParseResult) -> list[Row]:
    """The figures of one parsed submission as `staging.figures` rows (FIGURE_COLUMNS order).

    A province total comes from the parser without an area; it is stored under the province code
    so that every row names the unit it is about. `period` is the submission's month (staging is
    replaced by it), `figure_period` the figure's own (its `period`, else the submission's month).
    """
    shared = _submission_columns(submission)
    rows = []
    for figure in result.figures:
        row = figure.as_row()
        row["figure_period"] = pd.Timestamp(figure.period or submission.period)
        row |= shared
        row["area_code"] = figure.area_code or submission.province_code
        rows.append(tuple(row[column] for column in FIGURE_COLUMNS))
    return rows


def unrecognised_rows(submission: Submission, result: ParseResult) -> list[Row]:
    """The numbers the parser could not place, as `staging.unrecognised_numbers` rows."""
    shared = _submission_columns(submission)
    rows = []
    for number in result.unrecognised:
        row = shared | {
            "line": number.line,
            "text": number.text,
            "context": number.context,
            "reason": number.reason,
        }
        rows.append(tuple(row[column] for column in UNRECOGNISED_COLUMNS))
    return rows


def figures_frame(submission: Submission, result: ParseResult) -> pd.DataFrame:
    """The figures of one parsed submission as a `staging.figures` frame, with the schema's dtypes."""
    return _frame(figure_rows(submission, result), FIGURE_DTYPES)


def _rejected(submission: Submission, error: str) -> Outcome:
    return Outcome(submission, [], [], error=error)


def _carried(submission: Submission) -> Outcome:
    return Outcome(submission, [], [], carried=True)


def parse_one(raw_root: Path, submission: Submission, parse: Parser) -> Outcome:
    """Parse one registered version; a parse failure is a rejection, never an exception."""
    if submission.province_code is None:
        return _rejected(submission, submission.error or f"{submission.path}: unknown province")
    path = (raw_root / submission.path).resolve()
    if not path.is_relative_to(raw_root.resolve()):
        return _rejected(
            submission, submission.error or f"{submission.path}: resolves outside the raw folder"
        )
    if path.is_file() and path.stat().st_size > MAX_SUBMISSION_BYTES:
        return _rejected(submission, submission.error or f"{submission.path}: too large to be a report")
    if not path.is_file() or fingerprint(path)[0] != submission.sha256:
        if submission.status is None:
            return _rejected(submission, f"{submission.path}: changed or removed before it could be parsed")
        return _carried(submission)
    try:
        result = parse(path, raw_root)
    except Exception as exc:  # a parser bug must not stop the other submissions of the month
        logger.exception("parser failed on %s", submission.path)
        return _rejected(submission, f"{submission.path}: parser failed: {exc!r}")
    if result.errors:
        return _rejected(submission, "; ".join(str(issue) for issue in result.errors))
    return Outcome(submission, figure_rows(submission, result), unrecognised_rows(submission, result))


def parse_all(
    raw_root: Path, submissions: Sequence[Submission], parse: Parser, workers: int | None = None
) -> Iterator[Outcome]:
    """`parse_one` of every submission, yielded in the order of `submissions`.

    From POOL_MIN_SUBMISSIONS on, the submissions are shared out to a pool of `workers`
    processes (default: one per core the process may use); `parse` must then be a module-level
    function, so that it can be sent to them. The order of the outcomes never depends on which
    process finished first, so a run gives the same rows whatever the pool did. As with any
    multiprocessing, the workers import the main module: a script that runs the pipeline must
    guard its entry point with `if __name__ == "__main__":` (the installed commands do).
    """
    workers = workers or usable_cores()
    if workers < 2 or len(submissions) < POOL_MIN_SUBMISSIONS:
        for submission in submissions:
            yield parse_one(raw_root, submission, parse)
        return
    # gc.freeze: the modules a worker starts with are never garbage, and leaving them out of the
    # collector's scans makes parsing, which allocates a lot, about a fifth faster.
    context = pool_context([__name__, parse.__module__])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.freeze) as pool:
        # Chunks of submissions per task: fewer round trips, still a balanced load at the end.
        count = len(submissions)
        chunksize = max(1, min(32, count // (workers * 8)))
        yield from pool.map(
            parse_one, repeat(raw_root, count), submissions, repeat(parse, count), chunksize=chunksize
        )


def resolve_statuses(outcomes: Sequence[Outcome]) -> dict[str, str]:
    """Status of each version: the newest usable one per province and month is loaded."""
    newest: dict[tuple[str | None, date], Outcome] = {}
    for outcome in outcomes:
        key = (outcome.submission.province_code, outcome.submission.period)
        if outcome.parsed and (
            key not in newest or outcome.submission.version > newest[key].submission.version
        ):
            newest[key] = outcome
    loaded = {outcome.submission.submission_id for outcome in newest.values()}
    return {outcome.submission.submission_id: _status(outcome, loaded) for outcome in outcomes}


def _status(outcome: Outcome, loaded: set[str]) -> str:
    if outcome.submission.submission_id in loaded:
        return "loaded"
    return "superseded" if outcome.parsed else "rejected"


@dataclass(frozen=True)
class LoadSummary:
    """Rows written by one staging load, for the run's metadata."""

    figures: int
    unrecognised: int
    statuses: dict[str, str]


def replace_window(
    con: duckdb.DuckDBPyConnection, start: date, end: date, outcomes: Sequence[Outcome]
) -> LoadSummary:
    """Replace the staging rows of the months in [start, end) and record statuses, in one transaction."""
    statuses = resolve_statuses(outcomes)
    carried = [o.submission.submission_id for o in outcomes if o.carried]
    fresh = [o for o in outcomes if not o.carried]
    figures = _frame([row for o in fresh for row in o.figures], FIGURE_DTYPES)
    unrecognised = _frame([row for o in fresh for row in o.unrecognised], UNRECOGNISED_DTYPES)
    keep = "and submission_id not in (select unnest(?::varchar[]))"
    con.execute("begin transaction")
    try:
        con.execute(
            f"delete from staging.figures where period >= ? and period < ? {keep}", [start, end, carried]
        )
        con.execute(
            f"delete from staging.unrecognised_numbers where period >= ? and period < ? {keep}",
            [start, end, carried],
        )
        _insert(con, "staging.figures", figures)
        _insert(con, "staging.unrecognised_numbers", unrecognised)
        _record_statuses(con, outcomes, statuses)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return LoadSummary(figures=len(figures), unrecognised=len(unrecognised), statuses=statuses)


def _record_statuses(
    con: duckdb.DuckDBPyConnection, outcomes: Sequence[Outcome], statuses: dict[str, str]
) -> None:
    """Set the status and error of every version in one statement (one by one takes ~1 ms each)."""
    if not outcomes:
        return
    rows = [
        (
            o.submission.submission_id,
            statuses[o.submission.submission_id],
            o.submission.error if o.carried else o.error,
        )
        for o in outcomes
    ]
    con.register(
        "incoming_statuses", pd.DataFrame.from_records(rows, columns=["submission_id", "status", "error"])
    )
    try:
        con.execute(
            """
            update audit.submissions as s
            set status = cast(u.status as varchar), error = cast(u.error as varchar)
            from incoming_statuses as u
            where s.submission_id = u.submission_id
            """
        )
    finally:
        con.unregister("incoming_statuses")


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = ", ".join(frame.columns)
    dates = {c for c, dtype in frame.dtypes.items() if str(dtype).startswith("datetime64")}
    casts = ", ".join(f"cast({c} as date)" if c in dates else c for c in frame.columns)
    con.register("incoming", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {casts} from incoming")
    finally:
        con.unregister("incoming")


def read_figures(con: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """The `staging.figures` rows of the submissions of [start, end), with the schema's dtypes."""
    return _read(con, "staging.figures", FIGURE_DTYPES, start, end)


def read_unrecognised(con: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """The `staging.unrecognised_numbers` rows of [start, end), with the schema's dtypes."""
    return _read(con, "staging.unrecognised_numbers", UNRECOGNISED_DTYPES, start, end)


def _read(
    con: duckdb.DuckDBPyConnection, table: str, dtypes: dict[str, str], start: date, end: date
) -> pd.DataFrame:
    frame = con.execute(
        f"select {', '.join(dtypes)} from {table} where period >= ? and period < ?", [start, end]
    ).df()
    return frame.astype(dtypes)
