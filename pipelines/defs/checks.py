"""Blocking asset checks: a pandera schema validated against what an asset loaded."""

from collections.abc import Callable
from datetime import UTC, datetime

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipelines.defs.ingest import staging_figures
from pipelines.defs.partitions import monthly_partitions, run_window
from pipelines.defs.resources import Warehouse
from pipelines.warehouse.checks import pandera_results, write_check_results
from pipelines.warehouse.schemas import FIGURES_SCHEMA, UNRECOGNISED_SCHEMA
from pipelines.warehouse.staging import read_figures, read_unrecognised

FrameReader = Callable[[dg.AssetCheckExecutionContext, Warehouse], pd.DataFrame]
# Records a validation's outcome somewhere (the validated frame, its failure cases or None).
OutcomeRecorder = Callable[[Warehouse, pd.DataFrame, pd.DataFrame | None], None]

MAX_FAILURE_CASES = 50


def pandera_check(
    *,
    asset: dg.AssetsDefinition,
    schema: pa.DataFrameSchema,
    read: FrameReader,
    name: str,
    record: OutcomeRecorder | None = None,
) -> dg.AssetChecksDefinition:
    """A blocking check validating `read`'s frame against `schema`, failure cases as metadata.

    Blocking: when it fails, nothing downstream of the asset runs in that run, so the marts and
    the published snapshot never see rows the schema rejects. `record`, when given, also keeps
    the outcome (audit.check_results), passed or not.
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
            if record:
                record(warehouse, frame, cases)
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
        if record:
            record(warehouse, frame, None)
        return dg.AssetCheckResult(passed=True, metadata={"rows": len(frame)})

    return _check


def _staging_figures_of_run(context: dg.AssetCheckExecutionContext, warehouse: Warehouse) -> pd.DataFrame:
    start, end = run_window(context)
    with warehouse.connect(read_only=True) as con:
        return read_figures(con, start, end)


def _staging_unrecognised_of_run(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> pd.DataFrame:
    start, end = run_window(context)
    with warehouse.connect(read_only=True) as con:
        return read_unrecognised(con, start, end)


def _recorder(check_name: str, relation: str) -> OutcomeRecorder:
    def record(warehouse: Warehouse, frame: pd.DataFrame, cases: pd.DataFrame | None) -> None:
        results = pandera_results(frame, cases, check_name, relation, datetime.now(UTC).replace(tzinfo=None))
        with warehouse.connect() as con:
            write_check_results(con, results)

    return record


staging_figures_schema = pandera_check(
    asset=staging_figures,
    schema=FIGURES_SCHEMA,
    read=_staging_figures_of_run,
    name="staging_figures_schema",
    record=_recorder("staging_figures_schema", "staging.figures"),
)

staging_unrecognised_schema = pandera_check(
    asset=staging_figures,
    schema=UNRECOGNISED_SCHEMA,
    read=_staging_unrecognised_of_run,
    name="staging_unrecognised_schema",
    record=_recorder("staging_unrecognised_schema", "staging.unrecognised_numbers"),
)
