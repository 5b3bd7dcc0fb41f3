"""Jobs, the monthly schedule and the raw-folder sensor: what runs the assets besides `agristat build`."""

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.defs.partitions import monthly_partitions, partition_key
from pipelines.defs.resources import RawFolder
from pipelines.warehouse.months import previous_month
from pipelines.warehouse.raw import new_contents, scan_contents

# Provinces file their report on a month by the first days of the next one; the 10th at 07:00
# in Hà Nội leaves time for late and corrected submissions before the month is built.
SCHEDULE_TIMEZONE = "Asia/Ho_Chi_Minh"
SCHEDULE_CRON = "0 7 10 * *"

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Everything for the selected months: register, parse, dbt, publish, export.",
)


@dg.schedule(
    job=build_all,
    cron_schedule=SCHEDULE_CRON,
    execution_timezone=SCHEDULE_TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def monthly_build(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Build the previous month on the 10th at 07:00, Vietnam time.

    Written by hand rather than with `build_schedule_from_partitioned_job`, which requests the
    last partition: with `end_offset=1` that is the current month, not the one just reported on.
    """
    now = context.scheduled_execution_time or datetime.now(ZoneInfo(SCHEDULE_TIMEZONE))
    key = partition_key(previous_month(now.astimezone(ZoneInfo(SCHEDULE_TIMEZONE)).date()))
    return dg.RunRequest(run_key=key, partition_key=key)


def run_key(key: str, contents: list[str]) -> str:
    """A run key from the month and the `path@sha256` of its new files: the same bytes, the same key."""
    digest = hashlib.sha256("\n".join(sorted(contents)).encode()).hexdigest()[:16]
    return f"{key}:{digest}"


@dg.sensor(job=build_all, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw: RawFolder) -> Iterator[dg.RunRequest]:
    """Build a month when a file with new content appears under raw/ for it.

    The cursor keeps each file's stamp and SHA-256, so an unchanged file never triggers twice and
    only touched files are hashed again; the run key, made from the hashes, keeps Dagster from
    running the same change twice even if the cursor is reset.
    """
    previous = {path: tuple(state) for path, state in json.loads(context.cursor or "{}").items()}
    current = scan_contents(raw.root, previous)
    known = set(monthly_partitions.get_partition_keys())
    for month, contents in new_contents(previous, current).items():
        key = partition_key(month)
        if key not in known:
            context.log.warning(f"raw/ has files for {key}, outside the partitions; not built")
            continue
        context.log.info(f"{key}: new content in {', '.join(c.split('@')[0] for c in contents)}")
        yield dg.RunRequest(run_key=run_key(key, contents), partition_key=key)
    context.update_cursor(json.dumps(current, sort_keys=True))
