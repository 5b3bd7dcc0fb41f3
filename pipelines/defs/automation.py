"""Jobs and sensors: what runs the assets besides the `agristat build` command."""

import json
from collections.abc import Iterator

import dagster as dg

from pipelines.defs.partitions import monthly_partitions, partition_key
from pipelines.defs.resources import RawFolder
from pipelines.warehouse.raw import changed_months, raw_state

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Everything for the selected months: register, parse, dbt, publish, export.",
)


@dg.sensor(job=build_all, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw: RawFolder) -> Iterator[dg.RunRequest]:
    """Rebuild a month when a file under raw/ for it is added, changed or removed."""
    current = raw_state(raw.root)
    previous = json.loads(context.cursor) if context.cursor else {}
    known = set(monthly_partitions.get_partition_keys())
    for month in changed_months(previous, current):
        key = partition_key(month)
        if key in known:
            yield dg.RunRequest(partition_key=key)
        else:
            context.log.warning(f"raw/ has files for {key}, outside the partitions; not built")
    context.update_cursor(json.dumps(current, sort_keys=True))
