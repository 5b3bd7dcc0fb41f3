from datetime import date, datetime

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipelines.defs.checks import pandera_check
from pipelines.defs.partitions import monthly_partitions
from pipelines.defs.resources import Warehouse
from pipelines.warehouse import checks
from pipelines.warehouse.checks import Failure, Submission

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


def test_the_outcome_is_recorded_passed_or_not(tmp_path):
    recorded = []

    def record(warehouse, frame, cases):
        recorded.append((len(frame), None if cases is None else len(cases)))

    for frame in (pd.DataFrame({"head_count": [1]}), pd.DataFrame({"head_count": [1, -1]})):
        check = pandera_check(
            asset=herds, schema=SCHEMA, read=lambda c, w, f=frame: f, name="herds_schema", record=record
        )
        dg.materialize(
            [herds, check],
            partition_key="2023-12-01",
            resources={"warehouse": Warehouse(path=str(tmp_path))},
            raise_on_error=False,
        )
    assert recorded == [(1, None), (2, 1)]


# ---------------------------------------------------------------- audit.check_results

DECEMBER, JANUARY = date(2023, 12, 1), date(2024, 1, 1)
NOW = datetime(2024, 2, 1, 8, 0)
LOADED = [Submission(DECEMBER, "12", "dec1"), Submission(JANUARY, "12", "jan2")]


def _results(con, failures=(), submissions=LOADED, name="violation_types_add_up"):
    return checks.outcomes(
        check_name=name,
        severity="warn",
        submissions=submissions,
        failures=list(failures),
        checked_relation="marts.fct_forest_violations",
        checked_at=NOW,
    )


def test_every_loaded_submission_gets_an_outcome_and_only_its_month_fails():
    failure = Failure(JANUARY, "12", None, 1, "stated cases 13 but the parts add up to 12")
    results = _results(None, [failure])
    assert [(r.period, r.submission_id, r.passed, r.details) for r in results] == [
        (DECEMBER, "dec1", True, None),
        (JANUARY, "jan2", False, "stated cases 13 but the parts add up to 12"),
    ]


def test_a_failure_of_a_superseded_version_is_recorded_with_it():
    failure = Failure(JANUARY, "12", "jan1", 2, "line 7: value is null")
    results = _results(None, [failure])
    assert [(r.submission_id, r.passed, r.failures) for r in results] == [
        ("dec1", True, 0),
        ("jan2", True, 0),
        ("jan1", False, 2),
    ]


def test_failing_rows_are_grouped_by_month_and_province_with_their_details():
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-01-01", "2023-12-01"]),
            "province_code": ["12", "12", "12"],
            "details": ["a", "b", "c"],
        }
    )
    failures = checks.failures_from_rows(frame, "3 failing row(s)")
    assert failures == [
        Failure(DECEMBER, "12", None, 1, "c"),
        Failure(JANUARY, "12", None, 2, "a; b"),
    ]


def test_rows_without_a_month_are_a_failure_of_the_whole_run():
    frame = pd.DataFrame({"value_field": ["pigs"], "n_records": [3]})
    (failure,) = checks.failures_from_rows(frame, "1 failing row(s)")
    assert failure.period == date.min and failure.details == "1 failing row(s): value_field pigs, n_records 3"


def _manifest(**tests):
    nodes = {
        "model.agristat.fct_forest_violations": {
            "resource_type": "model",
            "schema": "marts",
            "name": "fct_forest_violations",
        }
    }
    for name, (severity, store) in tests.items():
        nodes[f"test.agristat.{name}"] = {
            "resource_type": "test",
            "name": name,
            "config": {"severity": severity, "store_failures": store},
            "attached_node": "model.agristat.fct_forest_violations",
        }
    return {"nodes": nodes}


def test_dbt_results_read_the_stored_failures_and_spread_the_rest(db):
    db.execute("create schema check_failures")
    db.execute(
        "create table check_failures.violation_types_add_up as"
        " select date '2024-01-01' as period, '12' as province_code, 'jan2' as submission_id,"
        " 'stated cases 13 but the parts add up to 12' as details"
    )
    run_results = {
        "results": [
            {
                "unique_id": "test.agristat.violation_types_add_up",
                "status": "warn",
                "failures": 1,
                "relation_name": '"check_failures"."violation_types_add_up"',
            },
            {
                "unique_id": "test.agristat.accepted_values_fct_forest_violations_violation_type",
                "status": "fail",
                "failures": 1,
                "message": "Got 1 result, configured to fail if != 0",
            },
            {"unique_id": "test.agristat.not_null_fct_forest_violations_cases", "status": "skipped"},
            {"unique_id": "model.agristat.fct_forest_violations", "status": "success"},
        ]
    }
    manifest = _manifest(
        violation_types_add_up=("warn", True),
        accepted_values_fct_forest_violations_violation_type=("ERROR", False),
        not_null_fct_forest_violations_cases=("error", False),
    )
    results = checks.dbt_test_results(db, run_results, manifest, LOADED, NOW)
    outcome = {(r.check_name, r.submission_id): (r.severity, r.passed) for r in results}
    assert outcome == {
        ("violation_types_add_up", "dec1"): ("warn", True),
        ("violation_types_add_up", "jan2"): ("warn", False),
        ("accepted_values_fct_forest_violations_violation_type", "dec1"): ("error", False),
        ("accepted_values_fct_forest_violations_violation_type", "jan2"): ("error", False),
    }
    assert {r.checked_relation for r in results} == {"marts.fct_forest_violations"}


def test_pandera_outcomes_name_the_line_of_the_failing_figure():
    frame = pd.DataFrame(
        {
            "submission_id": ["dec1", "jan2", "jan2"],
            "period": pd.to_datetime(["2023-12-01", "2024-01-01", "2024-01-01"]),
            "province_code": ["12", "12", "12"],
            "line_start": [25, 25, 27],
        }
    )
    cases = pd.DataFrame(
        [{"column": "value", "check": "value is a finite number", "failure_case": "inf", "index": 2}]
    )
    results = checks.pandera_results(frame, cases, "staging_figures_schema", "staging.figures", NOW)
    assert [(r.submission_id, r.passed, r.severity) for r in results] == [
        ("dec1", True, "error"),
        ("jan2", False, "error"),
    ]
    assert results[1].details == "line 27: value: value is a finite number failed for 'inf'"


def test_writing_replaces_the_outcome_of_a_check_for_a_month_and_submission(db):
    failure = Failure(JANUARY, "12", None, 1, "13 but 12")
    checks.write_check_results(db, _results(db, [failure]))
    checks.write_check_results(db, _results(db, [], submissions=LOADED[1:]))
    checks.write_check_results(db, _results(db, [], submissions=LOADED[1:], name="other_check"))
    rows = db.execute(
        "select period, submission_id, check_name, passed from audit.check_results order by all"
    ).fetchall()
    assert rows == [
        (DECEMBER, "dec1", "violation_types_add_up", True),
        (JANUARY, "jan2", "other_check", True),
        (JANUARY, "jan2", "violation_types_add_up", True),
    ]
