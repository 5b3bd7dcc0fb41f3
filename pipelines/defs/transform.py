"""Transform: the dbt project as Dagster assets, run for the months of a partition window."""

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from pipelines.defs.partitions import monthly_partitions, run_window
from pipelines.defs.resources import Warehouse
from pipelines.warehouse.checks import (
    CheckResult,
    dbt_test_results,
    loaded_submissions,
    write_check_results,
)
from pipelines.warehouse.db import drop_incremental_tables_before_scope, ensure_schema


def dbt_window_env(start: date, end: date) -> dict[str, str]:
    """The run's months as a half-open window, in the environment variables macros/run_window.sql
    reads. Not vars: dbt parses the whole project again whenever its vars change (seconds a run)."""
    return {"AGRISTAT_PERIOD_START": start.isoformat(), "AGRISTAT_PERIOD_END": end.isoformat()}


def dbt_build_args(warehouse_dir: Path) -> list[str]:
    """`dbt build` into the warehouse (the same vars every run, so dbt's partial parsing holds)."""
    return ["build", "--vars", json.dumps({"warehouse_dir": str(warehouse_dir)})]


@contextmanager
def environment(variables: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the dbt process started inside, then restore them."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class AgristatTranslator(DagsterDbtTranslator):
    """Groups the dbt assets by layer (staging, intermediate, marts), as the schemas are."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("config", {}).get("schema") or super().get_group_name(
            dbt_resource_props
        )


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    """The dbt models and their tests as one partitioned multi-asset, read from the manifest."""

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        dagster_dbt_translator=AgristatTranslator(),
    )
    def agristat_dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse
    ) -> Iterator[Any]:
        start, end = run_window(context)
        # dagster-dbt would give every invocation a new target folder (about 5 MB each); one per
        # warehouse, overwritten by each run (one at a time), keeps the last run's artifacts.
        run_results = warehouse.dbt_target / "run_results.json"
        run_results.unlink(missing_ok=True)  # never record a previous run's outcomes
        with warehouse.connect() as con:
            dropped = drop_incremental_tables_before_scope(con)
        if dropped:
            context.log.info(f"rebuilding every month of {', '.join(dropped)} (made before scope)")
        # dbt tests become Dagster asset checks as the events stream in; their outcomes also go
        # to audit.check_results, failed or not, before a failed build fails the step.
        with environment(dbt_window_env(start, end)):
            invocation = dbt.cli(
                dbt_build_args(warehouse.root),
                context=context,
                target_path=warehouse.dbt_target,
                raise_on_error=False,
            )
            yield from invocation.stream()
        if run_results.exists():
            recorded = record_dbt_checks(
                warehouse, invocation.get_artifact("run_results.json"), invocation.manifest, start, end
            )
            failed = sorted({r.check_name for r in recorded if not r.passed})
            context.log.info(f"recorded {len(recorded)} check outcomes in audit.check_results")
            if failed:
                context.log.warning(f"checks that failed: {', '.join(failed)}")
        error = invocation.get_error()
        if error is not None:
            raise error

    return agristat_dbt_models


def record_dbt_checks(
    warehouse: Warehouse, run_results: Mapping[str, Any], manifest: Mapping[str, Any], start: date, end: date
) -> list[CheckResult]:
    """Write the outcome of every dbt test of the run to audit.check_results, per loaded submission."""
    with warehouse.connect() as con:
        ensure_schema(con)
        submissions = loaded_submissions(con, start, end)
        results = dbt_test_results(
            con, run_results, manifest, submissions, datetime.now(UTC).replace(tzinfo=None)
        )
        write_check_results(con, results)
    return results
