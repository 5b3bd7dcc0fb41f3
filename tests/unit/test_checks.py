import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipelines.defs.checks import pandera_check
from pipelines.defs.partitions import monthly_partitions
from pipelines.defs.resources import Warehouse

SCHEMA = pa.DataFrameSchema(
    {"head_count": pa.Column(int, pa.Check.ge(0), description="Animals counted.")},
    description="Herd sizes are counts.",
)


@dg.asset(partitions_def=monthly_partitions)
def herds() -> None:
    """Stands for an asset that loaded rows somewhere the check reads them back from."""


@dg.asset(deps=[herds], partitions_def=monthly_partitions)
def herd_report() -> None:
    """Downstream of the checked asset: must not run when the check fails."""


def _run(tmp_path, frame: pd.DataFrame) -> dg.ExecuteInProcessResult:
    check = pandera_check(
        asset=herds, schema=SCHEMA, read=lambda context, warehouse: frame, name="herds_schema"
    )
    return dg.materialize(
        [herds, herd_report, check],
        partition_key="2023-12-01",
        resources={"warehouse": Warehouse(path=str(tmp_path))},
        raise_on_error=False,
    )


def _materialized(result: dg.ExecuteInProcessResult) -> set[dg.AssetKey]:
    return {event.asset_key for event in result.get_asset_materialization_events()}


def test_a_valid_frame_passes_and_downstream_runs(tmp_path):
    result = _run(tmp_path, pd.DataFrame({"head_count": [353350, 92760]}))
    (evaluation,) = result.get_asset_check_evaluations()
    assert evaluation.passed and evaluation.metadata["rows"].value == 2
    assert _materialized(result) == {dg.AssetKey("herds"), dg.AssetKey("herd_report")}


def test_a_failing_frame_blocks_downstream_and_attaches_the_failure_cases(tmp_path):
    result = _run(tmp_path, pd.DataFrame({"head_count": [353350, -1]}))
    (evaluation,) = result.get_asset_check_evaluations()
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    (case,) = evaluation.metadata["first_failure_cases"].value
    assert (case["column"], case["failure_case"]) == ("head_count", "-1")
    assert not result.success
    assert _materialized(result) == {dg.AssetKey("herds")}
