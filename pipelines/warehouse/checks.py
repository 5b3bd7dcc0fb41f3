"""Check outcomes in `audit.check_results`: one row per check, month and submission, passed or not.

The checks themselves run elsewhere (dbt data tests, the pandera staging schema); this module
turns their outcomes into rows attributed to the months and submissions they are about, and
writes them. A dbt test of the project's own (tests/generic/) stores its failing rows with
period, province and a `details` text, so a failure lands on the month and submission it is
about; a built-in test (not_null, accepted_values, ...) stores nothing, so its failure is
recorded for every submission the run loaded. Writing is delete-then-insert on (period,
province, submission, check), so rerunning a month replaces its outcomes and keeps the other
months' and the older versions'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any

import duckdb
import pandas as pd

# Failing rows quoted in `details` per month and province; the rest are counted.
MAX_DETAILED_ROWS = 5
# Columns of a stored failure row not worth quoting when it has no `details` column.
_PROVENANCE = {"source_text", "source_line", "submission_id", "status", "qualifier"}


@dataclass(frozen=True)
class Submission:
    """A loaded submission version of a province's month: what a check outcome is recorded for."""

    period: date
    province_code: str
    submission_id: str


@dataclass(slots=True)
class CheckResult:
    """One row of `audit.check_results` (a backfill makes one per check and submission: 750,000
    for ten years, so it is a plain slotted record, the cheapest to create)."""

    period: date
    province_code: str
    submission_id: str
    check_name: str
    severity: str
    passed: bool
    details: str | None
    failures: int
    checked_relation: str | None
    checked_at: datetime


@dataclass(frozen=True)
class Failure:
    """Failing rows of one check for one month and province (and, when known, submission)."""

    period: date
    province_code: str
    submission_id: str | None
    rows: int
    details: str


def loaded_submissions(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Submission]:
    """The loaded versions of the months in [start, end): the ones the marts were built from."""
    rows = con.execute(
        """
        select period, province_code, submission_id
        from audit.submissions
        where status = 'loaded' and province_code is not null and period >= ? and period < ?
        order by period, province_code
        """,
        [start, end],
    ).fetchall()
    return [Submission(*row) for row in rows]


def outcomes(
    *,
    check_name: str,
    severity: str,
    submissions: Sequence[Submission],
    failures: Sequence[Failure],
    checked_relation: str | None,
    checked_at: datetime,
) -> list[CheckResult]:
    """One result per submission (passed unless a failure is about its month and province), plus
    one per failure about a submission outside `submissions` (a superseded version in staging)."""
    by_month: dict[tuple[date, str], list[Failure]] = {}
    for failure in failures:
        by_month.setdefault((failure.period, failure.province_code), []).append(failure)
    results: list[CheckResult] = []
    covered: set[tuple[date, str, str]] = set()
    for submission in submissions:
        key = (submission.period, submission.province_code)
        mine = [f for f in by_month.get(key, []) if f.submission_id in (None, submission.submission_id)]
        results.append(
            CheckResult(
                period=submission.period,
                province_code=submission.province_code,
                submission_id=submission.submission_id,
                check_name=check_name,
                severity=severity,
                passed=not mine,
                details="; ".join(f.details for f in mine) or None,
                failures=sum(f.rows for f in mine),
                checked_relation=checked_relation,
                checked_at=checked_at,
            )
        )
        covered.add((*key, submission.submission_id))
    for failure in failures:
        if (
            failure.submission_id
            and (failure.period, failure.province_code, failure.submission_id) not in covered
        ):
            covered.add((failure.period, failure.province_code, failure.submission_id))
            results.append(
                CheckResult(
                    period=failure.period,
                    province_code=failure.province_code,
                    submission_id=failure.submission_id,
                    check_name=check_name,
                    severity=severity,
                    passed=False,
                    details=failure.details,
                    failures=failure.rows,
                    checked_relation=checked_relation,
                    checked_at=checked_at,
                )
            )
    return results


