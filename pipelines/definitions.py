"""The Dagster code location: Definitions assembled from pipelines.defs, loaded lazily.

Nothing here runs at import: the dbt manifest is prepared and the environment read only when
Dagster (or the CLI) asks for the definitions.
"""

import dagster as dg

from pipelines.defs.automation import build_all, monthly_build, raw_files_sensor
from pipelines.defs.checks import staging_figures_schema, staging_unrecognised_schema
from pipelines.defs.exports import build_publish_assets
from pipelines.defs.ingest import raw_submissions, staging_figures
from pipelines.defs.reports import build_report_assets
from pipelines.defs.resources import build_resources, dbt_project, prepare_manifest
from pipelines.defs.transform import build_dbt_assets


def build_definitions() -> dg.Definitions:
    """All assets, checks, jobs and resources, with a dbt manifest that matches the project."""
    project = dbt_project()
    prepare_manifest(project)
    dbt_models = build_dbt_assets(project)
    published, *published_exports = build_publish_assets(dbt_models)
    return dg.Definitions(
        assets=[
            raw_submissions,
            staging_figures,
            dbt_models,
            published,
            *published_exports,
            *build_report_assets(published),
        ],
        asset_checks=[staging_figures_schema, staging_unrecognised_schema],
        jobs=[build_all],
        schedules=[monthly_build],
        sensors=[raw_files_sensor],
        resources=build_resources(project),
    )


@dg.definitions
def defs() -> dg.Definitions:
    """Entry point for `dagster dev` and other Dagster tools."""
    return build_definitions()
