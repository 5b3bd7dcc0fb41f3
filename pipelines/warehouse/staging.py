"""Staging: the figures of every submission version of a month, replaced as a whole per run.

A month is reloaded with delete-then-insert inside one transaction, so rerunning a month gives
the same rows and a reader never sees it half loaded. Every version's figures are kept (marts
pick the newest loaded version); a version whose file is no longer in raw/ with the same bytes
cannot be parsed again, so its rows and status are carried over unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.parsing.model import ParseResult
from pipelines.warehouse.raw import fingerprint
from pipelines.warehouse.schemas import FIGURE_DTYPES, UNRECOGNISED_DTYPES
from pipelines.warehouse.submissions import Submission

logger = logging.getLogger(__name__)

Parser = Callable[[Path, Path], ParseResult]


@dataclass(frozen=True)
class Outcome:
    """What parsing one submission version gave: its figures, or why it was rejected.

    `carried` marks a version that could not be parsed again (its file changed or went away).
    """

    submission: Submission
    figures: pd.DataFrame
    unrecognised: pd.DataFrame
    error: str | None = None
    carried: bool = False

    @property
    def parsed(self) -> bool:
        """Whether this version's figures are usable (parsed now, or loaded earlier and carried)."""
        if self.carried:
            return self.submission.status in ("loaded", "superseded")
        return self.error is None


def _frame(rows: list[dict], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes)


def figures_frame(submission: Submission, result: ParseResult) -> pd.DataFrame:
    """The figures of one parsed submission as `staging.figures` rows.

    A province total comes from the parser without an area; it is stored under the province code
    so that every row names the unit it is about.
    """
    period = pd.Timestamp(submission.period)
    rows = [
        {
            **figure.as_row(),
            "submission_id": submission.submission_id,
            "period": period,
            "province_code": submission.province_code,
            "area_code": figure.area_code or submission.province_code,
        }
        for figure in result.figures
    ]
    return _frame(rows, FIGURE_DTYPES)


def unrecognised_frame(submission: Submission, result: ParseResult) -> pd.DataFrame:
    """The numbers the parser could not place, as `staging.unrecognised_numbers` rows."""
    period = pd.Timestamp(submission.period)
    rows = [
        {
            "submission_id": submission.submission_id,
            "period": period,
            "province_code": submission.province_code,
            "line": number.line,
            "text": number.text,
            "context": number.context,
        }
        for number in result.unrecognised
    ]
    return _frame(rows, UNRECOGNISED_DTYPES)


def _rejected(submission: Submission, error: str) -> Outcome:
    return Outcome(submission, _frame([], FIGURE_DTYPES), _frame([], UNRECOGNISED_DTYPES), error=error)


def _carried(submission: Submission) -> Outcome:
    return Outcome(submission, _frame([], FIGURE_DTYPES), _frame([], UNRECOGNISED_DTYPES), carried=True)


def parse_one(raw_root: Path, submission: Submission, parse: Parser) -> Outcome:
    """Parse one registered version; a parse failure is a rejection, never an exception."""
    if submission.province_code is None:
        return _rejected(submission, submission.error or f"{submission.path}: unknown province")
    path = (raw_root / submission.path).resolve()
    if not path.is_relative_to(raw_root.resolve()):
        return _rejected(submission, f"{submission.path}: resolves outside the raw folder")
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
    return Outcome(submission, figures_frame(submission, result), unrecognised_frame(submission, result))


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
    figures = _concat([o.figures for o in fresh], FIGURE_DTYPES)
    unrecognised = _concat([o.unrecognised for o in fresh], UNRECOGNISED_DTYPES)
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
        for outcome in outcomes:
            sid = outcome.submission.submission_id
            error = outcome.submission.error if outcome.carried else outcome.error
            con.execute(
                "update audit.submissions set status = ?, error = ? where submission_id = ?",
                [statuses[sid], error, sid],
            )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return LoadSummary(figures=len(figures), unrecognised=len(unrecognised), statuses=statuses)


def _concat(frames: list[pd.DataFrame], dtypes: dict[str, str]) -> pd.DataFrame:
    non_empty = [frame for frame in frames if not frame.empty]
    return pd.concat(non_empty, ignore_index=True) if non_empty else _frame([], dtypes)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = ", ".join(frame.columns)
    casts = ", ".join("cast(period as date)" if c == "period" else c for c in frame.columns)
    con.register("incoming", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {casts} from incoming")
    finally:
        con.unregister("incoming")


def read_figures(con: duckdb.DuckDBPyConnection, start: date, end: date) -> pd.DataFrame:
    """The `staging.figures` rows of [start, end) with the dtypes the schema expects."""
    frame = con.execute(
        f"select {', '.join(FIGURE_DTYPES)} from staging.figures where period >= ? and period < ?",
        [start, end],
    ).df()
    return frame.astype(FIGURE_DTYPES)
