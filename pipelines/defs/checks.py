"""Blocking asset checks: a pandera schema validated against what an asset loaded."""

from collections.abc import Callable

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipelines.defs.ingest import staging_figures
from pipelines.defs.partitions import monthly_partitions, run_window
from pipelines.defs.resources import Warehouse
from pipelines.warehouse.schemas import FIGURES_SCHEMA
from pipelines.warehouse.staging import read_figures

FrameReader = Callable[[dg.AssetCheckExecutionContext, Warehouse], pd.DataFrame]

MAX_FAILURE_CASES = 50


def pandera_check(
    *, asset: dg.AssetsDefinition, schema: pa.DataFrameSchema, read: FrameReader, name: str
) -> dg.AssetChecksDefinition:
    """A blocking check validating `read`'s frame against `schema`, failure cases as metadata.

    Blocking: when it fails, nothing downstream of the asset runs in that run, so the marts and
    the published snapshot never see rows the schema rejects.
    """

    @dg.asset_check(
        asset=asset,
        name=name,
        blocking=True,
        partitions_def=monthly_partitions,
        description=schema.description,
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: Warehouse) -> dg.AssetCheckResult:
        frame = read(context, warehouse)
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            return dg.AssetCheckResult(
                passed=False,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={
                    "rows": len(frame),
                    "failure_cases": len(cases),
                    "first_failure_cases": dg.MetadataValue.json(
                        cases.head(MAX_FAILURE_CASES).astype(str).to_dict(orient="records")
                    ),
                },
            )
        return dg.AssetCheckResult(passed=True, metadata={"rows": len(frame)})

    return _check


def _staging_figures_of_run(context: dg.AssetCheckExecutionContext, warehouse: Warehouse) -> pd.DataFrame:
    start, end = run_window(context)
    with warehouse.connect(read_only=True) as con:
        return read_figures(con, start, end)


staging_figures_schema = pandera_check(
    asset=staging_figures,
    schema=FIGURES_SCHEMA,
    read=_staging_figures_of_run,
    name="staging_figures_schema",
)
