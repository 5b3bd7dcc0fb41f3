"""Ingest: register the files of the run's months, then parse them into staging."""

import re
import time
from collections import Counter
from datetime import UTC, datetime

import dagster as dg

from pipelines.defs.partitions import monthly_partitions, run_window
from pipelines.defs.resources import RawFolder, Warehouse
from pipelines.parsing.areas import province_by_slug
from pipelines.parsing.report import parse_submission
from pipelines.warehouse.db import ensure_schema
from pipelines.warehouse.raw import find_submission_files
from pipelines.warehouse.staging import parse_all, replace_window
from pipelines.warehouse.submissions import Submission, register_files, submissions_between

# Logged as submissions are parsed, oldest month first, so `agristat build` can show progress:
# after the last submission of each month, and in between at most once per PROGRESS_INTERVAL_S
# (every log message is an event Dagster writes to its database, ~20-50 ms each).
PARSED_MESSAGE = "parsed submission {number}/{total}: {path}"
PROGRESS_INTERVAL_S = 1.0
# How many paths an asset's metadata lists (see _first).
METADATA_ITEMS = 50
PARSED_PATTERN = re.compile(r"^parsed submission (?P<number>\d+)/(?P<total>\d+): (?P<path>.+)$")


def _label(submission: Submission) -> str:
    return f"{submission.path} (version {submission.version})"


def province_code_for(slug: str) -> str | None:
    """The statistics office code of a province folder's slug, None if it is no province."""
    province = province_by_slug(slug)
    return province.code if province else None


@dg.asset(
    partitions_def=monthly_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="ingest",
    kinds={"duckdb"},
    description="Every file version under raw/<province>/<YYYY-MM>/, registered in audit.submissions.",
)
def raw_submissions(
    context: dg.AssetExecutionContext, raw: RawFolder, warehouse: Warehouse
) -> dg.MaterializeResult:
    start, end = run_window(context)
    files = find_submission_files(raw.root, start, end)
    for raw_file in files:
        if raw_file.problem:
            context.log.warning(f"rejected {raw_file.problem}")
    with warehouse.connect() as con:
        ensure_schema(con)
        registration = register_files(con, files, province_code_for, datetime.now(UTC).replace(tzinfo=None))
    return dg.MaterializeResult(
        metadata={
            "files": len(files),
            "new_versions": len(registration.new),
            "unchanged": len(registration.unchanged),
            "duplicates": len(registration.duplicates),
            "first_new_versions": dg.MetadataValue.json(_first(registration.new)),
            "first_duplicates": dg.MetadataValue.json(_first(registration.duplicates)),
        }
    )


@dg.asset(
    deps=[raw_submissions],
    partitions_def=monthly_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="ingest",
    kinds={"duckdb", "pandas"},
    description="Figures of every submission version of the run's months, in staging.figures.",
)
def staging_figures(
    context: dg.AssetExecutionContext, raw: RawFolder, warehouse: Warehouse
) -> dg.MaterializeResult:
    start, end = run_window(context)
    with warehouse.connect() as con:
        ensure_schema(con)
        submissions = sorted(submissions_between(con, start, end), key=lambda s: s.period)
        outcomes = []
        logged_at = time.monotonic()
        for number, outcome in enumerate(parse_all(raw.root, submissions, parse_submission), 1):
            outcomes.append(outcome)
            month_done = number == len(submissions) or submissions[number].period != outcome.submission.period
            if month_done or time.monotonic() - logged_at >= PROGRESS_INTERVAL_S:
                context.log.debug(
                    PARSED_MESSAGE.format(number=number, total=len(submissions), path=outcome.submission.path)
                )
                logged_at = time.monotonic()
        summary = replace_window(con, start, end, outcomes)
    statuses = {_label(o.submission): summary.statuses[o.submission.submission_id] for o in outcomes}
    rejected = {
        _label(o.submission): o.error for o in outcomes if statuses[_label(o.submission)] == "rejected"
    }
    for label, error in rejected.items():
        context.log.warning(f"rejected {label}: {error}")
    return dg.MaterializeResult(
        metadata={
            "figures": summary.figures,
            "unrecognised_numbers": summary.unrecognised,
            "statuses": dg.MetadataValue.json(dict(sorted(Counter(statuses.values()).items()))),
            "rejected": len(rejected),
            "first_rejected": dg.MetadataValue.json(_first(rejected)),
        }
    )


def _first(items: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
    """The first METADATA_ITEMS of a list or mapping: Dagster copies a run's metadata into the
    event of every month it covers, so a ten-year run listing every file wrote 40 MB of events.
    The whole lists are in audit.submissions and the run's log."""
    if isinstance(items, dict):
        return dict(list(items.items())[:METADATA_ITEMS])
    return list(items[:METADATA_ITEMS])
