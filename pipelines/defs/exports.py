"""Publishing: the snapshot analysts read, and the exports made from it."""

import dagster as dg

from pipelines.defs.partitions import monthly_partitions
from pipelines.defs.resources import Warehouse
from pipelines.exports.series import livestock_herd_series, write_csv_atomic
from pipelines.warehouse.db import connect
from pipelines.warehouse.publish import publish_snapshot


def build_publish_assets(models: dg.AssetsDefinition) -> list[dg.AssetsDefinition]:
    """The published snapshot after `models`, and the exports read from it."""

    @dg.asset(
        deps=list(models.keys),
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        group_name="publish",
        kinds={"duckdb"},
        description=(
            "Atomic copy of the working database at <warehouse>/published/agristat.duckdb, made only"
            " when the run's blocking checks and dbt tests passed; what analysts and exports read."
        ),
    )
    def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
        path = publish_snapshot(warehouse.database, warehouse.published)
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path))})

    @dg.asset(
        name="livestock_herd_series",
        deps=[published_warehouse],
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        group_name="exports",
        kinds={"csv"},
        description="Herd sizes by month, area and species, all months, as CSV under <warehouse>/exports/.",
    )
    def livestock_herd_series_csv(warehouse: Warehouse) -> dg.MaterializeResult:
        with connect(warehouse.published, read_only=True) as con:
            series = livestock_herd_series(con)
        path = write_csv_atomic(series, warehouse.exports / "livestock_herd_series.csv")
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)), "rows": len(series)})

    return [published_warehouse, livestock_herd_series_csv]
