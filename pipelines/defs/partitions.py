"""The one partitioning of the warehouse: the month a report is about."""

from datetime import date

import dagster as dg

# From January 2000, so the archives of the Departments (monthly reports since the 2000s) load;
# one month past today's, so a report on the current month ("ước" figures sent before the month
# ends) has a partition to land in. dbt's default window (macros/run_window.sql) and dim_periods
# start in the same month.
FIRST_MONTH = "2000-01-01"
monthly_partitions = dg.MonthlyPartitionsDefinition(start_date=FIRST_MONTH, end_offset=1)


def partition_key(month: date) -> str:
    """The partition key of a month (`2023-12-01`)."""
    return month.strftime(monthly_partitions.fmt)


def run_window(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> tuple[date, date]:
    """The run's months as a half-open [start, end) window of dates; one month or a single-run range."""
    window = context.partition_time_window
    return window.start.date(), window.end.date()


def partition_range_tags(first: date, last: date) -> dict[str, str]:
    """Run tags that make one run cover the months first..last (both included).

    These are the tags Dagster's own single-run backfills and `dagster asset materialize
    --partition-range` set; they are stored with every run, so their names are stable.
    """
    return {
        "dagster/asset_partition_range_start": partition_key(first),
        "dagster/asset_partition_range_end": partition_key(last),
    }
