"""Exports read from the published snapshot: narrative reports with charts, and analysts' time series."""

import dagster as dg

from pipelines.defs.partitions import monthly_partitions, run_window
from pipelines.defs.resources import Warehouse
from pipelines.exports.report_files import export_reports
from pipelines.exports.timeseries import write_series
from pipelines.processes import usable_cores
from pipelines.warehouse.db import connect


def _reports_to_write(con, start, end) -> list[tuple[str, object]]:
    """(province, month) of the run's newest month: a backfill of years would otherwise render
    thousands of reports nobody asked for; `agristat report` writes any other month on demand."""
    return con.execute(
        "select distinct province_code, period from intermediate.int_figures__latest"
        " where period = (select max(period) from intermediate.int_figures__latest"
        "                 where period >= ? and period < ?)"
        " order by province_code",
        [start, end],
    ).fetchall()


def build_report_assets(published: dg.AssetsDefinition) -> list[dg.AssetsDefinition]:
    """The narrative reports and the time series, both downstream of the published snapshot."""

    @dg.asset(
        deps=[published],
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        group_name="exports",
        kinds={"markdown", "html", "docx"},
        description=(
            "The narrative report of every province for the run's newest month, regenerated in Vietnamese"
            " from the published snapshot: <warehouse>/exports/reports/<province>/<YYYY-MM>/bao-cao.md,"
            " .html and .docx, with PNG charts beside (other months: `agristat report`)."
        ),
    )
    def narrative_reports(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        start, end = run_window(context)
        with connect(warehouse.published, read_only=True) as con:
            months = _reports_to_write(con, start, end)
        files = export_reports(warehouse.published, months, warehouse.exports, workers=usable_cores())
        written = [str(f["html"]) for f in files]
        return dg.MaterializeResult(
            metadata={"reports": len(written), "html": dg.MetadataValue.json(written)}
        )

    @dg.asset(
        deps=[published],
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        group_name="exports",
        kinds={"csv", "parquet"},
        description=(
            "Every figure of every month as time series under <warehouse>/exports/series/: long CSV and"
            " Parquet, a wide CSV per table, and SDMX-CSV with observation status flags."
        ),
    )
    def analyst_series(warehouse: Warehouse) -> dg.MaterializeResult:
        with connect(warehouse.published, read_only=True) as con:
            written = write_series(con, warehouse.exports / "series")
        return dg.MaterializeResult(metadata={"files": dg.MetadataValue.json([p.name for p in written])})

    return [narrative_reports, analyst_series]