def _row_text(row: Mapping[str, Any]) -> str:
    if row.get("details"):
        return str(row["details"])
    shown = {
        k: v
        for k, v in row.items()
        if k not in _PROVENANCE and k not in ("period", "report_period", "province_code")
    }
    return ", ".join(f"{k} {v}" for k, v in shown.items())


def failures_from_rows(frame: pd.DataFrame, summary: str) -> list[Failure]:
    """Failing rows grouped by month and province (and submission, when the rows carry it);
    rows without a month or province make one failure for every month, with `summary`.

    A row's month is its report's (`report_period`) where it has one: a failing annual 2025 row
    of the January 2026 report is about that report, not about December's."""
    if frame.empty:
        return []
    if "report_period" in frame.columns:
        frame = frame.drop(columns=["period"], errors="ignore").rename(columns={"report_period": "period"})
    if not {"period", "province_code"} <= set(frame.columns):
        sample = "; ".join(_row_text(row) for row in frame.head(MAX_DETAILED_ROWS).to_dict("records"))
        return [Failure(date.min, "", None, len(frame), f"{summary}: {sample}")]
    has_submission = "submission_id" in frame.columns
    keys = ["period", "province_code", *(["submission_id"] if has_submission else [])]
    failures = []
    for key, group in frame.groupby(keys, dropna=False, sort=True):
        period, province_code, *rest = key
        texts = [_row_text(row) for row in group.head(MAX_DETAILED_ROWS).to_dict("records")]
        more = len(group) - len(texts)
        details = "; ".join(texts) + (f"; and {more} more" if more > 0 else "")
        failures.append(
            Failure(
                period=pd.Timestamp(period).date(),
                province_code=str(province_code),
                submission_id=str(rest[0]) if rest and pd.notna(rest[0]) else None,
                rows=len(group),
                details=details,
            )
        )
    return failures


def _spread(failures: list[Failure], submissions: Sequence[Submission]) -> list[Failure]:
    """A failure without a month (date.min) is about every submission of the run."""
    spread: list[Failure] = []
    for failure in failures:
        if failure.period != date.min:
            spread.append(failure)
            continue
        spread += [
            Failure(s.period, s.province_code, s.submission_id, failure.rows, failure.details)
            for s in submissions
        ]
    return spread


def dbt_test_results(
    con: duckdb.DuckDBPyConnection,
    run_results: Mapping[str, Any],
    manifest: Mapping[str, Any],
    submissions: Sequence[Submission],
    checked_at: datetime,
) -> list[CheckResult]:
    """The outcome of every dbt data test of a `dbt build`, per loaded submission of its window.

    Skipped tests (their model failed) have no outcome and are left out; a test that could not
    run (a SQL error) is a failure with dbt's message.
    """
    results: list[CheckResult] = []
    for result in run_results.get("results", []):
        node = manifest["nodes"].get(result["unique_id"], {})
        if node.get("resource_type") != "test" or result["status"] == "skipped":
            continue
        severity = "warn" if str(node["config"].get("severity", "error")).lower() == "warn" else "error"
        checked = _checked_relation(node, manifest)
        if result["status"] == "pass":
            failures: list[Failure] = []
        elif result["status"] == "error":
            failures = [Failure(date.min, "", None, 0, f"could not run: {result.get('message')}")]
        else:
            failures = _stored_failures(con, result, node)
        results += outcomes(
            check_name=node["name"],
            severity=severity,
            submissions=submissions,
            failures=_spread(failures, submissions),
            checked_relation=checked,
            checked_at=checked_at,
        )
    return results


def _checked_relation(node: Mapping[str, Any], manifest: Mapping[str, Any]) -> str | None:
    attached = node.get("attached_node") or next(iter(node.get("depends_on", {}).get("nodes", [])), None)
    target = manifest["nodes"].get(attached) if attached else None
    return f"{target['schema']}.{target['name']}" if target else None


def _stored_failures(
    con: duckdb.DuckDBPyConnection, result: Mapping[str, Any], node: Mapping[str, Any]
) -> list[Failure]:
    count = result.get("failures") or 0
    summary = f"{count} failing row(s)"
    relation = result.get("relation_name") if node["config"].get("store_failures") else None
    if not relation:
        return [Failure(date.min, "", None, count, f"{summary}: {result.get('message')}")]
    frame = con.execute(f"select * from {relation}").df()
    return failures_from_rows(frame, summary)


def pandera_results(
    frame: pd.DataFrame,
    failure_cases: pd.DataFrame | None,
    check_name: str,
    checked_relation: str,
    checked_at: datetime,
) -> list[CheckResult]:
    """The outcome of a pandera schema for every submission in the validated `frame` (which has
    period, province_code and submission_id columns). A failure case names the frame's row
    (`index`); one without a row (a missing column, a wrong dtype) is about every submission."""
    frame = frame.reset_index(drop=True)
    submissions = sorted(
        {
            Submission(pd.Timestamp(p).date(), str(c), str(s))
            for p, c, s in frame[["period", "province_code", "submission_id"]].itertuples(index=False)
            if pd.notna(p) and pd.notna(c) and pd.notna(s)
        },
        key=lambda s: (s.period, s.province_code, s.submission_id),
    )
    failures: list[Failure] = []
    if failure_cases is not None and not failure_cases.empty:
        for case in failure_cases.to_dict("records"):
            column = case.get("column") or "frame"
            text = f"{column}: {case.get('check')} failed for {case.get('failure_case')!r}"
            index = case.get("index")
            if index is None or pd.isna(index) or index not in frame.index:
                failures.append(Failure(date.min, "", None, 1, text))
                continue
            row = frame.loc[index]
            failures.append(
                Failure(
                    pd.Timestamp(row["period"]).date(),
                    str(row["province_code"]),
                    str(row["submission_id"]),
                    1,
                    f"line {row['line_start']}: {text}" if "line_start" in frame.columns else text,
                )
            )
    return outcomes(
        check_name=check_name,
        severity="error",
        submissions=submissions,
        failures=_merge(_spread(failures, submissions)),
        checked_relation=checked_relation,
        checked_at=checked_at,
    )


def _merge(failures: Iterable[Failure]) -> list[Failure]:
    """One failure per month, province and submission, its details joined (at most a few)."""
    merged: dict[tuple[date, str, str | None], list[Failure]] = {}
    for failure in failures:
        merged.setdefault((failure.period, failure.province_code, failure.submission_id), []).append(failure)
    out = []
    for (period, province, submission), group in merged.items():
        texts = [f.details for f in group[:MAX_DETAILED_ROWS]]
        more = len(group) - len(texts)
        details = "; ".join(texts) + (f"; and {more} more" if more > 0 else "")
        out.append(Failure(period, province, submission, sum(f.rows for f in group), details))
    return out


def write_check_results(con: duckdb.DuckDBPyConnection, results: Sequence[CheckResult]) -> None:
    """Replace the outcomes of these checks for these months and submissions, in one transaction."""
    if not results:
        return
    columns = [f.name for f in fields(CheckResult)]
    frame = pd.DataFrame.from_records(list(map(attrgetter(*columns), results)), columns=columns)
    con.execute("begin transaction")
    try:
        con.register("incoming_check_results", frame)
        con.execute(
            """
            delete from audit.check_results as existing
            using incoming_check_results as incoming
            where existing.period = cast(incoming.period as date)
                and existing.province_code = incoming.province_code
                and existing.submission_id = incoming.submission_id
                and existing.check_name = incoming.check_name
            """
        )
        con.execute(
            """
            insert into audit.check_results
            select cast(period as date), province_code, submission_id, check_name, severity, passed,
                   details, failures, checked_relation, checked_at
            from incoming_check_results
            """
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.unregister("incoming_check_results")
